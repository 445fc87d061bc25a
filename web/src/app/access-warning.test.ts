import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AccessWarning } from '../../../src/modules/geography/access-warning.schema.js';
import { en } from '../i18n/en.js';
import { ja } from '../i18n/ja.js';
import { uk } from '../i18n/uk.js';
import { accessWarningText } from './access-warning.js';

const kherson = { katottg: 'UA65000000000030969', iso3166_2: 'UA-65', name: { uk: 'Херсонська', en: 'Kherson Oblast', ja: 'ヘルソン州' } };
const raion: AccessWarning = { code: 'active_hostilities', since: '2022-02-24', area: { katottg: 'UA65080000000090947', level: 2, name: { uk: 'Скадовський', en: 'Скадовський', ja: 'Скадовський' } }, oblast: kherson };
const oblast: AccessWarning = { code: 'active_hostilities', since: '2022-02-24', area: { katottg: kherson.katottg, level: 1, name: kherson.name }, oblast: null };

async function textIn(lang: 'uk' | 'en' | 'ja', warning: AccessWarning): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { uk: { translation: uk }, en: { translation: en }, ja: { translation: ja } }, lng: lang, interpolation: { escapeValue: false } });
  return accessWarningText(warning, i18n.t, lang);
}

describe('the warning about an area under active hostilities', () => {
  it('names a raion with its kind and oblast, and the date, in each language', async () => {
    expect(await textIn('en', raion)).toBe('Скадовський raion (Kherson Oblast) is under active hostilities since 24 Feb 2022: deliveries there are at risk.');
    expect(await textIn('uk', raion)).toMatch(/^Скадовський район \(Херсонська\): активні бойові дії з 24 лют\. 2022 р\., доставки туди під загрозою\.$/);
    expect(await textIn('ja', raion)).toBe('Скадовський地区（ヘルソン州）は2022/02/24から戦闘が続く地域です。配送には危険が伴います。');
  });

  it('names an oblast alone, in the reader’s language', async () => {
    expect(await textIn('ja', oblast)).toBe('ヘルソン州は2022/02/24から戦闘が続く地域です。配送には危険が伴います。');
    expect(await textIn('en', oblast)).toMatch(/^Kherson Oblast is under active hostilities/);
    expect(await textIn('uk', oblast)).toMatch(/^Херсонська: активні бойові дії/);
  });
});
