/**
 * A strict parser for GS1 element strings as barcode scanners type them: DataMatrix / GS1-128 with
 * FNC1 sent as the group separator (U+001D, optionally after a symbology identifier such as `]d2`),
 * or the human-readable bracketed form `(01)…(17)…(10)…(21)…`.
 *
 * Why not bark-js: it reads only the unbracketed form, accepts wrong GTIN check digits and impossible
 * dates (month 13, 45th day), keeps day 00 as "-00", and parses any AI; the checks it lacks are most
 * of the work, so this small table-driven parser does the whole job (docs/supply.md).
 */

export class Gs1Error extends Error {}

export interface Gs1Data {
  /** GTIN-14 (AI 01), check digit verified. */
  gtin: string | null;
  /** GTIN of contained trade items (AI 02). */
  containedGtin: string | null;
  sscc: string | null;
  /** YYYY-MM-DD; day 00 in the barcode means the last day of the month. */
  expiry: string | null;
  bestBefore: string | null;
  productionDate: string | null;
  lot: string | null;
  serial: string | null;
  /** AI 30 / 37: a count of units or contained items. */
  quantity: number | null;
}

type Kind = 'gtin' | 'sscc' | 'date' | 'text' | 'count';
interface AiSpec {
  name: string;
  kind: Kind;
  /** Exact length for fixed-length AIs. */
  fixed?: number;
  /** Maximum length for variable-length AIs. */
  max?: number;
  field?: keyof Gs1Data;
}

const AIS: Readonly<Record<string, AiSpec>> = {
  '00': { name: 'SSCC', kind: 'sscc', fixed: 18, field: 'sscc' },
  '01': { name: 'GTIN', kind: 'gtin', fixed: 14, field: 'gtin' },
  '02': { name: 'contained GTIN', kind: 'gtin', fixed: 14, field: 'containedGtin' },
  '10': { name: 'lot', kind: 'text', max: 20, field: 'lot' },
  '11': { name: 'production date', kind: 'date', fixed: 6, field: 'productionDate' },
  '15': { name: 'best before date', kind: 'date', fixed: 6, field: 'bestBefore' },
  '17': { name: 'expiry date', kind: 'date', fixed: 6, field: 'expiry' },
  '21': { name: 'serial', kind: 'text', max: 20, field: 'serial' },
  '30': { name: 'count', kind: 'count', max: 8, field: 'quantity' },
  '37': { name: 'count of trade items', kind: 'count', max: 8, field: 'quantity' },
  '240': { name: 'additional product id', kind: 'text', max: 30 },
  '241': { name: 'customer part number', kind: 'text', max: 30 },
  '710': { name: 'national healthcare reimbursement number (DE)', kind: 'text', max: 20 },
  '711': { name: 'national healthcare reimbursement number (FR)', kind: 'text', max: 20 },
  '712': { name: 'national healthcare reimbursement number (ES)', kind: 'text', max: 20 },
  '713': { name: 'national healthcare reimbursement number (BR)', kind: 'text', max: 20 },
  '714': { name: 'national healthcare reimbursement number (PT)', kind: 'text', max: 20 },
  ...Object.fromEntries(['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => [ai, { name: 'company internal information', kind: 'text', max: 90 } satisfies AiSpec])),
};

const GS = '\u001d';
const LEADING_GS = new RegExp(`^${GS}+`);
/** GS1 "character set 82": the only characters allowed in alphanumeric AIs. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the right GS1 check digit. */
export const hasValidCheckDigit = (digits: string): boolean => /^[0-9]{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));

/** A GTIN-8/12/13/14 as GTIN-14 when its check digit is right; otherwise the reason it is not a GTIN. */
export function normaliseGtin(raw: string): { gtin: string } | { error: string } {
  if (!/^([0-9]{8}|[0-9]{12,14})$/.test(raw)) return { error: `"${raw}" is not a GTIN: it must have 8, 12, 13 or 14 digits` };
  const expected = gs1CheckDigit(raw.slice(0, -1));
  if (expected !== Number(raw.slice(-1))) return { error: `GTIN ${raw} has a wrong check digit: ${raw.slice(-1)} (expected ${expected})` };
  return { gtin: raw.padStart(14, '0') };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * YYMMDD to YYYY-MM-DD. The century follows GS1 General Specifications 7.12: a year more than
 * 50 years ahead of the reference year is in the past century, one more than 49 years behind in the next.
 */
export function gs1Date(raw: string, ai: string, referenceYear: number): string {
  if (!/^[0-9]{6}$/.test(raw)) throw new Gs1Error(`AI (${ai}) date "${raw}" must be 6 digits YYMMDD`);
  const yy = Number(raw.slice(0, 2));
  const month = Number(raw.slice(2, 4));
  const day = Number(raw.slice(4, 6));
  const base = referenceYear - (referenceYear % 100);
  let year = base + yy;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) year -= 100;
  else if (diff <= -50) year += 100;
  if (month < 1 || month > 12) throw new Gs1Error(`AI (${ai}) date "${raw}" is impossible: there is no month ${pad2(month)}`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) throw new Gs1Error(`AI (${ai}) date "${raw}" is impossible: ${year}-${pad2(month)} has ${lastDay} days`);
  return `${year}-${pad2(month)}-${pad2(day === 0 ? lastDay : day)}`;
}

function store(data: Gs1Data, ai: string, value: string, referenceYear: number): void {
  const spec = AIS[ai] as AiSpec;
  const label = `AI (${ai}) ${spec.name}`;
  if (value === '') throw new Gs1Error(`${label} is empty`);
  if (spec.fixed !== undefined && value.length !== spec.fixed) throw new Gs1Error(`${label} must be exactly ${spec.fixed} characters (got ${value.length}: "${value}")`);
  if (spec.max !== undefined && value.length > spec.max) throw new Gs1Error(`${label} is too long: ${value.length} characters, at most ${spec.max} allowed`);
  let parsed: string | number = value;
  switch (spec.kind) {
    case 'gtin':
    case 'sscc':
      if (!/^[0-9]+$/.test(value)) throw new Gs1Error(`${label} "${value}" must be digits only`);
      if (!hasValidCheckDigit(value)) throw new Gs1Error(`${label} ${value} has a wrong check digit: ${value.slice(-1)} (expected ${gs1CheckDigit(value.slice(0, -1))})`);
      break;
    case 'date':
      parsed = gs1Date(value, ai, referenceYear);
      break;
    case 'count':
      if (!/^[0-9]+$/.test(value)) throw new Gs1Error(`${label} "${value}" must be digits only`);
      parsed = Number(value);
      break;
    case 'text':
      if (!CSET82.test(value)) throw new Gs1Error(`${label} "${value}" has characters GS1 does not allow (letters, digits and !"%&'()*+,-./:;<=>?_ only)`);
      break;
  }
  if (spec.field === undefined) return;
  if (data[spec.field] !== null) throw new Gs1Error(`${label} appears twice`);
  (data as unknown as Record<string, string | number>)[spec.field] = parsed;
}

/** The AI at the start of text: GS1 AIs are prefix-free, so at most one of the 2-, 3- and 4-digit readings is known. */
function aiAt(text: string): string {
  for (const n of [2, 3, 4]) if (AIS[text.slice(0, n)] !== undefined) return text.slice(0, n);
  const head = text.slice(0, 4);
  throw new Gs1Error(/^[0-9]{2}/.test(head) ? `unknown or unsupported AI at "${text.slice(0, 12)}" (known: ${Object.keys(AIS).filter((a) => Number(a) < 90).join(', ')}, 91–99)` : `expected an AI (digits) at "${text.slice(0, 12)}"`);
}

function parseBracketed(text: string, data: Gs1Data, referenceYear: number): void {
  const token = /\(([0-9]{2,4})\)([^()]*)/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (m === null) throw new Gs1Error(`malformed bracketed element string at "${text.slice(at, at + 12)}": expected "(AI)value"`);
    const ai = m[1] as string;
    if (AIS[ai] === undefined) throw new Gs1Error(`unknown or unsupported AI (${ai})`);
    store(data, ai, (m[2] as string).replace(new RegExp(GS, 'g'), ''), referenceYear);
    at = token.lastIndex;
  }
}

