/**
 * GS1's syntax layer, as GS1's Barcode Syntax Engine has it: split an element string into AIs and
 * values and check each against the Barcode Syntax Dictionary (AI known, length, character set,
 * check digits, dates and the other linters). Pairing rules are the requisites layer (gs1-requisites.ts).
 *
 * Accepted forms: bracketed `(01)…(10)…` (`\(` is a literal bracket in a value); FNC1-first, where
 * U+001D stands for FNC1; and what a scanner sends after a GS1 symbology identifier (`]d2`, `]C1`,
 * `]e0`, `]Q3`, `]J1`; `]E0`/`]E4` are EAN-13/EAN-8, read as (01)).
 */
import { GS1_AIS, type Gs1AiComponent, type Gs1AiDefinition } from './gs1-ai-table.generated.js';
import { Gs1SyntaxError, LINTERS } from './gs1-linters.js';

export { Gs1SyntaxError } from './gs1-linters.js';

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
}

export interface Gs1SyntaxOptions {
  /** For the century of two-digit years; defaults to this year. */
  referenceYear?: number;
  /**
   * 'required' is GS1's rule: unbracketed data begins with FNC1 or a symbology identifier. Scanners in
   * keyboard mode usually drop both, so receiving accepts data without them ('optional').
   */
  fnc1First?: 'required' | 'optional';
}

/** An AI the dictionary does not know; the caller may name the AIs it does use. */
export class Gs1UnknownAiError extends Gs1SyntaxError {
  constructor(
    message: string,
    readonly ai: string,
  ) {
    super(message);
  }
}

