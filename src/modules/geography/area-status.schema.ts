import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';

/** The Ministry of Reintegration's categories of territory (DESIGN §4 "Area access status"). */
export const ACCESS_STATUSES = ['government_controlled', 'active_hostilities', 'possible_hostilities', 'temporarily_occupied'] as const;
export type AccessStatusCode = (typeof ACCESS_STATUSES)[number];

const Period = {
  status: StringEnum(ACCESS_STATUSES),
  since: IsoDate,
  until: Type.Union([IsoDate, Type.Null()], { description: 'First day the status no longer holds; null: still in force' }),
};

/**
 * The status a place (facility, stock location) inherits from its smallest area that has one, on a date.
 * Public level: it is a fact about the area, not about the facility.
 */
export const AccessStatus = Type.Object({
  ...Period,
  areaKatottg: Type.String(),
  areaName: Type.String({ description: 'The area and its oblast, e.g. "Skadovskyi raion (Kherson Oblast)"' }),
  reachable: Type.Boolean({ description: 'false when the Ministry cannot deliver there (temporarily occupied)' }),
});
export type AccessStatus = Static<typeof AccessStatus>;

/** One period of one area, as imported. */
export const AreaStatusPeriod = Type.Object({
  id: Uuid,
  areaKatottg: Type.String(),
  areaLevel: Type.Integer({ description: '1 oblast, 2 raion, 3 hromada' }),
  areaNameUk: Type.String(),
  areaNameEn: Type.Union([Type.String(), Type.Null()]),
  ...Period,
});
export type AreaStatusPeriod = Static<typeof AreaStatusPeriod>;

/** The status list's filters; the list adds limit and cursor (http/list-route.ts). */
export const AreaStatusListFilters = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG or ISO 3166-2 code: this area and the areas inside it' })),
    asOf: Type.Optional(IsoDate),
    status: Type.Optional(StringEnum(ACCESS_STATUSES)),
  },
  { additionalProperties: false },
);
export type AreaStatusListFilters = Static<typeof AreaStatusListFilters>;
export const AreaStatusList = ListOf(AreaStatusPeriod);
export type AreaStatusList = Static<typeof AreaStatusList>;

export const AreaStatusImportResult = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer({ description: 'Periods whose end date the file changed' }),
  unchanged: Type.Integer(),
});
export type AreaStatusImportResult = Static<typeof AreaStatusImportResult>;
