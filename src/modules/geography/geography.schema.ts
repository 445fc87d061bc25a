import { Type, type Static } from '@sinclair/typebox';

export const Area = Type.Object({
  katottg: Type.String(),
  level: Type.Integer({ description: '1 oblast, 2 raion, 3 hromada' }),
  parentKatottg: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  iso3166_2: Type.Union([Type.String(), Type.Null()]),
  pcode: Type.Union([Type.String(), Type.Null()]),
  nameUk: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
});
export type Area = Static<typeof Area>;

export const AreaListQuery = Type.Object(
  {
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
    parent: Type.Optional(Type.String({ pattern: '^UA[0-9]{17}$' })),
  },
  { additionalProperties: false },
);
export type AreaListQuery = Static<typeof AreaListQuery>;
export const AreaList = Type.Object({ items: Type.Array(Area) });
export type AreaList = Static<typeof AreaList>;
