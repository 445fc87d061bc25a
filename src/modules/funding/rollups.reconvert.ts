import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import type { FxRatesTable } from './funding.tables.js';
import { TOTAL_CURRENCIES } from './fx.schema.js';
import { lockRates, nextRateDate, transactionIdsValued } from './rollups.repository.js';
import { reapplyTransactions } from './rollups.service.js';

/**
 * After new rates are stored (in the import's database transaction): a rate of currency C dated D governs the
 * value dates from D until C's next stored rate, for transactions in C and for every conversion into C when C is a
 * currency of presentation. Those transactions are converted again and their totals moved, so a stored figure is
 * always the one the rule gives with the rates now stored (docs/funding.md § Rates added later). Returns how many
 * transactions were reconverted.
 */
export async function reconvertForRates(db: Kysely<DB>, kind: DatabaseKind, rates: readonly Pick<FxRatesTable, 'currency' | 'rate_date'>[]): Promise<number> {
  if (rates.length === 0) return 0;
  await lockRates(db, kind, true);
  const ids = new Set<string>();
  for (const r of rates) {
    const until = await nextRateDate(db, r.currency, r.rate_date);
    const presented = (TOTAL_CURRENCIES as readonly string[]).includes(r.currency);
    for (const id of await transactionIdsValued(db, presented ? null : r.currency, r.rate_date, until)) ids.add(id);
  }
  const list = [...ids].sort();
  // In slices, so a large import holds a bounded set of rows in memory at a time.
  for (let i = 0; i < list.length; i += 5000) await reapplyTransactions(db, kind, list.slice(i, i + 5000));
  return list.length;
}
