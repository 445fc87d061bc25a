/**
 * GS1's syntax tests ("linters"), each named as the Barcode Syntax Dictionary names it. A linter gets one
 * component of an AI's value and answers null when it is fine, otherwise the reason as a phrase that
 * follows the AI's name ("(17) USE BY or EXPIRY: there is no month 13").
 */
import { ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, MEDIA_TYPES, PACKAGE_TYPES } from './gs1-code-lists.js';

export class Gs1SyntaxError extends Error {}

/** GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * YYMMDD to YYYY-MM-DD. The century follows GS1 General Specifications 7.12: a year more than
 * 50 years ahead of the reference year is in the past century, one more than 49 years behind in the next.
 * Day 00 (only where the dictionary's yymmd0 allows it) means the last day of the month.
 */
export function gs1Date(raw: string, ai: string, referenceYear: number, dayZero = true): string {
  if (!/^[0-9]{6}$/.test(raw)) throw new Gs1SyntaxError(`AI (${ai}) date "${raw}" must be 6 digits YYMMDD`);
  const yy = Number(raw.slice(0, 2));
  const month = Number(raw.slice(2, 4));
  const day = Number(raw.slice(4, 6));
  const base = referenceYear - (referenceYear % 100);
  let year = base + yy;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) year -= 100;
  else if (diff <= -50) year += 100;
  return `${year}-${pad2(month)}-${pad2(checkedDay(year, month, day, raw, ai, dayZero))}`;
}

function checkedDay(year: number, month: number, day: number, raw: string, ai: string, dayZero: boolean): number {
  if (month < 1 || month > 12) throw new Gs1SyntaxError(`AI (${ai}) date "${raw}" is impossible: there is no month ${pad2(month)}`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0 && !dayZero) throw new Gs1SyntaxError(`AI (${ai}) date "${raw}" is impossible: day 00 is allowed only in dates that may name just a month`);
  if (day > lastDay) throw new Gs1SyntaxError(`AI (${ai}) date "${raw}" is impossible: ${year}-${pad2(month)} has ${lastDay} days`);
  return day === 0 ? lastDay : day;
}

/** Reference year for the century window of two-digit years. */
export interface LintContext {
  ai: string;
  referenceYear: number;
}
type Linter = (value: string, ctx: LintContext) => string | null;

const inSet = (set: ReadonlySet<string>, what: string): Linter => (v) => (set.has(v) ? null : `"${v}" is not ${what}`);
const range = (min: number, max: number, what: string): Linter => (v) => (/^[0-9]+$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `"${v}" is not ${what} (${String(min).padStart(v.length, '0')}–${max})`);
const dateLinter = (dayZero: boolean, digits: 6 | 8): Linter => (v, ctx) => {
  try {
    if (digits === 8) {
      const century = Number(v.slice(0, 2));
      gs1Date(v.slice(2), ctx.ai, century * 100 + Number(v.slice(2, 4)), dayZero);
    } else gs1Date(v, ctx.ai, ctx.referenceYear, dayZero);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^AI \([0-9]+\) /, '');
  }
};
const gcpAt = (offset: number): Linter => (v) => (/^[0-9]{4}/.test(v.slice(offset)) ? null : `"${v}" does not ${offset === 0 ? 'start' : 'continue after its first digit'} with a GS1 Company Prefix (at least 4 digits)`);

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

function checkPair(v: string): string | null {
  if (v.length < 2) return `"${v}" is too short to end with a check character pair`;
  const body = v.slice(0, -2);
  // Primes weight the characters from the right; 25 characters is the longest AI with a pair (8013, 8014).
  const weights = [...PRIMES].slice(0, body.length).reverse();
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[i] as string) * (weights[i] ?? 0);
  sum %= 1021;
  const expected = `${CSET32[sum >> 5]}${CSET32[sum & 31]}`;
  return v.slice(-2) === expected ? null : `"${v}" has a wrong check character pair: ${v.slice(-2)} (expected ${expected})`;
}

