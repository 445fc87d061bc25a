import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { ja } from '../i18n/ja.js';
import { uk } from '../i18n/uk.js';
import { organizationNameById, type Organizations } from './use-funding.js';

const JAPAN_ID = '01890000-0000-7000-8000-000000000001';
const MISSING_ID = '01890000-0000-7000-8000-0000000000ff';
const at = '2026-01-01T00:00:00.000Z';
const orgs: Organizations = {
  items: [{ id: JAPAN_ID, nameUk: 'Уряд Японії', nameEn: 'Government of Japan', nameJa: '日本国政府', type: 'donor_government', country: 'JP', iatiOrgId: null, parentId: null, createdAt: at, updatedAt: at, version: 1 }],
  nextCursor: null,
};

describe('organizationNameById', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { uk: { translation: uk }, en: { translation: en }, ja: { translation: ja } }, lng: 'en', fallbackLng: 'en' });
  });

  it('names a known organisation in the reader’s language', () => {
    expect(['uk', 'en', 'ja'].map((lang) => organizationNameById(orgs, JAPAN_ID, lang))).toEqual(['Уряд Японії', 'Government of Japan', '日本国政府']);
  });

  it('says an organisation is unknown in each language, never showing its id', () => {
    const said = ['uk', 'en', 'ja'].map((lang) => organizationNameById(orgs, MISSING_ID, lang));
    expect(said).toEqual(['Невідома організація', 'Unknown organisation', '不明な組織']);
    for (const s of said) expect(s).not.toContain(MISSING_ID.slice(0, 8));
  });
});
