import { divide, formatDecimal, formatPlain, multiply, parseDecimal, roundTo } from './decimal.js';

/**
 * Currency conversion through USD. A rate is "units of the currency per 1 USD"
 * on a date. The rule (docs/funding.md): use the rate of the value date or the
 * nearest earlier date; a missing rate is an error, never 1:1. Each converted
 * part is rounded half-even to cents, and totals are the sum of the rounded
 * parts, so a total always equals the sum of the figures shown beside it.
 */
export interface FxRate {
  currency: string;
  date: string;
  ratePerUsd: string;
  source: string;
}

/** The rate used for one leg of a conversion, said so to the user. */
export interface RateUsed {
  currency: string;
  ratePerUsd: string;
  date: string;
  source: string;
  /** Days between the rate's date and the date converted (0: a rate of that very day). */
  ageDays: number;
  /** Older than the table's limit: the figure is shown with a warning, never silently. */
  stale: boolean;
}

export interface Converted {
  amount: string;
  currency: string;
  original: { amount: string; currency: string; valueDate: string };
  /** Empty when no conversion was needed (same currency). */
  rates: RateUsed[];
}

export class MissingRateError extends Error {
  constructor(
    readonly currency: string,
    readonly date: string,
  ) {
    super(`no ${currency} rate on or before ${date}`);
  }
}

/** Every amount is shown to the cent, whatever the currency (documented simplification). */
export const MONEY_PLACES = 2;

/** A December amount converted with a rate 14 months old is misleading: past this age a rate is flagged. */
export const DEFAULT_MAX_RATE_AGE_DAYS = 31;

/** Rates by currency, each list sorted by date, for nearest-earlier look-ups, and the age past which a rate is stale. */
export type RateTable = ReadonlyMap<string, readonly FxRate[]> & { readonly maxAgeDays?: number };

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function rateTableOf(rates: readonly FxRate[], maxAgeDays = DEFAULT_MAX_RATE_AGE_DAYS): RateTable {
  const table: Map<string, FxRate[]> & { maxAgeDays?: number } = new Map<string, FxRate[]>();
  table.maxAgeDays = maxAgeDays;
  for (const r of rates) {
    const list = table.get(r.currency) ?? [];
    list.push(r);
    table.set(r.currency, list);
  }
  for (const list of table.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return table;
}

/** The rate of `date` or the nearest earlier one; USD is 1 by definition, not by default. */
export function rateOn(table: RateTable, currency: string, date: string): RateUsed {
  if (currency === 'USD') return { currency, ratePerUsd: '1', date, source: 'definition', ageDays: 0, stale: false };
  const list = table.get(currency) ?? [];
  let found: FxRate | undefined;
  for (const r of list) {
    if (r.date > date) break;
    found = r;
  }
  if (found === undefined) throw new MissingRateError(currency, date);
  const ageDays = daysBetween(found.date, date);
  return { currency, ratePerUsd: found.ratePerUsd, date: found.date, source: found.source, ageDays, stale: ageDays > (table.maxAgeDays ?? DEFAULT_MAX_RATE_AGE_DAYS) };
}

/** Converts one amount on its value date, rounded half-even to cents. */
export function convert(table: RateTable, amount: string, from: string, to: string, valueDate: string): Converted {
  const original = { amount, currency: from, valueDate };
  const value = parseDecimal(amount);
  if (from === to) return { amount: formatDecimal(roundTo(value, MONEY_PLACES), MONEY_PLACES), currency: to, original, rates: [] };
  const legs = [rateOn(table, from, valueDate), rateOn(table, to, valueDate)];
  const usd = divide(value, parseDecimal(legs[0]?.ratePerUsd ?? '1'));
  const target = multiply(usd, parseDecimal(legs[1]?.ratePerUsd ?? '1'));
  return {
    amount: formatDecimal(roundTo(target, MONEY_PLACES), MONEY_PLACES),
    currency: to,
    original,
    rates: legs.filter((l) => l.currency !== 'USD').map((l) => ({ ...l, ratePerUsd: formatPlain(parseDecimal(l.ratePerUsd)) })),
  };
}

/** Sums already-rounded converted parts exactly. */
export function sumAmounts(amounts: readonly string[]): string {
  return formatDecimal(amounts.reduce((s, a) => s + parseDecimal(a), 0n), MONEY_PLACES);
}
