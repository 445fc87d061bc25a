import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';
import { REVIEW_STATES } from './review.schema.js';

export const ATTACK_TYPES = ['heavy_weapons', 'individual_weapons', 'arson', 'looting', 'militarization', 'obstruction', 'abduction_detention', 'assault', 'threat', 'other'] as const;
export const CERTAINTIES = ['confirmed', 'probable', 'possible'] as const;
export const RESOURCES = ['facility', 'transport', 'personnel', 'patients', 'supplies', 'warehouse', 'other'] as const;
export type AttackType = (typeof ATTACK_TYPES)[number];

const Casualties = Type.Integer({ minimum: 0, maximum: 100000 });

export const IncidentCreate = Type.Object(
  {
    occurredAt: IsoDateTime,
    facilityId: Type.Optional(Uuid),
    areaKatottg: Type.Optional(Type.String({ pattern: '^UA[0-9]{17}$', description: 'KATOTTG code of the area when no facility is named' })),
    attackTypes: Type.Array(StringEnum(ATTACK_TYPES), { minItems: 1, maxItems: 10, uniqueItems: true }),
    resourcesAffected: Type.Optional(Type.Array(StringEnum(RESOURCES), { maxItems: 7, uniqueItems: true })),
    healthWorkersKilled: Type.Optional(Casualties),
    healthWorkersInjured: Type.Optional(Casualties),
    patientsKilled: Type.Optional(Casualties),
    patientsInjured: Type.Optional(Casualties),
    certainty: StringEnum(CERTAINTIES),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    narrative: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    corrects: Type.Optional({ ...Uuid, description: 'The returned incident that this one corrects' }),
  },
  { additionalProperties: false },
);
export type IncidentCreate = Static<typeof IncidentCreate>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Partner view: source and narrative are restricted (DESIGN §5) and null unless the caller may see them. */
export const Incident = Type.Object({
  id: Uuid,
  occurredAt: IsoDateTime,
  facilityId: Nullable(Uuid),
  facilityType: Nullable(Type.String()),
  areaKatottg: Type.String(),
  oblastIso: Type.String(),
  attackTypes: Type.Array(StringEnum(ATTACK_TYPES)),
  resourcesAffected: Type.Array(Type.String()),
  healthWorkersKilled: Type.Integer(),
  healthWorkersInjured: Type.Integer(),
  patientsKilled: Type.Integer(),
  patientsInjured: Type.Integer(),
  certainty: StringEnum(CERTAINTIES),
  sourceVisible: Type.Boolean(),
  source: Nullable(Type.String()),
  narrative: Nullable(Type.String()),
  createdAt: IsoDateTime,
  reviewState: StringEnum(REVIEW_STATES),
});
export type Incident = Static<typeof Incident>;

/** Public view: date, oblast, types, facility type, totals and certainty only (no facility, no place, no source). */
export const PublicIncident = Type.Object(
  {
    id: Uuid,
    date: IsoDate,
    oblastIso: Type.String(),
    attackTypes: Type.Array(StringEnum(ATTACK_TYPES)),
    facilityType: Nullable(Type.String()),
    killed: Type.Integer(),
    injured: Type.Integer(),
    certainty: StringEnum(CERTAINTIES),
  },
  { additionalProperties: false },
);
export type PublicIncident = Static<typeof PublicIncident>;

export const IncidentListFilters = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type IncidentListFilters = Static<typeof IncidentListFilters>;
export const IncidentList = ListOf(Incident);
export const PublicIncidentList = ListOf(PublicIncident);
