/** The reporting currencies the server totals in (TOTAL_CURRENCIES in fx.schema.ts). */
export const REPORTING_CURRENCIES = ['USD', 'EUR', 'JPY', 'UAH'] as const;
export type ReportingCurrency = (typeof REPORTING_CURRENCIES)[number];

export const isReportingCurrency = (s: string | null): s is ReportingCurrency => (REPORTING_CURRENCIES as readonly (string | null)[]).includes(s);

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
