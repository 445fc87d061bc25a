import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid } from '../../http/common.schema.js';
import { AreaCode, PRIORITY_AREAS } from './partnerships.schema.js';

/** Progress toward a target no module measures, proven by one of the agreement's documents. */
export const AchievementCreate = Type.Object(
  {
    area: AreaCode,
    unit: Type.String({ minLength: 1, maxLength: 40, description: "One of the area's targets' units that is not measured automatically" }),
    value: Type.String({ pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?$', description: 'Decimal string > 0: what this evidence proves was achieved (progress is the sum)' }),
    achievedOn: IsoDate,
    documentId: Uuid,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AchievementCreate = Static<typeof AchievementCreate>;

export const Achievement = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  area: StringEnum(PRIORITY_AREAS),
  unit: Type.String(),
  value: Type.String(),
  achievedOn: IsoDate,
  note: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Object({ documentId: Uuid, filename: Type.String(), mediaType: Type.String(), sha256: Type.String() }),
  recordedBy: Type.Object({ userId: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  recordedAt: IsoDateTime,
});
export type Achievement = Static<typeof Achievement>;

export const AchievementList = ListOf(Achievement);
export const AchievementListQuery = Type.Object({ ...ListQueryBase }, { additionalProperties: false });
export type AchievementListQuery = Static<typeof AchievementListQuery>;
