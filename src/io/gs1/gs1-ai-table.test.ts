import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARY, generateGs1Table, readDictionary, TABLE_FILE } from '../../../tools/gs1-generate-table.js';
import { GS1_AIS } from './gs1-ai-table.generated.js';
import { LINTERS } from './gs1-linters.js';

const dictionary = readFileSync(DEFAULT_DICTIONARY, 'utf8');

describe("the AI table generated from GS1's Barcode Syntax Dictionary", () => {
  it('is what tools/gs1-generate-table.ts makes of the dictionary (run it again after a new release)', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(generateGs1Table(dictionary));
  });

  it('has every AI of the dictionary, ranges expanded, with its pairing rules', () => {
    expect(Object.keys(GS1_AIS)).toHaveLength(readDictionary(dictionary).length);
    expect(GS1_AIS['01']).toMatchObject({ title: 'GTIN', fnc1: false, ex: ['255', '37'] });
    expect(GS1_AIS['37']?.req).toEqual([[['00']], [['02'], ['8026']]]);
    expect(GS1_AIS['3105']).toMatchObject({ ex: ['310n'] });
    expect(GS1_AIS['99']?.components).toEqual([{ cset: 'X', min: 1, max: 90, optional: false, linters: [] }]);
  });

  it('every linter the dictionary names is implemented', () => {
    const named = new Set(Object.values(GS1_AIS).flatMap((d) => d.components.flatMap((c) => c.linters)));
    expect([...named].filter((l) => LINTERS[l] === undefined)).toEqual([]);
  });

  it('refuses a dictionary line it cannot read, naming the line', () => {
    expect(() => generateGs1Table('01  *?  Q14')).toThrow('dictionary line 1: cannot read "Q14"');
    expect(() => generateGs1Table('A1  *?  N14')).toThrow('dictionary line 1: "A1" is not an AI or AI range');
  });
});
