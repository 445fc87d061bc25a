import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { ja } from './ja.js';
import { uk } from './uk.js';

export const LANGUAGES = [
  { code: 'uk', label: 'Українська' },
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
const STORAGE_KEY = 'carebridge.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'uk' || stored === 'en' || stored === 'ja') return stored;
  const browser = navigator.language.slice(0, 2);
  return browser === 'en' || browser === 'ja' ? browser : 'uk';
}

export function initI18n(): void {
  const lng = initialLanguage();
  void i18next.use(initReactI18next).init({
    resources: { uk: { translation: uk }, en: { translation: en }, ja: { translation: ja } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
}

/** Switches the language, remembers it, and tells assistive technology via <html lang>. */
export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

/** Intl locale tags for numbers and dates in the chosen language. */
export const LOCALE: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', ja: 'ja-JP' };
