import { describe, expect, it } from 'vitest';
import { convert, MissingRateError, rateTableOf, sumAmounts, type FxRate } from './convert.js';
import { formatDecimal, isDecimal, parseDecimal, roundTo } from './decimal.js';

const RATES: FxRate[] = [
  { currency: 'JPY', date: '2024-01-02', ratePerUsd: '141.5', source: 'test-a' },
  { currency: 'JPY', date: '2024-03-01', ratePerUsd: '150', source: 'test-b' },
  { currency: 'EUR', date: '2024-01-02', ratePerUsd: '0.9', source: 'test-a' },
  { currency: 'UAH', date: '2024-01-02', ratePerUsd: '37.5', source: 'test-a' },
];
const table = rateTableOf(RATES);

describe('exact decimals', () => {
  it('parses and formats without floats, rounding half to even', () => {
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('1,5')).toBe(false);
    expect(formatDecimal(roundTo(parseDecimal('0.125'), 2), 2)).toBe('0.12');
    expect(formatDecimal(roundTo(parseDecimal('0.135'), 2), 2)).toBe('0.14');
    expect(formatDecimal(roundTo(parseDecimal('-2.5'), 0), 0)).toBe('-2');
    // 0.1 + 0.2 is exactly 0.3 here, unlike in floating point.
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
  });
});

describe('FX conversion', () => {
  it('uses the rate of the value date, or the nearest earlier one, and says which', () => {
    const onDate = convert(table, '1500000', 'JPY', 'USD', '2024-03-01');
    expect(onDate.amount).toBe('10000.00');
    expect(onDate.rates).toEqual([{ currency: 'JPY', ratePerUsd: '150', date: '2024-03-01', source: 'test-b', ageDays: 0, stale: false }]);
    const earlier = convert(table, '1415000', 'JPY', 'USD', '2024-02-15');
    expect(earlier.amount).toBe('10000.00');
    // 44 days before the value date: past the default 31, so the figure is flagged.
    expect(earlier.rates[0]).toMatchObject({ date: '2024-01-02', source: 'test-a', ageDays: 44, stale: true });
    const cross = convert(table, '900', 'EUR', 'UAH', '2024-01-10');
    expect(cross.amount).toBe('37500.00');
    expect(cross.rates.map((r) => r.currency)).toEqual(['EUR', 'UAH']);
  });

  it('reports a missing rate instead of assuming 1:1', () => {
    expect(() => convert(table, '100', 'JPY', 'USD', '2023-12-31')).toThrow(MissingRateError);
    expect(() => convert(table, '100', 'GBP', 'USD', '2024-05-01')).toThrow(/no GBP rate on or before 2024-05-01/);
    expect(() => convert(table, '100', 'USD', 'CHF', '2024-05-01')).toThrow(MissingRateError);
  });

  it('keeps USD totals equal to the sum of the converted parts to the cent', () => {
    // Thirds of a cent would drift if totals were converted as a whole.
    const parts = ['1', '1', '1', '333.33', '0.01'].map((a) => convert(table, a, 'UAH', 'USD', '2024-01-02'));
    expect(parts.map((p) => p.amount)).toEqual(['0.03', '0.03', '0.03', '8.89', '0.00']);
    expect(sumAmounts(parts.map((p) => p.amount))).toBe('8.98');
    expect(parts[0]?.original).toEqual({ amount: '1', currency: 'UAH', valueDate: '2024-01-02' });
  });
});
