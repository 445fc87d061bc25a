import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const PRODUCT_KINDS = ['medicine', 'consumable', 'equipment', 'generator'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** ATC code at any level: A, A10, A10B, A10BA, A10BA02. */
export const ATC_PATTERN = '^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const productFields = {
  kind: StringEnum(PRODUCT_KINDS),
  name: Text(200),
  inn: Type.Optional(Type.Union([Text(200), Type.Null()], { description: 'International non-proprietary name; required for medicines' })),
  atcCode: Type.Optional(Type.Union([Type.String({ pattern: ATC_PATTERN }), Type.Null()], { description: 'WHO ATC code, e.g. J01CA04' })),
  form: Type.Optional(Type.Union([Text(100), Type.Null()])),
  strength: Type.Optional(Type.Union([Text(100), Type.Null()])),
  unit: Text(50),
  packSize: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  gtin: Type.Optional(Type.Union([Type.String({ pattern: '^([0-9]{8}|[0-9]{12,14})$', description: 'GTIN-8/12/13/14; check digit verified; stored as GTIN-14' }), Type.Null()])),
  essential: Type.Boolean({ description: 'On the national essential medicines list' }),
};

export const ProductCreate = Type.Object(productFields, { additionalProperties: false });
export type ProductCreate = Static<typeof ProductCreate>;

export const ProductUpdate = Type.Object({ ...Type.Partial(Type.Object(productFields)).properties, version: Version }, { additionalProperties: false, minProperties: 2 });
export type ProductUpdate = Static<typeof ProductUpdate>;

export const Product = Type.Object({
  id: Uuid,
  kind: StringEnum(PRODUCT_KINDS),
  name: Type.String(),
  inn: Type.Union([Type.String(), Type.Null()]),
  atcCode: Type.Union([Type.String(), Type.Null()]),
  form: Type.Union([Type.String(), Type.Null()]),
  strength: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(),
  packSize: Type.Integer(),
  gtin: Type.Union([Type.String(), Type.Null()]),
  essential: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Product = Static<typeof Product>;

export const ProductList = ListOf(Product);
export const ProductListFilters = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Searches name, INN, ATC code and GTIN' })),
    kind: Type.Optional(StringEnum(PRODUCT_KINDS)),
    essential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ProductListFilters = Static<typeof ProductListFilters>;

export const ProductDelete = Type.Object({ version: Version }, { additionalProperties: false });

/** The columns of a product import file (CSV/XLSX, header row first). */
export const PRODUCT_COLUMNS = ['kind', 'name', 'inn', 'atc_code', 'form', 'strength', 'unit', 'pack_size', 'gtin', 'essential'] as const;
