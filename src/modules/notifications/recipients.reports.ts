import type { Database } from '../../db/database.js';
import { reviewChain } from '../monitoring/review.service.js';
import type { NotificationEvent } from '../events/events.js';
import { candidateById, mayRead, nameIn, SYSTEM, type Resolved } from './notifications.recipients.js';
import { activeUserIdByEmail } from './notifications.repository.js';

/**
 * A status report or incident returned by its reviewer: the user who reported it, while they still work for its
 * facility or area (the review chain's own rule decides), with the reviewer's comment.
 */
export async function reportRecipients(database: Database, e: Extract<NotificationEvent, { kind: 'report_returned' }>): Promise<Resolved[]> {
  const report = (await reviewChain(database, SYSTEM, e.reportKind, e.reportId)).items.find((i) => i.id === e.reportId);
  if (report === undefined) return [];
  const c = await candidateById(database, (await activeUserIdByEmail(database.db, report.reporter)) ?? null);
  if (c === undefined || !(await mayRead(() => reviewChain(database, c.principal, e.reportKind, e.reportId)))) return [];
  const facility = report.facilityNameUk === null ? report.oblastIso : nameIn(c.user.language, { uk: report.facilityNameUk, en: report.facilityNameEn });
  const link = e.reportKind === 'status' && report.facilityId !== null ? `/my-facility/${report.facilityId}` : '/monitoring/incidents';
  return [{ userId: c.user.id, params: { facility, date: report.at.slice(0, 10), comment: e.comment, report: e.reportKind }, link }];
}
