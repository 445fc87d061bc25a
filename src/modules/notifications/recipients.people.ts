import type { Database } from '../../db/database.js';
import { covers, editScope } from '../../scope.js';
import { resultOf, getPlan } from '../energy/energy.plans.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { publicPlaces } from '../geography/geography.service.js';
import { getNeed } from '../needs/needs.service.js';
import { getMeeting } from '../partnerships/meetings.service.js';
import { PARTNERSHIP_READERS } from '../partnerships/partnerships.access.js';
import type { NotificationEvent } from '../events/events.js';
import { candidateById, candidatesInRoles, mayRead, nameIn, SYSTEM, type Resolved } from './notifications.recipients.js';
import { activeUserIdByEmail } from './notifications.repository.js';

type Of<K extends NotificationEvent['kind']> = Extract<NotificationEvent, { kind: K }>;

/** A need approved, rejected or met: the user who raised it, while they may still read it. */
export async function needRecipients(database: Database, e: Of<'need_approved' | 'need_met' | 'need_rejected'>): Promise<Resolved[]> {
  const need = await getNeed(database, SYSTEM, e.needId);
  const c = await candidateById(database, need.raised_by);
  if (c === undefined || !(await mayRead(() => getNeed(database, c.principal, e.needId)))) return [];
  const facility = await facilityRowById(database.db, need.facility_id);
  const params = {
    need: need.specification,
    quantity: need.quantity,
    unit: need.unit,
    facility: facility === undefined ? '' : nameIn(c.user.language, { uk: facility.name_uk, en: facility.name_en }),
    ...(e.kind === 'need_rejected' ? { reason: e.reason } : {}),
  };
  return [{ userId: c.user.id, params, link: `/needs/${e.needId}` }];
}

/** A record sent from a phone that the server refused: the user who sent it. */
export async function syncRecipients(database: Database, e: Of<'sync_refused'>): Promise<Resolved[]> {
  const c = await candidateById(database, 'userId' in e ? e.userId : ((await activeUserIdByEmail(database.db, e.senderEmail)) ?? null));
  // A reason by code keeps its values beside it: texts.schema.ts writes it in the reader's language.
  const reason = e.reasonCode === undefined ? { reason: e.reason } : { ...e.reasonParams, reason: e.reason, reasonCode: e.reasonCode };
  return c === undefined ? [] : [{ userId: c.user.id, params: { ...reason, record: e.recordKind }, link: '/monitoring/outbox' }];
}

/**
 * An action item past its due date: the members of the organisation that owns it who may read its meeting
 * (admins, coordinators and analysts of that organisation; its donor officers when the meeting is theirs).
 */
export async function overdueRecipients(database: Database, e: Of<'action_item_overdue'>): Promise<Resolved[]> {
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, PARTNERSHIP_READERS)) {
    const member = c.principal.memberships.some((m) => m.organizationId === e.ownerOrgId && (PARTNERSHIP_READERS as readonly string[]).includes(m.role));
    if (!member || !(await mayRead(() => getMeeting(database, c.principal, e.meetingId)))) continue;
    const text = JSON.parse(e.text) as Record<string, string | undefined>;
    out.push({ userId: c.user.id, params: { item: text[c.user.language] ?? text.en ?? '', due: e.dueOn }, link: `/partners/meetings/${e.meetingId}` });
  }
  return out;
}

/**
 * An allocation plan approved: the coordinators whose scope covers a facility it assigns units to, told how
 * many units and kW go to their facilities (plan assignments naming a facility are restricted, DESIGN §5:
 * exactly these coordinators may see them; nobody is told about facilities outside their scope).
 */
export async function planRecipients(database: Database, e: Of<'plan_approved'>): Promise<Resolved[]> {
  const assignments = resultOf(await getPlan(database, e.planId)).assignments;
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, ['coordinator'])) {
    const scope = editScope(c.principal);
    const mine = assignments.filter((a) => covers(scope, { id: a.facilityId, area_path: a.facilityAreaPath }));
    if (mine.length === 0) continue;
    const kw = Math.round(mine.reduce((s, a) => s + a.usableKw, 0));
    out.push({ userId: c.user.id, params: { units: mine.length, kw, facilities: new Set(mine.map((a) => a.facilityId)).size }, link: '/energy' });
  }
  return out;
}

/** A new incident: the coordinators whose scope covers where it happened. */
export async function incidentRecipients(database: Database, e: Of<'incident_new'>): Promise<Resolved[]> {
  const facility = e.facilityId === null ? undefined : await facilityRowById(database.db, e.facilityId);
  const area = (await publicPlaces(database.db, [e.areaKatottg])).get(e.areaKatottg);
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, ['coordinator'])) {
    if (!covers(editScope(c.principal), { id: e.facilityId ?? '', area_path: e.areaPath })) continue;
    const place = facility !== undefined ? nameIn(c.user.language, { uk: facility.name_uk, en: facility.name_en }) : area !== undefined ? nameIn(c.user.language, { uk: area.nameUk, en: area.nameEn }) : e.areaKatottg;
    out.push({ userId: c.user.id, params: { place, date: e.occurredAt.slice(0, 10) }, link: '/monitoring/incidents' });
  }
  return out;
}
