import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, StringEnum } from '../../http/common.schema.js';

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: IsoDateTime,
  actor: Type.Union([Type.String(), Type.Null()]),
  /** The person the actor is, when it is a user (joined from users, never stored in the chain). */
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRoles: Type.Array(Type.String()),
  /** Who acted, for the reader: a user, the system itself (demo, CLI, scheduled work), or a request without a user. */
  actorKind: StringEnum(['user', 'system', 'anonymous'] as const),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  change: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEvent>;

/** The audit list's filters; the list kit adds limit (100 by default here) and cursor. */
export const AuditFilters = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(Type.String({ maxLength: 50 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type AuditFilters = Static<typeof AuditFilters>;
const seqRange = (description: string) => Type.Object({ from: Type.Integer(), to: Type.Integer() }, { description });
export const AuditVerdict = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer({ description: 'Events verified (before the first problem, when there is one)' }),
  brokenSeq: Type.Optional(Type.Integer({ description: 'Where the problem shows: the altered event, the first missing one, or the checkpoint that disagrees' })),
  reason: Type.Optional(Type.String()),
  headSeq: Type.Integer({ description: 'The last event present' }),
  missing: Type.Optional(seqRange('Events gone: a gap, or a cut tail shown by a checkpoint beyond the last event')),
  altered: Type.Optional(seqRange('One of these events was altered and every hash after it recomputed')),
  checkpoints: Type.Object({ stored: Type.Integer(), latestSeq: Type.Union([Type.Integer(), Type.Null()]), macsChecked: Type.Boolean({ description: 'false when CAREBRIDGE_AUDIT_KEY is not set' }) }),
  external: Type.Union([Type.Object({ seq: Type.Integer(), signed: Type.Boolean(), macChecked: Type.Boolean() }), Type.Null()]),
  assurance: Type.String({ description: 'What this verification proves and what it cannot, given the key and checkpoints it had' }),
});
