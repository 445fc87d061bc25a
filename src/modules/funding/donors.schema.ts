import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Uuid } from '../../http/common.schema.js';
import { Currency, RateUsed, TOTAL_CURRENCIES } from './fx.schema.js';

export const DonorTotalsQuery = Type.Object({ currency: StringEnum(TOTAL_CURRENCIES, { default: 'USD' }) }, { additionalProperties: false });

/** Sums of converted parts (each rounded to cents first). Pledges stand apart; disbursed and spent are parts of what was committed, not added to it. */
const Stages = {
  pledged: Type.String(),
  committed: Type.String(),
  disbursed: Type.String(),
  spent: Type.String(),
  received: Type.String(),
};

export const DonorTotals = Type.Object({
  currency: Currency,
  donors: Type.Array(Type.Object({ organizationId: Uuid, name: Type.String(), nameUk: Type.String(), nameJa: Type.Union([Type.String(), Type.Null()]), country: Type.Union([Type.String(), Type.Null()]), ...Stages, projects: Type.Integer(), transactions: Type.Integer() })),
  /** The same by the donors' country, e.g. Japan = Government of Japan + JICA. */
  countries: Type.Array(
    Type.Object({
      country: Type.String(),
      ...Stages,
      donors: Type.Integer(),
      /** The same split by DAC sector (each part by its project's sector percentages, in whole cents): they add up to the country's figures. */
      sectors: Type.Array(Type.Object({ code: Type.String(), ...Stages })),
    }),
  ),
  /** Every rate used, with how many transactions it converted. */
  rates: Type.Array(Type.Intersect([RateUsed, Type.Object({ transactions: Type.Integer() })])),
});
export type DonorTotals = Static<typeof DonorTotals>;
