import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../ids.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { listNeedPage } from '../modules/needs/needs.service.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import { listOrganizationPage } from '../modules/organizations/organizations.service.js';
import { changeAssetStatus, logMaintenance, updateAssetRecord } from '../modules/assets/assets.service.js';
import { addDays } from '../dates.js';
import { addMonths, DEFAULT_RULE_SETTINGS } from '../modules/supply/donation-rules.js';
import { createWarehouse, ensureFacilityLocation } from '../modules/supply/locations.service.js';
import type { LocationRow } from '../modules/supply/locations.repository.js';
import { recallLot } from '../modules/supply/lots.service.js';
import type { ProductRow } from '../modules/supply/products.repository.js';
import { newProductRow, storeNewProducts } from '../modules/supply/products.service.js';
import { assetIntake } from '../modules/assets/assets.intake.js';
import { receiveShipment } from '../modules/supply/receipts.service.js';
import type { DonationRule, ShipmentCreate } from '../modules/supply/shipments.schema.js';
import { changeShipmentStatus, createShipment, overrideRule } from '../modules/supply/shipments.service.js';
import { dispatchStock, recordMove, setMinimum } from '../modules/supply/stock.service.js';
import { DEMO_CONSUMABLES, DEMO_EQUIPMENT, DEMO_MEDICINES, DEMO_OFF_LIST } from './demo-supply-catalogue.js';
import { loadNationalLedger } from './demo-supply-national.js';
import type { DemoScale } from './demo.js';
import { silentProgress, type DemoProgress } from './demo-progress.js';
import type { Random } from './random.js';

type Donor = 'jica' | 'who' | 'usaid' | 'eu' | 'kfw' | 'msf' | 'redcross';

async function donorIds(database: Database): Promise<Record<Donor, string>> {
  const rows = (await listOrganizationPage(database, { limit: 500 })).rows;
  const by = (f: (o: (typeof rows)[number]) => boolean, what: string) => {
    const id = rows.find(f)?.id;
    if (id === undefined) throw new Error(`demo organisation ${what} is missing`);
    return id;
  };
  return {
    jica: by((o) => o.iati_org_id === 'XM-DAC-701-8', 'JICA'),
    who: by((o) => o.iati_org_id === 'XM-DAC-928', 'WHO'),
    usaid: by((o) => o.iati_org_id === 'US-GOV-1', 'USAID'),
    eu: by((o) => o.iati_org_id === 'XI-IATI-EC_NEAR', 'European Commission'),
    kfw: by((o) => o.iati_org_id === 'XM-DAC-5-52', 'KfW'),
    msf: by((o) => o.name_en === 'Médecins Sans Frontières', 'MSF'),
    redcross: by((o) => o.name_en === 'Ukrainian Red Cross Society', 'Ukrainian Red Cross'),
  };
}

const WAREHOUSES = [
  ['UA-30', 'Central medical warehouse, Kyiv'],
  ['UA-46', 'Regional medical warehouse, Lviv'],
  ['UA-12', 'Regional medical warehouse, Dnipro'],
] as const;

/**
 * Donated shipments as a warehouse lives them, through the same services as the API (rules, audit,
 * needs): JICA, WHO, USAID, the EU, KfW, MSF and the Red Cross send medicines and equipment; some
 * arrive whole, one partly, one is still on the road, one is flagged by the donation rules and
 * waits, one was cancelled. Warehouses then dispatch first-expiry-first-out to hospitals, which
 * consume; a few lots are close to expiry and one is recalled. At national scale a bulk ledger of
 * about 5 M moves follows (demo-supply-national.ts).
 */
