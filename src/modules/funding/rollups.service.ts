import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import { convert, MissingRateError, rateTableOf, type RateTable } from '../../engine/fx/convert.js';
import { parseDecimal } from '../../engine/fx/decimal.js';
import { ratesUntil } from './fx.repository.js';
import { TOTAL_CURRENCIES } from './fx.schema.js';
import type { TransactionsTable } from './funding.tables.js';
import { sectorsOfProjects } from './projects.repository.js';
import type { Project } from './projects.schema.js';
import { Deltas, applyDeltas, CENT, type Stage } from './rollups.deltas.js';
import {
  amountsOf,
  areasOfProjects,
  clearRollups,
  deleteAmounts,
  insertAmounts,
  linksOfProjectArea,
  lockedRollups,
  lockProjects,
  lockRates,
  rollupsOfKey,
  transactionPage,
  transactionsByIds,
  type TransactionAmountRow,
} from './rollups.repository.js';
import { splitCents } from './sector-split.js';
import { earliestValueDates } from './transactions.repository.js';

/**
 * Totals kept, not recomputed (docs/funding.md § Totals kept). Every transaction is converted once into each
 * currency of presentation when it is written (the rule of fx/convert.ts: its value date's rate or the nearest
 * earlier, rounded to the cent) and the conversion is stored beside it; the donor, project, area and rate roll-ups
 * take each stored amount in the same database transaction as the write. Removing a transaction's share reads its
 * stored conversion, so exactly what was added is taken away. Reads then sum nothing.
 */
type Tx = TransactionsTable;

/** Which total each IATI transaction type adds to; pledges (12) stay apart from commitments (2, 11). */
export const BUCKET: Readonly<Record<string, Stage>> = { '1': 'received', '2': 'committed', '11': 'committed', '3': 'disbursed', '4': 'spent', '12': 'pledged' };

export type SectorShares = { code: string; hundredths: number }[];

/**
 * The sectors money is split over: the DAC 5-digit ones (an imported activity may also list
 * other vocabularies, which would count the money twice), else those of its first vocabulary;
 * a sector without a percentage takes an equal share.
 */
export function splitSectors(sectors: Project['sectors']): SectorShares {
  const dac = sectors.filter((x) => x.vocabulary === '1');
  const used = dac.length > 0 ? dac : sectors.filter((x) => x.vocabulary === sectors[0]?.vocabulary);
  return used.map((x) => ({ code: x.code, hundredths: Math.round((x.percentage ?? 100 / used.length) * 100) }));
}

async function rateTableFor(db: Kysely<DB>, rows: readonly Pick<Tx, 'currency' | 'value_date'>[]): Promise<RateTable> {
  const latest = rows.reduce((m, r) => (r.value_date > m ? r.value_date : m), '0000-00-00');
  const currencies = [...new Set([...TOTAL_CURRENCIES, ...rows.map((r) => r.currency)])].filter((c) => c !== 'USD');
  const rates = await ratesUntil(db, currencies, latest);
  return rateTableOf(rates.map((r) => ({ currency: r.currency, date: r.rate_date, ratePerUsd: r.rate_per_usd, source: r.source })));
}

/** A transaction converted into every currency of presentation, as stored. */
export function conversionsOf(table: RateTable, t: Tx): TransactionAmountRow[] {
  return TOTAL_CURRENCIES.map((currency) => {
    try {
      const c = convert(table, t.amount, t.currency, currency, t.value_date);
      const leg = (of: string) => (t.currency === currency ? null : (c.rates.find((r) => r.currency === of)?.date ?? null));
      return { transaction_id: t.id, currency, amount: c.amount, from_rate_date: leg(t.currency), to_rate_date: leg(currency), missing_currency: null };
    } catch (e) {
      if (!(e instanceof MissingRateError)) throw e;
      return { transaction_id: t.id, currency, amount: null, from_rate_date: null, to_rate_date: null, missing_currency: e.currency };
    }
  });
}

interface Context {
  sectors: Map<string, SectorShares>;
  areas: Map<string, string[]>;
}

async function contextOf(db: Kysely<DB>, rows: readonly Tx[]): Promise<Context> {
  const ids = [...new Set(rows.map((r) => r.project_id))];
  const sectors = new Map((await sectorsOfProjects(db, ids)).map((p) => [p.id, splitSectors(JSON.parse(p.sectors) as Project['sectors'])]));
  return { sectors, areas: await areasOfProjects(db, ids) };
}

/** One transaction's share of every roll-up, added (sign 1) or taken away (sign -1). */
function contribute(deltas: Deltas, t: Tx, amounts: readonly TransactionAmountRow[], ctx: Context, sign: 1 | -1): void {
  const stage = BUCKET[t.type] ?? 'spent';
  for (const a of amounts) {
    const cents = a.amount === null ? null : parseDecimal(a.amount) / CENT;
    const share = { currency: a.currency, stage, cents, sign };
    deltas.add({ kind: 'project', key: t.project_id, sub: '' }, share);
    for (const area of ctx.areas.get(t.project_id) ?? []) deltas.add({ kind: 'area', key: area, sub: '' }, share);
    const donor = t.provider_org_id;
    if (donor === null) continue;
    deltas.add({ kind: 'donor', key: donor, sub: '' }, share);
    deltas.add({ kind: 'donor_project', key: donor, sub: t.project_id }, share);
    if (cents === null) continue;
    for (const part of splitCents(cents, ctx.sectors.get(t.project_id) ?? [])) deltas.add({ kind: 'donor_sector', key: donor, sub: part.code }, { ...share, cents: part.cents });
    // Which rates converted the donor's money, and the latest value date each served (its age is shown).
    const legs: [string, string | null][] = [[t.currency, a.from_rate_date], [a.currency, a.to_rate_date]];
    for (const [currency, date] of legs) if (date !== null) deltas.add({ kind: 'rate', key: `${currency}|${date}`, sub: t.value_date }, { ...share, cents: 0n });
  }
}

