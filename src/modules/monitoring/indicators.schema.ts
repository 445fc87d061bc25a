import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from '../../http/common.schema.js';

const ValidatedOnly = Type.Boolean({ default: false, description: 'Count only reports and incidents a coordinator has validated: each facility by its latest validated report' });
const Counts = Type.Record(Type.String(), Type.Integer());
const Shares = Type.Object({ facilities: Type.Integer(), available: Type.Number(), partially: Type.Number(), notAvailable: Type.Number() });

/** Aggregates only: no facility is named, so every field here is public or partner level (DESIGN §5). */
export const Indicators = Type.Object({
  asOf: IsoDate,
  area: Type.Union([Type.String(), Type.Null()]),
  facilities: Type.Integer({ description: 'Open facilities on the date that the Ministry can reach (expected to report)' }),
  noAccess: Type.Integer({ description: 'Open facilities in areas temporarily occupied on the date: counted apart, not in any other figure' }),
  reporting: Type.Integer({ description: 'Of them, with at least one report by the date' }),
  byFunctionality: Counts,
  byBuildingCondition: Counts,
  onGenerator: Type.Integer(),
  withoutPower: Type.Integer(),
  serviceAvailabilityByDomain: Type.Record(Type.String(), Shares),
  incidentsByMonth: Type.Array(
    Type.Object({ month: Type.String(), attackType: Type.String(), incidents: Type.Integer(), killed: Type.Integer(), injured: Type.Integer() }),
  ),
});
export type Indicators = Static<typeof Indicators>;

export const IndicatorQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas' })),
    asOf: Type.Optional(IsoDate),
    validatedOnly: Type.Optional(ValidatedOnly),
  },
  { additionalProperties: false },
);
export type IndicatorQuery = Static<typeof IndicatorQuery>;

export const PublicIndicatorQuery = Type.Object(
  {
    oblast: Type.Optional(Type.String({ pattern: '^UA-[0-9]{2}$', description: 'ISO 3166-2 of an oblast; absent: the whole country' })),
    asOf: Type.Optional(IsoDate),
    validatedOnly: Type.Optional(ValidatedOnly),
  },
  { additionalProperties: false },
);
export type PublicIndicatorQuery = Static<typeof PublicIndicatorQuery>;
