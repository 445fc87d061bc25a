import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { systemContext } from '../src/context.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { catalogueVariants, writeBulkLedger } from '../src/demo/demo-supply-national.js';
import { DEMO_ORGANIZATIONS } from '../src/demo/demo-organizations.js';
import { Random } from '../src/demo/random.js';
import { newId, nowIso } from '../src/ids.js';
import { areasByCode } from '../src/modules/geography/geography.service.js';
import { OBLASTS } from '../src/modules/geography/oblasts.js';
import { newOrganizationRow, storeNewOrganizations } from '../src/modules/organizations/organizations.service.js';
import { addMonths, DEFAULT_RULE_SETTINGS } from '../src/modules/supply/donation-rules.js';
import { insertLocations, type LocationRow } from '../src/modules/supply/locations.repository.js';
import { insertProducts } from '../src/modules/supply/products.repository.js';
import { receiveShipment } from '../src/modules/supply/receipts.service.js';
import { assetIntake } from '../src/modules/assets/assets.intake.js';
import { changeShipmentStatus, createShipment } from '../src/modules/supply/shipments.service.js';
import { productStock } from '../src/modules/supply/stock.service.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const MOVES = Number(process.env.BENCH_SUPPLY_MOVES ?? 5_000_000);
const LOTS = 20_000;
const PRODUCTS = 5_000;
const CLINICS = 30_000;
const ctx = systemContext('bench');
const admin = ctx.principal;

async function time<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** Warehouses per oblast, 30,000 clinic locations, 5,000 products, donors: the national shape, without the other modules. */
async function seed(database: Database) {
  const at = nowIso();
  const orgs = DEMO_ORGANIZATIONS.map((o) => newOrganizationRow(o, at));
  const products = catalogueVariants(PRODUCTS, at);
  const areas = await areasByCode(database.db, OBLASTS.map((o) => o.katottg));
  const location = (kind: string, name: string, katottg: string): LocationRow => {
    const area = areas.get(katottg);
    return { id: newId(), kind, name, facility_id: null, area_katottg: katottg, area_path: area?.path ?? `${katottg}/`, operator_org_id: null, created_at: at, updated_at: at, version: 1 };
  };
  const warehouses = OBLASTS.map((o) => location('warehouse', `Warehouse ${o.nameEn}`, o.katottg));
  // Clinic locations without facility rows: the ledger and the stock query never join facilities.
  const clinics = Array.from({ length: CLINICS }, (_, i) => location('facility', `Clinic ${i + 1}`, (OBLASTS[i % OBLASTS.length] as (typeof OBLASTS)[number]).katottg));
  await database.db.transaction().execute(async (trx) => {
    await storeNewOrganizations(trx, database, ctx, orgs);
    await insertProducts(trx, products);
    await insertLocations(trx, [...warehouses, ...clinics]);
  });
  return { orgs, products, warehouses, clinics };
}

