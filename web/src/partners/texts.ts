import type { Language } from '../i18n/i18n.js';
import { LOCALE } from '../i18n/i18n.js';

/** A text stored in several languages, in the reader's language when there is one (English is always there). */
export const pick = (text: { en: string; uk?: string; ja?: string }, lang: Language): string => text[lang] ?? text.en;

/** An organisation name: Ukrainian for Ukrainian readers, English otherwise (names are stored in those two). */
export const orgName = (o: { nameEn: string; nameUk: string } | { en: string; uk: string }, lang: Language): string =>
  'nameEn' in o ? (lang === 'uk' ? o.nameUk : o.nameEn) : lang === 'uk' ? o.uk : o.en;

/**
 * Money as the server sent it (an exact decimal string), formatted for the
 * reader without passing through a float: Intl formats decimal strings exactly.
 */
export function formatMoney(amount: string, currency: string, lang: Language): string {
  const format = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, maximumFractionDigits: 0 }) as Intl.NumberFormat & { format(value: string): string };
  return format.format(amount);
}

export const formatDate = (date: string, lang: Language): string => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** A file size in the reader's language: bytes under 1 KiB, else kB or MB with one decimal (1 kB = 1024 bytes, as file managers show). */
export function formatBytes(bytes: number, lang: Language): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(LOCALE[lang], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