const GS = '\u001d';
const LEADING_GS = new RegExp(`^${GS}+`);
const GS1_SYMBOLOGIES = new Set(['C1', 'e0', 'd2', 'Q3', 'J1']);
const CSETS: Readonly<Record<Gs1AiComponent['cset'], { test: RegExp; name: string }>> = {
  N: { test: /^[0-9]$/, name: 'digits only' },
  X: { test: /^[-!"%&'()*+,./0-9:;<=>?A-Z_a-z]$/, name: `letters, digits and !"%&'()*+,-./:;<=>?_ only (GS1 character set 82)` },
  Y: { test: /^[-#/0-9A-Z]$/, name: 'capital letters, digits and #-/ only (GS1 character set 39)' },
  Z: { test: /^[-0-9A-Z_a-z=]$/, name: 'letters, digits, - and _ only (GS1 character set 64)' },
};

export const labelOf = (ai: string): string => {
  const title = GS1_AIS[ai]?.title;
  return title === undefined || title === '' ? `(${ai})` : `(${ai}) ${title}`;
};

/** A character as a person can read it in a message: control and space characters by name. */
function shown(c: string): string {
  if (c === ' ') return '" " (space)';
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')} (a control character)` : `"${c}"`;
}

function checkComponent(ai: string, c: Gs1AiComponent, part: string, referenceYear: number): void {
  const cset = CSETS[c.cset];
  const bad = [...part].find((ch) => !cset.test.test(ch));
  if (bad !== undefined) throw new Gs1SyntaxError(`${labelOf(ai)} "${part}" has a character GS1 does not allow here: ${shown(bad)}; ${cset.name}`);
  if (c.cset === 'Z' && /=[^=]/.test(part)) throw new Gs1SyntaxError(`${labelOf(ai)} "${part}" has "=" before its end; = is only padding at the end`);
  for (const name of c.linters) {
    const linter = LINTERS[name];
    if (linter === undefined) throw new Error(`GS1 linter "${name}" of AI (${ai}) is not implemented`);
    const problem = linter(part, { ai, referenceYear });
    if (problem !== null) throw new Gs1SyntaxError(`${labelOf(ai)}: ${problem}`);
  }
}

const unit = (def: Gs1AiDefinition) => (def.components.every((c) => c.cset === 'N') ? 'digits' : 'characters');

/** Checks one AI's value component by component, as the dictionary defines them. */
function checkValue(ai: string, def: Gs1AiDefinition, value: string, referenceYear: number): void {
  if (value === '') throw new Gs1SyntaxError(`${labelOf(ai)} is empty`);
  const fixed = def.components.every((c) => !c.optional && c.min === c.max);
  const total = def.components.reduce((n, c) => n + c.max, 0);
  if (fixed && value.length !== total) throw new Gs1SyntaxError(`${labelOf(ai)} must be exactly ${total} ${unit(def)} (got ${value.length}: "${value}")`);
  let at = 0;
  for (const c of def.components) {
    const rest = value.length - at;
    if (rest === 0 && c.optional) break;
    if (rest < c.min || (c.min === c.max && rest < c.max)) throw new Gs1SyntaxError(`${labelOf(ai)} "${value}" is too short: ${value.length} characters do not fill its format`);
    const length = c.min === c.max ? c.max : Math.min(rest, c.max);
    checkComponent(ai, c, value.slice(at, at + length), referenceYear);
    at += length;
  }
  if (at < value.length) throw new Gs1SyntaxError(`${labelOf(ai)} is too long: ${value.length} characters, at most ${total} allowed`);
}

function unknownAi(ai: string): Gs1UnknownAiError {
  return new Gs1UnknownAiError(`(${ai}) is not a GS1 Application Identifier`, ai);
}

/** The AI at the start of unbracketed data: GS1 AIs are prefix-free, so at most one reading is known. */
function aiAt(text: string): string {
  for (const n of [2, 3, 4]) if (GS1_AIS[text.slice(0, n)] !== undefined) return text.slice(0, n);
  if (!/^[0-9]{2}/.test(text)) throw new Gs1SyntaxError(`expected an AI (digits) at "${text.slice(0, 12)}"`);
  throw new Gs1UnknownAiError(`no GS1 Application Identifier at "${text.slice(0, 12)}"`, text.slice(0, 4));
}

function splitRaw(text: string): [string, string][] {
  const out: [string, string][] = [];
  let rest = text;
  while (rest.length > 0) {
    if (rest.startsWith(GS)) {
      rest = rest.slice(1);
      continue;
    }
    const ai = aiAt(rest);
    const def = GS1_AIS[ai] as Gs1AiDefinition;
    rest = rest.slice(ai.length);
    let value: string;
    if (!def.fnc1) {
      const length = def.components.reduce((n, c) => n + c.max, 0);
      value = rest.slice(0, length);
      rest = rest.slice(length);
    } else {
      const end = rest.indexOf(GS);
      value = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end + 1);
    }
    out.push([ai, value]);
  }
  return out;
}

function splitBracketed(text: string): [string, string][] {
  const out: [string, string][] = [];
  let at = 0;
  while (at < text.length) {
    const m = /^\(([0-9]{2,4})\)/.exec(text.slice(at));
    if (m === null) throw new Gs1SyntaxError(`malformed bracketed element string at "${text.slice(at, at + 12)}": expected an AI in brackets, e.g. (01)`);
    const ai = m[1] as string;
    if (GS1_AIS[ai] === undefined) throw unknownAi(ai);
    at += m[0].length;
    let value = '';
    // A value runs to the next "(" that is not escaped as "\(".
    while (at < text.length && text[at] !== '(') {
      if (text.startsWith('\\(', at)) {
        value += '(';
        at += 2;
      } else value += text[at++];
    }
    out.push([ai, value]);
  }
  return out;
}

/** The element string inside a scan: the symbology identifier and a leading FNC1 removed. */
function elementString(input: string, fnc1First: 'required' | 'optional'): { text: string; bracketed: boolean } {
  // Keyboard wedges may type GS as the visible control picture U+241D and end with CR/LF.
  const text = input.replace(/\u241d/g, GS).replace(/^[ \t]+/, '').replace(/[\r\n]+$/, '');
  if (text === '') throw new Gs1SyntaxError('the scan is empty');
  const symbology = /^\]([A-Za-z][0-9A-Za-z])/.exec(text);
  if (symbology !== null) {
    const id = symbology[1] as string;
    const data = text.slice(3);
    if (id === 'E0' || id === 'E4') {
      const digits = id === 'E0' ? 13 : 8;
      if (!new RegExp(`^[0-9]{${digits}}$`).test(data)) throw new Gs1SyntaxError(`the scanner read an ${id === 'E0' ? 'EAN-13' : 'EAN-8'} barcode, which holds ${digits} digits, not "${data}"`);
      return { text: `01${data.padStart(14, '0')}`, bracketed: false };
    }
    if (!GS1_SYMBOLOGIES.has(id)) throw new Gs1SyntaxError(`the scanner read a barcode of symbology ]${id}, which carries no GS1 element string`);
    const body = data.replace(LEADING_GS, '');
    if (body === '') throw new Gs1SyntaxError(`the scan holds only the symbology identifier ]${id} and no data`);
    return { text: body, bracketed: false };
  }
  if (text.startsWith(GS)) {
    const body = text.replace(LEADING_GS, '');
    if (body === '') throw new Gs1SyntaxError('the scan holds only FNC1 and no data');
    return { text: body, bracketed: false };
  }
  if (text.startsWith('(')) return { text, bracketed: true };
  if (!/^[0-9]/.test(text)) throw new Gs1SyntaxError(`"${text.slice(0, 20)}" is not a GS1 element string: it must start with an AI, e.g. 01 or (01)`);
  if (fnc1First === 'required') throw new Gs1SyntaxError('an element string without brackets must begin with FNC1 (the group separator, U+001D) or a symbology identifier such as ]d2');
  return { text, bracketed: false };
}

/** Splits and checks a GS1 element string; throws Gs1SyntaxError with a message a person can act on. */
export function parseGs1Syntax(input: string, options: Gs1SyntaxOptions = {}): Gs1Element[] {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const { text, bracketed } = elementString(input, options.fnc1First ?? 'optional');
  const pairs = bracketed ? splitBracketed(text) : splitRaw(text);
  const seen = new Map<string, string>();
  const elements: Gs1Element[] = [];
  for (const [ai, value] of pairs) {
    checkValue(ai, GS1_AIS[ai] as Gs1AiDefinition, value, referenceYear);
    const before = seen.get(ai);
    // GS1 allows an AI twice only with the same value (one element string may repeat what another carrier holds).
    if (before !== undefined && before !== value) throw new Gs1SyntaxError(`${labelOf(ai)} appears twice with different values ("${before}" and "${value}"); one scan holds one value per AI`);
    if (before !== undefined) continue;
    seen.set(ai, value);
    elements.push({ ai, title: GS1_AIS[ai]?.title ?? '', value });
  }
  return elements;
}
