import type { Language } from '../i18n/i18n.js';
import { LOCALE } from '../i18n/i18n.js';

/** A text stored in several languages, in the reader's language when there is one (English is always there). */
export const pick = (text: { en: string; uk?: string; ja?: string }, lang: Language): string => text[lang] ?? text.en;

// Money, dates and organisation names go through the app's one formatter, so partner pages show them as every other page does.
export { formatMoney } from '../app/format/money.js';
export { formatDate } from '../app/format/dates.js';
export { organizationName } from '../app/format/organization-name.js';

/** A file size in the reader's language: bytes under 1 KiB, else kB or MB with one decimal (1 kB = 1024 bytes, as file managers show). */
export function formatBytes(bytes: number, lang: Language): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(LOCALE[lang], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
