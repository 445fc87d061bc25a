import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { PartnerScope } from './partnerships.access.js';
import type { ActionItemsTable, MeetingsTable } from './partnerships.tables.js';

export type MeetingRow = MeetingsTable;
export type ActionItemRow = ActionItemsTable;
export type OverdueRow = ActionItemRow & { meeting_title: string; held_on: string };

/** Keeps only meetings attended by an organisation in the scope (null: no limit). */
function visibleTo<O>(q: SelectQueryBuilder<DB, 'meetings', O>, scope: PartnerScope): SelectQueryBuilder<DB, 'meetings', O> {
  if (scope === null) return q;
  if (scope.length === 0) return q.where(sql<boolean>`1 = 0`);
  return q.where((eb) => eb.exists(eb.selectFrom('meeting_organizations as mo').select('mo.meeting_id').whereRef('mo.meeting_id', '=', 'meetings.id').where('mo.organization_id', 'in', scope)));
}

export async function insertMeeting(db: Kysely<DB>, row: MeetingRow, organizationIds: readonly string[], items: readonly ActionItemRow[]): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
  await db.insertInto('meeting_organizations').values(organizationIds.map((organization_id) => ({ meeting_id: row.id, organization_id }))).execute();
  if (items.length > 0) await db.insertInto('action_items').values([...items]).execute();
}

export async function findMeeting(db: Kysely<DB>, id: string, scope: PartnerScope): Promise<MeetingRow | undefined> {
  return visibleTo(db.selectFrom('meetings').selectAll(), scope).where('id', '=', id).executeTakeFirst();
}

/** Newest first; the cursor is the last row's date and id. */
export async function listMeetings(db: Kysely<DB>, scope: PartnerScope, filter: { agreementId?: string; organizationId?: string }, after: { heldOn: string; id: string } | undefined, limit: number): Promise<MeetingRow[]> {
  let q = visibleTo(db.selectFrom('meetings').selectAll(), scope);
  if (filter.agreementId !== undefined) q = q.where('agreement_id', '=', filter.agreementId);
  if (filter.organizationId !== undefined) {
    const org = filter.organizationId;
    q = q.where((eb) => eb.exists(eb.selectFrom('meeting_organizations as fo').select('fo.meeting_id').whereRef('fo.meeting_id', '=', 'meetings.id').where('fo.organization_id', '=', org)));
  }
  if (after !== undefined) q = q.where((eb) => eb.or([eb('held_on', '<', after.heldOn), eb.and([eb('held_on', '=', after.heldOn), eb('id', '<', after.id)])]));
  return q.orderBy('held_on', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

export async function itemsOf(db: Kysely<DB>, meetingIds: readonly string[]): Promise<ActionItemRow[]> {
  if (meetingIds.length === 0) return [];
  return db.selectFrom('action_items').selectAll().where('meeting_id', 'in', meetingIds).orderBy('due_on').orderBy('id').execute();
}

export async function organizationNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { en: string; uk: string; ja: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name_en', 'name_uk', 'name_ja']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { en: r.name_en, uk: r.name_uk, ja: r.name_ja }]));
}

export async function findActionItem(db: Kysely<DB>, id: string): Promise<ActionItemRow | undefined> {
  return db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateActionItem(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<ActionItemRow>): Promise<boolean> {
  const result = await db.updateTable('action_items').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending items due before `today`, oldest due first, of meetings in the scope; keyset on (due_on, id). */
export async function overdueItems(db: Kysely<DB>, scope: PartnerScope, statuses: readonly string[], today: string, after: { dueOn: string; id: string } | undefined, limit: number): Promise<OverdueRow[]> {
  let q = db
    .selectFrom('action_items as ai')
    .innerJoin('meetings', 'meetings.id', 'ai.meeting_id')
    .selectAll('ai')
    .select(['meetings.title as meeting_title', 'meetings.held_on'])
    .where('ai.status', 'in', statuses)
    .where('ai.due_on', '<', today);
  if (scope !== null) {
    if (scope.length === 0) return [];
    q = q.where((eb) => eb.exists(eb.selectFrom('meeting_organizations as mo').select('mo.meeting_id').whereRef('mo.meeting_id', '=', 'meetings.id').where('mo.organization_id', 'in', scope)));
  }
  if (after !== undefined) q = q.where((eb) => eb.or([eb('ai.due_on', '>', after.dueOn), eb.and([eb('ai.due_on', '=', after.dueOn), eb('ai.id', '>', after.id)])]));
  return q.orderBy('ai.due_on').orderBy('ai.id').limit(limit + 1).execute();
}
