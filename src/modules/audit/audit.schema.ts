import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf } from '../../http/common.schema.js';

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: IsoDateTime,
  actor: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  change: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEvent>;
export const AuditList = ListOf(AuditEvent);

export const AuditListQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(Type.String({ maxLength: 50 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'Opaque; from nextCursor' })),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;
export const AuditVerdict = Type.Object({ ok: Type.Boolean(), count: Type.Integer(), brokenSeq: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) });
