import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Uuid } from '../../http/common.schema.js';
import { TOTAL_CURRENCIES } from '../funding/fx.schema.js';
import { Agreement, PRIORITY_AREAS, Target } from './partnerships.schema.js';
import { Meeting } from './meetings.schema.js';
import { Achievement } from './achievements.schema.js';

export const FollowThroughQuery = Type.Object({ currency: StringEnum(TOTAL_CURRENCIES, { default: 'USD' }) }, { additionalProperties: false });
export type FollowThroughQuery = Static<typeof FollowThroughQuery>;

/** Pledges are promises, not money: they stay apart from commitments and disbursements. */
export const Money = Type.Object({ pledged: Type.String(), committed: Type.String(), disbursed: Type.String() });
export type Money = Static<typeof Money>;

export const Deliveries = Type.Object({
  generatorsArrived: Type.Integer({ description: 'Generators of the partners that arrived in Ukraine (received at a warehouse or at a facility); never decreases as units move on' }),
  generatorsInstalled: Type.Integer({ description: 'Generators of the partners installed at a facility (whatever their later status)' }),
  arrivedMw: Type.String({ description: 'Rated output of the arrived generators, MW (3 decimals)' }),
  installedMw: Type.String({ description: 'Rated output of the installed generators, MW (3 decimals)' }),
  shipmentsReceived: Type.Integer({ description: 'Shipments of the partners received in full or in part with content counted toward this area (by product kind and ATC code)' }),
});
export type Deliveries = Static<typeof Deliveries>;

export const Progress = Type.Intersect([
  Target,
  Type.Object({
    source: StringEnum(['measured', 'recorded'] as const, { description: 'measured from deliveries and projects, or the sum of recorded achievements' }),
    achieved: Type.Union([Type.String(), Type.Null()], { description: 'For generators, MW and kW: arrived. Null when the unit is followed by hand and nothing is recorded yet' }),
    percent: Type.Union([Type.Number(), Type.Null()]),
    installed: Type.Union([Type.String(), Type.Null()], { description: 'For generators, MW and kW: installed at facilities; else null' }),
    installedPercent: Type.Union([Type.Number(), Type.Null()]),
    achievements: Type.Array(Achievement, { description: 'The recorded achievements behind `achieved`, each with its evidence' }),
  }),
]);
export type Progress = Static<typeof Progress>;

export const AreaFollowThrough = Type.Object({
  area: StringEnum(PRIORITY_AREAS),
  projectIds: Type.Array(Uuid),
  money: Money,
  deliveries: Type.Union([Deliveries, Type.Null()], { description: 'Set for the areas deliveries count toward by content: energy autonomy, medicines, medical equipment, mental health' }),
  facilitiesReached: Type.Integer(),
  progress: Type.Array(Progress),
});
export type AreaFollowThrough = Static<typeof AreaFollowThrough>;

export const LinkedProject = Type.Object({
  id: Uuid,
  iatiIdentifier: Type.String(),
  title: Type.Object({ en: Type.String(), uk: Type.Optional(Type.String()), ja: Type.Optional(Type.String()) }),
  areas: Type.Array(StringEnum(PRIORITY_AREAS)),
  money: Money,
});
export type LinkedProject = Static<typeof LinkedProject>;

export const FollowThrough = Type.Object({
  agreementId: Uuid,
  currency: Type.String(),
  money: Money,
  deliveries: Deliveries,
  facilitiesReached: Type.Integer(),
  projects: Type.Array(LinkedProject),
  areas: Type.Array(AreaFollowThrough),
});
export type FollowThrough = Static<typeof FollowThrough>;

export const PartnerPage = Type.Object({
  organization: Type.Object({ id: Uuid, nameEn: Type.String(), nameUk: Type.String(), nameJa: Type.Union([Type.String(), Type.Null()]), type: Type.String(), country: Type.Union([Type.String(), Type.Null()]) }),
  currency: Type.String(),
  agreements: Type.Array(Type.Object({ agreement: Agreement, followThrough: FollowThrough })),
  meetings: Type.Array(Meeting),
});
export type PartnerPage = Static<typeof PartnerPage>;

/** One priority area across every agreement the caller may read that lists it. */
export const AreaRollup = Type.Object({
  area: StringEnum(PRIORITY_AREAS),
  currency: Type.String(),
  money: Type.Object({ pledged: Type.String(), committed: Type.String(), disbursed: Type.String() }, { description: 'Over the distinct projects linked to the area in any of these agreements' }),
  projectCount: Type.Integer(),
  agreements: Type.Array(Type.Object({ agreement: Agreement, followThrough: AreaFollowThrough })),
});
export type AreaRollup = Static<typeof AreaRollup>;
export const AreaParams = Type.Object({ area: Type.String({ minLength: 1, maxLength: 60 }) });
