import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Uuid } from '../../http/common.schema.js';

export const QUALITY_CHECKS = ['stale', 'outside_country', 'outside_oblast', 'likely_duplicate', 'contradiction'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** One finding; names the facility but never its coordinates (those stay behind the facility presenter). */
export const QualityIssue = Type.Object({
  check: StringEnum(QUALITY_CHECKS),
  facilityId: Uuid,
  code: Type.String(),
  nameEn: Type.String(),
  oblastIso: Type.String(),
  detail: Type.String(),
  relatedFacilityId: Type.Union([Uuid, Type.Null()]),
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
