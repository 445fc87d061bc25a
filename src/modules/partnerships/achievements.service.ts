import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { parseDecimal } from '../../engine/fx/decimal.js';
import { invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { documentOfAgreement, findAchievement, insertAchievement, listAchievements, type AchievementListRow, type AchievementRow } from './achievements.repository.js';
import type { Achievement, AchievementCreate, AchievementListQuery } from './achievements.schema.js';
import { agreementParts } from './agreements.repository.js';
import { areaProblem, getAgreement } from './agreements.service.js';
import { assertMayWrite } from './partnerships.access.js';
import { MEASURED_UNITS, type PriorityArea, type Target } from './partnerships.schema.js';
import { withTransaction } from '../../db/transaction.js';

export const presentAchievement = (r: AchievementListRow): Achievement => ({
  id: r.id,
  agreementId: r.agreement_id,
  area: r.area as PriorityArea,
  unit: r.unit,
  value: r.value,
  achievedOn: r.achieved_on,
  note: r.note,
  evidence: { documentId: r.document_id, filename: r.filename, mediaType: r.media_type, sha256: r.sha256 },
  recordedBy: { userId: r.recorded_by, name: r.recorder_name },
  recordedAt: r.recorded_at,
});

/** What is wrong with recording this achievement on this agreement: every problem at once, each at its field. */
async function problems(database: Database, agreementId: string, input: AchievementCreate): Promise<FieldError[]> {
  const errors = areaProblem(input.area, '/area');
  if (errors.length === 0) {
    const { areas } = await agreementParts(database.db, [agreementId]);
    const area = areas.find((a) => a.area === input.area);
    if (area === undefined) errors.push({ path: '/area', message: `the agreement does not list "${input.area}"; its areas are ${areas.map((a) => a.area).join(', ')}` });
    else if ((MEASURED_UNITS as readonly string[]).includes(input.unit)) errors.push({ path: '/unit', message: `"${input.unit}" is measured automatically from deliveries and projects; record only units no module measures` });
    else {
      const units = (JSON.parse(area.targets) as Target[]).map((t) => t.unit).filter((u) => !(MEASURED_UNITS as readonly string[]).includes(u));
      if (!units.includes(input.unit)) errors.push({ path: '/unit', message: units.length === 0 ? `the area "${input.area}" has no target followed by hand` : `the area "${input.area}" has no target in "${input.unit}"; its targets followed by hand are in ${units.map((u) => `"${u}"`).join(', ')}` });
    }
  }
  if (parseDecimal(input.value) <= 0n) errors.push({ path: '/value', message: 'must be more than 0' });
  if (input.achievedOn > nowIso().slice(0, 10)) errors.push({ path: '/achievedOn', message: `${input.achievedOn} is in the future; record an achievement once it is achieved` });
  if (!(await documentOfAgreement(database.db, agreementId, input.documentId))) errors.push({ path: '/documentId', message: `no document "${input.documentId}" is attached to this agreement; attach the evidence first` });
  return errors;
}

/**
 * Records progress toward a target no module measures ("1000 specialists trained"): the value one piece of
 * evidence proves, the date, the agreement's document that proves it and who recorded it. Admins and
 * coordinators record (the Ministry confirms what partners report, as it attaches their documents); partners
 * read them on their own agreements. Never edited: a wrong record is answered by the audit log, not erased.
 */
export async function recordAchievement(database: Database, ctx: CallContext, agreementId: string, input: AchievementCreate): Promise<Achievement> {
  assertMayWrite(ctx.principal);
  await getAgreement(database, ctx.principal, agreementId);
  const errors = await problems(database, agreementId, input);
  if (errors.length > 0) throw invalid(errors);
  const row: AchievementRow = {
    id: newId(), agreement_id: agreementId, area: input.area, unit: input.unit, value: input.value, achieved_on: input.achievedOn,
    document_id: input.documentId, note: input.note ?? null, recorded_by: ctx.principal?.userId ?? 'system', recorded_at: nowIso(),
  };
  await withTransaction(database, async (trx) => {
    await insertAchievement(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'agreement_achievement', entityId: row.id, change: row }]);
  });
  return presentAchievement((await findAchievement(database.db, row.id)) as AchievementListRow);
}

export async function achievementPage(database: Database, principal: Principal | null, agreementId: string, query: AchievementListQuery): Promise<{ items: Achievement[]; nextCursor: string | null }> {
  await getAgreement(database, principal, agreementId);
  const limit = query.limit ?? 50;
  const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'id').id;
  const page = pageOf(await listAchievements(database.db, [agreementId], { afterId, limit }), limit, 'id', (r) => r.id);
  return { items: page.rows.map(presentAchievement), nextCursor: page.nextCursor };
}
