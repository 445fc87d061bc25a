import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { AccessStatus } from '../geography/area-status.schema.js';

export const FACILITY_TYPES = [
  'regional_hospital', 'city_hospital', 'district_hospital', 'maternity', 'children_hospital',
  'rehabilitation_center', 'mental_health_center', 'primary_care_center', 'ambulatory', 'feldsher_post',
  'emergency_center', 'blood_center', 'disease_control_center', 'pharmacy_warehouse',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const TIERS = ['primary', 'secondary', 'tertiary'] as const;
export const OWNERSHIPS = ['state', 'communal', 'private', 'ngo'] as const;

/** Services a facility may offer; the domain groups them for service-availability reporting. */
export const SERVICES = {
  general_clinical: 'general_clinical_trauma',
  trauma: 'general_clinical_trauma',
  emergency: 'emergency_surgery',
  surgery: 'emergency_surgery',
  intensive_care: 'emergency_surgery',
  obstetrics: 'maternal_newborn',
  neonatal: 'maternal_newborn',
  paediatrics: 'child_health',
  immunization: 'child_health',
  communicable_diseases: 'communicable_diseases',
  ncd: 'ncd',
  dialysis: 'ncd',
  mental_health_outpatient: 'mental_health',
  mental_health_inpatient: 'mental_health',
  rehabilitation_outpatient: 'rehabilitation',
  rehabilitation_inpatient: 'rehabilitation',
  prosthetics: 'rehabilitation',
  laboratory: 'diagnostics',
  imaging: 'diagnostics',
  pharmacy: 'pharmacy',
  blood_bank: 'pharmacy',
  telemedicine: 'telemedicine',
} as const;
export type ServiceCode = keyof typeof SERVICES;
export const SERVICE_CODES = Object.keys(SERVICES) as ServiceCode[];

export const FacilityTypeSchema = StringEnum(FACILITY_TYPES);
export const TierSchema = StringEnum(TIERS);
export const OwnershipSchema = StringEnum(OWNERSHIPS);
export const ServiceSchema = StringEnum(SERVICE_CODES);
const Latitude = Type.Number({ minimum: 44, maximum: 52.5, description: 'WGS84 latitude, within Ukraine' });
const Longitude = Type.Number({ minimum: 22, maximum: 40.3, description: 'WGS84 longitude, within Ukraine' });
const Name = Type.String({ minLength: 1, maxLength: 300 });

export const Facility = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameUk: Type.String(),
  nameEn: Type.String(),
  type: FacilityTypeSchema,
  tier: TierSchema,
  ownership: OwnershipSchema,
  areaKatottg: Type.String(),
  oblastIso: Type.String({ description: 'ISO 3166-2 code of the first-level unit' }),
  lat: Type.Number(),
  lon: Type.Number(),
  coordinatePrecision: Type.Union([Type.Literal('exact'), Type.Literal('rounded')]),
  beds: Type.Integer(),
  staff: Type.Integer(),
  operatorOrgId: Type.Union([Uuid, Type.Null()]),
  services: Type.Array(ServiceSchema),
  openedOn: Type.Union([IsoDate, Type.Null()]),
  closedOn: Type.Union([IsoDate, Type.Null()]),
  closedReason: Type.Union([Type.String(), Type.Null()]),
  accessStatus: Type.Optional(Type.Union([AccessStatus, Type.Null()], { description: "Today's access status, inherited from the facility's smallest area that has one; null: none recorded" })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Facility = Static<typeof Facility>;

const editable = {
  nameUk: Name,
  nameEn: Name,
  type: FacilityTypeSchema,
  tier: TierSchema,
  ownership: OwnershipSchema,
  areaKatottg: Type.String({ pattern: '^UA[0-9]{17}$', description: 'KATOTTG code of the area (oblast, raion or hromada)' }),
  lat: Latitude,
  lon: Longitude,
  beds: Type.Integer({ minimum: 0, maximum: 10000 }),
  staff: Type.Integer({ minimum: 0, maximum: 50000 }),
  operatorOrgId: Type.Union([Uuid, Type.Null()]),
  services: Type.Array(ServiceSchema, { maxItems: 50, uniqueItems: true }),
  openedOn: Type.Union([IsoDate, Type.Null()]),
};

export const FacilityCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{3,40}$', description: 'National facility code' }),
    nameUk: editable.nameUk,
    nameEn: editable.nameEn,
    type: editable.type,
    tier: editable.tier,
    ownership: editable.ownership,
    areaKatottg: editable.areaKatottg,
    lat: editable.lat,
    lon: editable.lon,
    beds: Type.Optional(editable.beds),
    staff: Type.Optional(editable.staff),
    operatorOrgId: Type.Optional(editable.operatorOrgId),
    services: Type.Optional(editable.services),
    openedOn: Type.Optional(editable.openedOn),
  },
  { additionalProperties: false },
);
export type FacilityCreate = Static<typeof FacilityCreate>;

/** Any editable field (the national code is fixed), with the version the change was based on. */
export const FacilityUpdate = Type.Composite([Type.Object({ version: Version }), Type.Partial(Type.Omit(FacilityCreate, ['code']))], { additionalProperties: false });
export type FacilityUpdate = Static<typeof FacilityUpdate>;

export const FacilityClose = Type.Object(
  { version: Version, closedOn: IsoDate, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type FacilityClose = Static<typeof FacilityClose>;

export const FACILITY_SORTS = ['name_en', 'name_uk', 'code', 'beds', 'updated_at'] as const;
export type FacilitySort = (typeof FACILITY_SORTS)[number];

/** The registry list's filters (also the export's); the list adds sort, limit and cursor (http/list-route.ts). */
export const FacilityListFilters = Type.Object(
  {
    id: Type.Optional(
      Type.Array(Uuid, {
        minItems: 1,
        maxItems: 100,
        description: "Only these facilities (?id=a&id=b), e.g. to name those a page of needs refers to; one outside the caller's scope is simply not returned",
      }),
    ),
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas' })),
    type: Type.Optional(Type.Array(FacilityTypeSchema)),
    tier: Type.Optional(TierSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Search in code and Ukrainian and English names' })),
    status: Type.Optional(StringEnum(['open', 'closed', 'all'] as const, { default: 'open' })),
    scope: Type.Optional(
      StringEnum(['read', 'work'] as const, {
        default: 'read',
        description: 'read: every facility the caller may read; work: only those it reports for (status, attacks, deliveries, stock), as pickers offer them',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FacilityListFilters = Static<typeof FacilityListFilters>;

export const FacilityList = ListOf(Facility);
export type FacilityList = Static<typeof FacilityList>;

export const FacilityHistoryEntry = Type.Object({
  version: Type.Integer(),
  action: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  at: IsoDateTime,
  change: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
});
export type FacilityHistoryEntry = Static<typeof FacilityHistoryEntry>;
export const FacilityHistory = Type.Object({ items: Type.Array(FacilityHistoryEntry) });

/** Public aggregate: open facilities per oblast and type. */
export const FacilitySummary = Type.Object({
  items: Type.Array(Type.Object({ oblastIso: Type.String(), type: FacilityTypeSchema, count: Type.Integer() })),
});
export type FacilitySummary = Static<typeof FacilitySummary>;

/** The columns an import file carries (for the web app's import page, which reads only schema files). */
export { IMPORT_COLUMNS as FACILITY_IMPORT_COLUMNS } from './facilities.columns.js';
