import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { FxRatesTable } from './funding.tables.js';

export type FxRateRow = FxRatesTable;

export async function insertFxRates(db: Kysely<DB>, rows: readonly FxRateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('fx_rates').values(rows.slice(i, i + 500)).execute();
}

/** The (currency, date) pairs among `keys` that already have a rate. */
export async function existingRateKeys(db: Kysely<DB>, currencies: readonly string[]): Promise<Set<string>> {
  if (currencies.length === 0) return new Set();
  const rows = await db.selectFrom('fx_rates').select(['currency', 'rate_date']).where('currency', 'in', [...new Set(currencies)]).execute();
  return new Set(rows.map((r) => `${r.currency}|${r.rate_date}`));
}

/** Every rate of the given currencies on or before `until`: conversions need the nearest earlier one. */
export async function ratesUntil(db: Kysely<DB>, currencies: readonly string[], until: string): Promise<FxRateRow[]> {
  if (currencies.length === 0) return [];
  return db.selectFrom('fx_rates').selectAll().where('currency', 'in', [...new Set(currencies)]).where('rate_date', '<=', until).orderBy('rate_date').execute();
}

export interface FxRateFilter {
  currency?: string;
  from?: string;
  to?: string;
}

/** Keyset page ordered by (currency, date): the sort value is "CUR|date", unique per rate. */
export async function listFxRates(db: Kysely<DB>, filter: FxRateFilter, after: { currency: string; date: string } | undefined, limit: number): Promise<FxRateRow[]> {
  let q = db.selectFrom('fx_rates').selectAll();
  if (filter.currency !== undefined) q = q.where('currency', '=', filter.currency);
  if (filter.from !== undefined) q = q.where('rate_date', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('rate_date', '<=', filter.to);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('currency', '>', after.currency), eb.and([eb('currency', '=', after.currency), eb('rate_date', '>', after.date)])]));
  return q.orderBy('currency').orderBy('rate_date').limit(limit + 1).execute();
}
