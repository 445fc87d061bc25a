import { divide, formatPlain, multiply, parseDecimal, roundTo } from '../../engine/fx/decimal.js';

/**
 * The one controlled list of units a need is counted in (DESIGN §4 Needs), with the conversions that are
 * facts rather than guesses: a measure converts within its dimension (ml → litre, MW → kW), and a product
 * counted in containers (pack, box, kit, set) converts to the items in it by the product's pack size. Nothing
 * else converts: a unit that cannot become the need's is refused, naming both.
 */
export type UnitDimension = 'item' | 'container' | 'volume' | 'mass' | 'power' | 'length' | 'area' | 'person';

interface UnitDef {
  dimension: UnitDimension;
  /** Measures: how many of the dimension's base unit (the first listed) one of this is. */
  factor?: string;
  /** Plurals and other spellings accepted for it (lower case). */
  aliases: readonly string[];
}

const UNITS = {
  vial: { dimension: 'item', aliases: ['vials', 'флакон'] },
  ampoule: { dimension: 'item', aliases: ['ampoules', 'ampul', 'ampule', 'ampules', 'amp', 'ампула'] },
  tablet: { dimension: 'item', aliases: ['tablets', 'tab', 'tabs', 'таблетка'] },
  capsule: { dimension: 'item', aliases: ['capsules', 'cap', 'caps', 'капсула'] },
  bottle: { dimension: 'item', aliases: ['bottles'] },
  tube: { dimension: 'item', aliases: ['tubes'] },
  bag: { dimension: 'item', aliases: ['bags'] },
  pen: { dimension: 'item', aliases: ['pens'] },
  inhaler: { dimension: 'item', aliases: ['inhalers'] },
  dose: { dimension: 'item', aliases: ['doses'] },
  sachet: { dimension: 'item', aliases: ['sachets'] },
  roll: { dimension: 'item', aliases: ['rolls'] },
  pair: { dimension: 'item', aliases: ['pairs'] },
  piece: { dimension: 'item', aliases: ['pieces', 'pc', 'pcs', 'unit', 'units', 'each', 'ea', 'item', 'items', 'device', 'devices', 'шт'] },
  box: { dimension: 'container', aliases: ['boxes'] },
  pack: { dimension: 'container', aliases: ['packs', 'package', 'packages', 'packet', 'packets', 'уп'] },
  kit: { dimension: 'container', aliases: ['kits'] },
  set: { dimension: 'container', aliases: ['sets'] },
  carton: { dimension: 'container', aliases: ['cartons'] },
  litre: { dimension: 'volume', factor: '1', aliases: ['l', 'litres', 'liter', 'liters', 'л'] },
  ml: { dimension: 'volume', factor: '0.001', aliases: ['millilitre', 'millilitres', 'milliliter', 'milliliters', 'мл'] },
  m3: { dimension: 'volume', factor: '1000', aliases: ['cubic metre', 'cubic metres', 'cubic meter', 'cubic meters'] },
  kg: { dimension: 'mass', factor: '1', aliases: ['kilogram', 'kilograms', 'kgs', 'кг'] },
  g: { dimension: 'mass', factor: '0.001', aliases: ['gram', 'grams'] },
  tonne: { dimension: 'mass', factor: '1000', aliases: ['tonnes', 't', 'ton', 'tons'] },
  kW: { dimension: 'power', factor: '1', aliases: ['kw', 'kilowatt', 'kilowatts', 'кВт'] },
  MW: { dimension: 'power', factor: '1000', aliases: ['mw', 'megawatt', 'megawatts'] },
  m: { dimension: 'length', factor: '1', aliases: ['metre', 'metres', 'meter', 'meters'] },
  m2: { dimension: 'area', factor: '1', aliases: ['square metre', 'square metres', 'square meter', 'square meters', 'sq m', 'm²'] },
  person: { dimension: 'person', aliases: ['persons', 'people', 'staff'] },
} satisfies Record<string, UnitDef>;

export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as UnitCode[];
const DEFS: Readonly<Record<string, UnitDef>> = UNITS;

const BY_SPELLING = new Map<string, UnitCode>();
for (const code of UNIT_CODES) {
  BY_SPELLING.set(code.toLowerCase(), code);
  for (const alias of UNITS[code].aliases) BY_SPELLING.set(alias.toLowerCase(), code);
}

/** The code for a spelling of a unit ("Vials", "l", "pcs"), or undefined when it is not on the list. */
export function unitCode(text: string): UnitCode | undefined {
  return BY_SPELLING.get(text.trim().replace(/\s+/g, ' ').toLowerCase());
}

export const dimensionOf = (code: string): UnitDimension | undefined => DEFS[code]?.dimension;

/** The sentence for a unit that is not on the list. */
export const unknownUnitMessage = (text: string): string => `"${text}" is not a unit on the list; use one of ${UNIT_CODES.join(', ')}`;

/** How the source was counted: its unit and, for a catalogue product, its pack size and what one pack holds. */
export interface CountedIn {
  unit: string;
  /** Items in one product unit, when the unit is a container (pack of 10 → 10). */
  packSize?: number | undefined;
  /** What the pack holds when the product says so (its form: "capsule", "tablet"); any item unit when unknown. */
  content?: string | undefined;
}

export type Conversion = { ok: true; quantity: string } | { ok: false; message: string };

const article = (code: string) => (/^[aeiou]/i.test(code) ? 'an' : 'a');

/**
 * Converts `quantity` (a decimal string) counted in `from` into the need's unit `to`. Results keep six
 * decimals (a need's precision), rounded half-even, so 3 vials of a need in packs of 10 are 0.3 pack.
 */
export function convertQuantity(quantity: string, from: CountedIn, to: string): Conversion {
  const source = unitCode(from.unit);
  const target = unitCode(to) ?? to;
  if (source === undefined) return { ok: false, message: unknownUnitMessage(from.unit) };
  const value = parseDecimal(quantity);
  const done = (v: bigint): Conversion => ({ ok: true, quantity: formatPlain(roundTo(v, 6)) });
  if (source === target) return done(value);
  const a = DEFS[source] as UnitDef;
  const b = DEFS[target];
  if (b !== undefined && a.factor !== undefined && b.factor !== undefined && a.dimension === b.dimension) {
    // Through the dimension's base unit: value × factor(from) / factor(to), exactly in decimals.
    return done(divide(multiply(value, parseDecimal(a.factor)), parseDecimal(b.factor)));
  }
  const content = from.content === undefined ? undefined : unitCode(from.content);
  if (a.dimension === 'container' && b?.dimension === 'item' && from.packSize !== undefined) {
    if (content !== undefined && content !== target) {
      return { ok: false, message: `This product's ${source} holds ${content}s, not ${target}s: it cannot meet a need counted in ${target}s.` };
    }
    return done(value * BigInt(from.packSize));
  }
  const hint = a.dimension === 'container' && b?.dimension === 'item' ? ` unless the product's pack size says how many ${target}s one holds` : '';
  return { ok: false, message: `${article(source)} ${source} does not convert to ${article(target)} ${target}${hint}: count the quantity in ${target}s.` };
}

/** The spellings accepted for a unit, for the list the web form offers. */
export const unitAliases = (code: UnitCode): string[] => [...UNITS[code].aliases];
