import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { registryScope } from '../access/access.scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { assertMayEdit, getFacility } from '../facilities/facilities.service.js';
import type { NeedLinkStage } from './needs.tables.js';
import { addNeedLink, removeNeedLink } from './needs.links.js';
import { resolveArea } from '../geography/geography.service.js';
import { approveNeed, findNeed, findNeedLink, insertNeed, listNeedLinks, listNeeds, needGapCounts, type NeedFilter, type NeedLinkRow, type NeedRow } from './needs.repository.js';
import { NEED_PRIORITIES, type NeedCreate, type NeedGaps, type NeedLinkCreate, type NeedListQuery } from './needs.schema.js';
import { writableTransaction } from '../funding/transactions.service.js';

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
    quantity_pledged: '0',
    quantity_committed: '0',
    quantity_delivered: '0',
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
  const filter: NeedFilter = {};
  if (query.category !== undefined) filter.category = query.category;
  if (query.status !== undefined) filter.status = query.status;
  if (query.priority !== undefined) filter.priority = query.priority;
  if (query.area !== undefined) filter.areaPath = (await resolveArea(database.db, query.area)).path;
  if (query.facilityId !== undefined) filter.facilityId = query.facilityId;
  return pageOf(await listNeeds(database.db, registryScope(principal), filter, after, limit), limit, 'id', (r) => r.id);
}

/** Gaps: open and partly met needs by oblast and category, split into uncovered (nothing committed or delivered) and partly met; rows with uncovered critical needs first. */
export async function needGaps(database: Database, principal: Principal | null): Promise<NeedGaps> {
  const byKey = new Map<string, NeedGaps['items'][number]>();
  for (const r of await needGapCounts(database.db, registryScope(principal))) {
    const key = `${r.oblast}|${r.category}`;
    const item = byKey.get(key) ?? { oblastKatottg: r.oblast, category: r.category as NeedGaps['items'][number]['category'], critical: 0, high: 0, medium: 0, low: 0, total: 0, uncovered: 0, partiallyMet: 0, uncoveredCritical: 0 };
    const n = Number(r.n);
    if ((NEED_PRIORITIES as readonly string[]).includes(r.priority)) item[r.priority as (typeof NEED_PRIORITIES)[number]] += n;
    item.total += n;
    if (r.status === 'open') item.uncovered += n;
    else item.partiallyMet += n;
    if (r.status === 'open' && r.priority === 'critical') item.uncoveredCritical += n;
    byKey.set(key, item);
  }
  const items = [...byKey.values()].sort(
    (a, b) => b.uncoveredCritical - a.uncoveredCritical || b.critical - a.critical || b.high - a.high || b.total - a.total || a.oblastKatottg.localeCompare(b.oblastKatottg) || a.category.localeCompare(b.category),
  );
  return { items };
}

/** The stage a transaction of each IATI type meets a need at; incoming funds (1) reach the project, not a need. */
const STAGE_OF_TYPE: Record<string, NeedLinkStage | undefined> = { '12': 'pledged', '2': 'committed', '11': 'committed', '3': 'delivered', '4': 'delivered' };

/**
 * Links a project transaction to a need with the quantity (in the need's unit) it
 * covers; its IATI type gives the stage. The caller must be allowed to write the
 * transaction's project and to read the need.
 */
export async function linkTransactionToNeed(database: Database, ctx: CallContext, needId: string, input: NeedLinkCreate): Promise<{ link: NeedLinkRow; need: NeedRow }> {
  await getNeed(database, ctx.principal, needId);
  const transaction = await writableTransaction(database, ctx.principal, input.transactionId);
  if (transaction === undefined) throw invalid([{ path: '/transactionId', message: `no transaction with id "${input.transactionId}"` }]);
  const stage = STAGE_OF_TYPE[transaction.type];
  if (stage === undefined) throw invalid([{ path: '/transactionId', message: `a transaction of IATI type ${transaction.type} (incoming funds) meets no need; link the pledge, commitment, disbursement or expenditure` }]);
  return database.db.transaction().execute((trx) => addNeedLink(trx, database.kind, ctx, { needId, quantity: input.quantity, unit: input.unit, sourceKind: 'transaction', sourceId: transaction.id, stage }));
}

/**
 * Removes a transaction's link to a need (a mistake; a correction is a removal and a new link). Whoever may write the
 * transaction's project may remove it. A receipt's link belongs to supply: the receipt is reversed there instead.
 */
export async function unlinkFromNeed(database: Database, ctx: CallContext, needId: string, linkId: string, reason: string): Promise<NeedRow> {
  const need = await getNeed(database, ctx.principal, needId);
  const link = await findNeedLink(database.db, needId, linkId);
  if (link === undefined) throw notFound('link of this need', linkId);
  if (link.source_kind !== 'transaction') throw new AppError('conflict', 'This link records a supply receipt; reverse the receipt in supply instead.');
  await writableTransaction(database, ctx.principal, link.source_id);
  return database.db.transaction().execute((trx) => removeNeedLink(trx, database.kind, ctx, need, link, reason));
}

export async function listNeedLinkPage(database: Database, principal: Principal | null, needId: string, query: { limit?: number; cursor?: string }): Promise<{ rows: NeedLinkRow[]; nextCursor: string | null }> {
  await getNeed(database, principal, needId);
  const limit = query.limit ?? 50;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'id').id;
  return pageOf(await listNeedLinks(database.db, needId, after, limit), limit, 'id', (r) => r.id);
}
