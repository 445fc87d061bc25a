import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';
import { ASSET_STATUSES as GENERATOR_STATUSES } from '../assets/assets.schema.js';
import { AccessWarning } from '../geography/access-warning.schema.js';

/**
 * The energy API. Power and fuel status of a named facility are restricted (DESIGN §5): fields that
 * carry them are nullable and null, with `restricted: true`, for callers who may not see them.
 */
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Kw = Type.Number({ minimum: 0, description: 'kW' });
const OblastIso = Type.String({ pattern: '^UA-[0-9]{2}$', description: 'ISO 3166-2 of the oblast' });
export const GeneratorStatusSchema = StringEnum(GENERATOR_STATUSES);

export const GeneratorAsset = Type.Object({
  id: Uuid,
  serial: Type.String(),
  productName: Type.String(),
  ratingKva: Type.Number(),
  ratingKw: Type.Number({ description: '0.8 × kVA' }),
  usableKw: Type.Number({ description: 'What the unit may carry over a multi-day outage (70 % of a standby rating)' }),
  standby: Type.Boolean(),
  fuelType: Type.String(),
  tankLitres: Type.Number(),
  status: GeneratorStatusSchema,
  warehouseName: Type.Union([Type.String(), Type.Null()]),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  /** The facility it is bound for or installed at; null when the caller may not see it. */
  facilityId: Type.Union([Uuid, Type.Null()]),
  oblastIso: Type.Union([Type.String(), Type.Null()]),
  donorOrgId: Type.Union([Uuid, Type.Null()]),
  installedAt: Type.Union([IsoDateTime, Type.Null()]),
  version: Type.Integer(),
});
export type GeneratorAsset = Static<typeof GeneratorAsset>;

/** The fleet list's filter; the list kit adds limit and cursor. */
export const FleetFilters = Type.Object({ status: Type.Optional(GeneratorStatusSchema) }, { additionalProperties: false });
export type FleetFilters = Static<typeof FleetFilters>;
const StatusTotal = Type.Object({ status: GeneratorStatusSchema, count: Type.Integer(), ratingKw: Type.Number() });
/** What every page of the fleet carries beside its units. */
export const FleetTotals = Type.Object({ totals: Type.Array(StatusTotal, { description: 'The whole fleet by status (not only this page)' }) });
/** A page of the fleet as the list kit answers it: the units, nextCursor and FleetTotals. */
export const FleetList = Type.Object({ ...ListOf(GeneratorAsset).properties, ...FleetTotals.properties });

export const PriorityParts = Type.Object({ type: Type.Number(), beds: Type.Number(), services: Type.Number(), outage: Type.Number(), attacks: Type.Number() });
export const Priority = Type.Object({ weight: Type.Number(), parts: PriorityParts });

export const PowerProfile = Type.Object({
  facilityId: Uuid,
  facilityName: Type.String(),
  oblastIso: Type.String(),
  facilityType: Type.String(),
  criticalLoadKw: Type.Number(),
  essentialLoadKw: Type.Number(),
  loadSource: StringEnum(['measured', 'estimated'] as const),
  outageHoursPerDay: Type.Number(),
  priority: Priority,
  /** True when the power and fuel fields below are withheld from this caller. */
  restricted: Type.Boolean(),
  backupKw: Nullable(Type.Number()),
  deficitKw: Nullable(Type.Number()),
  fuelStockLitres: Nullable(Type.Number()),
  autonomyHours: Nullable(Type.Number({ description: 'null also when there is no working generator' })),
  fuelLitresPerDay: Nullable(Type.Number()),
  version: Type.Union([Type.Integer(), Type.Null()]),
});
export type PowerProfile = Static<typeof PowerProfile>;

/** The facilities-in-need list's filter; the list kit adds limit and cursor. */
export const NeedFilters = Type.Object({ oblast: Type.Optional(OblastIso) }, { additionalProperties: false });
export type NeedFilters = Static<typeof NeedFilters>;
export const NeedList = ListOf(PowerProfile);

