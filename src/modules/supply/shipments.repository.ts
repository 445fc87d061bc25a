import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from './supply.scope.js';
import type { ReceiptLinesTable, ReceiptsTable, RuleOverridesTable, ShipmentCartonsTable, ShipmentLinesTable, ShipmentsTable } from './supply.tables.js';

export type ShipmentRow = ShipmentsTable;
export type ShipmentLineRow = ShipmentLinesTable;
export type CartonRow = ShipmentCartonsTable;
export type OverrideRow = RuleOverridesTable;
export type ReceiptRow = ReceiptsTable;
export type ReceiptLineRow = ReceiptLinesTable;
export interface ShipmentListRow extends ShipmentRow {
  donor_name: string;
  donor_name_uk: string;
  donor_name_ja: string | null;
  to_location_name: string;
}
export interface LineWithProduct extends ShipmentLineRow {
  product_name: string;
  product_kind: string;
  product_gtin: string | null;
  product_essential: number;
  /** How the product is counted: a need in another unit converts by these (needs.units.ts). */
  product_unit: string;
  product_pack_size: number;
  product_form: string | null;
}

async function chunked<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function insertShipment(db: Kysely<DB>, shipment: ShipmentRow, lines: readonly ShipmentLineRow[], cartons: readonly CartonRow[]): Promise<void> {
  await db.insertInto('shipments').values(shipment).execute();
  await chunked(lines, 500, (c) => db.insertInto('shipment_lines').values(c).execute());
  await chunked(cartons, 1000, (c) => db.insertInto('shipment_cartons').values(c).execute());
}

function shipmentsQuery(db: Kysely<DB>, view: SupplyView) {
  let q = db
    .selectFrom('shipments')
    .innerJoin('organizations', 'organizations.id', 'shipments.donor_org_id')
    .innerJoin('locations', 'locations.id', 'shipments.to_location_id')
    .selectAll('shipments')
    .select(['organizations.name_en as donor_name', 'organizations.name_uk as donor_name_uk', 'organizations.name_ja as donor_name_ja', 'locations.name as to_location_name']);
  if (!view.all) q = q.where(viewCondition(view, { facility: 'locations.facility_id', areaPath: 'locations.area_path', donor: 'shipments.donor_org_id' }));
  return q;
}

export async function findShipment(db: Kysely<DB>, view: SupplyView, id: string): Promise<ShipmentListRow | undefined> {
  return shipmentsQuery(db, view).where('shipments.id', '=', id).executeTakeFirst();
}

export async function listShipments(db: Kysely<DB>, view: SupplyView, filter: { status?: string; donorOrgId?: string; toLocationId?: string }, beforeId: string | undefined, limit: number): Promise<ShipmentListRow[]> {
  let q = shipmentsQuery(db, view);
  if (filter.status !== undefined) q = q.where('shipments.status', '=', filter.status);
  if (filter.donorOrgId !== undefined) q = q.where('shipments.donor_org_id', '=', filter.donorOrgId);
  if (filter.toLocationId !== undefined) q = q.where('shipments.to_location_id', '=', filter.toLocationId);
  if (beforeId !== undefined) q = q.where('shipments.id', '<', beforeId);
  return q.orderBy('shipments.id', 'desc').limit(limit + 1).execute();
}

export async function linesOf(db: Kysely<DB>, shipmentId: string): Promise<LineWithProduct[]> {
  return db
    .selectFrom('shipment_lines')
    .innerJoin('products', 'products.id', 'shipment_lines.product_id')
    .selectAll('shipment_lines')
    .select(['products.name as product_name', 'products.kind as product_kind', 'products.gtin as product_gtin', 'products.essential as product_essential', 'products.unit as product_unit', 'products.pack_size as product_pack_size', 'products.form as product_form'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('line_no')
    .execute();
}

export async function cartonsOf(db: Kysely<DB>, shipmentId: string): Promise<CartonRow[]> {
  return db.selectFrom('shipment_cartons').selectAll().where('shipment_id', '=', shipmentId).orderBy('carton_no').execute();
}

export async function overridesOf(db: Kysely<DB>, shipmentId: string): Promise<OverrideRow[]> {
  return db.selectFrom('rule_overrides').selectAll().where('shipment_id', '=', shipmentId).orderBy('at').execute();
}

export async function insertOverride(db: Kysely<DB>, row: OverrideRow): Promise<void> {
  await db.insertInto('rule_overrides').values(row).execute();
}

export async function receiptsOf(db: Kysely<DB>, shipmentId: string) {
  return db
    .selectFrom('receipts')
    .leftJoin('receipt_lines', 'receipt_lines.receipt_id', 'receipts.id')
    .select(['receipts.id', 'receipts.received_at', 'receipts.received_by', 'receipts.note'])
    .select((eb) => [eb.fn.count<number>('receipt_lines.id').as('lines'), eb.fn.sum<number>('receipt_lines.quantity').as('quantity'), eb.fn.sum<number>('receipt_lines.rejected_quantity').as('rejected')])
    .where('receipts.shipment_id', '=', shipmentId)
    .groupBy(['receipts.id', 'receipts.received_at', 'receipts.received_by', 'receipts.note'])
    .orderBy('receipts.received_at')
    .execute();
}

export async function insertReceipt(db: Kysely<DB>, receipt: ReceiptRow, lines: readonly ReceiptLineRow[]): Promise<void> {
  await db.insertInto('receipts').values(receipt).execute();
  await chunked(lines, 500, (c) => db.insertInto('receipt_lines').values(c).execute());
}

export async function addLineQuantities(db: Kysely<DB>, lineId: string, received: number, rejected: number): Promise<void> {
  await db
    .updateTable('shipment_lines')
    .set((eb) => ({ received_quantity: eb('received_quantity', '+', received), rejected_quantity: eb('rejected_quantity', '+', rejected) }))
    .where('id', '=', lineId)
    .execute();
}

export async function updateShipment(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<ShipmentRow>): Promise<boolean> {
  const r = await db.updateTable('shipments').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
