import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import type { OrganizationRow } from '../organizations/organizations.tables.js';
import type { FundingRollupsTable, TransactionAmountsTable, TransactionsTable } from './funding.tables.js';

export type TransactionAmountRow = TransactionAmountsTable;
export type RollupRow = FundingRollupsTable;
export type RollupKey = Pick<RollupRow, 'kind' | 'key' | 'sub' | 'currency'>;
type Tx = TransactionsTable;

/** Rows per statement: under SQLite's bind-parameter limit with every column bound. */
const CHUNK = 400;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * A transaction's conversion reads the rates while a rate import may be reconverting: on PostgreSQL the import
 * takes this lock exclusively and each transaction write shares it, so no write converts with rates the import is
 * about to change (SQLite has one writer at a time already).
 */
export async function lockRates(db: Kysely<DB>, kind: DatabaseKind, exclusive: boolean): Promise<void> {
  if (kind !== 'postgres') return;
  if (exclusive) await sql`select pg_advisory_xact_lock(424243)`.execute(db);
  else await sql`select pg_advisory_xact_lock_shared(424243)`.execute(db);
}

/**
 * PostgreSQL: a write that adds to a project's totals reads the project's sectors and areas first, so it shares a
 * lock on the project's row; linking the project to an area (which moves its totals) takes it exclusively, and a
 * change of the project's sectors holds it by updating the row. Either waits for the other to commit.
 */
export async function lockProjects(db: Kysely<DB>, kind: DatabaseKind, ids: readonly string[], mode: 'share' | 'update'): Promise<void> {
  if (kind !== 'postgres') return;
  for (const part of chunks([...new Set(ids)].sort())) {
    const q = db.selectFrom('projects').select('id').where('id', 'in', part).orderBy('id');
    await (mode === 'share' ? q.forShare() : q.forUpdate()).execute();
  }
}

export async function insertAmounts(db: Kysely<DB>, rows: readonly TransactionAmountRow[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('transaction_amounts').values(part).execute();
}

export async function amountsOf(db: Kysely<DB>, transactionIds: readonly string[]): Promise<TransactionAmountRow[]> {
  const out: TransactionAmountRow[] = [];
  for (const part of chunks(transactionIds)) out.push(...(await db.selectFrom('transaction_amounts').selectAll().where('transaction_id', 'in', part).execute()));
  return out;
}

export async function deleteAmounts(db: Kysely<DB>, transactionIds: readonly string[]): Promise<void> {
  for (const part of chunks(transactionIds)) await db.deleteFrom('transaction_amounts').where('transaction_id', 'in', part).execute();
}

export async function transactionsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Tx[]> {
  const out: Tx[] = [];
  for (const part of chunks(ids)) out.push(...(await db.selectFrom('transactions').selectAll().where('id', 'in', part).execute()));
  return out;
}

export async function transactionIdsOfProject(db: Kysely<DB>, projectId: string): Promise<string[]> {
  return (await db.selectFrom('transactions').select('id').where('project_id', '=', projectId).execute()).map((r) => r.id);
}

/** Transactions valued in [from, until) (until null: no end), of one currency or of any. */
export async function transactionIdsValued(db: Kysely<DB>, currency: string | null, from: string, until: string | null): Promise<string[]> {
  let q = db.selectFrom('transactions').select('id').where('value_date', '>=', from);
  if (until !== null) q = q.where('value_date', '<', until);
  if (currency !== null) q = q.where('currency', '=', currency);
  return (await q.execute()).map((r) => r.id);
}

/** The priority areas each project is linked to (under any agreement), for the area roll-ups. */
export async function areasOfProjects(db: Kysely<DB>, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks([...new Set(projectIds)])) {
    const rows = await db.selectFrom('project_links').select(['project_id', 'area']).distinct().where('project_id', 'in', part).execute();
    for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r.area]);
  }
  return out;
}

export async function linksOfProjectArea(db: Kysely<DB>, projectId: string, area: string): Promise<number> {
  const row = await db.selectFrom('project_links').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).where('area', '=', area).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The roll-up rows of these keys (one kind and currency), locked on PostgreSQL until the write commits: rows
 * that do not exist yet are first inserted empty, so two writers adding the same new key wait for each other
 * instead of one failing on the primary key.
 */
export async function lockedRollups(db: Kysely<DB>, kind: DatabaseKind, rollup: string, currency: string, keys: readonly string[], create: readonly RollupKey[]): Promise<RollupRow[]> {
  if (kind === 'postgres') {
    for (const part of chunks(create)) {
      const empty = part.map((k) => ({ kind: k.kind, key: k.key, sub: k.sub, currency: k.currency, pledged: '0.00', committed: '0.00', disbursed: '0.00', spent: '0.00', received: '0.00', transactions: 0, missing: 0, projects: 0 }));
      await db.insertInto('funding_rollups').values(empty).onConflict((oc) => oc.doNothing()).execute();
    }
  }
  const out: RollupRow[] = [];
  for (const part of chunks([...keys].sort())) {
    const q = db.selectFrom('funding_rollups').selectAll().where('kind', '=', rollup).where('currency', '=', currency).where('key', 'in', part).orderBy('key').orderBy('sub');
    out.push(...(await (kind === 'postgres' ? q.forUpdate() : q).execute()));
  }
  return out;
}

export async function upsertRollups(db: Kysely<DB>, rows: readonly RollupRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('funding_rollups')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['kind', 'currency', 'key', 'sub']).doUpdateSet((eb) => ({
          pledged: eb.ref('excluded.pledged'),
          committed: eb.ref('excluded.committed'),
          disbursed: eb.ref('excluded.disbursed'),
          spent: eb.ref('excluded.spent'),
          received: eb.ref('excluded.received'),
          transactions: eb.ref('excluded.transactions'),
          missing: eb.ref('excluded.missing'),
          projects: eb.ref('excluded.projects'),
        })),
      )
      .execute();
  }
}