export const ProfileUpdate = Type.Object(
  {
    criticalLoadKw: Type.Optional(Type.Union([Kw, Type.Null()], { description: 'Measured; null returns to the estimate' })),
    essentialLoadKw: Type.Optional(Type.Union([Kw, Type.Null()])),
    fuelStockLitres: Type.Number({ minimum: 0, maximum: 10_000_000 }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Required once the profile exists' })),
  },
  { additionalProperties: false },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;

const Pair = Type.Object({ generatorId: Uuid, facilityId: Uuid }, { additionalProperties: false });
export const PlanCreate = Type.Object(
  {
    params: Type.Optional(
      Type.Object(
        {
          minLoadRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          maxGeneratorsPerFacility: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
          maxDistanceKm: Type.Optional(Type.Number({ minimum: 0, maximum: 2000 })),
          costPerKm: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
    timeLimitSeconds: Type.Optional(Type.Number({ minimum: 0.5, maximum: 120, default: 10 })),
    pins: Type.Optional(Type.Array(Pair, { maxItems: 1000, description: 'Fixed before solving' })),
    forbidden: Type.Optional(Type.Array(Pair, { maxItems: 10000, description: 'Pairs the plan must not use' })),
    minOblastShares: Type.Optional(
      Type.Array(Type.Object({ oblastIso: OblastIso, share: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }), { maxItems: 27 }),
    ),
  },
  { additionalProperties: false },
);
export type PlanCreate = Static<typeof PlanCreate>;

const Explanation = Type.Object({
  text: Type.String(),
  facilityWeight: Type.Number(),
  weightParts: PriorityParts,
  criticalLoadKw: Type.Number(),
  deficitKw: Type.Number({ description: 'Before this plan' }),
  unitKw: Type.Number(),
  coversKw: Type.Number({ description: 'Part of the deficit this unit closes, in the order of the plan' }),
  loadRatio: Type.Number({ description: 'Unit usable kW over the critical load' }),
  distanceKm: Type.Number(),
});
export const PlanAssignment = Type.Object({
  generatorId: Uuid,
  serial: Type.String(),
  usableKw: Type.Number(),
  facilityId: Uuid,
  facilityName: Type.String(),
  oblastIso: Type.String(),
  pinned: Type.Boolean(),
  needId: Type.Union([Uuid, Type.Null()], { description: 'The approved generator need this unit serves (executing links the shipment line to it; receiving credits it in kW); null when the unit serves the profile deficit alone' }),
  needSpecification: Type.Union([Type.String(), Type.Null()], { description: 'What that need asks for, as raised' }),
  explanation: Explanation,
  /** Set when the facility is in an area under active hostilities on the plan's date: the code, the area and since when. */
  warning: Type.Optional(AccessWarning),
});
export type PlanAssignment = Static<typeof PlanAssignment>;

export const PLAN_STATUSES = ['draft', 'approved', 'executed', 'discarded'] as const;
export const PlanSummary = Type.Object({
  id: Uuid,
  status: StringEnum(PLAN_STATUSES),
  objective: Type.Number(),
  upperBound: Type.Number(),
  gapPercent: Type.Number(),
  seconds: Type.Number(),
  problemSize: Type.Object({ generators: Type.Integer(), facilities: Type.Integer() }),
  assignedGenerators: Type.Integer(),
  assignedKw: Type.Number(),
  byOblast: Type.Array(Type.Object({ oblastIso: Type.String(), generators: Type.Integer(), kw: Type.Number() })),
  shareChecks: Type.Array(Type.Object({ oblastIso: Type.String(), minShare: Type.Number(), share: Type.Number(), met: Type.Boolean() })),
  createdBy: Type.String(),
  createdAt: IsoDateTime,
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  executedBy: Type.Union([Type.String(), Type.Null()]),
  executedAt: Type.Union([IsoDateTime, Type.Null()]),
  discardedBy: Type.Union([Type.String(), Type.Null()]),
  discardedAt: Type.Union([IsoDateTime, Type.Null()]),
  discardReason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export const Plan = Type.Composite([
  PlanSummary,
  Type.Object({
    assignments: Type.Array(PlanAssignment, { description: 'Only those naming a facility the caller may see (DESIGN §5)' }),
    hiddenAssignments: Type.Integer({ description: 'Assignments withheld from this caller; counted in byOblast' }),
  }),
]);
export type Plan = Static<typeof Plan>;
export const PlanList = Type.Object({ items: Type.Array(PlanSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });
/** The plan list's filter; listRoute adds the paging parameters. */
export const PlanListFilters = Type.Object({ status: Type.Optional(StringEnum(PLAN_STATUSES)) }, { additionalProperties: false });
export const PlanTransition = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const PlanDiscard = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S', description: 'Why the draft is set aside (kept with the plan and in the audit log)' }) },
  { additionalProperties: false },
);

const CoverageFigures = Type.Object({ backupKw: Type.Number(), deficitKw: Type.Number(), facilitiesWithDeficit: Type.Integer() });
export const CoverageRow = Type.Object({
  oblastIso: Type.String(),
  facilities: Type.Integer(),
  criticalLoadKw: Type.Number(),
  outageHoursPerDay: Type.Number(),
  fuelLitresPerDay: Type.Number({ description: 'Working units at critical load for the outage hours of the oblast' }),
  before: CoverageFigures,
  after: Type.Union([CoverageFigures, Type.Null()], { description: 'With the plan given in ?plan=' }),
});
export type CoverageRow = Static<typeof CoverageRow>;
export const Coverage = Type.Object({ planId: Type.Union([Uuid, Type.Null()]), items: Type.Array(CoverageRow), total: Type.Omit(CoverageRow, ['oblastIso']) });
export const CoverageQuery = Type.Object({ plan: Type.Optional(Uuid) }, { additionalProperties: false });

/** Statuses a unit at (or bound for) a facility can be moved to by hand: arrival, faults, repairs, retirement. */
export const SETTABLE_STATUSES = ['installed', 'functioning', 'needs_attention', 'not_functioning', 'decommissioned'] as const;
export const GeneratorStatusChange = Type.Object({ status: StringEnum(SETTABLE_STATUSES), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type GeneratorStatusChange = Static<typeof GeneratorStatusChange>;

/** The solve in progress, if any: polled by the planner's screen while a plan is computed. */
export const SolveProgressView = Type.Object({
  running: Type.Boolean(),
  phase: Type.Union([Type.String(), Type.Null()]),
  objective: Type.Union([Type.Number(), Type.Null()]),
  upperBound: Type.Union([Type.Number(), Type.Null()]),
  elapsedSeconds: Type.Union([Type.Number(), Type.Null()]),
  startedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type SolveProgressView = Static<typeof SolveProgressView>;

/** Units arriving in one warehouse (from one donor, if donated). */
export const FleetArrival = Type.Object(
  {
    warehouse: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), lat: Type.Number({ minimum: 44, maximum: 53 }), lon: Type.Number({ minimum: 22, maximum: 41 }) }, { additionalProperties: false }),
    donorOrgId: Type.Optional(Uuid),
    units: Type.Array(
      Type.Object(
        {
          serial: Type.String({ minLength: 1, maxLength: 80 }),
          productName: Type.String({ minLength: 1, maxLength: 200 }),
          ratingKva: Type.Number({ exclusiveMinimum: 0, maximum: 5000 }),
          standby: Type.Boolean({ description: 'Standby-rated: carries 70 % of its rating over a multi-day outage' }),
          fuelType: StringEnum(['diesel', 'petrol', 'gas']),
          tankLitres: Type.Number({ minimum: 0, maximum: 100000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type FleetArrival = Static<typeof FleetArrival>;
export const FleetArrivalResult = Type.Object({ items: Type.Array(GeneratorAsset) });

export const Outage = Type.Object({ oblastIso: OblastIso, hoursPerDay: Type.Number(), updatedAt: IsoDateTime });
export const OutageList = Type.Object({ items: Type.Array(Outage) });
export const OutageParams = Type.Object({ oblastIso: OblastIso }, { additionalProperties: false });
export const OutageUpdate = Type.Object({ hoursPerDay: Type.Number({ minimum: 0, maximum: 24 }) }, { additionalProperties: false });
export type OutageUpdate = Static<typeof OutageUpdate>;
