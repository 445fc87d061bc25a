import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid } from '../../http/common.schema.js';

export const SYNC_KINDS = ['status_report', 'incident'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** The envelope is checked here; each body against its kind's schema in the service, so one bad record fails alone. */
export const SyncBatch = Type.Object(
  {
    records: Type.Array(
      Type.Object({ clientId: Uuid, kind: StringEnum(SYNC_KINDS), body: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type SyncBatch = Static<typeof SyncBatch>;

export const SyncResult = Type.Object({
  clientId: Uuid,
  /** 202 stored (or stored before with this body), 409 a different body under a known UUID (sent to the inbox), 400/403/404 refused. */
  status: Type.Integer(),
  id: Type.Union([Uuid, Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});
export type SyncResult = Static<typeof SyncResult>;
export const SyncResponse = Type.Object({ results: Type.Array(SyncResult) });

export const InboxEntry = Type.Object({
  id: Uuid,
  clientId: Uuid,
  kind: Type.String(),
  facilityId: Type.Union([Uuid, Type.Null()]),
  reason: Type.String(),
  actor: Type.String(),
  receivedAt: IsoDateTime,
  body: Type.Unknown(),
});
export type InboxEntry = Static<typeof InboxEntry>;
export const InboxQuery = Type.Object({ ...ListQueryBase }, { additionalProperties: false });
export type InboxQuery = Static<typeof InboxQuery>;
export const InboxList = ListOf(InboxEntry);
