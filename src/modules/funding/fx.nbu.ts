import { divide, formatPlain, isDecimal, parseDecimal, roundTo } from '../../engine/fx/decimal.js';
import type { RowError } from '../../errors.js';

/**
 * The National Bank of Ukraine's official rates as it publishes them
 * (bank.gov.ua "exchange" JSON): an array of
 * `{ r030, txt, rate, cc, exchangedate: "dd.mm.yyyy" }`, `rate` in UAH for one
 * unit of `cc`. We store rates per USD, so each day needs the NBU's USD rate:
 * rate_per_usd(c) = UAH per USD / UAH per c, and UAH's own is UAH per USD.
 * A problem names the array item as a row (the first item is row 1) and the field as its column.
 */
export const NBU_SOURCE = 'National Bank of Ukraine (official rate)';

export interface NbuRate {
  row: number;
  currency: string;
  date: string;
  ratePerUsd: string;
}

/** Ten decimals: far finer than the NBU's own four to six, so a conversion back to UAH is exact to the cent. */
const RATE_PLACES = 10;

const FIELDS = ['r030', 'txt', 'rate', 'cc', 'exchangedate'] as const;

/** "dd.mm.yyyy" to "yyyy-mm-dd", or null when it is not a real date. */
function isoDateOf(text: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (m === null) return null;
  const iso = `${m[3] ?? ''}-${m[2] ?? ''}-${m[1] ?? ''}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A JSON number as an exact decimal string (no exponent: 1e-7 becomes 0.0000001). */
function decimalOf(n: number): string {
  const plain = String(n);
  return plain.includes('e') ? n.toFixed(18).replace(/0+$/, '').replace(/\.$/, '') : plain;
}

/**
 * Takes the file's text as a string (CLI) or the already parsed body (API). Checks every item, then converts each day's rates to "per USD". Returns the rates and every problem;
 * the caller writes nothing unless the problem list is empty.
 */
export function readNbuRates(input: unknown, isKnownCurrency: (code: string) => boolean): { rates: NbuRate[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let items: unknown = input;
  if (typeof input === 'string') {
    try {
      items = JSON.parse(input);
    } catch (e) {
      return { rates: [], errors: [{ row: 0, column: '', message: `the file is not valid JSON (${(e as Error).message}); expected the NBU's array of rates` }] };
    }
  }
  if (!Array.isArray(items)) return { rates: [], errors: [{ row: 0, column: '', message: 'expected a JSON array of rates ({ r030, txt, rate, cc, exchangedate }), as the NBU publishes them' }] };
  if (items.length === 0) return { rates: [], errors: [{ row: 1, column: '', message: 'the file has no rates' }] };

  const uahPer = new Map<string, { row: number; currency: string; uah: string }[]>();
  items.forEach((item: unknown, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row, column: '', message: 'is not an object { r030, txt, rate, cc, exchangedate }' });
      return;
    }
    const v = item as Record<string, unknown>;
    const before = errors.length;
    for (const f of FIELDS) if (v[f] === undefined || v[f] === null || v[f] === '') errors.push({ row, column: f, message: 'is required' });
    const cc = typeof v.cc === 'string' ? v.cc : '';
    if (v.cc !== undefined && cc !== '' && !isKnownCurrency(cc)) errors.push({ row, column: 'cc', message: `"${cc}" is not an ISO 4217 currency code` });
    if (v.cc !== undefined && typeof v.cc !== 'string') errors.push({ row, column: 'cc', message: 'must be a text code such as "USD"' });
    const rate = typeof v.rate === 'number' && Number.isFinite(v.rate) ? decimalOf(v.rate) : typeof v.rate === 'string' ? v.rate : '';
    if (v.rate !== undefined && v.rate !== null && (!isDecimal(rate) || parseDecimal(rate) <= 0n)) errors.push({ row, column: 'rate', message: `${JSON.stringify(v.rate)} is not a positive number of hryvnias per unit` });
    const date = typeof v.exchangedate === 'string' ? isoDateOf(v.exchangedate) : null;
    if (v.exchangedate !== undefined && v.exchangedate !== null && v.exchangedate !== '' && date === null) errors.push({ row, column: 'exchangedate', message: `${JSON.stringify(v.exchangedate)} is not a date (dd.mm.yyyy)` });
    if (errors.length > before || date === null) return;
    const day = uahPer.get(date) ?? [];
    const twin = day.find((d) => d.currency === cc);
    if (twin !== undefined) {
      errors.push({ row, column: 'cc', message: `duplicate of row ${twin.row} (same currency and date)` });
      return;
    }
    day.push({ row, currency: cc, uah: rate });
    uahPer.set(date, day);
  });

  const rates: NbuRate[] = [];
  for (const [date, day] of uahPer) {
    const usd = day.find((d) => d.currency === 'USD');
    if (usd === undefined) {
      for (const d of day) errors.push({ row: d.row, column: 'exchangedate', message: `the file has no USD rate for ${date}; rates are stored per USD, so the NBU's USD rate of that day is needed` });
      continue;
    }
    const uahPerUsd = parseDecimal(usd.uah);
    rates.push({ row: usd.row, currency: 'UAH', date, ratePerUsd: formatPlain(uahPerUsd) });
    for (const d of day) {
      if (d.currency === 'USD' || d.currency === 'UAH') continue;
      rates.push({ row: d.row, currency: d.currency, date, ratePerUsd: formatPlain(roundTo(divide(uahPerUsd, parseDecimal(d.uah)), RATE_PLACES)) });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rates, errors };
}
