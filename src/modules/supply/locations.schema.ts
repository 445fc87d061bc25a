import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const LOCATION_KINDS = ['warehouse', 'facility'] as const;

export const WarehouseCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    areaKatottg: Type.String({ pattern: '^UA[0-9]{17}$' }),
    operatorOrgId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type WarehouseCreate = Static<typeof WarehouseCreate>;

/** A facility's stock location; made on first use (POST is idempotent). */
export const FacilityLocationCreate = Type.Object({ facilityId: Uuid }, { additionalProperties: false });

export const Location = Type.Object({
  id: Uuid,
  kind: StringEnum(LOCATION_KINDS),
  name: Type.String(),
  /** A facility location's Ukrainian name (the facility's); null for a warehouse, which has the one name. */
  nameUk: Type.Union([Type.String(), Type.Null()]),
  facilityId: Type.Union([Uuid, Type.Null()]),
  areaKatottg: Type.String(),
  operatorOrgId: Type.Union([Uuid, Type.Null()]),
  createdAt: IsoDateTime,
  version: Version,
});
export type Location = Static<typeof Location>;

export const LocationList = ListOf(Location);
export const LocationListFilters = Type.Object(
  { kind: Type.Optional(StringEnum(LOCATION_KINDS)), facilityId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type LocationListFilters = Static<typeof LocationListFilters>;
