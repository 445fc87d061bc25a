import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODELIST, parseSectorCodelist, renderTable, TABLE_FILE } from '../../../tools/dac-generate-names.js';
import { en } from '../i18n/en.js';
import { ja } from '../i18n/ja.js';
import { uk } from '../i18n/uk.js';
import { DAC_SECTOR_NAMES_EN } from './dac-sectors.generated.js';
import { sectorName } from './sector-name.js';

const codelist = parseSectorCodelist(readFileSync(DEFAULT_CODELIST, 'utf8'));

describe('sector names', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { uk: { translation: uk }, en: { translation: en }, ja: { translation: ja } }, lng: 'en', fallbackLng: 'en' });
  });

  it('the English table is what tools/dac-generate-names.ts makes of the IATI codelist', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(renderTable(codelist));
    expect(DAC_SECTOR_NAMES_EN['72040']).toBe('Emergency food assistance');
  });

  it('every code we name by hand is a DAC code of the codelist', () => {
    const codes = new Set(codelist.map(([c]) => c));
    expect(Object.keys(en.funding.dac).filter((c) => !codes.has(c))).toEqual([]);
  });

  it('shows our own name in uk and ja, the official English name for other codes, and never a bare code', async () => {
    await i18next.changeLanguage('uk');
    expect(sectorName(i18next.t, '72040')).toBe('Екстрена продовольча допомога');
    expect(sectorName(i18next.t, '11110')).toBe('Education policy and administrative management');
    await i18next.changeLanguage('ja');
    expect(sectorName(i18next.t, '12230')).toBe('基礎保健インフラ');
    expect(sectorName(i18next.t, '99999')).toBe('セクター 99999（DACリスト外）');
    for (const [code] of codelist) expect(sectorName(i18next.t, code)).not.toMatch(/^(DAC )?[0-9]+$/);
  });
});
