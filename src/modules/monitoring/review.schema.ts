import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid } from '../../http/common.schema.js';
import { QUALITY_REASONS, type QualityCheck } from './quality.schema.js';

/** new → validated | returned (with a comment to the reporter) → corrected (by a newer report that names it). */
export const REVIEW_STATES = ['new', 'validated', 'returned', 'corrected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
/** What is reviewed: a facility's status report or an incident. */
export const REVIEW_KINDS = ['status', 'incident'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_DECISIONS = ['validate', 'return'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];
/** The findings a queue item can carry: the per-report checks of data quality and the facility's place. */
export const REVIEW_FINDINGS = ['contradiction', 'outside_country'] as const satisfies readonly QualityCheck[];
export type ReviewFinding = (typeof REVIEW_FINDINGS)[number];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ReviewDecision = Type.Object(
  {
    decision: StringEnum(REVIEW_DECISIONS),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: 'To the reporter; required when returning' })),
    version: Type.Integer({ minimum: 0, description: 'The review version the decision is based on (0 for a report never reviewed)' }),
  },
  { additionalProperties: false },
);
export type ReviewDecision = Static<typeof ReviewDecision>;

/** A report's review as the API shows it. */
export const Review = Type.Object({
  state: StringEnum(REVIEW_STATES),
  version: Type.Integer(),
  comment: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(IsoDateTime),
  corrects: Nullable(Uuid),
  correctedBy: Nullable(Uuid),
});
export type Review = Static<typeof Review>;

/**
 * One report in the queue, with what a reviewer needs to judge it at partner level (no power or fuel figures,
 * no incident source or narrative: those stay behind the reports' own presenters).
 */
export const ReviewItem = Type.Object({
  kind: StringEnum(REVIEW_KINDS),
  id: Uuid,
  facilityId: Nullable(Uuid),
  facilityCode: Nullable(Type.String()),
  facilityNameEn: Nullable(Type.String()),
  facilityNameUk: Nullable(Type.String()),
  oblastIso: Type.String(),
  at: IsoDateTime,
  reporter: Type.String(),
  summary: Type.Object({
    functionality: Type.Optional(Type.String()),
    buildingCondition: Type.Optional(Type.String()),
    accessibility: Type.Optional(Type.String()),
    attackTypes: Type.Optional(Type.Array(Type.String())),
    certainty: Type.Optional(Type.String()),
    killed: Type.Optional(Type.Integer()),
    injured: Type.Optional(Type.Integer()),
  }),
  findings: Type.Array(Type.Object({ check: StringEnum(REVIEW_FINDINGS), reason: StringEnum(QUALITY_REASONS), detail: Type.String({ description: 'English sentence; reason says it in a code the interface translates' }) })),
  review: Review,
});
export type ReviewItem = Static<typeof ReviewItem>;

export const ReviewQueueQuery = Type.Object(
  {
    ...ListQueryBase,
    kind: Type.Optional(StringEnum(REVIEW_KINDS)),
    state: Type.Optional(StringEnum(REVIEW_STATES)),
    oblast: Type.Optional(Type.String({ pattern: '^UA-[0-9]{2}$', description: 'ISO 3166-2 of an oblast' })),
    facility: Type.Optional(Uuid),
    finding: Type.Optional(StringEnum([...REVIEW_FINDINGS, 'any'] as const, { description: 'Only reports with this data-quality finding (any: with at least one)' })),
  },
  { additionalProperties: false },
);
export type ReviewQueueQuery = Static<typeof ReviewQueueQuery>;
export const ReviewQueue = ListOf(ReviewItem);

/** A correction chain, oldest first: each report after the first corrects the one before it. */
export const ReviewChain = Type.Object({ items: Type.Array(ReviewItem) });
export type ReviewChain = Static<typeof ReviewChain>;
