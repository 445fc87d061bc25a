import { LOCALE, type Language } from '../../i18n/i18n.js';

/**
 * The one date formatter: every date and time a person reads goes through here, in the user's language
 * (uk "4 груд. 2026 р.", en "4 Dec 2026", ja "2026/12/04"), so a page never shows "12/4/2026, 6:43 PM"
 * beside "4 Dec 2026".
 */
const localeOf = (lang: string): string => LOCALE[(lang in LOCALE ? lang : 'en') as Language];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, kind: 'date' | 'dateTime' | 'time' | 'day', timeZone?: string): Intl.DateTimeFormat {
  const key = `${lang}|${kind}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date' ? { dateStyle: 'medium' } : kind === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : kind === 'time' ? { timeStyle: 'short' } : { day: 'numeric', month: 'short' };
    f = new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day. A bare "YYYY-MM-DD" is that day wherever the reader is (read as UTC, so it never shifts to the
 * day before); a timestamp is the day it was in the reader's time zone.
 */
export function formatDate(value: string | number | Date, lang: string): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatter(lang, 'date', 'UTC').format(new Date(`${value}T00:00:00Z`));
  return formatter(lang, 'date').format(new Date(value));
}

/** A moment, with its time of day in the reader's time zone. */
export const formatDateTime = (value: string | number | Date, lang: string): string => formatter(lang, 'dateTime').format(new Date(value));

/** Only the time of day (a moment earlier today, a sync time). */
export const formatTime = (value: string | number | Date, lang: string): string => formatter(lang, 'time').format(new Date(value));

/** A short day and month for chart axes ("4 Dec", "12月4日"); a bare date is read as UTC like formatDate. */
export function formatDayMonth(value: string | number | Date, lang: string): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatter(lang, 'day', 'UTC').format(new Date(`${value}T00:00:00Z`));
  return formatter(lang, 'day').format(new Date(value));
}
