import { describe, expect, it } from 'vitest';
import { donorNameOf, organizationName } from './organization-name.js';

const japan = { nameUk: 'Уряд Японії', nameEn: 'Government of Japan', nameJa: '日本国政府' };
const nhsu = { nameUk: 'Національна служба здоров’я України', nameEn: 'National Health Service of Ukraine', nameJa: null };

describe('organizationName', () => {
  it('names an organisation in the reader’s language', () => {
    expect(['uk', 'en', 'ja'].map((lang) => organizationName(japan, lang))).toEqual(['Уряд Японії', 'Government of Japan', '日本国政府']);
  });

  it('gives a Japanese reader the English name where there is no Japanese one, and never the Ukrainian', () => {
    expect(organizationName(nhsu, 'ja')).toBe('National Health Service of Ukraine');
    expect(organizationName({ nameUk: nhsu.nameUk, nameEn: nhsu.nameEn }, 'ja')).toBe('National Health Service of Ukraine');
    expect(organizationName({ ...japan, nameJa: '' }, 'ja')).toBe('Government of Japan');
  });

  it('keeps the Japanese name for Japanese readers only', () => {
    expect(organizationName(japan, 'uk')).not.toBe(japan.nameJa);
    expect(organizationName(japan, 'en')).not.toBe(japan.nameJa);
  });
});

describe('donorNameOf', () => {
  it('names a shipment’s or lot’s donor in the reader’s language, English for a Japanese reader where there is no Japanese name', () => {
    const shipment = { donorName: japan.nameEn, donorNameUk: japan.nameUk, donorNameJa: japan.nameJa };
    expect(['uk', 'en', 'ja'].map((lang) => donorNameOf(shipment, lang))).toEqual(['Уряд Японії', 'Government of Japan', '日本国政府']);
    expect(donorNameOf({ donorName: nhsu.nameEn, donorNameUk: nhsu.nameUk, donorNameJa: null }, 'ja')).toBe('National Health Service of Ukraine');
  });
});
