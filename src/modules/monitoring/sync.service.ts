import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { makeAjv } from '../../ajv.js';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { editScope } from '../access/access.scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { IncidentCreate } from './incidents.schema.js';
import { storeIncident } from './incidents.service.js';
import type { SyncInboxTable } from './monitoring.tables.js';
import { StatusReportCreate } from './status.schema.js';
import { storeStatusReport } from './status.service.js';
import { findSyncRecord, insertInbox, insertSyncRecord, listInbox } from './sync.repository.js';
import type { InboxQuery, SyncBatch, SyncKind, SyncResult } from './sync.schema.js';

const ajv = makeAjv(false);
const validators = { status_report: ajv.compile(StatusReportCreate), incident: ajv.compile(IncidentCreate) };

/** JSON with keys sorted at every level: the same record hashes the same whatever order the phone wrote it in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const hashOf = (kind: string, body: unknown): string => createHash('sha256').update(canonical({ kind, body })).digest('hex');

type SyncRecord = SyncBatch['records'][number];
const result = (clientId: string, status: number, id: string | null, detail: string | null = null, errors: SyncResult['errors'] = []): SyncResult => ({ clientId, status, id, detail, errors });

/** Where a conflicting record belongs, so the inbox can be scoped to the coordinators of that place. */
async function placeOf(trx: Kysely<DB>, body: Record<string, unknown>): Promise<{ facility_id: string | null; area_path: string | null }> {
  const facility = typeof body.facilityId === 'string' ? await facilityRowById(trx, body.facilityId) : undefined;
  return facility === undefined ? { facility_id: null, area_path: null } : { facility_id: facility.id, area_path: facility.area_path };
}

/** Replays the first result for the same body; a different body goes to the review inbox (in this transaction) as a 409. */
async function replayOrConflict(trx: Kysely<DB>, database: Database, ctx: CallContext, record: SyncRecord, hash: string): Promise<SyncResult | undefined> {
  const known = await findSyncRecord(trx, record.clientId);
  if (known === undefined) return undefined;
  if (known.body_hash === hash && known.kind === record.kind) return result(record.clientId, 202, known.result_id, 'already received');
  const entry: SyncInboxTable = {
    id: newId(),
    client_id: record.clientId,
    kind: record.kind,
    body: JSON.stringify(record.body),
    ...(await placeOf(trx, record.body)),
    reason: `a different ${record.kind} body was sent under a client id already used`,
    actor: actorOf(ctx),
    received_at: nowIso(),
  };
  await insertInbox(trx, entry);
  await appendAudit(trx, database.kind, ctx, [{ action: 'sync_conflict', entity: 'sync_inbox', entityId: entry.id, change: { clientId: record.clientId, kind: record.kind } }]);
  return result(record.clientId, 409, known.result_id, 'a different body was already received under this client id; sent to the review inbox');
}

async function storeOne(trx: Kysely<DB>, database: Database, ctx: CallContext, kind: SyncKind, body: Record<string, unknown>, id: string): Promise<void> {
  // The body passed its kind's schema just before; the casts name what the validator proved.
  if (kind === 'status_report') await storeStatusReport(trx, database, ctx, body as StatusReportCreate, id);
  else await storeIncident(trx, database, ctx, body as IncidentCreate, id);
}

/**
 * Takes a batch of offline records. Each record runs in its own transaction, so a bad one is refused
 * alone (reported by its client id) while the good ones are stored; the client id becomes the record's
 * id, so a record can never be stored twice, even by two batches racing on PostgreSQL.
 */
export async function syncBatch(database: Database, ctx: CallContext, batch: SyncBatch): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const record of batch.records) {
    const hash = hashOf(record.kind, record.body);
    const body = structuredClone(record.body);
    const validate = validators[record.kind];
    try {
      const outcome = await database.db.transaction().execute(async (trx) => {
        const earlier = await replayOrConflict(trx, database, ctx, record, hash);
        if (earlier !== undefined) return earlier;
        if (!validate(body)) {
          const errors = (validate.errors ?? []).map((e) => ({ path: e.instancePath === '' ? `/${String(e.params.missingProperty ?? e.params.additionalProperty ?? '')}` : e.instancePath, message: e.message ?? 'is not valid' }));
          return result(record.clientId, 400, null, 'the record is not valid', errors);
        }
        await storeOne(trx, database, ctx, record.kind, body, record.clientId);
        await insertSyncRecord(trx, { client_id: record.clientId, kind: record.kind, body_hash: hash, result_id: record.clientId, actor: actorOf(ctx), received_at: nowIso() });
        return result(record.clientId, 202, record.clientId);
      });
      results.push(outcome);
    } catch (e) {
      if (e instanceof AppError) {
        results.push(result(record.clientId, e.status, null, e.detail, e.extra.errors ?? []));
        continue;
      }
      // A concurrent batch stored the same client id first: answer as a repeat would.
      const again = await database.db.transaction().execute((trx) => replayOrConflict(trx, database, ctx, record, hash));
      if (again === undefined) throw e;
      results.push(again);
    }
  }
  return results;
}

export async function inboxPage(database: Database, principal: Principal | null, query: InboxQuery): Promise<{ rows: SyncInboxTable[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, '-received_at');
  const rows = await listInbox(database.db, editScope(principal), limit, after === undefined ? undefined : { value: String(after.value), id: after.id });
  return pageOf(rows, limit, '-received_at', (r) => r.received_at);
}
