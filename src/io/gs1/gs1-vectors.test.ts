import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GS1_AIS } from './gs1-ai-table.generated.js';
import { parseGs1Syntax } from './gs1-syntax.js';

interface Vector {
  suite: string;
  line: number;
  expect: boolean;
  form: 'bracketed' | 'fnc1' | 'scan';
  input: string;
}
const vectors = JSON.parse(readFileSync(new URL('../../../../shared/data/interop/gs1/gs1-syntax-engine-vectors.json', import.meta.url), 'utf8')) as Vector[];

/**
 * One vector comes from the unit test of GS1's yymmdd linter (day 00 refused), wrapped by the vector file in
 * AI (11). The dictionary defines (11) PROD DATE with yymmd0, which allows day 00, so GS1's engine accepts
 * "(11)200600"; we follow the dictionary. The test checks that reason still holds.
 */
const DICTIONARY_OVER_VECTOR = new Set(['lint_yymmdd.c:162']);

const accepted = (input: string) => {
  try {
    parseGs1Syntax(input, { referenceYear: 2026, fnc1First: 'required' });
    return true;
  } catch {
    return false;
  }
};

describe("GS1's Syntax Engine vectors through the syntax layer", () => {
  it('reads all 508 vectors', () => expect(vectors).toHaveLength(508));

  it('gives every vector the answer GS1 expects (one mislabelled vector: the dictionary decides)', () => {
    const wrong = vectors.filter((v) => accepted(v.input) !== (DICTIONARY_OVER_VECTOR.has(`${v.suite}:${v.line}`) ? !v.expect : v.expect));
    expect(wrong.map((v) => `${v.suite}:${v.line} ${JSON.stringify(v.input)} expected ${v.expect}`)).toEqual([]);
    expect(GS1_AIS['11']?.components[0]?.linters).toEqual(['yymmd0']);
    expect(accepted('(01)09521234543213(7006)200600')).toBe(false);
  });

  it('refuses with a sentence naming the AI', () => {
    const refusal = (input: string) => {
      try {
        parseGs1Syntax(input, { fnc1First: 'required' });
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal('(235)ABCDEFGHIJKLMNOPQRSTUVWXYZ123')).toBe('(235) TPX is too long: 29 characters, at most 28 allowed');
    expect(refusal('\u001d4235285')).toBe('(423) COUNTRY - INITIAL PROCESS "5285" is too short: 4 characters do not fill its format');
    expect(refusal('\u001d423999')).toBe('(423) COUNTRY - INITIAL PROCESS: "999" is not an ISO 3166 country code');
    expect(refusal('\u001d891234')).toBe('no GS1 Application Identifier at "891234"');
    expect(refusal('991234')).toContain('must begin with FNC1');
    expect(refusal('(10)AB C')).toBe('(10) BATCH/LOT "AB C" has a character GS1 does not allow here: " " (space); letters, digits and !"%&\'()*+,-./:;<=>?_ only (GS1 character set 82)');
    expect(refusal('(10)(11)98765')).toBe('(10) BATCH/LOT is empty');
    expect(refusal(']e0')).toBe('the scan holds only the symbology identifier ]e0 and no data');
  });
});
