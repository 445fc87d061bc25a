import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLES } from '../../../src/modules/access/access.schema.js';
import { FACILITY_TYPES, OWNERSHIPS, SERVICE_CODES, TIERS } from '../../../src/modules/facilities/facilities.schema.js';
import { en } from './en.js';
import { initI18n, switchLanguage } from './i18n.js';
import { ja } from './ja.js';
import { uk } from './uk.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every message as [dotted key, text]. */
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();

const LANGUAGES = { uk, en, ja } as const;

/** A plural form's key (i18next's key_one, key_few…) as its message: each language has the forms its own rules use. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const messageOf = (key: string): string => key.replace(PLURAL, '_other');

describe('the translations', () => {
  const english = new Map(flatten(en));
  const englishMessages = [...new Set([...english.keys()].map(messageOf))].sort();

  // The compiler checks the shape too (Messages); this also catches a message
  // that lost its {{placeholder}} or was left empty in one language.
  for (const [language, messages] of Object.entries(LANGUAGES)) {
    it(`${language} has the same keys as English, no empty message, and the same placeholders`, () => {
      const flat = new Map(flatten(messages));
      expect([...new Set([...flat.keys()].map(messageOf))].sort()).toEqual(englishMessages);
      for (const [key, text] of flat) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(english.get(messageOf(key)) ?? ''));
      }
    });

    it(`${language} gives every plural message each form its plural rules use for whole numbers`, () => {
      const flat = new Map(flatten(messages));
      const rules = new Intl.PluralRules(language);
      const forms = new Set([0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 111].map((n) => rules.select(n)));
      const plurals = [...english.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'other'.length));
      expect(plurals.flatMap((base) => [...forms].map((form) => `${base}${form}`)).filter((k) => !flat.has(k))).toEqual([]);
    });
  }

  it('names every facility type, tier, ownership, service and role the API can return', () => {
    const keys = new Set(flatten(en).map(([k]) => k));
    const wanted = [
      ...FACILITY_TYPES.map((v) => `types.${v}`),
      ...TIERS.map((v) => `tiers.${v}`),
      ...OWNERSHIPS.map((v) => `ownerships.${v}`),
      ...SERVICE_CODES.map((v) => `services.${v}`),
      ...ROLES.map((v) => `roles.${v}`),
    ];
    expect(wanted.filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe('loading the languages', () => {
  // Node has no DOM: these stand in for the three browser globals i18n.ts touches (the stored choice, the browser's
  // language, <html lang>). The catalogues load through the real dynamic imports into the real i18next; the browser
  // test (test/e2e/web-shell.test.ts) switches languages in Chromium.
  const stored = new Map<string, string>();
  const html = { lang: '' };
  beforeAll(() => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) });
    vi.stubGlobal('navigator', { language: 'ja-JP' });
    vi.stubGlobal('document', { documentElement: html });
    return () => vi.unstubAllGlobals();
  });

  it('starts in the browser language with only its catalogue loaded', async () => {
    await initI18n();
    expect(i18next.language).toBe('ja');
    expect(html.lang).toBe('ja');
    expect(i18next.t('app.tagline')).toBe(ja.app.tagline);
    expect(i18next.t('supply.title')).toBe(ja.supply.title);
    expect(i18next.hasResourceBundle('uk', 'translation')).toBe(false);
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);
  });

  it('loads another language when switched to, then shows its texts and remembers the choice', async () => {
    expect(await switchLanguage('uk')).toBe(true);
    expect(i18next.hasResourceBundle('uk', 'translation')).toBe(true);
    expect(i18next.language).toBe('uk');
    expect(i18next.t('app.tagline')).toBe(uk.app.tagline);
    expect(i18next.t('funding.needs.title')).toBe(uk.funding.needs.title);
    expect(html.lang).toBe('uk');
    expect(stored.get('carebridge.language')).toBe('uk');
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);
  });

  it('switches back to a language already loaded', async () => {
    expect(await switchLanguage('ja')).toBe(true);
    expect(i18next.t('app.tagline')).toBe(ja.app.tagline);
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);
  });

  it('shows the language asked for last when an earlier choice\'s catalogue arrives later', async () => {
    const [slower, newer] = await Promise.all([switchLanguage('en'), switchLanguage('uk')]);
    expect([slower, newer]).toEqual([false, true]);
    expect(i18next.language).toBe('uk');
    expect(i18next.t('app.tagline')).toBe(uk.app.tagline);
    expect(stored.get('carebridge.language')).toBe('uk');
  });
});
