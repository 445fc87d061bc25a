import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byColumn, type Keyset, type Page, type PageRequest, readPage } from '../../db/pagination.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { existingOrganizations, findAgreement } from './agreements.repository.js';
import { areaProblem } from './agreements.service.js';
import { findActionItem, findMeeting, insertMeeting, listMeetings, overdueItems, updateActionItem, type ActionItemRow, type MeetingRow, type OverdueRow } from './meetings.repository.js';
import { PENDING_ACTION_STATUSES, type ActionItemUpdate, type MeetingCreate, type MeetingListFilters } from './meetings.schema.js';
import { assertMayWrite, partnerScope } from './partnerships.access.js';
import { withTransaction } from '../../db/transaction.js';

async function checkMeeting(database: Database, principal: Principal | null, input: MeetingCreate): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.agreementId !== undefined && input.agreementId !== null && (await findAgreement(database.db, input.agreementId, partnerScope(principal))) === undefined) {
    errors.push({ path: '/agreementId', message: `no agreement with id "${input.agreementId}"` });
  }
  const known = await existingOrganizations(database.db, [...input.participants.map((p) => p.organizationId), ...input.actionItems.flatMap((a) => (a.ownerOrgId === undefined || a.ownerOrgId === null ? [] : [a.ownerOrgId]))]);
  input.participants.forEach((p, i) => {
    if (!known.has(p.organizationId)) errors.push({ path: `/participants/${i}/organizationId`, message: `no organisation with id "${p.organizationId}"` });
  });
  input.areas.forEach((a, i) => errors.push(...areaProblem(a, `/areas/${i}`)));
  input.decisions.forEach((d, i) => {
    if (d.area !== undefined) errors.push(...areaProblem(d.area, `/decisions/${i}/area`));
  });
  input.actionItems.forEach((a, i) => {
    if (a.area !== undefined) errors.push(...areaProblem(a.area, `/actionItems/${i}/area`));
    if ((a.owner ?? '').trim() === '') errors.push({ path: `/actionItems/${i}/owner`, message: 'is required: say who will do it' });
    if (a.dueOn === undefined || a.dueOn === null) errors.push({ path: `/actionItems/${i}/dueOn`, message: 'is required: say by when' });
    if (a.ownerOrgId !== undefined && a.ownerOrgId !== null && !known.has(a.ownerOrgId)) errors.push({ path: `/actionItems/${i}/ownerOrgId`, message: `no organisation with id "${a.ownerOrgId}"` });
  });
  return errors;
}

/** Records a meeting with its decisions and action items: every rule first, then one transaction. */
export async function createMeeting(database: Database, ctx: CallContext, input: MeetingCreate): Promise<MeetingRow> {
  assertMayWrite(ctx.principal);
  const errors = await checkMeeting(database, ctx.principal, input);
  if (errors.length > 0) throw invalid(errors);
  const at = nowIso();
  const row: MeetingRow = {
    id: newId(),
    agreement_id: input.agreementId ?? null,
    held_on: input.heldOn,
    title: JSON.stringify(input.title),
    place: input.place ?? null,
    participants: JSON.stringify(input.participants),
    areas: JSON.stringify(input.areas),
    decisions: JSON.stringify(input.decisions),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const items: ActionItemRow[] = input.actionItems.map((a) => ({
    id: newId(),
    meeting_id: row.id,
    text: JSON.stringify(a.text),
    area: a.area ?? null,
    owner: (a.owner ?? '').trim(),
    owner_org_id: a.ownerOrgId ?? null,
    due_on: a.dueOn ?? '',
    status: a.status ?? 'open',
    created_at: at,
    updated_at: at,
    version: 1,
  }));
  const organizations = [...new Set(input.participants.map((p) => p.organizationId))];
  await withTransaction(database, async (trx) => {
    await insertMeeting(trx, row, organizations, items);
    await appendAudit(trx, database.kind, ctx, [
      { action: 'create', entity: 'meeting', entityId: row.id, change: row },
      ...items.map((i) => ({ action: 'create', entity: 'action_item', entityId: i.id, change: i })),
    ]);
  });
  return row;
}

export async function getMeeting(database: Database, principal: Principal | null, id: string): Promise<MeetingRow> {
  const row = await findMeeting(database.db, id, partnerScope(principal));
  if (row === undefined) throw notFound('meeting', id);
  return row;
}

/** Meetings latest first, ties by id: the order the meeting list's cursor is bound to. */
export const MEETING_ORDER: Keyset<MeetingRow> = byColumn('-held_on', (r) => r.held_on);

export async function listMeetingRows(database: Database, principal: Principal | null, query: MeetingListFilters, page: PageRequest): Promise<MeetingRow[]> {
  const filter: { agreementId?: string; organizationId?: string } = {};
  if (query.agreementId !== undefined) filter.agreementId = query.agreementId;
  if (query.organizationId !== undefined) filter.organizationId = query.organizationId;
  const after = page.after === undefined ? undefined : { heldOn: String(page.after.value), id: page.after.id };
  return listMeetings(database.db, partnerScope(principal), filter, after, page.limit);
}

/** Moves an action item along (open → in progress → done, or cancelled). */
export async function changeActionItem(database: Database, ctx: CallContext, id: string, input: ActionItemUpdate): Promise<ActionItemRow> {
  assertMayWrite(ctx.principal);
  const current = await findActionItem(database.db, id);
  if (current === undefined) throw notFound('action item', id);
  await getMeeting(database, ctx.principal, current.meeting_id);
  const patch = { status: input.status, updated_at: nowIso(), version: current.version + 1 };
  await withTransaction(database, async (trx) => {
    if (!(await updateActionItem(trx, id, input.version, patch))) throw new AppError('version_conflict', `The action item is at version ${current.version}, not ${input.version}; reload it.`, { currentVersion: current.version });
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'action_item', entityId: id, change: { status: { from: current.status, to: input.status } } }]);
  });
  return { ...current, ...patch };
}

/** An overdue item with the day it was judged overdue against, so its days overdue are counted from that same day. */
export type OverdueEntry = OverdueRow & { as_of: string };

/** Oldest due first, ties by id. */
export const OVERDUE_ORDER: Keyset<OverdueEntry> = byColumn('due_on', (r) => r.due_on);

/** Open and in-progress items due before `asOf`, of the meetings the caller may read: `page.limit + 1` rows after `page.after`. */
export async function overdueRows(database: Database, principal: Principal | null, asOf: string, page: PageRequest): Promise<OverdueEntry[]> {
  const after = page.after === undefined ? undefined : { dueOn: String(page.after.value), id: page.after.id };
  const rows = await overdueItems(database.db, partnerScope(principal), PENDING_ACTION_STATUSES, asOf, after, page.limit);
  return rows.map((r) => ({ ...r, as_of: asOf }));
}

/** One page of overdue items for code that reads them without HTTP (the notification checks). */
export async function overduePage(database: Database, principal: Principal | null, query: { limit?: number; cursor?: string }, today: string): Promise<Page<OverdueEntry>> {
  return readPage(query, OVERDUE_ORDER, (page) => overdueRows(database, principal, today, page));
}
