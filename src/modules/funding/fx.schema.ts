import { Type, type Static } from '@sinclair/typebox';
import { DECIMAL_PATTERN } from '../../engine/fx/decimal.js';
import { ImportResultNoDryRun, IsoDate, IsoDateTime, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';

export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });
export const Amount = Type.String({ pattern: DECIMAL_PATTERN, maxLength: 40, description: 'Decimal string, e.g. "1250000.50"; never a float' });

export const FxRate = Type.Object({
  id: Uuid,
  currency: Currency,
  date: IsoDate,
  ratePerUsd: Type.String({ description: 'Units of the currency per 1 USD' }),
  source: Type.String(),
  createdAt: IsoDateTime,
});
export type FxRate = Static<typeof FxRate>;

export const FxRateList = ListOf(FxRate);

export const FxRateListFilters = Type.Object(
  {
    currency: Type.Optional(Currency),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type FxRateListFilters = Static<typeof FxRateListFilters>;

export const TOTAL_CURRENCIES = ['USD', 'EUR', 'JPY', 'UAH'] as const;

export const RateUsed = Type.Object({
  currency: Currency,
  ratePerUsd: Type.String(),
  date: IsoDate,
  source: Type.String(),
  ageDays: Type.Integer({ description: 'Days between the rate and the date converted' }),
  stale: Type.Boolean({ description: 'The rate is older than CAREBRIDGE_FX_MAX_RATE_AGE_DAYS: shown with a warning' }),
});

export const FxImportQuery = Type.Object(
  { format: Type.Optional(StringEnum(['csv', 'nbu'], { description: "csv (default, text/csv: currency,date,rate_per_usd,source) or nbu (the National Bank of Ukraine's official rate JSON)" })) },
  { additionalProperties: false },
);

export const ConvertQuery = Type.Object(
  { amount: Amount, currency: Currency, to: Currency, date: IsoDate },
  { additionalProperties: false },
);
export type ConvertQuery = Static<typeof ConvertQuery>;

export const Converted = Type.Object({
  amount: Type.String(),
  currency: Currency,
  original: Type.Object({ amount: Type.String(), currency: Currency, valueDate: IsoDate }),
  rates: Type.Array(RateUsed),
});

/** The shared import summary: a rate import offers no dry run. */
export const FxImportResult = ImportResultNoDryRun;
export type FxImportResult = ImportResultNoDryRun;
