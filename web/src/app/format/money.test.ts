import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './dates.js';
import { formatMoney, formatMoneyCompact } from './money.js';

// Intl puts narrow no-break spaces in Ukrainian groups; compare with plain spaces.
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the one money and date format', () => {
  it('shows money with its code, minor units below a million only, in each language', () => {
    expect(plain(formatMoney('1234.5', 'USD', 'en'))).toBe('USD 1,234.50');
    expect(plain(formatMoney('1234.5', 'USD', 'uk'))).toBe('1 234,50 USD');
    expect(plain(formatMoney('452065852268.04', 'UAH', 'en'))).toBe('UAH 452,065,852,268');
    expect(plain(formatMoney('1693559200000', 'JPY', 'ja'))).toBe('JPY 1,693,559,200,000');
    // A code Intl does not know still shows amount and code.
    expect(formatMoney('10', 'XYZ', 'en')).toMatch(/10.*XYZ|XYZ.*10/);
  });

  it('compacts headline figures from a million up', () => {
    expect(plain(formatMoneyCompact('354609929', 'USD', 'en'))).toBe('USD 354.6m');
    expect(plain(formatMoneyCompact('354609929', 'USD', 'uk'))).toBe('354,6 млн USD');
    expect(plain(formatMoneyCompact('354609929', 'USD', 'ja'))).toBe('USD 3.546億');
    expect(plain(formatMoneyCompact('999.5', 'EUR', 'en'))).toBe('EUR 999.50');
  });

  it('shows a bare date as that day everywhere, a moment in the reader\'s language', () => {
    expect(formatDate('2026-12-04', 'en')).toBe('4 Dec 2026');
    expect(formatDate('2026-12-04', 'ja')).toBe('2026/12/04');
    expect(formatDateTime('2026-12-04T18:43:00Z', 'en')).toMatch(/^\d{1,2} Dec 2026, \d{2}:\d{2}$/);
  });
});
