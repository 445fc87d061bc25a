import { v7 as uuidv7 } from 'uuid';
import type { FieldProblem } from '../api/client.js';

/** What the outbox carries: the sync kinds of POST /api/v1/sync. */
export const OUTBOX_KINDS = ['status_report', 'incident', 'facility_edit', 'receipt', 'stock_move', 'stock_count', 'asset_status', 'need'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** The server's refusal of a record, kept so the user can see what to fix. */
export interface OutboxError {
  status: number;
  detail: string;
  errors: FieldProblem[];
}

/**
 * One record waiting to be sent. `clientId` is made on the phone (UUIDv7) and becomes the record's id on the
 * server, which is what makes resending safe: the server answers a repeat with the first result.
 */
export interface OutboxRecord {
  clientId: string;
  kind: OutboxKind;
  body: Record<string, unknown>;
  /** The signed-in user who made it: only their session sends it, so it is stored under their name and scope. */
  owner: string;
  /** What the user sees in the outbox list (facility and date). */
  label: string;
  createdAt: string;
  /** waiting: will be sent (again); failed: the server refused it, the user must fix or delete it. */
  state: 'waiting' | 'failed';
  attempts: number;
  /** Epoch milliseconds before which a retry is not attempted (exponential back-off); 0: at once. */
  nextAttemptAt: number;
  error: OutboxError | null;
}

/** A record the server moved to the review inbox (409): gone from the outbox, but the user is told. */
export interface ReviewNotice {
  clientId: string;
  kind: OutboxKind;
  label: string;
  detail: string;
  at: string;
}

/** The per-record answer of POST /api/v1/sync (or of a whole refused batch, spread over its records). */
export interface SendAnswer {
  /** HTTP-like status; 0 when the request never reached the server. */
  status: number;
  detail: string;
  errors: FieldProblem[];
}

export type Outcome =
  | { type: 'remove' }
  | { type: 'review'; notice: ReviewNotice }
  | { type: 'failed'; record: OutboxRecord }
  | { type: 'retry'; record: OutboxRecord };

export function newOutboxRecord(input: { kind: OutboxKind; body: Record<string, unknown>; owner: string; label: string; clientId?: string }, now = new Date()): OutboxRecord {
  return { clientId: input.clientId ?? uuidv7(), kind: input.kind, body: input.body, owner: input.owner, label: input.label, createdAt: now.toISOString(), state: 'waiting', attempts: 0, nextAttemptAt: 0, error: null };
}

/** A failed record after the user corrected it: same client id (the server never stored it), a fresh start. */
export const correctedRecord = (record: OutboxRecord, body: Record<string, unknown>, label: string): OutboxRecord => ({ ...record, body, label, state: 'waiting', attempts: 0, nextAttemptAt: 0, error: null });

const BASE_MS = 5_000;
const CAP_MS = 10 * 60_000;

/**
 * Delay before retry number `attempts` (1 = first retry): 5 s doubling up to 10 minutes, with "equal jitter"
 * (half fixed, half random) so that phones coming back online together do not retry in lockstep.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Worth sending now: waiting, made by this user, and its back-off has run out (or the caller forces a retry). */
export const isDue = (record: OutboxRecord, owner: string, now: number, force = false): boolean =>
  record.state === 'waiting' && record.owner === owner && (force || record.nextAttemptAt <= now);

/** Transient answers: the record is fine, the way to the server is not. */
const transient = (status: number): boolean => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;

/**
 * What to do with a record after the server's answer:
 * 202 → remove (stored, or stored before under this id); 409 → remove and tell the user it went to review;
 * network, session or server trouble → keep and retry later; any other refusal → keep, marked failed with the reason.
 */
export function outcomeOf(record: OutboxRecord, answer: SendAnswer, now: Date, random: () => number = Math.random): Outcome {
  if (answer.status >= 200 && answer.status < 300) return { type: 'remove' };
  if (answer.status === 409) return { type: 'review', notice: { clientId: record.clientId, kind: record.kind, label: record.label, detail: answer.detail, at: now.toISOString() } };
  if (transient(answer.status)) {
    const attempts = record.attempts + 1;
    return { type: 'retry', record: { ...record, attempts, nextAttemptAt: now.getTime() + backoffMs(attempts, random), error: answer.status === 0 ? null : { status: answer.status, detail: answer.detail, errors: answer.errors } } };
  }
  return { type: 'failed', record: { ...record, state: 'failed', error: { status: answer.status, detail: answer.detail, errors: answer.errors } } };
}

/** The records as a JSON file the user can keep or hand to a coordinator (e.g. to import elsewhere). */
export function outboxExport(records: readonly OutboxRecord[], now = new Date()): string {
  return JSON.stringify(
    {
      format: 'carebridge-outbox',
      version: 1,
      exportedAt: now.toISOString(),
      // Exactly the records POST /api/v1/sync takes ({ "records": file.records }), so the file can be sent as it is.
      records: records.map((r) => ({ clientId: r.clientId, kind: r.kind, body: r.body })),
      // What the phone knew about each: for the person reading the file, not for the server.
      details: records.map((r) => ({ clientId: r.clientId, label: r.label, createdAt: r.createdAt, state: r.state, attempts: r.attempts, error: r.error })),
    },
    null,
    2,
  );
}
