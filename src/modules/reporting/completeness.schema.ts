import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { FacilityTypeSchema } from '../facilities/facilities.schema.js';

/** How often a facility is expected to report its status (the DHIS2 period types Carebridge supports). */
export const REPORTING_PERIOD_TYPES = ['week', 'month'] as const;
export type ReportingPeriodType = (typeof REPORTING_PERIOD_TYPES)[number];
export const ReportingPeriodTypeSchema = StringEnum(REPORTING_PERIOD_TYPES);

/** One facility type's schedule: its own override, or the server's default (CAREBRIDGE_REPORTING_PERIOD). */
export const TypeSchedule = Type.Object({
  facilityType: FacilityTypeSchema,
  period: ReportingPeriodTypeSchema,
  deadlineDays: Type.Integer({ minimum: 0, maximum: 90, description: 'Days after the period’s last day by which a report counts as on time' }),
  source: StringEnum(['default', 'override'] as const),
  version: Type.Union([Version, Type.Null()], { description: 'The override’s version (send it back to change or remove it); null for the default' }),
});
export type TypeSchedule = Static<typeof TypeSchedule>;

export const ReportingSchedules = Type.Object({
  default: Type.Object({ period: ReportingPeriodTypeSchema, deadlineDays: Type.Integer() }),
  types: Type.Array(TypeSchedule),
});
export type ReportingSchedules = Static<typeof ReportingSchedules>;

export const FacilityTypeParams = Type.Object({ facilityType: FacilityTypeSchema });
export type FacilityTypeParams = Static<typeof FacilityTypeParams>;

export const ScheduleUpdate = Type.Object(
  {
    period: ReportingPeriodTypeSchema,
    deadlineDays: Type.Integer({ minimum: 0, maximum: 90 }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Required when the type already has an override' })),
  },
  { additionalProperties: false },
);
export type ScheduleUpdate = Static<typeof ScheduleUpdate>;

export const ScheduleRemoveQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type ScheduleRemoveQuery = Static<typeof ScheduleRemoveQuery>;

export const CompletenessQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas. Absent: the country' })),
    period: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(W[0-9]{2}|[0-9]{2})$', description: 'An ISO week (2025-W10) or a month (2025-03). Absent: the last ended period of the default schedule' })),
    asOf: Type.Optional(IsoDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'At most this many missing facilities are listed (the count is always whole)' })),
  },
  { additionalProperties: false },
);
export type CompletenessQuery = Static<typeof CompletenessQuery>;

const countFields = {
  expected: Type.Integer({ description: 'Facilities expected to report for the period: on its schedule, open and reachable on at least one of its days' }),
  received: Type.Integer({ description: 'Of them, with a report observed in the period that reached the server by the as-of date' }),
  onTime: Type.Integer({ description: 'Received by the deadline (the period’s last day plus the type’s deadline days)' }),
  late: Type.Integer({ description: 'Received after the deadline' }),
  missing: Type.Integer({ description: 'Expected and not received' }),
  noAccess: Type.Integer({ description: 'Open in the period but only while their area was temporarily occupied: not expected' }),
};
export const CompletenessCounts = Type.Object(countFields);
export type CompletenessCounts = Static<typeof CompletenessCounts>;

export const AreaCompleteness = Type.Object({
  katottg: Type.String(),
  iso: Type.Union([Type.String(), Type.Null()], { description: 'ISO 3166-2 of an oblast (the map’s key); null for a raion' }),
  nameUk: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  ...countFields,
});
export type AreaCompleteness = Static<typeof AreaCompleteness>;

const AreaName = Type.Object({ katottg: Type.String(), nameUk: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]) });

export const MissingFacility = Type.Object({
  id: Uuid,
  nameUk: Type.String(),
  nameEn: Type.String(),
  type: FacilityTypeSchema,
  oblast: AreaName,
  raion: Type.Union([AreaName, Type.Null()]),
  lastObservedAt: Type.Union([Type.String(), Type.Null()], { description: 'Its latest report received by the as-of date, from any period; null: never' }),
});
export type MissingFacility = Static<typeof MissingFacility>;

/** Facility names are partner level (DESIGN §5); the caller's read scope bounds every figure and name. */
export const Completeness = Type.Object({
  period: Type.Object({ code: Type.String(), type: ReportingPeriodTypeSchema, first: IsoDate, last: IsoDate }),
  asOf: IsoDate,
  area: Type.Union([AreaName, Type.Null()]),
  totals: CompletenessCounts,
  byOblast: Type.Array(AreaCompleteness),
  byRaion: Type.Array(AreaCompleteness),
  otherSchedule: Type.Integer({ description: 'Open facilities whose type reports on another period type: not in these figures' }),
  missing: Type.Object({ total: Type.Integer(), items: Type.Array(MissingFacility) }),
});
export type Completeness = Static<typeof Completeness>;
