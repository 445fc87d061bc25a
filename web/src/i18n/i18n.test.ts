import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/modules/access/access.schema.js';
import { FACILITY_TYPES, OWNERSHIPS, SERVICE_CODES, TIERS } from '../../../src/modules/facilities/facilities.schema.js';
import { en } from './en.js';
import { ja } from './ja.js';
import { uk } from './uk.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every message as [dotted key, text]. */
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();

const LANGUAGES = { uk, en, ja } as const;

describe('the translations', () => {
  const english = new Map(flatten(en));

  // The compiler checks the shape too (Messages); this also catches a message
  // that lost its {{placeholder}} or was left empty in one language.
  for (const [language, messages] of Object.entries(LANGUAGES)) {
    it(`${language} has the same keys as English, no empty message, and the same placeholders`, () => {
      const flat = new Map(flatten(messages));
      expect([...flat.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of flat) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
      }
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
