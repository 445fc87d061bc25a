import type { TSchema } from '@sinclair/typebox';

const UNKNOWN = 'no_such_value';
type Props = Record<string, TSchema & { enum?: unknown[]; type?: string; items?: TSchema & { enum?: unknown[]; type?: string; properties?: Props } }>;

/**
 * Every enumerated field of an object schema, read from the schema itself so a field added later is tested too:
 * [the JSON pointer an error must name, a change to a valid body that puts an unknown value there]. Arrays of
 * enums and arrays of objects with enumerated fields (report services) are included.
 */
export function unknownEnumCases(schema: TSchema, valid: Record<string, unknown>): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [key, prop] of Object.entries((schema as unknown as { properties: Props }).properties)) {
    if (prop.enum !== undefined) out.push([`/${key}`, { [key]: UNKNOWN }]);
    else if (prop.items?.enum !== undefined) out.push([`/${key}/0`, { [key]: [UNKNOWN] }]);
    else if (prop.items?.properties !== undefined) {
      const first = ((valid[key] as Record<string, unknown>[] | undefined) ?? [])[0];
      if (first === undefined) throw new Error(`the valid body needs one ${key} item to vary`);
      for (const [pointer, change] of unknownEnumCases(prop.items, first)) out.push([`/${key}/0${pointer}`, { [key]: [{ ...first, ...change }] }]);
    }
  }
  return out;
}
