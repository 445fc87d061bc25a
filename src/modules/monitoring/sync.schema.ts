import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { FacilityUpdate } from '../facilities/facilities.schema.js';

export const SYNC_KINDS = ['status_report', 'incident', 'facility_edit'] as const;
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

/** A facility edit made offline: the PATCH fields, with the version the phone saw when the edit was made. */
export const FacilityEdit = Type.Object(
  { facilityId: Uuid, baseVersion: Version, changes: Type.Omit(FacilityUpdate, ['version'], { additionalProperties: false }) },
  { additionalProperties: false },
);
export type FacilityEdit = Static<typeof FacilityEdit>;

export const SyncResult = Type.Object({
  clientId: Uuid,
  /**
   * 202 stored (or stored before with this body); 409 sent to the review inbox (a different body under a known
   * UUID, or a facility edit based on a stale version); 400/403/404 refused.
   */
  status: Type.Integer(),
  /** The stored record's id; for a facility edit, the facility's. */
  id: Type.Union([Uuid, Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});
export type SyncResult = Static<typeof SyncResult>;
export const SyncResponse = Type.Object({ results: Type.Array(SyncResult) });

export const RESOLUTIONS = ['apply', 'dismiss'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const InboxEntry = Type.Object({
  id: Uuid,
  clientId: Uuid,
  kind: Type.String(),
  facilityId: Nullable(Uuid),
  reason: Type.String(),
  actor: Type.String(),
  receivedAt: IsoDateTime,
  body: Type.Unknown(),
  resolution: Nullable(StringEnum(RESOLUTIONS)),
  resolvedAt: Nullable(IsoDateTime),
  resolvedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** What applying produced: the new record's id, or the facility's for an edit. */
  resultId: Nullable(Uuid),
});
export type InboxEntry = Static<typeof InboxEntry>;

export const INBOX_STATES = ['open', 'resolved', 'all'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export const InboxQuery = Type.Object(
  { ...ListQueryBase, status: Type.Optional(StringEnum(INBOX_STATES, { default: 'open', description: 'open (default): entries awaiting review; resolved; all' })) },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;
export const InboxList = ListOf(InboxEntry);

export const InboxResolve = Type.Object(
  {
    /** apply: the facility edit on top of the current version, or the report/incident under a new id; dismiss: close it. */
    resolution: StringEnum(RESOLUTIONS),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type InboxResolve = Static<typeof InboxResolve>;