export async function deleteRollup(db: Kysely<DB>, k: RollupKey): Promise<void> {
  await db.deleteFrom('funding_rollups').where('kind', '=', k.kind).where('currency', '=', k.currency).where('key', '=', k.key).where('sub', '=', k.sub).execute();
}

/** Empties every roll-up and stored conversion (the rebuild refills them). */
export async function clearRollups(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('funding_rollups').execute();
  await db.deleteFrom('transaction_amounts').execute();
}

export async function rollupsOf(db: Kysely<DB>, rollup: string, currency: string, keys?: readonly string[]): Promise<RollupRow[]> {
  if (keys === undefined) return db.selectFrom('funding_rollups').selectAll().where('kind', '=', rollup).where('currency', '=', currency).execute();
  const out: RollupRow[] = [];
  for (const part of chunks([...new Set(keys)])) out.push(...(await db.selectFrom('funding_rollups').selectAll().where('kind', '=', rollup).where('currency', '=', currency).where('key', 'in', part).execute()));
  return out;
}

/** The organisations of the donors with a roll-up in `currency`, in one read however many donors there are. */
export async function donorOrganizations(db: Kysely<DB>, currency: string): Promise<OrganizationRow[]> {
  const donors = db.selectFrom('funding_rollups').select('key').where('kind', '=', 'donor').where('currency', '=', currency);
  return db.selectFrom('organizations').selectAll().where('id', 'in', donors).execute();
}

/** Per rate (key "currency|date") how many donor transactions it converted into `currency`, and the latest value date it served. */
export async function rateUse(db: Kysely<DB>, currency: string): Promise<{ key: string; transactions: number; latest: string }[]> {
  const rows = await db
    .selectFrom('funding_rollups')
    .select((eb) => ['key', eb.fn.sum<number | string>('transactions').as('transactions'), eb.fn.max<string>('sub').as('latest')])
    .where('kind', '=', 'rate')
    .where('currency', '=', currency)
    .where('transactions', '>', 0)
    .groupBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, transactions: Number(r.transactions), latest: r.latest }));
}

/** Every currency's roll-up row of one key (a project's, to move into or out of an area). */
export async function rollupsOfKey(db: Kysely<DB>, rollup: string, key: string): Promise<RollupRow[]> {
  return db.selectFrom('funding_rollups').selectAll().where('kind', '=', rollup).where('key', '=', key).execute();
}

/** Transactions in id order whose conversion into `currency` lacks a rate; donors only: those with a provider. */
export async function missingAmounts(db: Kysely<DB>, currency: string, projectId: string | null, limit: number): Promise<{ id: string; value_date: string; missing_currency: string }[]> {
  let q = db
    .selectFrom('transaction_amounts as a')
    .innerJoin('transactions as t', 't.id', 'a.transaction_id')
    .select(['t.id', 't.value_date', 'a.missing_currency'])
    .where('a.currency', '=', currency)
    .where('a.missing_currency', 'is not', null);
  q = projectId === null ? q.where('t.provider_org_id', 'is not', null) : q.where('t.project_id', '=', projectId);
  const rows = await q.orderBy('t.id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, value_date: r.value_date, missing_currency: r.missing_currency ?? '' }));
}

/** A project's transactions with their stored conversion into `currency` and the rates' values and sources. */
export async function projectAmounts(db: Kysely<DB>, projectId: string, currency: string) {
  return db
    .selectFrom('transactions as t')
    .leftJoin('transaction_amounts as a', (j) => j.onRef('a.transaction_id', '=', 't.id').on('a.currency', '=', currency))
    .leftJoin('fx_rates as rf', (j) => j.onRef('rf.currency', '=', 't.currency').onRef('rf.rate_date', '=', 'a.from_rate_date'))
    .leftJoin('fx_rates as rt', (j) => j.on('rt.currency', '=', currency).onRef('rt.rate_date', '=', 'a.to_rate_date'))
    .select(['t.id', 't.type', 't.amount as original', 't.currency as original_currency', 't.value_date', 'a.amount', 'a.missing_currency', 'a.from_rate_date', 'a.to_rate_date'])
    .select(['rf.rate_per_usd as from_rate', 'rf.source as from_source', 'rt.rate_per_usd as to_rate', 'rt.source as to_source'])
    .where('t.project_id', '=', projectId)
    .orderBy('t.id')
    .execute();
}

/** The stored rates of one currency on these dates (a roll-up names its rates by currency and date). */
export async function ratesOn(db: Kysely<DB>, currency: string, dates: readonly string[]): Promise<{ rate_date: string; rate_per_usd: string; source: string }[]> {
  const out: { rate_date: string; rate_per_usd: string; source: string }[] = [];
  for (const part of chunks([...new Set(dates)])) out.push(...(await db.selectFrom('fx_rates').select(['rate_date', 'rate_per_usd', 'source']).where('currency', '=', currency).where('rate_date', 'in', part).execute()));
  return out;
}

/** The next stored rate date of a currency after `date` (a new rate governs the value dates up to it). */
export async function nextRateDate(db: Kysely<DB>, currency: string, date: string): Promise<string | null> {
  const row = await db.selectFrom('fx_rates').select('rate_date').where('currency', '=', currency).where('rate_date', '>', date).orderBy('rate_date').limit(1).executeTakeFirst();
  return row?.rate_date ?? null;
}

/** Transactions a page at a time in id order (the rebuild walks the whole table). */
export async function transactionPage(db: Kysely<DB>, afterId: string | undefined, limit: number): Promise<Tx[]> {
  let q = db.selectFrom('transactions').selectAll();
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
