import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCents } from './sector-split.js';

describe('splitting money between sectors', () => {
  it('gives each sector its share in whole cents and keeps the sum exact', () => {
    expect(splitCents(100n, [{ code: 'a', hundredths: 3333 }, { code: 'b', hundredths: 3333 }, { code: 'c', hundredths: 3334 }])).toEqual([{ code: 'a', cents: 33n }, { code: 'b', cents: 33n }, { code: 'c', cents: 34n }]);
    expect(splitCents(1n, [{ code: 'a', hundredths: 5000 }, { code: 'b', hundredths: 5000 }])).toEqual([{ code: 'a', cents: 1n }, { code: 'b', cents: 0n }]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (cents, weights) => {
        // Percentages in hundredths that sum to exactly 10,000.
        const total = weights.reduce((a, b) => a + b, 0);
        const hundredths = weights.map((w) => Math.floor((w * 10_000) / total));
        hundredths[0] = (hundredths[0] ?? 0) + 10_000 - hundredths.reduce((a, b) => a + b, 0);
        const parts = splitCents(cents, hundredths.map((h, i) => ({ code: String(i), hundredths: h })));
        expect(parts.reduce((s, p) => s + p.cents, 0n)).toBe(cents);
        parts.forEach((p, i) => {
          const exact = (cents * BigInt(hundredths[i] ?? 0)) / 10_000n;
          expect(p.cents - exact >= 0n && p.cents - exact <= 1n).toBe(true);
        });
      }),
    );
  });
});
