import { Type, type Static } from '@sinclair/typebox';
import { importResultWith, IsoDate, IsoDateTime, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';
import { ServiceSchema } from '../facilities/facilities.schema.js';
import { REVIEW_STATES } from './review.schema.js';

export const BUILDING_CONDITIONS = ['not_damaged', 'slightly_damaged', 'substantially_damaged', 'fully_damaged'] as const;
export const FUNCTIONALITIES = ['fully', 'partially', 'not_functioning'] as const;
export const FUNCTIONALITY_REASONS = ['staff', 'supplies', 'finances', 'equipment', 'damage', 'security'] as const;
export const ACCESSIBILITIES = ['fully', 'partially', 'not_accessible'] as const;
export const POWER_SOURCES = ['grid', 'generator', 'none'] as const;
export const WATER_STATES = ['available', 'limited', 'not_available'] as const;
export const COLD_CHAIN_STATES = ['functioning', 'partially', 'not_functioning', 'not_applicable'] as const;
export const SERVICE_STATUSES = ['available', 'partially', 'not_available', 'not_normally_provided'] as const;
/** Why a service is not fully available (HeRAMS-style barriers). */
export const SERVICE_REASONS = ['staff', 'supplies', 'finances', 'equipment', 'damage', 'security', 'access', 'power', 'demand'] as const;

export type Functionality = (typeof FUNCTIONALITIES)[number];
export type BuildingCondition = (typeof BUILDING_CONDITIONS)[number];
export type PowerSource = (typeof POWER_SOURCES)[number];
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

const Count = Type.Integer({ minimum: 0, maximum: 100000 });

export const ServiceReport = Type.Object(
  {
    code: ServiceSchema,
    status: StringEnum(SERVICE_STATUSES),
    reasons: Type.Optional(Type.Array(StringEnum(SERVICE_REASONS), { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ServiceReport = Static<typeof ServiceReport>;

export const StatusReportCreate = Type.Object(
  {
    facilityId: Uuid,
    observedAt: IsoDateTime,
    buildingCondition: StringEnum(BUILDING_CONDITIONS),
    buildingCause: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    functionality: StringEnum(FUNCTIONALITIES),
    functionalityReasons: Type.Optional(Type.Array(StringEnum(FUNCTIONALITY_REASONS), { maxItems: 6, uniqueItems: true })),
    accessibility: StringEnum(ACCESSIBILITIES),
    accessibilityBarriers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10 })),
    powerSource: StringEnum(POWER_SOURCES),
    outageHours7d: Type.Optional(Type.Number({ minimum: 0, maximum: 168 })),
    backupKw: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    fuelLitres: Type.Optional(Type.Number({ minimum: 0, maximum: 10000000 })),
    water: Type.Optional(StringEnum(WATER_STATES)),
    coldChain: Type.Optional(StringEnum(COLD_CHAIN_STATES)),
    services: Type.Optional(Type.Array(ServiceReport, { maxItems: 50 })),
    rehabBeds: Type.Optional(Count),
    therapists: Type.Optional(Count),
    psychologists: Type.Optional(Count),
    psychiatrists: Type.Optional(Count),
    corrects: Type.Optional({ ...Uuid, description: 'The returned report of the same facility that this one corrects' }),
  },
  { additionalProperties: false },
);
export type StatusReportCreate = Static<typeof StatusReportCreate>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A report as the API shows it. Power and fuel of a named facility are restricted (DESIGN §5):
 * for callers who may not see them they are null and `powerVisible` is false.
 */
export const StatusReport = Type.Object({
  id: Uuid,
  facilityId: Uuid,
  oblastIso: Type.String(),
  observedAt: IsoDateTime,
  reporter: Type.String(),
  buildingCondition: StringEnum(BUILDING_CONDITIONS),
  buildingCause: Nullable(Type.String()),
  functionality: StringEnum(FUNCTIONALITIES),
  functionalityReasons: Type.Array(Type.String()),
  accessibility: StringEnum(ACCESSIBILITIES),
  accessibilityBarriers: Type.Array(Type.String()),
  powerVisible: Type.Boolean(),
  powerSource: Nullable(StringEnum(POWER_SOURCES)),
  outageHours7d: Nullable(Type.Number()),
  backupKw: Nullable(Type.Number()),
  fuelLitres: Nullable(Type.Number()),
  water: Nullable(Type.String()),
  coldChain: Nullable(Type.String()),
  services: Type.Array(Type.Object({ code: Type.String(), status: StringEnum(SERVICE_STATUSES), reasons: Type.Array(Type.String()) })),
  rehabBeds: Nullable(Type.Integer()),
  therapists: Nullable(Type.Integer()),
  psychologists: Nullable(Type.Integer()),
  psychiatrists: Nullable(Type.Integer()),
  createdAt: IsoDateTime,
  reviewState: StringEnum(REVIEW_STATES),
});
export type StatusReport = Static<typeof StatusReport>;

export const StatusReportListFilters = Type.Object(
  {
    facility: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type StatusReportListFilters = Static<typeof StatusReportListFilters>;
export const StatusReportList = ListOf(StatusReport);

export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });
export const FacilityStatus = Type.Object({ facilityId: Uuid, asOf: Type.Union([IsoDate, Type.Null()]), report: Type.Union([StatusReport, Type.Null()]) });

/** The survey import's own query field; the import route adds dryRun (http/import-route.ts). */
export const StatusImportQuery = Type.Object(
  {
    mapping: Type.Optional(Type.String({ maxLength: 20000, description: 'JSON object: our field (or services.<code>, serviceReasons.<code>) → the column header in the file; over the KoBo-style default' })),
  },
  { additionalProperties: false },
);
export type StatusImportQuery = Static<typeof StatusImportQuery>;

export const StatusImportResult = importResultWith({
  alreadyImported: Type.Integer({ description: 'submissions stored by an earlier import of the same export (same _uuid/KEY, facility and time), left unchanged' }),
});
