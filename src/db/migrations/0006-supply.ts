import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

const stamps = ['created_at', 'updated_at'] as const;

/**
 * The tables of medicines and equipment (issue 6): catalogue, locations, shipments with cartons and
 * receipts, lots, the append-only stock ledger with its balances, minimums, assets, rule overrides.
 * Quantities are whole units of the product's unit (a pack, a vial, a device): integers, never floats.
 */
export function supply(_kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      let products = db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('inn', 'text')
        .addColumn('atc_code', 'text')
        .addColumn('form', 'text')
        .addColumn('strength', 'text')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('pack_size', 'integer', (c) => c.notNull())
        // GTIN-14 (shorter GTINs are left-padded with zeros), unique when present.
        .addColumn('gtin', 'text', (c) => c.unique())
        .addColumn('essential', 'integer', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull());
      for (const s of stamps) products = products.addColumn(s, 'text', (c) => c.notNull());
      await products.addColumn('version', 'integer', (c) => c.notNull()).execute();
      await db.schema.createIndex('products_kind').on('products').columns(['kind', 'id']).execute();

      // A location holds stock: a warehouse, or a facility (one location per facility, made when first needed).
      // area_path is copied from the area (warehouse) or the facility, so scope filters are one prefix match.
      let locations = db.schema
        .createTable('locations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('facility_id', 'text', (c) => c.unique().references('facilities.id'))
        .addColumn('area_katottg', 'text', (c) => c.notNull())
        .addColumn('area_path', 'text', (c) => c.notNull())
        .addColumn('operator_org_id', 'text', (c) => c.references('organizations.id'));
      for (const s of stamps) locations = locations.addColumn(s, 'text', (c) => c.notNull());
      await locations.addColumn('version', 'integer', (c) => c.notNull()).execute();
      await db.schema.createIndex('locations_area').on('locations').column('area_path').execute();

      // notice_received_at null = the goods came without advance notice (a donation rule).
      let shipments = db.schema
        .createTable('shipments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('donor_reference', 'text', (c) => c.notNull())
        .addColumn('donor_org_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('to_location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('notice_received_at', 'text')
        .addColumn('expected_arrival', 'text', (c) => c.notNull())
        .addColumn('recipient_agreed_on', 'text')
        .addColumn('received_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull());
      for (const s of stamps) shipments = shipments.addColumn(s, 'text', (c) => c.notNull());
      await shipments.addColumn('version', 'integer', (c) => c.notNull()).execute();
      await db.schema.createIndex('shipments_donor').on('shipments').columns(['donor_org_id', 'id']).execute();
      await db.schema.createIndex('shipments_to').on('shipments').columns(['to_location_id', 'id']).execute();
      await db.schema.createIndex('shipments_status').on('shipments').columns(['status', 'id']).execute();

      await db.schema
        .createTable('shipment_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('lot_code', 'text')
        .addColumn('expiry', 'text')
        .addColumn('need_id', 'text', (c) => c.references('needs.id'))
        // JSON array of serial numbers announced for equipment, or null.
        .addColumn('serials', 'text')
        .addColumn('received_quantity', 'integer', (c) => c.notNull())
        .addColumn('rejected_quantity', 'integer', (c) => c.notNull())
        .addUniqueConstraint('shipment_lines_no', ['shipment_id', 'line_no'])
        .execute();

      // contents: JSON packing list [{ lineNo, quantity }].
      await db.schema
        .createTable('shipment_cartons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
        .addColumn('carton_no', 'integer', (c) => c.notNull())
        .addColumn('weight_kg', 'text', (c) => c.notNull())
        .addColumn('contents', 'text', (c) => c.notNull())
        .addUniqueConstraint('shipment_cartons_no', ['shipment_id', 'carton_no'])
        .execute();

      // The donor stays on the lot: stock and consumption trace back to who gave it.
      let lots = db.schema
        .createTable('lots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('lot_code', 'text', (c) => c.notNull())
        .addColumn('expiry', 'text')
        .addColumn('gtin', 'text')
        .addColumn('donor_org_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('shipment_id', 'text', (c) => c.references('shipments.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text');
      for (const s of stamps) lots = lots.addColumn(s, 'text', (c) => c.notNull());
      await lots.addColumn('version', 'integer', (c) => c.notNull()).addUniqueConstraint('lots_identity', ['product_id', 'lot_code', 'donor_org_id']).execute();
      await db.schema.createIndex('lots_expiry').on('lots').columns(['expiry', 'id']).execute();
      await db.schema.createIndex('lots_donor').on('lots').column('donor_org_id').execute();

      await db.schema
        .createTable('receipts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_by', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('receipts_shipment').on('receipts').column('shipment_id').execute();
      await db.schema
        .createTable('receipt_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('receipt_id', 'text', (c) => c.notNull().references('receipts.id'))
        .addColumn('shipment_line_id', 'text', (c) => c.notNull().references('shipment_lines.id'))
        .addColumn('lot_id', 'text', (c) => c.references('lots.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('rejected_quantity', 'integer', (c) => c.notNull())
        .addColumn('reject_reason', 'text')
        .execute();
      await db.schema.createIndex('receipt_lines_receipt').on('receipt_lines').column('receipt_id').execute();

      // The ledger: append-only. A move takes quantity out of from_location and puts it into to_location
      // (either may be null); mistakes are undone by a reversal move, never by an UPDATE or DELETE.
      await db.schema
        .createTable('stock_moves')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lot_id', 'text', (c) => c.notNull().references('lots.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('from_location_id', 'text', (c) => c.references('locations.id'))
        .addColumn('to_location_id', 'text', (c) => c.references('locations.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('reverses_id', 'text', (c) => c.unique())
        .addColumn('reason', 'text')
        .addColumn('shipment_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stock_moves_lot').on('stock_moves').columns(['lot_id', 'id']).execute();
      await db.schema.createIndex('stock_moves_product').on('stock_moves').column('product_id').execute();

      await db.schema
        .createTable('stock_balances')
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addColumn('lot_id', 'text', (c) => c.notNull().references('lots.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        // A last line of defence under the service's conditional update: the database itself refuses a negative balance.
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_balances_pk', ['location_id', 'lot_id'])
        .execute();
      await db.schema.createIndex('stock_balances_product').on('stock_balances').columns(['product_id', 'location_id']).execute();
      await db.schema.createIndex('stock_balances_lot').on('stock_balances').column('lot_id').execute();

      await db.schema
        .createTable('stock_minimums')
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('minimum', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_minimums_pk', ['location_id', 'product_id'])
        .execute();

      let assets = db.schema
        .createTable('assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('facility_id', 'text', (c) => c.references('facilities.id'))
        .addColumn('area_path', 'text')
        .addColumn('location_id', 'text', (c) => c.references('locations.id'))
        .addColumn('donor_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('shipment_id', 'text', (c) => c.references('shipments.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('installed_on', 'text')
        .addColumn('warranty_until', 'text')
        .addColumn('maintenance_interval_days', 'integer')
        .addColumn('last_maintained_on', 'text')
        // Kept in step with the log so "due or overdue" is one indexed range query.
        .addColumn('next_maintenance_due', 'text');
      for (const s of stamps) assets = assets.addColumn(s, 'text', (c) => c.notNull());
      await assets.addColumn('version', 'integer', (c) => c.notNull()).addUniqueConstraint('assets_serial', ['product_id', 'serial']).execute();
      await db.schema.createIndex('assets_due').on('assets').columns(['next_maintenance_due', 'id']).execute();
      await db.schema.createIndex('assets_facility').on('assets').columns(['facility_id', 'id']).execute();

      await db.schema
        .createTable('asset_maintenance')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
        .addColumn('performed_on', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('performed_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('asset_maintenance_asset').on('asset_maintenance').columns(['asset_id', 'performed_on']).execute();

      // A coordinator's audited decision to accept a shipment despite a donation rule it breaks.
      await db.schema
        .createTable('rule_overrides')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('overridden_by', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addUniqueConstraint('rule_overrides_rule', ['shipment_id', 'rule'])
        .execute();
    },
  };
}
