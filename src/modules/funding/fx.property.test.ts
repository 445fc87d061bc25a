import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, MissingRateError, rateTableOf, sumAmounts, type FxRate } from '../../engine/fx/convert.js';
import { parseDecimal } from '../../engine/fx/decimal.js';

const CURRENCIES = ['JPY', 'EUR', 'UAH'] as const;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const rateArb = fc.record({ currency: fc.constantFrom(...CURRENCIES), day: fc.integer({ min: 0, max: 365 }), units: fc.integer({ min: 1, max: 20_000_000 }) });
const txArb = fc.record({ currency: fc.constantFrom(...CURRENCIES), day: fc.integer({ min: 0, max: 400 }), cents: fc.bigInt({ min: 0n, max: 10n ** 15n }) });

describe('FX conversion rules (property)', () => {
  it('uses the value-date rate or the nearest earlier one, refuses a missing rate, and rounds each part within half a cent', () => {
    fc.assert(
      fc.property(fc.array(rateArb, { minLength: 1, maxLength: 20 }), fc.array(txArb, { minLength: 1, maxLength: 20 }), (rawRates, txs) => {
        // One rate per currency and day (the import refuses duplicates); rates as decimals with 4 places.
        const unique = new Map(rawRates.map((r) => [`${r.currency}|${r.day}`, r]));
        const rates: FxRate[] = [...unique.values()].map((r) => ({ currency: r.currency, date: day(r.day), ratePerUsd: (r.units / 10_000).toFixed(4), source: 's' }));
        const table = rateTableOf(rates);
        const parts: string[] = [];
        for (const t of txs) {
          const amount = `${t.cents / 100n}.${String(t.cents % 100n).padStart(2, '0')}`;
          const candidates = rates.filter((r) => r.currency === t.currency && r.date <= day(t.day));
          if (candidates.length === 0) {
            expect(() => convert(table, amount, t.currency, 'USD', day(t.day))).toThrow(MissingRateError);
            continue;
          }
          const expected = candidates.reduce((a, b) => (b.date > a.date ? b : a));
          const c = convert(table, amount, t.currency, 'USD', day(t.day));
          const ageDays = (Date.parse(day(t.day)) - Date.parse(expected.date)) / 86_400_000;
          expect(c.rates).toEqual([{ currency: t.currency, ratePerUsd: String(Number(expected.ratePerUsd)), date: expected.date, source: 's', ageDays, stale: ageDays > 31 }]);
          // |usd × rate − amount| ≤ ½ cent × rate, checked in integers (scaled by 10^18) rather than trusting the implementation's division.
          const error = parseDecimal(c.amount) * parseDecimal(expected.ratePerUsd) - parseDecimal(amount) * 10n ** 18n;
          const bound = parseDecimal('0.005') * parseDecimal(expected.ratePerUsd);
          expect(error < 0n ? -error : error).toBeLessThanOrEqual(bound);
          parts.push(c.amount);
        }
        // The total is the exact sum of the parts shown, to the cent.
        const total = parts.reduce((s, p) => s + parseDecimal(p), 0n);
        expect(parseDecimal(sumAmounts(parts))).toBe(total);
      }),
      { numRuns: 300 },
    );
  });
});
