import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Uuid } from '../../http/common.schema.js';

export const QUALITY_CHECKS = ['stale', 'outside_country', 'outside_oblast', 'likely_duplicate', 'contradiction'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** Why a finding was made, so the interface can say it in the user's language (detail keeps an English sentence). */
export const QUALITY_REASONS = [
  'no_report',
  'last_report',
  'outside_country',
  'outside_oblast',
  'similar_name',
  'fully_in_destroyed_building',
  'not_functioning_with_services',
  'fully_without_services',
  'no_power_no_outage',
  'generator_without_backup',
] as const;
export type QualityReason = (typeof QUALITY_REASONS)[number];

const RelatedFacility = Type.Object({ code: Type.String(), nameUk: Type.String(), nameEn: Type.String() });

/** One finding; names the facility but never its coordinates (those stay behind the facility presenter). */
export const QualityIssue = Type.Object({
  check: StringEnum(QUALITY_CHECKS),
  facilityId: Uuid,
  code: Type.String(),
  nameEn: Type.String(),
  nameUk: Type.String(),
  oblastIso: Type.String(),
  detail: Type.String(),
  reason: StringEnum(QUALITY_REASONS),
  /** The day of the report the finding is about (stale, contradiction). */
  observedAt: Type.Union([Type.String(), Type.Null()]),
  /** Metres between a likely duplicate pair. */
  distanceM: Type.Union([Type.Integer(), Type.Null()]),
  /** The oblast a point outside its own oblast falls in; null when it falls in none loaded. */
  fallsInOblastIso: Type.Union([Type.String(), Type.Null()]),
  relatedFacilityId: Type.Union([Uuid, Type.Null()]),
  related: Type.Union([RelatedFacility, Type.Null()]),
});
export type QualityIssue = Static<typeof QualityIssue>;

export const QualityQuery = Type.Object(
  {
    staleDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'A facility with no report for this many days is stale' })),
    check: Type.Optional(StringEnum(QUALITY_CHECKS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  },
  { additionalProperties: false },
);
export type QualityQuery = Static<typeof QualityQuery>;

export const QualityReport = Type.Object({
  counts: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(QualityIssue),
});
export type QualityReport = Static<typeof QualityReport>;
