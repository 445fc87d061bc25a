/**
 * What Carebridge reads from a GS1 barcode. GS1's own rules come from src/io/gs1 (generated from GS1's
 * Barcode Syntax Dictionary): the syntax layer (AI, format, check digits, dates, character sets) and the
 * requisites layer (pairing rules). On top of them Carebridge acts only on the AIs it supports; a scan
 * with any other AI is refused by name, listing the ones it reads (docs/supply.md).
 */
import { GS1_AIS } from '../../io/gs1/gs1-ai-table.generated.js';
import { gs1CheckDigit, gs1Date } from '../../io/gs1/gs1-linters.js';
import { checkGs1Requisites } from '../../io/gs1/gs1-requisites.js';
import { Gs1SyntaxError, Gs1UnknownAiError, labelOf, parseGs1Syntax, type Gs1Element } from '../../io/gs1/gs1-syntax.js';

export { gs1CheckDigit, gs1Date } from '../../io/gs1/gs1-linters.js';
export type { Gs1Element } from '../../io/gs1/gs1-syntax.js';

/** A refused scan: every reason, each a sentence. */
export class Gs1Error extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

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
  /** AI 30: a variable count of items. */
  variableCount: number | null;
  /** AI 37: the count of trade items in a logistic unit. */
  containedCount: number | null;
}

/** 'syntax': GS1's syntax layer only, every AI of the dictionary; 'full': both layers and Carebridge's AIs only. */
export type Gs1Check = 'syntax' | 'full';

type Field = keyof Gs1Data;
const FIELD_OF: Readonly<Record<string, { field: Field; kind: 'text' | 'date' | 'count' } | null>> = {
  '00': { field: 'sscc', kind: 'text' },
  '01': { field: 'gtin', kind: 'text' },
  '02': { field: 'containedGtin', kind: 'text' },
  '10': { field: 'lot', kind: 'text' },
  '11': { field: 'productionDate', kind: 'date' },
  '15': { field: 'bestBefore', kind: 'date' },
  '17': { field: 'expiry', kind: 'date' },
  '21': { field: 'serial', kind: 'text' },
  '30': { field: 'variableCount', kind: 'count' },
  '37': { field: 'containedCount', kind: 'count' },
  // Read (and checked) but not stored: a product's other identifiers and company-internal data.
  ...Object.fromEntries(['240', '241', '710', '711', '712', '713', '714', '91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => [ai, null])),
};

/** The AIs Carebridge acts on, as a list a person can read: runs of one title are shown as a range. */
export const SUPPORTED_AIS_TEXT = (() => {
  const ais = Object.keys(FIELD_OF).sort();
  const parts: string[] = [];
  for (let i = 0; i < ais.length; ) {
    let j = i;
    const title = GS1_AIS[ais[i] as string]?.title;
    while (j + 1 < ais.length && GS1_AIS[ais[j + 1] as string]?.title === title && Number(ais[j + 1]) === Number(ais[j]) + 1) j++;
    parts.push(j === i ? labelOf(ais[i] as string) : `(${ais[i]})–(${ais[j]}) ${title}`);
    i = j + 1;
  }
  return parts.join(', ');
})();

const unsupported = (ai: string) => `${labelOf(ai)} is not an AI Carebridge uses; it reads ${SUPPORTED_AIS_TEXT}`;

export interface Gs1Reading {
  data: Gs1Data;
  elements: Gs1Element[];
}

/** Reads a scan through the layers `check` asks for; throws Gs1Error with every reason it is refused. */
export function readGs1(input: string, check: Gs1Check = 'full', referenceYear = new Date().getUTCFullYear()): Gs1Reading {
  let elements: Gs1Element[];
  try {
    // GS1's syntax check is strict about FNC1 first; receiving takes what keyboard-mode scanners type.
    elements = parseGs1Syntax(input, { referenceYear, fnc1First: check === 'syntax' ? 'required' : 'optional' });
  } catch (e) {
    if (e instanceof Gs1UnknownAiError && check === 'full') throw new Gs1Error([`${e.message}; Carebridge reads ${SUPPORTED_AIS_TEXT}`]);
    if (e instanceof Gs1SyntaxError) throw new Gs1Error([e.message]);
    throw e;
  }
  if (check === 'full') {
    const problems = [...elements.filter((e) => FIELD_OF[e.ai] === undefined).map((e) => unsupported(e.ai)), ...checkGs1Requisites(elements.map((e) => e.ai)).map((p) => p.message)];
    if (problems.length > 0) throw new Gs1Error(problems);
  }
  const data: Gs1Data = { gtin: null, containedGtin: null, sscc: null, expiry: null, bestBefore: null, productionDate: null, lot: null, serial: null, variableCount: null, containedCount: null };
  for (const { ai, value } of elements) {
    const target = FIELD_OF[ai];
    if (target === undefined || target === null) continue;
    const parsed = target.kind === 'date' ? gs1Date(value, ai, referenceYear) : target.kind === 'count' ? Number(value) : value;
    (data as unknown as Record<Field, string | number | null>)[target.field] = parsed;
  }
  return { data, elements };
}

/** Both layers and Carebridge's AIs: what receiving and counting accept. */
export const parseGs1 = (input: string, referenceYear?: number): Gs1Data => readGs1(input, 'full', referenceYear).data;

/** True when the last digit is the right GS1 check digit. */
export const hasValidCheckDigit = (digits: string): boolean => /^[0-9]{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));

/** A GTIN-8/12/13/14 as GTIN-14 when its check digit is right; otherwise the reason it is not a GTIN. */
export function normaliseGtin(raw: string): { gtin: string } | { error: string } {
  if (!/^([0-9]{8}|[0-9]{12,14})$/.test(raw)) return { error: `"${raw}" is not a GTIN: it must have 8, 12, 13 or 14 digits` };
  const expected = gs1CheckDigit(raw.slice(0, -1));
  if (expected !== Number(raw.slice(-1))) return { error: `GTIN ${raw} has a wrong check digit: ${raw.slice(-1)} (expected ${expected})` };
  return { gtin: raw.padStart(14, '0') };
}
