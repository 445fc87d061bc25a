import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseFormula, restoreFormula } from './csv.js';
import { readTable } from './table-reader.js';

const FORMULA_START = /^[=+\-@\t\r]/;

describe('CSV formula neutralising', () => {
  it('prefixes formula-like text with a quote and leaves plain numbers and other text alone', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutraliseFormula('+380441234567')).toBe("'+380441234567");
    expect(neutraliseFormula('-foo')).toBe("'-foo");
    expect(neutraliseFormula('-1+cmd|calc')).toBe("'-1+cmd|calc");
    expect(neutraliseFormula('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(neutraliseFormula('\tcmd')).toBe("'\tcmd");
    expect(neutraliseFormula('\rcmd')).toBe("'\rcmd");
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula("'Tis")).toBe("'Tis");
    expect(neutraliseFormula("'=already")).toBe("''=already");
    expect(csvLine(['=1+1', -3, '-3.00', 'Lviv, "West"'])).toBe(`'=1+1,-3,-3.00,"Lviv, ""West"""\r\n`);
  });

  it('restores exactly what was neutralised, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '1', '.', 'a', ' ') }), (text) => {
        const written = neutraliseFormula(text);
        expect(restoreFormula(written)).toBe(text);
        if (FORMULA_START.test(written)) expect(written).toMatch(/^-\d+(\.\d+)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('our CSV reader gives back the original cells of a CSV our writer wrote', async () => {
    const names = ['=HYPERLINK("http://evil.example","click")', '+380441234567', '-foo', '@SUM(A1:A9)', "'=quoted", "'s-Hertogenbosch", 'Лікарня №1', '-7.5'];
    const csv = csvLine(['name']) + names.map((n) => csvLine([n])).join('');
    const back: string[] = [];
    for await (const row of readTable(Readable.from([csv]), 'csv')) back.push(row.values.name ?? '');
    expect(back).toEqual(names);
  });
});