/** Converts and counts new transactions (already inserted) in the caller's database transaction. */
export async function recordTransactions(db: Kysely<DB>, kind: DatabaseKind, rows: readonly Tx[]): Promise<void> {
  if (rows.length === 0) return;
  await lockRates(db, kind, false);
  await lockProjects(db, kind, rows.map((r) => r.project_id), 'share');
  const [table, ctx] = await Promise.all([rateTableFor(db, rows), contextOf(db, rows)]);
  const deltas = new Deltas();
  const amounts: TransactionAmountRow[] = [];
  for (const t of rows) {
    const mine = conversionsOf(table, t);
    amounts.push(...mine);
    contribute(deltas, t, mine, ctx, 1);
  }
  await insertAmounts(db, amounts);
  await applyDeltas(db, kind, deltas);
}

/** Takes transactions (about to be deleted) out of every roll-up, with what was added for them. */
export async function forgetTransactions(db: Kysely<DB>, kind: DatabaseKind, ids: readonly string[]): Promise<void> {
  await lockRates(db, kind, false);
  const rows = await transactionsByIds(db, ids);
  await lockProjects(db, kind, rows.map((r) => r.project_id), 'share');
  const [amounts, ctx] = await Promise.all([amountsOf(db, ids), contextOf(db, rows)]);
  const deltas = new Deltas();
  for (const t of rows) contribute(deltas, t, amounts.filter((a) => a.transaction_id === t.id), ctx, -1);
  await deleteAmounts(db, ids);
  await applyDeltas(db, kind, deltas);
}

/**
 * Converts transactions again and moves their shares: after a rate import (the rule may now pick another rate)
 * or a change of their project's sectors (`sectorsBefore`: the split their shares were added with).
 */
export async function reapplyTransactions(db: Kysely<DB>, kind: DatabaseKind, ids: readonly string[], sectorsBefore?: Map<string, SectorShares>): Promise<void> {
  if (ids.length === 0) return;
  await lockRates(db, kind, false);
  const rows = await transactionsByIds(db, ids);
  await lockProjects(db, kind, rows.map((r) => r.project_id), 'share');
  const [before, table, ctx] = await Promise.all([amountsOf(db, ids), rateTableFor(db, rows), contextOf(db, rows)]);
  const old: Context = sectorsBefore === undefined ? ctx : { ...ctx, sectors: new Map([...ctx.sectors, ...sectorsBefore]) };
  const byTx = new Map<string, TransactionAmountRow[]>();
  for (const a of before) byTx.set(a.transaction_id, [...(byTx.get(a.transaction_id) ?? []), a]);
  const deltas = new Deltas();
  const after: TransactionAmountRow[] = [];
  for (const t of rows) {
    contribute(deltas, t, byTx.get(t.id) ?? [], old, -1);
    const mine = conversionsOf(table, t);
    after.push(...mine);
    contribute(deltas, t, mine, ctx, 1);
  }
  await deleteAmounts(db, ids);
  await insertAmounts(db, after);
  await applyDeltas(db, kind, deltas);
}

/**
 * A project joins (sign 1) or leaves (sign -1) a priority area: called after its link is written or removed, it
 * moves the project's totals into or out of the area when this was the first or the last link between the two
 * (a project linked under two agreements counts once).
 */
export async function moveProjectInArea(db: Kysely<DB>, kind: DatabaseKind, projectId: string, area: string, sign: 1 | -1): Promise<void> {
  // Rates and the project first (a conversion or a new transaction of the project waits, or is waited for), then
  // the area's rows before the links are counted, so two writers of the same pair see each other's link; currencies
  // in the order applyDeltas locks them, so no two writers wait for each other in a circle.
  await lockRates(db, kind, false);
  await lockProjects(db, kind, [projectId], 'update');
  for (const currency of [...TOTAL_CURRENCIES].sort()) await lockedRollups(db, kind, 'area', currency, [area], [{ kind: 'area', key: area, sub: '', currency }]);
  const links = await linksOfProjectArea(db, projectId, area);
  if (links !== (sign === 1 ? 1 : 0)) return;
  const deltas = new Deltas();
  for (const row of await rollupsOfKey(db, 'project', projectId)) deltas.addRow({ kind: 'area', key: area, sub: '' }, row, sign);
  await applyDeltas(db, kind, deltas);
}

/** Rebuilds every stored conversion and roll-up from the transactions (the migration's backfill; a repair). */
export async function rebuildRollups(db: Kysely<DB>, kind: DatabaseKind, page = 5000): Promise<number> {
  await lockRates(db, kind, true);
  await clearRollups(db);
  const deltas = new Deltas();
  // One rate table for the whole walk: every currency transactions use, every date.
  const table = await rateTableFor(db, (await earliestValueDates(db)).map((f) => ({ currency: f.currency, value_date: '9999-12-31' })));
  let after: string | undefined;
  let count = 0;
  for (;;) {
    const rows = await transactionPage(db, after, page);
    if (rows.length === 0) break;
    const ctx = await contextOf(db, rows);
    const amounts: TransactionAmountRow[] = [];
    for (const t of rows) {
      const mine = conversionsOf(table, t);
      amounts.push(...mine);
      contribute(deltas, t, mine, ctx, 1);
    }
    await insertAmounts(db, amounts);
    count += rows.length;
    after = rows[rows.length - 1]?.id;
  }
  await applyDeltas(db, kind, deltas);
  return count;
}
