import type { Kysely } from 'kysely';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, encodeCursor, pageOf } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { covers, editScope, registryScope, workScope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import { isInsideUkraine } from '../geography/country-outline.js';
import { resolveArea } from '../geography/geography.service.js';
import type { ReportReviewsTable } from './monitoring.tables.js';
import { contradictions } from './quality.checks.js';
import { advanceReview, incidentQueue, placeOf, reviewOf, reviewRows, statusQueue, type QueueFilter, type QueueRow, type ReportPlace } from './review.repository.js';
import type { Review, ReviewChain, ReviewDecision, ReviewItem, ReviewKind, ReviewQueueQuery, ReviewState } from './review.schema.js';
import { withTransaction } from '../../db/transaction.js';

/** The audit entity of each kind, as the reports' own create events name it. */
const ENTITY: Record<ReviewKind, string> = { status: 'status_report', incident: 'incident' };
const SORT = '-at';
/** Rows examined for one page when a finding filter skips most of them; the cursor continues from there. */
const SCAN_LIMIT = 5000;

export function presentReview(row: Pick<ReportReviewsTable, 'state' | 'version' | 'comment' | 'decided_by' | 'decided_at' | 'corrects' | 'corrected_by'>): Review {
  return {
    // Written only from REVIEW_STATES by this module.
    state: row.state as ReviewState,
    version: row.version,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    corrects: row.corrects,
    correctedBy: row.corrected_by,
  };
}

/** The review state of each of these reports (those never reviewed are `new`), for the reports' own presenters. */
export async function reviewStates(db: Kysely<DB>, kind: ReviewKind, ids: readonly string[]): Promise<Map<string, ReviewState>> {
  const rows = await reviewRows(db, kind, ids);
  return new Map(ids.map((id) => [id, (rows.get(id)?.state ?? 'new') as ReviewState]));
}

const conflict = (kind: ReviewKind, current: ReportReviewsTable): AppError =>
  new AppError('conflict', `This ${kind === 'status' ? 'status report' : 'incident'} is already ${current.state}; reload to see the decision.`, { currentVersion: current.version });

/** A report the caller may review: one they can read (else "not found") in their edit scope (else forbidden). */
async function reviewable(trx: Kysely<DB>, principal: Principal | null, kind: ReviewKind, id: string): Promise<ReportPlace> {
  const place = await placeOf(trx, kind, id);
  if (place === undefined || !covers(registryScope(principal), { id: place.facility_id ?? '', area_path: place.area_path })) throw notFound(kind === 'status' ? 'status report' : 'incident', id);
  if (!covers(editScope(principal), { id: place.facility_id ?? '', area_path: place.area_path })) {
    throw new AppError('forbidden', 'Only admins and the coordinators of this area validate or return its reports.');
  }
  return place;
}

async function decide(trx: Kysely<DB>, database: Database, ctx: CallContext, current: ReportReviewsTable, to: 'validated' | 'returned', comment: string | null): Promise<ReportReviewsTable> {
  const kind = current.kind as ReviewKind;
  const next: ReportReviewsTable = { ...current, state: to, version: current.version + 1, comment, decided_by: actorOf(ctx), decided_at: nowIso() };
  if (!(await advanceReview(trx, current, next))) throw conflict(kind, await reviewOf(trx, kind, current.report_id));
  await appendAudit(trx, database.kind, ctx, [{ action: to === 'validated' ? 'validate' : 'return', entity: ENTITY[kind], entityId: current.report_id, change: { reviewState: { from: current.state, to }, comment } }]);
  return next;
}

/** Marks a `new` report as checked, in the caller's transaction. */
export async function validateReport(trx: Kysely<DB>, database: Database, ctx: CallContext, current: ReportReviewsTable, comment: string | null): Promise<ReportReviewsTable> {
  return decide(trx, database, ctx, current, 'validated', comment);
}

/**
 * Sends a `new` report back to its reporter with the coordinator's comment, in the caller's transaction. The one
 * place a report becomes `returned`: the "report of mine returned" notification belongs here, in this transaction.
 */
export async function returnReport(trx: Kysely<DB>, database: Database, ctx: CallContext, current: ReportReviewsTable, comment: string): Promise<ReportReviewsTable> {
  const next = await decide(trx, database, ctx, current, 'returned', comment);
  await raiseNotification(trx, ctx, { kind: 'report_returned', reportKind: current.kind as ReviewKind, reportId: current.report_id, comment });
  return next;
}

/** A coordinator's decision on one report: checked, then written with its audit event in one transaction. */
export async function decideReview(database: Database, ctx: CallContext, kind: ReviewKind, id: string, input: ReviewDecision): Promise<Review> {
  const comment = input.comment?.trim() ?? '';
  if (input.decision === 'return' && comment === '') throw invalid([{ path: '/comment', message: 'is required when returning a report: tell the reporter what to correct' }]);
  const row = await withTransaction(database, async (trx) => {
    await reviewable(trx, ctx.principal, kind, id);
    const current = await reviewOf(trx, kind, id);
    if (current.version !== input.version) {
      throw new AppError('version_conflict', `The review is at version ${current.version}, not ${input.version}; reload.`, { currentVersion: current.version });
    }
    if (current.state !== 'new') throw conflict(kind, current);
    return input.decision === 'validate' ? validateReport(trx, database, ctx, current, comment === '' ? null : comment) : returnReport(trx, database, ctx, current, comment);
  });
  return presentReview(row);
}

/**
 * Links a new report to the returned one it corrects (same kind; for a status report, the same facility), in the
 * transaction that stores it: the returned report becomes `corrected` and names its correction, the new one is
 * `new` and names what it corrects. Called by the reports' services after their own checks.
 */
export async function linkCorrection(trx: Kysely<DB>, database: Database, ctx: CallContext, kind: ReviewKind, report: ReportPlace, correctsId: string): Promise<void> {
  const original = await placeOf(trx, kind, correctsId);
  if (original === undefined || !covers(workScope(ctx.principal), { id: original.facility_id ?? '', area_path: original.area_path })) {
    throw invalid([{ path: '/corrects', message: `no returned ${kind === 'status' ? 'status report' : 'incident'} of yours with id "${correctsId}"` }]);
  }
  if (kind === 'status' && original.facility_id !== report.facility_id) throw invalid([{ path: '/corrects', message: 'corrects a report of another facility: a correction is for the same facility' }]);
  const current = await reviewOf(trx, kind, correctsId);
  if (current.state !== 'returned') throw new AppError('conflict', `Only a returned report can be corrected; this one is ${current.state}.`, { currentVersion: current.version });
  const corrected: ReportReviewsTable = { ...current, state: 'corrected', version: current.version + 1, corrected_by: report.id };
  if (!(await advanceReview(trx, current, corrected))) throw conflict(kind, await reviewOf(trx, kind, correctsId));
  const fresh = await reviewOf(trx, kind, report.id);
  await advanceReview(trx, fresh, { ...fresh, state: 'new', version: 1, corrects: correctsId });
  await appendAudit(trx, database.kind, ctx, [{ action: 'correct', entity: ENTITY[kind], entityId: correctsId, change: { reviewState: { from: 'returned', to: 'corrected' }, correctedBy: report.id } }]);
}

function findingsOf(r: QueueRow): ReviewItem['findings'] {
  const out: ReviewItem['findings'] = r.kind === 'status' ? contradictions(r.row).map((c) => ({ check: 'contradiction', reason: c.reason, detail: c.text })) : [];
  if (r.f_lat !== null && r.f_lon !== null && !isInsideUkraine(r.f_lat, r.f_lon)) out.push({ check: 'outside_country', reason: 'outside_country', detail: 'the facility’s coordinates are outside Ukraine' });
  return out;
}

function presentItem(r: QueueRow): ReviewItem {
  const summary: ReviewItem['summary'] =
    r.kind === 'status'
      ? { functionality: r.row.functionality, buildingCondition: r.row.building_condition, accessibility: r.row.accessibility }
      : {
          attackTypes: JSON.parse(r.row.attack_types) as string[],
          certainty: r.row.certainty,
          killed: r.row.health_workers_killed + r.row.patients_killed,
          injured: r.row.health_workers_injured + r.row.patients_injured,
        };
  return {
    kind: r.kind,
    id: r.id,
    facilityId: r.row.facility_id,
    facilityCode: r.f_code,
    facilityNameEn: r.f_name_en,
    facilityNameUk: r.f_name_uk,
    oblastIso: oblastIsoOfPath(r.area_path),
    at: r.at,
    reporter: r.row.reporter,
    summary,
    findings: findingsOf(r),
    review: presentReview({
      state: r.rv_state ?? 'new',
      version: r.rv_version ?? 0,
      comment: r.rv_comment,
      decided_by: r.rv_decided_by,
      decided_at: r.rv_decided_at,
      corrects: r.rv_corrects,
      corrected_by: r.rv_corrected_by,
    }),
  };
}

const newestFirst = (a: QueueRow, b: QueueRow): number => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

/** Both kinds (or one), merged newest first: each kind's first n rows hold the merged first n. */
async function queueRows(db: Kysely<DB>, kinds: readonly ReviewKind[], filter: QueueFilter, n: number, after?: { value: string; id: string }): Promise<QueueRow[]> {
  const parts = await Promise.all(kinds.map((k) => (k === 'status' ? statusQueue(db, filter, n - 1, after) : incidentQueue(db, filter, n - 1, after))));
  return parts.flat().sort(newestFirst).slice(0, n);
}

/**
 * The review queue: the reports the caller works for (a coordinator's area, a reporter's own facilities), newest
 * first, by kind, state, oblast, facility and data-quality finding. Findings are computed per row, so with a
 * finding filter a page may hold fewer items than asked (at most SCAN_LIMIT rows are examined) and still go on.
 */
export async function reviewQueue(database: Database, principal: Principal | null, query: ReviewQueueQuery): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SORT);
  let after = cursor === undefined ? undefined : { value: String(cursor.value), id: cursor.id };
  const filter: QueueFilter = {
    visible: workScope(principal),
    ...(query.state === undefined ? {} : { state: query.state }),
    ...(query.facility === undefined ? {} : { facilityId: query.facility }),
    ...(query.oblast === undefined ? {} : { areaPath: (await resolveArea(database.db, query.oblast, '/query/oblast')).path }),
  };
  const kinds: readonly ReviewKind[] = query.kind === undefined ? ['status', 'incident'] : [query.kind];
  const wanted = query.finding;
  const kept: ReviewItem[] = [];
  let scanned = 0;
  for (;;) {
    const batch = Math.max(limit + 1, wanted === undefined ? 0 : 200);
    const rows = await queueRows(database.db, kinds, filter, batch, after);
    for (const r of rows) {
      const item = presentItem(r);
      scanned += 1;
      after = { value: r.at, id: r.id };
      if (wanted === undefined || (wanted === 'any' ? item.findings.length > 0 : item.findings.some((f) => f.check === wanted))) kept.push(item);
      if (kept.length > limit) break;
    }
    if (kept.length > limit) break;
    if (rows.length < batch) return { items: kept, nextCursor: null };
    // Enough examined for one request: the page ends short and the cursor goes on from the last row examined.
    if (scanned >= SCAN_LIMIT && after !== undefined) return { items: kept, nextCursor: encodeCursor({ sort: SORT, value: after.value, id: after.id }) };
  }
  const page = pageOf(kept, limit, SORT, (x) => x.at);
  return { items: page.rows, nextCursor: page.nextCursor };
}

/** The correction chain through one report, oldest first, as far as the caller works for its reports. */
export async function reviewChain(database: Database, principal: Principal | null, kind: ReviewKind, id: string): Promise<ReviewChain> {
  const db = database.db;
  const ids = [id];
  // Chains are a few reports long; the cap only stops a loop a corrupted row could make.
  for (let prev = (await reviewOf(db, kind, id)).corrects; prev !== null && ids.length < 50; prev = (await reviewOf(db, kind, prev)).corrects) ids.unshift(prev);
  for (let next = (await reviewOf(db, kind, id)).corrected_by; next !== null && ids.length < 100; next = (await reviewOf(db, kind, next)).corrected_by) ids.push(next);
  const filter: QueueFilter = { visible: workScope(principal), ids };
  const rows = kind === 'status' ? await statusQueue(db, filter, ids.length) : await incidentQueue(db, filter, ids.length);
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (!byId.has(id)) throw notFound(kind === 'status' ? 'status report' : 'incident', id);
  return { items: ids.flatMap((x) => { const r = byId.get(x); return r === undefined ? [] : [presentItem(r)]; }) };
}
