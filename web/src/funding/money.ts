import { LOCALE, type Language } from '../i18n/i18n.js';

/** The reporting currencies the server totals in (TOTAL_CURRENCIES in fx.schema.ts). */
export const REPORTING_CURRENCIES = ['USD', 'EUR', 'JPY', 'UAH'] as const;
export type ReportingCurrency = (typeof REPORTING_CURRENCIES)[number];

export const isReportingCurrency = (s: string | null): s is ReportingCurrency => (REPORTING_CURRENCIES as readonly (string | null)[]).includes(s);

// Money arrives as decimal strings; Intl formats a numeric string exactly, without passing through a float.
const asNumeric = (amount: string): Intl.StringNumericLiteral => amount as Intl.StringNumericLiteral;

/** An amount with its currency code, in the language's digits and separators (uk 1 234,50; ja 1,234.50). */
export function formatMoney(amount: string, currency: string, lang: Language): string {
  try {
    return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'code' }).format(asNumeric(amount));
  } catch {
    // A code Intl does not know (the server accepts every ISO 4217 code) still shows as amount + code.
    return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 }).format(asNumeric(amount))} ${currency}`;
  }
}

/** A headline figure in words of the language: "USD 12.4 billion", "124億 USD"-style compact notation. */
export function formatMoneyShort(amount: string, currency: string, lang: Language): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'code', notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 }).format(asNumeric(amount));
}

/** A rate as given (units per USD), in the language's digits. */
export const formatRate = (rate: string, lang: Language): string => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 }).format(asNumeric(rate));

export const formatDate = (isoDate: string, lang: Language): string => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

/**
 * A money string as a number for chart geometry only (bar lengths); every figure a
 * person reads is formatted from the exact string.
 */
export const chartValue = (amount: string): number => Number(amount);

/** Exact sum of decimal strings (money to the cent or finer), through integers: never a float. */
export function sumDecimals(amounts: readonly string[]): string {
  const places = Math.max(0, ...amounts.map((a) => (a.split('.')[1] ?? '').length));
  const scaled = (a: string): bigint => {
    const negative = a.startsWith('-');
    const [whole = '0', fraction = ''] = a.replace(/^-/, '').split('.');
    const v = BigInt(whole + fraction.padEnd(places, '0'));
    return negative ? -v : v;
  };
  const total = amounts.reduce((s, a) => s + scaled(a), 0n);
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(places + 1, '0');
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