function iban(v: string): string | null {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(v)) return `"${v}" is not an IBAN (country, 2 check digits, then letters and digits)`;
  if (!ISO3166_ALPHA2.has(v.slice(0, 2))) return `"${v}" is not an IBAN: ${v.slice(0, 2)} is not a country code`;
  const digits = (v.slice(4) + v.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? null : `"${v}" is not an IBAN: its check digits are wrong`;
}

export const LINTERS: Readonly<Record<string, Linter>> = {
  csum: (v) => (/^[0-9]+$/.test(v) && gs1CheckDigit(v.slice(0, -1)) === Number(v.slice(-1)) ? null : `${v} has a wrong check digit: ${v.slice(-1)} (expected ${gs1CheckDigit(v.slice(0, -1))})`),
  csumalpha: checkPair,
  gcppos1: gcpAt(0),
  gcppos2: gcpAt(1),
  hasnondigit: (v) => (/[^0-9]/.test(v) ? null : `"${v}" must contain a character other than a digit`),
  hh: range(0, 23, 'an hour'),
  mi: range(0, 59, 'a minute'),
  ss: range(0, 59, 'a second'),
  hhmi: (v) => range(0, 23, 'an hour')(v.slice(0, 2), { ai: '', referenceYear: 0 }) ?? range(0, 59, 'a minute')(v.slice(2), { ai: '', referenceYear: 0 }),
  hyphen: (v) => (v === '-' ? null : `"${v}" must be a hyphen (-)`),
  iban,
  importeridx: (v) => (/^[-0-9A-Z_a-z]$/.test(v) ? null : `"${v}" is not an importer index (one letter, digit, - or _)`),
  iso3166: inSet(ISO3166_NUMERIC, 'an ISO 3166 country code'),
  iso3166999: (v) => (v === '999' || ISO3166_NUMERIC.has(v) ? null : `"${v}" is not an ISO 3166 country code or 999`),
  iso3166alpha2: inSet(ISO3166_ALPHA2, 'an ISO 3166 two-letter country code'),
  iso4217: inSet(ISO4217_NUMERIC, 'an ISO 4217 currency code'),
  iso5218: inSet(new Set(['0', '1', '2', '9']), 'an ISO 5218 sex code (0, 1, 2 or 9)'),
  latitude: range(0, 1_800_000_000, 'a latitude'),
  longitude: range(0, 3_600_000_000, 'a longitude'),
  mediatype: inSet(MEDIA_TYPES, 'an AIDC media type'),
  nonzero: (v) => (/^0+$/.test(v) ? `"${v}" must not be zero` : null),
  nozeroprefix: (v) => (v.length > 1 && v.startsWith('0') ? `"${v}" must not start with 0` : null),
  zero: (v) => (v === '0' ? null : `"${v}" must be 0`),
  packagetype: inSet(PACKAGE_TYPES, 'a GS1 package type code'),
  pcenc: (v) => (/%(?![0-9A-Fa-f]{2})/.test(v) ? `"${v}" has a % that does not start a percent-encoded byte (%20)` : null),
  pieceoftotal: (v) => {
    const piece = Number(v.slice(0, 2));
    const total = Number(v.slice(2, 4));
    return piece >= 1 && total >= 1 && piece <= total ? null : `"${v}" is not piece NN of a total NN (piece 01 up to the total)`;
  },
  posinseqslash: (v) => {
    const m = /^([1-9])\/([1-9])$/.exec(v);
    return m !== null && Number(m[1]) <= Number(m[2]) ? null : `"${v}" is not a position in a sequence such as 1/2`;
  },
  winding: inSet(new Set(['0', '1', '9']), 'a winding direction (0, 1 or 9)'),
  yesno: inSet(new Set(['0', '1']), '0 (no) or 1 (yes)'),
  yymmd0: dateLinter(true, 6),
  yymmdd: dateLinter(false, 6),
  yyyymmdd: dateLinter(false, 8),
  // North American coupon codes (8110, 8112): only their digits are checked, not their inner structure.
  couponcode: (v) => (/^[0-9]+$/.test(v) ? null : `"${v}" is not a coupon code (digits only)`),
  couponposoffer: (v) => (/^[0-9]+$/.test(v) ? null : `"${v}" is not a coupon offer code (digits only)`),
};
