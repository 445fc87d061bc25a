import type { ReportingPeriodType } from './completeness.schema.js';

/** One reporting period: an ISO week (`2025-W10`, Monday to Sunday) or a calendar month (`2025-03`). Dates are UTC days. */
export interface ReportingPeriod {
  readonly type: ReportingPeriodType;
  readonly code: string;
  /** First day, YYYY-MM-DD. */
  readonly first: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  readonly last: string;
}

const DAY_MS = 86_400_000;
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => dateOf(dayMs(date) + days * DAY_MS);

/** The Monday of ISO week 1: the week that holds 4 January. */
function isoYearStart(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

function week(year: number, n: number): ReportingPeriod {
  const first = isoYearStart(year) + (n - 1) * 7 * DAY_MS;
  return { type: 'week', code: `${year}-W${String(n).padStart(2, '0')}`, first: dateOf(first), last: dateOf(first + 6 * DAY_MS) };
}

function month(year: number, m: number): ReportingPeriod {
  return { type: 'month', code: `${year}-${String(m).padStart(2, '0')}`, first: dateOf(Date.UTC(year, m - 1, 1)), last: dateOf(Date.UTC(year, m, 0)) };
}

/** The period of a type that holds a day. */
export function periodContaining(type: ReportingPeriodType, date: string): ReportingPeriod {
  const ms = dayMs(date);
  const d = new Date(ms);
  if (type === 'month') return month(d.getUTCFullYear(), d.getUTCMonth() + 1);
  // The ISO year of a day is the year of its week's Thursday.
  const thursday = ms + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return week(year, Math.floor((thursday - isoYearStart(year)) / (7 * DAY_MS)) + 1);
}

/** The period before this one. */
export const previousPeriod = (p: ReportingPeriod): ReportingPeriod => periodContaining(p.type, addDays(p.first, -1));

/** Reads `2025-W10` or `2025-03`; null when the code names no period (week 53 of a 52-week year, month 13). */
export function parsePeriod(code: string): ReportingPeriod | null {
  const w = /^(\d{4})-W(\d{2})$/.exec(code);
  if (w !== null) {
    const year = Number(w[1]);
    const n = Number(w[2]);
    // A year has 53 ISO weeks when 28 December falls in week 53.
    const weeks = periodContaining('week', `${year}-12-28`).code.endsWith('53') ? 53 : 52;
    return year >= 1900 && n >= 1 && n <= weeks ? week(year, n) : null;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(code);
  if (m !== null) {
    const year = Number(m[1]);
    const n = Number(m[2]);
    return year >= 1900 && n >= 1 && n <= 12 ? month(year, n) : null;
  }
  return null;
}
