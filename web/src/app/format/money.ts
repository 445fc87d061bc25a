import { LOCALE, type Language } from '../../i18n/i18n.js';

/**
 * The one money formatter: every amount a person reads goes through here, the same on every page. The currency
 * is shown by its ISO code in every language (USD, JPY, UAH: unambiguous where "$" or "¥" are not); amounts of a
 * million or more drop their minor units; `formatMoneyCompact` gives headline figures ("USD 354.6m",
 * "354,6 млн USD", "USD 3.546億"). Money arrives as exact decimal strings and is formatted from the string, never
 * through a float.
 */
const localeOf = (lang: string): string => LOCALE[(lang in LOCALE ? lang : 'en') as Language];
const asNumeric = (amount: string): Intl.StringNumericLiteral => amount as Intl.StringNumericLiteral;

/** A million or more: only its whole units matter to a reader (the exact figure stays in data-amount/title). */
const isLarge = (amount: string): boolean => /^-?\d{7,}/.test(amount.trim());

function format(amount: string, currency: string, lang: string, options: Intl.NumberFormatOptions): string {
  try {
    return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency, currencyDisplay: 'code', ...options }).format(asNumeric(amount));
  } catch {
    // A code Intl does not know (the server accepts every ISO 4217 code) still shows as amount + code.
    return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: isLarge(amount) ? 0 : 2 }).format(asNumeric(amount))} ${currency}`;
  }
}

/** An amount with its currency code in the language's digits and separators (uk 1 234,50 USD; en USD 1,234.50). */
export const formatMoney = (amount: string, currency: string, lang: string): string => format(amount, currency, lang, isLarge(amount) ? { maximumFractionDigits: 0 } : {});

/** A headline figure: compact from a million up ("USD 354.6m", "354,6 млн USD", "USD 3.546億"), exact below. */
export const formatMoneyCompact = (amount: string, currency: string, lang: string): string =>
  isLarge(amount) ? format(amount, currency, lang, { notation: 'compact', maximumSignificantDigits: 4 }) : formatMoney(amount, currency, lang);

/** An exchange rate as given (units per USD), in the language's digits. */
export const formatRate = (rate: string, lang: string): string => new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 6 }).format(asNumeric(rate));