async function benchDialect(database: Database, label: string): Promise<string[]> {
  const { orgs, products, warehouses, clinics } = await seed(database);
  const donorIds = orgs.filter((o) => o.type !== 'ministry').map((o) => o.id);
  const load = await time(() => writeBulkLedger(database, { warehouses, clinics, products, donorIds, lots: LOTS, targetMoves: MOVES, random: new Random(1), actor: 'bench' }));

  // Stock on hand of one product across all locations: from the balances (the route's query) against the same
  // answer summed from the ledger, for the same 50 products; the two must agree.
  const sample = Array.from({ length: 50 }, (_, i) => (products[(i * 97) % products.length] as (typeof products)[number]).id);
  const fromBalances = await time(async () => {
    const out = new Map<string, number>();
    for (const id of sample) out.set(id, (await productStock(database, admin, id)).total);
    return out;
  });
  // The same answer (by location) from the ledger: moves in minus moves out, per location, over the product's moves.
  const fromLedger = await time(async () => {
    const out = new Map<string, number>();
    for (const id of sample) {
      const r = await sql<{ location_id: string; quantity: number | string }>`
        select location_id, sum(q) as quantity from (
          select to_location_id as location_id, quantity as q from stock_moves where product_id = ${id} and to_location_id is not null
          union all select from_location_id, -quantity from stock_moves where product_id = ${id} and from_location_id is not null
        ) m group by location_id having sum(q) > 0`.execute(database.db);
      out.set(id, r.rows.reduce((s, x) => s + Number(x.quantity), 0));
    }
    return out;
  });
  for (const id of sample) if (fromBalances.value.get(id) !== fromLedger.value.get(id)) throw new Error(`stock of ${id}: balances ${fromBalances.value.get(id)} ≠ ledger ${fromLedger.value.get(id)}`);

  // Receiving a 1,000-line shipment (each line its own product and lot) through the service, against writing
  // the same rows (lots, moves, balances, receipt lines) with bare inserts in one transaction.
  const today = nowIso().slice(0, 10);
  const lines = products.slice(0, 1000).map((p, i) => ({ productId: p.id, quantity: 100 + i, lotCode: `BENCH${i}`, expiry: addMonths(today, 24) }));
  let state = await createShipment(database, ctx, { donorOrgId: donorIds[0] as string, donorReference: 'BENCH-1000', origin: 'bench', toLocationId: (warehouses[0] as LocationRow).id, expectedArrival: today, recipientAgreedOn: today, lines });
  state = await changeShipmentStatus(database, ctx, state.shipment.id, { status: 'in_transit', version: state.shipment.version });
  const receive = await time(() => receiveShipment(database, ctx, state.shipment.id, { version: state.shipment.version, entries: state.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })) }, DEFAULT_RULE_SETTINGS, assetIntake));
  if (receive.value.moves !== 1000) throw new Error(`expected 1,000 receipt moves, got ${receive.value.moves}`);
  const bare = await time(() =>
    database.db.transaction().execute(async (trx) => {
      const at = nowIso();
      const lots = products.slice(1000, 2000).map((p, i) => ({ id: newId(), product_id: p.id, lot_code: `BARE${i}`, expiry: '2030-01-01', gtin: p.gtin, donor_org_id: donorIds[0] as string, shipment_id: null, status: 'available', status_reason: null, created_at: at, updated_at: at, version: 1 }));
      for (let i = 0; i < lots.length; i += 500) await trx.insertInto('lots').values(lots.slice(i, i + 500)).execute();
      const to = (warehouses[1] as LocationRow).id;
      const moves = lots.map((l) => ({ id: newId(), kind: 'receipt', lot_id: l.id, product_id: l.product_id, from_location_id: null, to_location_id: to, quantity: 100, reverses_id: null, reason: null, shipment_id: null, actor: 'bench', at }));
      for (let i = 0; i < moves.length; i += 400) await trx.insertInto('stock_moves').values(moves.slice(i, i + 400)).execute();
      const balances = lots.map((l) => ({ location_id: to, lot_id: l.id, product_id: l.product_id, quantity: 100, updated_at: at }));
      for (let i = 0; i < balances.length; i += 500) await trx.insertInto('stock_balances').values(balances.slice(i, i + 500)).execute();
    }),
  );

  return [
    `| ${label} | bulk ledger load: ${fmt(load.value.moves)} moves, ${fmt(load.value.balances)} balances | ${fmt(load.seconds, 1)} s | ${fmt(load.value.moves / load.seconds)} moves/s |`,
    `| ${label} | stock on hand of one product by location, across all locations (from the balances; mean of 50 products) | ${fmt((fromBalances.seconds / sample.length) * 1000, 2)} ms | summing the same answer from the ledger takes ${fmt(fromLedger.seconds / fromBalances.seconds, 1)}× as long (${fmt((fromLedger.seconds / sample.length) * 1000, 2)} ms) |`,
    `| ${label} | receive a 1,000-line shipment (rules, lots, moves, balances, audit; one transaction) | ${fmt(receive.seconds * 1000, 0)} ms | ${fmt(receive.seconds / bare.seconds, 1)}× bare inserts of the same rows (${fmt(bare.seconds * 1000, 0)} ms) |`,
  ];
}

/**
 * Medicines and equipment (issue 6): the ledger at national scale (5 M moves), stock on hand of a product
 * across every location against the ledger sum, and receiving a 1,000-line shipment against bare inserts.
 * SQLite always; PostgreSQL too when DATABASE_URL points to one.
 */
export async function benchSupply(): Promise<string> {
  const rows: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-supply-bench-'));
  const file = path.join(dir, 'bench.db');
  const sqlite = openDatabase({ url: `sqlite:${file}`, kind: 'sqlite', sqlitePath: file });
  try {
    await migrateToLatest(sqlite);
    rows.push(...(await benchDialect(sqlite, 'SQLite')));
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined;
  if (pgUrl !== undefined) {
    const name = `bench_supply_${process.pid}`;
    const adminClient = new pg.Client({ connectionString: pgUrl });
    await adminClient.connect();
    await adminClient.query(`create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const postgres = openDatabase({ url: url.toString(), kind: 'postgres', poolSize: 4 });
    try {
      await migrateToLatest(postgres);
      rows.push(...(await benchDialect(postgres, 'PostgreSQL')));
    } finally {
      await postgres.close();
      await adminClient.query(`drop database if exists ${name} with (force)`);
      await adminClient.end();
    }
  }
  return [
    '## Medicines and equipment (supply)',
    '',
    `Ledger of ${fmt(MOVES)} stock moves over ${fmt(LOTS)} lots, ${fmt(PRODUCTS)} products, ${OBLASTS.length} warehouses and ${fmt(CLINICS)} clinic locations (receipt → dispatch → consumption per lot), written by the national demo loader.`,
    '',
    '| Database | Measure | Time | Against the baseline |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
