import type { Transaction } from 'kysely';
import { makeAjv } from '../../ajv.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { invalid, notFound, type FieldError } from '../../errors.js';
import { covers, registryScope } from '../access/access.scope.js';
import { assertMayEdit, facilityRowById, updateFacilityRecord } from '../facilities/facilities.service.js';
import { IncidentCreate } from './incidents.schema.js';
import { storeIncident } from './incidents.service.js';
import { joinedTo } from './shared-transaction.js';
import { StatusReportCreate } from './status.schema.js';
import { storeStatusReport } from './status.service.js';
import { sendToInbox } from './sync.inbox-store.js';
import { FacilityEdit, type SyncKind } from './sync.schema.js';

const ajv = makeAjv(false);
const validators = { status_report: ajv.compile(StatusReportCreate), incident: ajv.compile(IncidentCreate), facility_edit: ajv.compile(FacilityEdit) };

/** What became of one record: stored/applied (202) or kept in the review inbox (409). */
export interface Outcome {
  status: 202 | 409;
  /** The stored record's id; for a facility edit, the facility's. */
  id: string;
  detail: string | null;
}

/** The body's problems against its kind's schema, with JSON-pointer paths (empty when valid). */
export function bodyProblems(kind: SyncKind, body: Record<string, unknown>): FieldError[] {
  const validate = validators[kind];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => {
    const params = e.params as { missingProperty?: unknown; additionalProperty?: unknown };
    const named = params.missingProperty ?? params.additionalProperty;
    return { path: `${e.instancePath}${typeof named === 'string' ? `/${named}` : ''}`, message: e.message ?? 'is not valid' };
  });
}

/** The facility an edit names, if the caller may edit it (unreadable ones are "not found", so they do not leak). */
async function editableFacility(trx: Transaction<DB>, ctx: CallContext, id: string) {
  const facility = await facilityRowById(trx, id);
  if (facility === undefined || !covers(registryScope(ctx.principal), facility)) throw notFound('facility', id);
  assertMayEdit(ctx.principal, facility);
  return facility;
}

/** Applies the edit's changes on top of the given version through the facility service (same checks, history and audit as PATCH). */
async function applyEdit(trx: Transaction<DB>, database: Database, ctx: CallContext, edit: FacilityEdit, version: number): Promise<void> {
  await updateFacilityRecord(joinedTo(database, trx), ctx, edit.facilityId, { ...edit.changes, version });
}

/**
 * An offline facility edit: applied when it was made on the current version; otherwise kept in the review
 * inbox naming both versions. Never last-write-wins.
 */
async function syncFacilityEdit(trx: Transaction<DB>, database: Database, ctx: CallContext, edit: FacilityEdit, clientId: string): Promise<Outcome> {
  const facility = await editableFacility(trx, ctx, edit.facilityId);
  if (facility.version !== edit.baseVersion) {
    const reason = `the edit was made on version ${edit.baseVersion}, but the facility is now at version ${facility.version}`;
    await sendToInbox(trx, database, ctx, { clientId, kind: 'facility_edit', body: edit }, reason);
    return { status: 409, id: facility.id, detail: `${reason}; sent to the review inbox` };
  }
  await applyEdit(trx, database, ctx, edit, edit.baseVersion);
  return { status: 202, id: facility.id, detail: null };
}

/** Stores a record that passed bodyProblems under the given id, inside the caller's transaction. */
export async function storeRecord(trx: Transaction<DB>, database: Database, ctx: CallContext, kind: SyncKind, body: Record<string, unknown>, id: string): Promise<Outcome> {
  // The body passed its kind's schema just before; the casts name what the validator proved.
  if (kind === 'facility_edit') return syncFacilityEdit(trx, database, ctx, body as FacilityEdit, id);
  if (kind === 'status_report') await storeStatusReport(trx, database, ctx, body as StatusReportCreate, id);
  else await storeIncident(trx, database, ctx, body as IncidentCreate, id);
  return { status: 202, id, detail: null };
}

/**
 * A reviewer's "apply": a facility edit goes on top of the facility's current version; a report or incident
 * whose client UUID was taken is stored under the new id. Returns the id of what was written.
 */
export async function applyReviewed(trx: Transaction<DB>, database: Database, ctx: CallContext, kind: SyncKind, body: Record<string, unknown>, newRecordId: string): Promise<string> {
  const problems = bodyProblems(kind, body);
  if (problems.length > 0) throw invalid(problems.map((p) => ({ ...p, path: `/body${p.path}` })));
  if (kind !== 'facility_edit') return (await storeRecord(trx, database, ctx, kind, body, newRecordId)).id;
  const edit = body as FacilityEdit;
  const facility = await editableFacility(trx, ctx, edit.facilityId);
  await applyEdit(trx, database, ctx, edit, facility.version);
  return facility.id;
}
