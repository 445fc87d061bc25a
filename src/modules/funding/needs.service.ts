import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { registryScope } from '../access/access.scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { assertMayEdit, getFacility } from '../facilities/facilities.service.js';
import { approveNeed, findNeed, insertNeed, listNeeds, needGapCounts, type NeedRow } from './needs.repository.js';
import { NEED_PRIORITIES, type NeedCreate, type NeedGaps, type NeedListQuery } from './needs.schema.js';

/** Registers a need of a facility the caller coordinates; it waits open and unapproved until a coordinator approves it. */
export async function createNeed(database: Database, ctx: CallContext, input: NeedCreate): Promise<NeedRow> {
  const facility = await getFacility(database, ctx.principal, input.facilityId);
  assertMayEdit(ctx.principal, facility);
  const at = nowIso();
  const row: NeedRow = {
    id: newId(),
    facility_id: facility.id,
    area_path: facility.area_path,
    category: input.category,
    specification: input.specification,
    quantity: input.quantity,
    unit: input.unit,
    priority: input.priority,
    needed_by: input.neededBy ?? null,
    status: 'open',
    approved_by: null,
    approved_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await database.db.transaction().execute(async (trx) => {
    await insertNeed(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'need', entityId: row.id, change: row }]);
  });
  return row;
}

/** A need the caller may read; outside their scope it is "not found", so its existence does not leak. */
export async function getNeed(database: Database, principal: Principal | null, id: string): Promise<NeedRow> {
  const row = await findNeed(database.db, id);
  const scope = registryScope(principal);
  if (row === undefined || !(scope.all || scope.facilityIds.includes(row.facility_id) || scope.areaPaths.some((p) => row.area_path.startsWith(p)))) throw notFound('need', id);
  return row;
}

/** A coordinator whose scope covers the facility approves the need (DESIGN §1: coordinators register and approve needs). */
export async function approveNeedRecord(database: Database, ctx: CallContext, id: string, version: number): Promise<NeedRow> {
  const before = await getNeed(database, ctx.principal, id);
  assertMayEdit(ctx.principal, { id: before.facility_id, area_path: before.area_path });
  if (before.version !== version) throw new AppError('version_conflict', `The need is at version ${before.version}, not ${version}; reload.`, { currentVersion: before.version });
  const at = nowIso();
  const patch = { approved_by: ctx.principal?.userId ?? null, approved_at: at, updated_at: at, version: version + 1 };
  await database.db.transaction().execute(async (trx) => {
    if (!(await approveNeed(trx, id, version, patch))) throw new AppError('version_conflict', 'The need was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'approve', entity: 'need', entityId: id, change: patch }]);
  });
  return { ...before, ...patch };
}

export async function listNeedPage(database: Database, principal: Principal | null, query: NeedListQuery): Promise<{ rows: NeedRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'id').id;
  const filter: { category?: string; status?: string; facilityId?: string } = {};
  if (query.category !== undefined) filter.category = query.category;
  if (query.status !== undefined) filter.status = query.status;
  if (query.facilityId !== undefined) filter.facilityId = query.facilityId;
  return pageOf(await listNeeds(database.db, registryScope(principal), filter, after, limit), limit, 'id', (r) => r.id);
}

/** Gaps: open and partly met needs by oblast and category, rows with uncovered critical needs first. */
export async function needGaps(database: Database, principal: Principal | null): Promise<NeedGaps> {
  const byKey = new Map<string, NeedGaps['items'][number]>();
  for (const r of await needGapCounts(database.db, registryScope(principal))) {
    const key = `${r.oblast}|${r.category}`;
    const item = byKey.get(key) ?? { oblastKatottg: r.oblast, category: r.category as NeedGaps['items'][number]['category'], critical: 0, high: 0, medium: 0, low: 0, total: 0 };
    const n = Number(r.n);
    if ((NEED_PRIORITIES as readonly string[]).includes(r.priority)) item[r.priority as (typeof NEED_PRIORITIES)[number]] += n;
    item.total += n;
    byKey.set(key, item);
  }
  const items = [...byKey.values()].sort((a, b) => b.critical - a.critical || b.high - a.high || b.total - a.total || a.oblastKatottg.localeCompare(b.oblastKatottg) || a.category.localeCompare(b.category));
  return { items };
}