function parseRaw(text: string, data: Gs1Data, referenceYear: number): void {
  let rest = text;
  while (rest.length > 0) {
    if (rest.startsWith(GS)) {
      rest = rest.slice(1);
      continue;
    }
    const ai = aiAt(rest);
    const spec = AIS[ai] as AiSpec;
    rest = rest.slice(ai.length);
    let value: string;
    if (spec.fixed !== undefined) {
      value = rest.slice(0, spec.fixed);
      rest = rest.slice(spec.fixed);
    } else {
      const end = rest.indexOf(GS);
      value = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end + 1);
    }
    store(data, ai, value, referenceYear);
  }
}

/** Parses a scanned GS1 element string; throws Gs1Error with a message a person can act on. */
export function parseGs1(input: string, referenceYear = new Date().getUTCFullYear()): Gs1Data {
  // Scanners announce the symbology (]d2 DataMatrix, ]C1 GS1-128, ]Q3 QR, ]e0 DataBar) and may send FNC1 first.
  // Keyboard wedges sometimes type GS as the visible control picture U+241D.
  const text = input.trim().replace(/\u241d/g, GS).replace(/^\][A-Za-z][0-9]/, '').replace(LEADING_GS, '');
  if (text === '') throw new Gs1Error('the scan is empty');
  const data: Gs1Data = { gtin: null, containedGtin: null, sscc: null, expiry: null, bestBefore: null, productionDate: null, lot: null, serial: null, quantity: null };
  if (text.startsWith('(')) parseBracketed(text, data, referenceYear);
  else if (/^[0-9]/.test(text)) parseRaw(text, data, referenceYear);
  else throw new Gs1Error(`"${text.slice(0, 20)}" is not a GS1 element string: it must start with an AI, e.g. 01 or (01)`);
  return data;
}
