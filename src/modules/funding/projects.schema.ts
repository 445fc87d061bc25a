import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, RowProblem, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { DECIMAL_PATTERN } from '../../engine/fx/decimal.js';
import { Amount, Currency } from './fx.schema.js';

export const PARTICIPANT_ROLES = ['funding', 'accountable', 'extending', 'implementing'] as const;
/** IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended. */
export const ACTIVITY_STATUSES = ['1', '2', '3', '4', '5', '6'] as const;
export const PHASES = ['damage_registered', 'design', 'procurement', 'construction', 'commissioning', 'operational', 'cancelled'] as const;
/** Prozorro's OCDS prefix and tender id, e.g. ocds-be6bcu-UA-2024-05-20-000123-a. */
export const OCID_PATTERN = '^ocds-[a-z0-9]{6}-UA-\\d{4}-\\d{2}-\\d{2}-\\d{6}-[a-z]$';

/** Longest narrative kept: IATI sets no limit, and real descriptions run to tens of thousands of characters. */
export const MAX_NARRATIVE = 100_000;
const Narrative = Type.String({ maxLength: MAX_NARRATIVE });
/** An IATI narrative's language: an xml:lang tag such as fi, nl or pt-BR. */
export const LANGUAGE_PATTERN = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$';
const Text = Type.Object(
  { en: Type.Optional(Narrative), uk: Type.Optional(Narrative), ja: Type.Optional(Narrative) },
  {
    additionalProperties: false,
    patternProperties: { [LANGUAGE_PATTERN]: Narrative },
    minProperties: 1,
    description: 'The same text in several languages, by xml:lang (any language IATI narratives come in); at least one. Shown in uk, en or ja first, else the first there is',
  },
);
/** An activity's description may be absent (an imported activity without a general description). */
const OptionalText = Type.Object(
  { en: Type.Optional(Narrative), uk: Type.Optional(Narrative), ja: Type.Optional(Narrative) },
  { additionalProperties: false, patternProperties: { [LANGUAGE_PATTERN]: Narrative } },
);