export async function loadSupplyDemo(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], scale: DemoScale, progress: DemoProgress = silentProgress): Promise<void> {
  const step = progress('supply');
  const settings = DEFAULT_RULE_SETTINGS;
  const donors = await donorIds(database);
  const at = nowIso();
  const today = at.slice(0, 10);
  const catalogue = [...DEMO_MEDICINES, ...DEMO_OFF_LIST, ...DEMO_CONSUMABLES, ...DEMO_EQUIPMENT.map(({ intervalDays: _i, ...p }) => p)];
  const products = catalogue.map((p) => newProductRow(p, at));
  await database.db.transaction().execute((trx) => storeNewProducts(trx, database, ctx, products));
  const byName = new Map(products.map((p) => [p.name, p]));
  const product = (prefix: string): ProductRow => {
    const p = products.find((x) => x.name.startsWith(prefix));
    if (p === undefined) throw new Error(`demo product ${prefix} is missing`);
    return p;
  };

  const warehouses: LocationRow[] = [];
  for (const [iso, name] of WAREHOUSES) {
    const oblast = OBLASTS.find((o) => o.iso3166_2 === iso);
    if (oblast !== undefined) warehouses.push(await createWarehouse(database, ctx, { name, areaKatottg: oblast.katottg }));
  }
  const [kyiv, lviv, dnipro] = warehouses as [LocationRow, LocationRow, LocationRow];
  // Hospitals that receive stock: the larger ones of the warehouses' oblasts.
  const hospitals = facilities.filter((f) => ['regional_hospital', 'city_hospital', 'district_hospital', 'children_hospital', 'maternity'].includes(f.type)).slice(0, 12);
  const clinics = await database.db.transaction().execute(async (trx) => {
    const out: LocationRow[] = [];
    for (const f of hospitals) out.push(await ensureFacilityLocation(trx, database, ctx, f.id));
    return out;
  });

  let lotNo = 0;
  const lotCode = (p: ProductRow) => `${p.atc_code?.slice(0, 3) ?? 'EQ'}${String(24000 + ++lotNo)}`;
  const medicineLines = (names: ProductRow[], expiryMonths: () => number): ShipmentCreate['lines'] =>
    names.map((p) => ({ productId: p.id, quantity: random.int(4, 30) * 10, lotCode: lotCode(p), expiry: addMonths(today, expiryMonths()) }));
  const packedInCartons = (lines: ShipmentCreate['lines'], heavy = false): NonNullable<ShipmentCreate['cartons']> =>
    lines.map((l, i) => ({ cartonNo: i + 1, weightKg: heavy && i === 0 ? '62.5' : `${random.int(8, 24)}.${random.int(0, 9)}`, contents: [{ lineNo: i + 1, quantity: l.quantity }] }));

  /** Creates, sends and (fully or partly) receives a shipment; overrides the named rules first, as a coordinator would. */
  async function ship(donor: Donor, to: LocationRow, ref: string, lines: ShipmentCreate['lines'], options: { receive: 'all' | 'half' | 'none' | 'transit'; overrides?: [DonationRule, string][]; extra?: Partial<ShipmentCreate>; serials?: (lineNo: number, n: number) => string[] }) {
    let state = await createShipment(database, ctx, { donorOrgId: donors[donor], donorReference: ref, origin: donor === 'jica' ? 'Narita, Japan' : 'Rzeszów, Poland', toLocationId: to.id, expectedArrival: addDays(today, 3), recipientAgreedOn: addDays(today, -20), cartons: packedInCartons(lines), lines, ...options.extra });
    for (const [rule, reason] of options.overrides ?? []) state = await overrideRule(database, ctx, state.shipment.id, { rule, reason });
    if (options.receive === 'none') return { state, lotIds: [] as string[], assetIds: [] as string[] };
    state = await changeShipmentStatus(database, ctx, state.shipment.id, { status: 'in_transit', version: state.shipment.version });
    if (options.receive === 'transit') return { state, lotIds: [] as string[], assetIds: [] as string[] };
    const entries = state.lines
      .filter((_, i) => options.receive === 'all' || i % 2 === 0)
      .map((l) => ({ lineId: l.id, quantity: l.quantity, ...(options.serials === undefined ? {} : { serials: options.serials(l.line_no, l.quantity) }) }));
    const r = await receiveShipment(database, ctx, state.shipment.id, { version: state.shipment.version, entries }, settings, assetIntake);
    return { state: r.state, lotIds: r.lotIds, assetIds: r.assetIds };
  }

  // A need the funding demo registered and approved for medicines: the first JICA line serves it.
  const needs = (await listNeedPage(database, ctx.principal, { status: 'approved', category: 'medicine', limit: 50 })).rows.filter((n) => n.approved_at !== null);
  const jicaLines = medicineLines(DEMO_MEDICINES.slice(0, 10).map((m) => byName.get(m.name) as ProductRow), () => random.int(18, 36));
  if (needs[0] !== undefined && jicaLines[0] !== undefined) jicaLines[0] = { ...jicaLines[0], needId: needs[0].id };
  await ship('jica', kyiv, 'JICA-UA-2025-014', jicaLines, { receive: 'all' });
  await ship('who', lviv, 'WHO-EMT-2025-203', medicineLines(DEMO_MEDICINES.slice(8, 20).map((m) => byName.get(m.name) as ProductRow), () => random.int(14, 30)), { receive: 'half' });
  await ship('usaid', dnipro, 'USAID-UA-MED-77', medicineLines(DEMO_MEDICINES.slice(18, 30).map((m) => byName.get(m.name) as ProductRow), () => random.int(14, 30)), { receive: 'all' });
  await ship('kfw', kyiv, 'KFW-2025-IV-9', DEMO_CONSUMABLES.map((c) => ({ productId: (byName.get(c.name) as ProductRow).id, quantity: random.int(5, 40) * 10, lotCode: lotCode(byName.get(c.name) as ProductRow), expiry: addMonths(today, 48) })), { receive: 'all' });
  // Short-dated stock a coordinator accepted because the front needed it now: the expiry alerts show these.
  const shortDated = [product('Tranexamic'), product('Ketamine'), product('Morphine')].map((p, i) => ({ productId: p.id, quantity: 200, lotCode: lotCode(p), expiry: addDays(today, [20, 45, 80][i] ?? 80) }));
  const urgent = await ship('redcross', dnipro, 'URCS-TRAUMA-12', shortDated, { receive: 'all', overrides: [['shelf_life', 'Trauma stock for front-line hospitals, used within weeks; accepted by the oblast coordinator.']] });

  // Equipment from JICA, received at a hospital: each unit becomes an asset.
  const clinic = clinics[0];
  if (clinic !== undefined) {
    const kit = DEMO_EQUIPMENT.map((e, i) => ({ productId: (byName.get(e.name) as ProductRow).id, quantity: i < 3 ? 2 : 1 }));
    const { assetIds } = await ship('jica', clinic, 'JICA-UA-EQ-2025-03', kit, { receive: 'all', serials: (lineNo, n) => Array.from({ length: n }, (_, k) => `JP${String(lineNo).padStart(2, '0')}-${2025000 + k}`) });
    for (const [i, id] of assetIds.entries()) {
      const interval = DEMO_EQUIPMENT[Math.min(i, DEMO_EQUIPMENT.length - 1)]?.intervalDays ?? 180;
      let asset = await updateAssetRecord(database, ctx, id, { warrantyUntil: addMonths(today, 24), maintenanceIntervalDays: interval, version: 1 });
      if (i % 4 === 3) continue; // still waiting for installation
      asset = await changeAssetStatus(database, ctx, id, { status: 'installed', installedOn: addDays(today, -random.int(30, 400)), version: asset.version });
      if (i % 4 === 0) await logMaintenance(database, ctx, id, { performedOn: addDays(today, -random.int(1, 60)), kind: 'preventive', note: 'Manufacturer service visit' });
      if (i === 2) await changeAssetStatus(database, ctx, id, { status: 'needs_attention', reason: 'SpO2 sensor intermittent; spare part ordered', version: asset.version + (i % 4 === 0 ? 1 : 0) });
    }
  }

  // Still on the road; flagged and waiting for a coordinator; cancelled by the donor.
  await ship('eu', kyiv, 'ECHO-UA-2025-441', medicineLines([product('Insulin'), product('Salbutamol'), product('Levothyroxine')], () => 24), { receive: 'transit', extra: { expectedArrival: addDays(today, 9) } });
  const flaggedLines = [
    { productId: product('Amoxicillin 500').id, quantity: 500, lotCode: 'MSF7781', expiry: addMonths(today, 7) },
    { productId: (byName.get(DEMO_OFF_LIST[0]?.name ?? '') as ProductRow).id, quantity: 300, lotCode: 'MV2231', expiry: addMonths(today, 20) },
  ];
  await createShipment(database, ctx, { donorOrgId: donors.msf, donorReference: 'MSF-LV-2025-88', origin: 'Brussels, Belgium', toLocationId: lviv.id, expectedArrival: addDays(today, 5), noticeReceivedAt: null, recipientAgreedOn: null, cartons: packedInCartons(flaggedLines, true), lines: flaggedLines });
  const cancelled = await createShipment(database, ctx, { donorOrgId: donors.redcross, donorReference: 'URCS-2025-CANCEL', origin: 'Lviv, Ukraine', toLocationId: lviv.id, expectedArrival: addDays(today, 2), recipientAgreedOn: today, lines: medicineLines([product('Paracetamol')], () => 24) });
  await changeShipmentStatus(database, ctx, cancelled.shipment.id, { status: 'cancelled', reason: 'Donor re-routed the consignment to Kharkiv', version: cancelled.shipment.version });

  // Warehouses supply hospitals first-expiry-first-out; hospitals consume.
  const stocked = [...DEMO_MEDICINES.slice(0, 10), ...DEMO_CONSUMABLES.slice(0, 3)].map((m) => byName.get(m.name) as ProductRow);
  for (const [i, target] of clinics.entries()) {
    for (const p of [stocked[i % stocked.length], stocked[(i + 3) % stocked.length]]) {
      if (p === undefined) continue;
      const moves = await dispatchStock(database, ctx, { fromLocationId: kyiv.id, toLocationId: target.id, productId: p.id, quantity: random.int(2, 6) * 5, reason: 'monthly resupply' }).catch(() => []);
      const first = moves[0];
      if (first !== undefined) await recordMove(database, ctx, { kind: 'consumption', lotId: first.lot_id, fromLocationId: target.id, quantity: Math.max(1, Math.floor(first.quantity / 3)) });
      await setMinimum(database, ctx, { locationId: target.id, productId: p.id, minimum: 40 });
    }
  }
  for (const p of [product('Tranexamic'), product('Ketamine')]) {
    const target = clinics[1];
    if (target !== undefined) await dispatchStock(database, ctx, { fromLocationId: dnipro.id, toLocationId: target.id, productId: p.id, quantity: 60, reason: 'trauma surge' });
  }
  // One recalled lot (a manufacturer's quality alert), already spread to a hospital.
  const recalled = urgent.lotIds[1];
  if (recalled !== undefined) await recallLot(database, ctx, recalled, 'Manufacturer quality alert: particulate matter in ampoules of this lot');
  await setMinimum(database, ctx, { locationId: kyiv.id, productId: product('Insulin').id, minimum: 200 });

  step.done(1);
  if (scale === 'national') await loadNationalLedger(database, ctx, random, facilities, { products: 5000, lots: 20_000, targetMoves: 5_000_000 }, progress);
}
