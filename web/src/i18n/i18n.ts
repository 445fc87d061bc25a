import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './en.js';

export const LANGUAGES = [
  { code: 'uk', label: 'Українська' },
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
const STORAGE_KEY = 'carebridge.language';

/**
 * Each language's catalogue is a chunk of its own, fetched when needed: the three together are about 63 KB of
 * Brotli-compressed script, too much to send everyone on a bad link when a reader needs one (issue 13).
 */
const CATALOGUES: Record<Language, () => Promise<Messages>> = {
  uk: async () => (await import('./uk.js')).uk,
  en: async () => (await import('./en.js')).en,
  ja: async () => (await import('./ja.js')).ja,
};

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'uk' || stored === 'en' || stored === 'ja') return stored;
  const browser = navigator.language.slice(0, 2);
  return browser === 'en' || browser === 'ja' ? browser : 'uk';
}

/** Fetches a language's catalogue once and gives it to i18next. */
async function load(lng: Language): Promise<void> {
  if (!i18next.hasResourceBundle(lng, 'translation')) i18next.addResourceBundle(lng, 'translation', await CATALOGUES[lng]());
}

/** Loads the reader's language; the app renders after this, so no text shows as its key. */
export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: await CATALOGUES[lng]() } },
    lng,
    // Every language has every key (the compiler checks the catalogues' shape), so there is nothing to fall back to.
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
}

/** The language asked for last: a slower catalogue that arrives after a newer choice is not shown. */
let wanted: Language | undefined;

/**
 * Switches to a language once its catalogue has arrived, so no page shows a mix of two. The choice is remembered at
 * once (a page opened meanwhile starts in it). Offline, a language whose chunk the service worker has not cached
 * cannot load: the app stays in the language it shows, and remembers that one, rather than fail. Resolves whether
 * the switch happened.
 */
export async function switchLanguage(lng: Language): Promise<boolean> {
  wanted = lng;
  localStorage.setItem(STORAGE_KEY, lng);
  try {
    await load(lng);
  } catch {
    if (wanted === lng) localStorage.setItem(STORAGE_KEY, i18next.language);
    return false;
  }
  if (wanted !== lng) return false;
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
  return true;
}

/** The language picker's handler: switchLanguage, which never rejects, without a promise to hold. */
export function setLanguage(lng: Language): void {
  void switchLanguage(lng);
}

/** Intl locale tags for numbers and dates in the chosen language. */
export const LOCALE: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', ja: 'ja-JP' };
