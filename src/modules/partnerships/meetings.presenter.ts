import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { itemsOf, organizationNames, type ActionItemRow, type MeetingRow, type OverdueRow } from './meetings.repository.js';
import { PENDING_ACTION_STATUSES, type ActionItem, type Meeting, type OverdueItem } from './meetings.schema.js';

/** Today as YYYY-MM-DD in UTC: due dates are calendar dates, compared as text. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const isPending = (status: string): boolean => (PENDING_ACTION_STATUSES as readonly string[]).includes(status);

export const presentActionItem = (r: ActionItemRow, today: string): ActionItem => ({
  id: r.id,
  meetingId: r.meeting_id,
  text: JSON.parse(r.text) as ActionItem['text'],
  area: r.area as ActionItem['area'],
  owner: r.owner,
  ownerOrgId: r.owner_org_id,
  dueOn: r.due_on,
  status: r.status as ActionItem['status'],
  overdue: isPending(r.status) && r.due_on < today,
  updatedAt: r.updated_at,
  version: r.version,
});

const DAY_MS = 86_400_000;

export const presentOverdue = (r: OverdueRow, today: string): OverdueItem => ({
  ...presentActionItem(r, today),
  meetingTitle: JSON.parse(r.meeting_title) as OverdueItem['meetingTitle'],
  heldOn: r.held_on,
  daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.due_on}T00:00:00Z`)) / DAY_MS),
});

/** Rows → API objects with their action items and participants' names, fetched for the whole page at once. */
export async function presentMeetings(db: Kysely<DB>, rows: readonly MeetingRow[]): Promise<Meeting[]> {
  const today = todayUtc();
  const items = await itemsOf(db, rows.map((r) => r.id));
  const participants = rows.map((r) => JSON.parse(r.participants) as { organizationId: string; name?: string; role: string }[]);
  const names = await organizationNames(db, participants.flat().map((p) => p.organizationId));
  return rows.map((r, i) => ({
    id: r.id,
    agreementId: r.agreement_id,
    heldOn: r.held_on,
    title: JSON.parse(r.title) as Meeting['title'],
    place: r.place,
    participants: (participants[i] ?? []).map((p) => ({ ...p, organizationName: names.get(p.organizationId) ?? { en: '', uk: '', ja: null } })),
    areas: JSON.parse(r.areas) as Meeting['areas'],
    decisions: JSON.parse(r.decisions) as Meeting['decisions'],
    actionItems: items.filter((a) => a.meeting_id === r.id).map((a) => presentActionItem(a, today)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

export async function presentMeeting(db: Kysely<DB>, row: MeetingRow): Promise<Meeting> {
  const [shown] = await presentMeetings(db, [row]);
  if (shown === undefined) throw new Error(`meeting ${row.id} vanished while being presented`);
  return shown;
}
