import { Type, type Static } from '@sinclair/typebox';
import { FieldProblem, IsoDateTime, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { FacilityUpdate } from '../facilities/facilities.schema.js';
import { ReceiptCreate } from '../supply/shipments.schema.js';

/**
 * What a phone may send: status reports, incidents and facility edits, and a facility's own work (DESIGN §1):
 * a delivery confirmed (`receipt`), stock used or lost (`stock_move`) or counted (`stock_count`), a unit's
 * condition (`asset_status`), and a need raised (`need`, the body of POST /needs).
 */
export const SYNC_KINDS = ['status_report', 'incident', 'facility_edit', 'receipt', 'stock_move', 'stock_count', 'asset_status', 'need'] as const;
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

/**
 * A delivery confirmed on the phone: the receipt's entries for one shipment. It applies to the shipment as it
 * is when it arrives (another partial receipt in between is no conflict): the outstanding quantities still bound it.
 */
export const ReceiptSync = Type.Object({ shipmentId: Uuid, ...Type.Omit(ReceiptCreate, ['version']).properties }, { additionalProperties: false });
export type ReceiptSync = Static<typeof ReceiptSync>;

/** A unit's condition reported on the phone, on the version the phone saw (a stale one goes to the review inbox). */
export const AssetStatusSync = Type.Object(
  {
    assetId: Uuid,
    baseVersion: Version,
    status: StringEnum(['functioning', 'needs_attention', 'not_functioning'] as const),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type AssetStatusSync = Static<typeof AssetStatusSync>;

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
  errors: Type.Array(FieldProblem),
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
/** The inbox list's filters; the list kit adds limit and cursor. */
export const InboxFilters = Type.Object(
  { status: Type.Optional(StringEnum(INBOX_STATES, { default: 'open', description: 'open (default): entries awaiting review; resolved; all' })) },
  { additionalProperties: false },
);
export type InboxFilters = Static<typeof InboxFilters>;

export const InboxResolve = Type.Object(
  {
    /** apply: the facility edit on top of the current version, or the report/incident under a new id; dismiss: close it. */
    resolution: StringEnum(RESOLUTIONS),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type InboxResolve = Static<typeof InboxResolve>;