const Participant = Type.Object({ organizationId: Uuid, role: StringEnum(PARTICIPANT_ROLES) }, { additionalProperties: false });
const Sector = Type.Object(
  {
    vocabulary: Type.String({ pattern: '^[0-9]{1,2}$', description: 'IATI SectorVocabulary: 1 OECD DAC CRS 5-digit and 2 DAC 3-digit (checked against their codelists); others kept as given' }),
    code: Type.String({ minLength: 1, maxLength: 100 }),
    percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Counted to hundredths' })),
  },
  { additionalProperties: false },
);
const Locations = Type.Object(
  { areas: Type.Array(Type.String({ pattern: '^UA\\d{17}$' }), { maxItems: 200 }), facilities: Type.Array(Uuid, { maxItems: 500 }) },
  { additionalProperties: false },
);
const Budget = Type.Object({ periodStart: IsoDate, periodEnd: IsoDate, amount: Amount, currency: Currency, valueDate: IsoDate }, { additionalProperties: false });
const Milestone = Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), due: IsoDate, done: Type.Boolean() }, { additionalProperties: false });
/** IATI IndicatorMeasure 1 unit, 2 percentage; ResultType 1 output, 2 outcome, 3 impact, 9 other. */
export const INDICATOR_MEASURES = ['1', '2'] as const;
export const RESULT_TYPES = ['1', '2', '3', '9'] as const;
const IndicatorValue = Type.String({ pattern: DECIMAL_PATTERN, maxLength: 40, description: 'Decimal string' });
const IndicatorPeriod = Type.Object(
  { periodStart: IsoDate, periodEnd: IsoDate, target: Type.Union([IndicatorValue, Type.Null()]), actual: Type.Union([IndicatorValue, Type.Null()]) },
  { additionalProperties: false },
);
const Indicator = Type.Object(
  {
    measure: StringEnum(INDICATOR_MEASURES),
    ascending: Type.Boolean(),
    title: Text,
    baseline: Type.Union([Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }), value: IndicatorValue }, { additionalProperties: false }), Type.Null()]),
    periods: Type.Array(IndicatorPeriod, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
const Result = Type.Object(
  { type: StringEnum(RESULT_TYPES), aggregationStatus: Type.Boolean(), title: Text, indicators: Type.Array(Indicator, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

const Reconstruction = Type.Object(
  {
    phase: StringEnum(PHASES),
    percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
    milestones: Type.Array(Milestone, { maxItems: 100 }),
    ocid: Type.Union([Type.String({ pattern: OCID_PATTERN }), Type.Null()]),
  },
  { additionalProperties: false },
);

const fields = {
  title: Text,
  description: OptionalText,
  status: StringEnum(ACTIVITY_STATUSES),
  startDate: IsoDate,
  endDate: Type.Union([IsoDate, Type.Null()]),
  humanitarian: Type.Boolean(),
  participants: Type.Array(Participant, { minItems: 1, maxItems: 50 }),
  sectors: Type.Array(Sector, { minItems: 1, maxItems: 50 }),
  locations: Locations,
  budgets: Type.Array(Budget, { maxItems: 100 }),
  results: Type.Array(Result, { maxItems: 50 }),
  reconstruction: Type.Union([Reconstruction, Type.Null()]),
};

export const ProjectCreate = Type.Object(
  {
    reportingOrgId: Uuid,
    localId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$', description: 'Appended to the reporting organisation IATI id' }),
    ...fields,
    endDate: Type.Optional(fields.endDate),
    humanitarian: Type.Optional(fields.humanitarian),
    locations: Type.Optional(fields.locations),
    budgets: Type.Optional(fields.budgets),
    results: Type.Optional(fields.results),
    reconstruction: Type.Optional(fields.reconstruction),
  },
  { additionalProperties: false },
);
export type ProjectCreate = Static<typeof ProjectCreate>;

/** Any of the project's fields, with the version read (a stale version is a 409). The identifier does not change. */
export const ProjectUpdate = Type.Object({ version: Version, ...Type.Partial(Type.Object(fields)).properties }, { additionalProperties: false });
export type ProjectUpdate = Static<typeof ProjectUpdate>;

export const Project = Type.Object({
  id: Uuid,
  iatiIdentifier: Type.String(),
  reportingOrgId: Uuid,
  ...fields,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Project = Static<typeof Project>;

export const ProjectList = ListOf(Project);
export const ProjectListFilters = Type.Object(
  { organizationId: Type.Optional(Uuid), status: Type.Optional(StringEnum(ACTIVITY_STATUSES)) },
  { additionalProperties: false },
);
export type ProjectListFilters = Static<typeof ProjectListFilters>;

export const IatiImportResult = Type.Object({
  dryRun: Type.Boolean(),
  activities: Type.Integer({ description: 'Activities imported (in a dry run: that would be)' }),
  skipped: Type.Integer({ description: 'Activities left out: refused (with skipInvalid) or for another recipient country' }),
  transactions: Type.Integer(),
  organizationsCreated: Type.Integer(),
  errorCount: Type.Integer(),
  /** What a dry run or skipInvalid found (a real import that finds problems without skipInvalid is refused with them as rowErrors). */
  errors: Type.Array(RowProblem),
  warningCount: Type.Integer(),
  /** What IATI's rules question but its schema allows (e.g. rule 1.1.21); never a refusal. */
  warnings: Type.Array(RowProblem),
});
/** What IATI's import takes besides dryRun (the import route adds it; IATI_DRY_RUN describes it). */
export const IATI_DRY_RUN = 'Check every activity (in a transaction that is rolled back) and store nothing';
export const IatiImportQuery = Type.Object(
  {
    skipInvalid: Type.Optional(Type.Boolean({ default: false, description: 'Import the valid activities and report the refused ones, instead of all or nothing' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'Keep only activities for this recipient country (ISO 3166-1 alpha-2)' })),
  },
  { additionalProperties: false },
);
