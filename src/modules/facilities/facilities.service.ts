import type { Kysely } from 'kysely';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { SortedPageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, editScope, registryScope, workScope, type Scope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { resolveArea, type AreaRef } from '../geography/geography.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import {
  countByOblastAndType,
  countFacilities,
  facilitiesInBatches,
  existingCodes,
  findFacility,
  insertFacilities,
  insertHistory,
  listFacilities,
  listHistory,
  unknownIds,
  updateFacility,
  type FacilityFilter,
} from './facilities.repository.js';
import type { FacilityClose, FacilityCreate, FacilityListFilters, FacilitySort, FacilityUpdate } from './facilities.schema.js';
import type { FacilityRow } from './facilities.tables.js';
import { withTransaction } from '../../db/transaction.js';

const searchTextOf = (code: string, nameUk: string, nameEn: string): string => `${code} ${nameUk} ${nameEn}`.toLocaleLowerCase('uk');

/** Builds the stored row for a validated new facility in a resolved area. */
export function newFacilityRow(input: FacilityCreate, area: AreaRef, at: string): FacilityRow {
  return {
    id: newId(),
    code: input.code,
    name_uk: input.nameUk,
    name_en: input.nameEn,
    type: input.type,
    tier: input.tier,
    ownership: input.ownership,
    area_katottg: area.katottg,
    area_path: area.path,
    lat: input.lat,
    lon: input.lon,
    beds: input.beds ?? 0,
    staff: input.staff ?? 0,
    operator_org_id: input.operatorOrgId ?? null,
    services: JSON.stringify(input.services ?? []),
    opened_on: input.openedOn ?? null,
    closed_on: null,
    closed_reason: null,
    search_text: searchTextOf(input.code, input.nameUk, input.nameEn),
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/** The fields a person sees as the facility, for history and audit (no derived columns). */
const recordedFields = (row: FacilityRow): Record<string, unknown> => {
  const { search_text: _s, area_path: _p, created_at: _c, updated_at: _u, version: _v, id: _i, ...fields } = row;
  return { ...fields, services: JSON.parse(row.services) as unknown };
};

/** Writes new facilities with their first history entry and audit events, inside the caller's transaction. */
export async function storeNewFacilities(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: FacilityRow[]): Promise<void> {
  await insertFacilities(trx, rows);
  const actor = actorOf(ctx);
  const created = rows.map((r) => {
    const fields = recordedFields(r);
    return { row: r, change: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { from: null, to: v }])) };
  });
  await insertHistory(
    trx,
    created.map(({ row, change }) => ({ id: newId(), facility_id: row.id, version: 1, action: 'create', actor, at: row.created_at, change: JSON.stringify(change) })),
  );
  await appendAudit(trx, database.kind, ctx, created.map(({ row, change }) => ({ action: 'create', entity: 'facility', entityId: row.id, change })));
}

async function assertOperator(db: Kysely<DB>, operatorOrgId: string | null | undefined): Promise<void> {
  if (operatorOrgId !== undefined && operatorOrgId !== null && !(await organizationExists(db, operatorOrgId))) {
    throw invalid([{ path: '/operatorOrgId', message: `no organisation with id "${operatorOrgId}"` }]);
  }
}

export async function createFacility(database: Database, ctx: CallContext, input: FacilityCreate): Promise<FacilityRow> {
  return withTransaction(database, async (trx) => {
    const area = await resolveArea(trx, input.areaKatottg, '/areaKatottg');
    assertMayEdit(ctx.principal, { id: '', area_path: area.path });
    await assertOperator(trx, input.operatorOrgId);
    if ((await existingCodes(trx, [input.code])).size > 0) throw invalid([{ path: '/code', message: `a facility with code "${input.code}" already exists` }]);
    const row = newFacilityRow(input, area, nowIso());
    await storeNewFacilities(trx, database, ctx, [row]);
    return row;
  });
}

/** Refuses a change outside the caller's edit scope (admins everywhere, coordinators in their areas). */
export function assertMayEdit(principal: Principal | null, facility: { id: string; area_path: string }): void {
  if (!covers(editScope(principal), facility)) throw new AppError('forbidden', 'This facility is outside the areas you coordinate.');
}

/** A facility the caller may read; one outside their scope is "not found", so its existence does not leak. */
export async function getFacility(database: Database, principal: Principal | null, id: string): Promise<FacilityRow> {
  const row = await findFacility(database.db, id);
  if (row === undefined || !covers(registryScope(principal), row)) throw notFound('facility', id);
  return row;
}

export async function missingFacilityIds(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  return ids.length === 0 ? [] : unknownIds(db, ids);
}

/** Public aggregate for anonymous callers and the open-data page. */
export async function facilityCountsByOblastAndType(database: Database) {
  return countByOblastAndType(database.db);
}

/** Records a change: the row moves to the next version only if nobody else moved it first. */
async function applyChange(trx: Kysely<DB>, database: Database, ctx: CallContext, before: FacilityRow, expectedVersion: number, patch: Partial<FacilityRow>, action: string): Promise<FacilityRow> {
  if (before.version !== expectedVersion) {
    throw new AppError('version_conflict', `The facility is at version ${before.version}, not ${expectedVersion}; reload and apply your change again.`, { currentVersion: before.version });
  }
  const at = nowIso();
  const after: FacilityRow = { ...before, ...patch, updated_at: at, version: before.version + 1 };
  after.search_text = searchTextOf(after.code, after.name_uk, after.name_en);
  const b = recordedFields(before);
  const a = recordedFields(after);
  const change: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(a)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) change[key] = { from: b[key], to: a[key] };
  if (Object.keys(change).length === 0) return before;
  const { id: _id, ...columns } = after;
  if (!(await updateFacility(trx, before.id, expectedVersion, columns))) {
    throw new AppError('version_conflict', 'The facility was changed by someone else; reload and apply your change again.');
  }
  await insertHistory(trx, [{ id: newId(), facility_id: before.id, version: after.version, action, actor: actorOf(ctx), at, change: JSON.stringify(change) }]);
  await appendAudit(trx, database.kind, ctx, [{ action, entity: 'facility', entityId: before.id, change }]);
  return after;
}

async function editableFacility(trx: Kysely<DB>, ctx: CallContext, id: string): Promise<FacilityRow> {
  const row = await findFacility(trx, id);
  if (row === undefined || !covers(registryScope(ctx.principal), row)) throw notFound('facility', id);
  assertMayEdit(ctx.principal, row);
  return row;
}

export async function updateFacilityRecord(database: Database, ctx: CallContext, id: string, input: FacilityUpdate): Promise<FacilityRow> {
  return withTransaction(database, async (trx) => {
    const before = await editableFacility(trx, ctx, id);
    const patch: Partial<FacilityRow> = {};
    if (input.areaKatottg !== undefined) {
      const area = await resolveArea(trx, input.areaKatottg, '/areaKatottg');
      // Moving a facility needs the right to edit it where it goes, too.
      assertMayEdit(ctx.principal, { id: before.id, area_path: area.path });
      patch.area_katottg = area.katottg;
      patch.area_path = area.path;
    }
    await assertOperator(trx, input.operatorOrgId);
    if (input.nameUk !== undefined) patch.name_uk = input.nameUk;
    if (input.nameEn !== undefined) patch.name_en = input.nameEn;
    if (input.type !== undefined) patch.type = input.type;
    if (input.tier !== undefined) patch.tier = input.tier;
    if (input.ownership !== undefined) patch.ownership = input.ownership;
    if (input.lat !== undefined) patch.lat = input.lat;
    if (input.lon !== undefined) patch.lon = input.lon;
    if (input.beds !== undefined) patch.beds = input.beds;
    if (input.staff !== undefined) patch.staff = input.staff;
    if (input.operatorOrgId !== undefined) patch.operator_org_id = input.operatorOrgId;
    if (input.services !== undefined) patch.services = JSON.stringify(input.services);
    if (input.openedOn !== undefined) patch.opened_on = input.openedOn;
    return applyChange(trx, database, ctx, before, input.version, patch, 'update');
  });
}

/** Closes a facility; records are never deleted, so history and links stay whole. */
export async function closeFacility(database: Database, ctx: CallContext, id: string, input: FacilityClose): Promise<FacilityRow> {
  return withTransaction(database, async (trx) => {
    const before = await editableFacility(trx, ctx, id);
    if (before.closed_on !== null) throw new AppError('conflict', `The facility was already closed on ${before.closed_on}.`);
    if (before.opened_on !== null && input.closedOn < before.opened_on) throw invalid([{ path: '/closedOn', message: `must not be before the opening date ${before.opened_on}` }]);
    return applyChange(trx, database, ctx, before, input.version, { closed_on: input.closedOn, closed_reason: input.reason }, 'close');
  });
}

/** Turns list query parameters into a repository filter (resolving the area to its path). */
export async function facilityFilterOf(database: Database, principal: Principal | null, query: FacilityListFilters): Promise<FacilityFilter> {
  // The work scope lies within the read scope (a reporter reads its own facilities, a coordinator reads all).
  const filter: FacilityFilter = { status: query.status ?? 'open', visible: query.scope === 'work' ? workScope(principal) : registryScope(principal) };
  if (query.id !== undefined) filter.ids = query.id;
  if (query.area !== undefined) filter.areaPath = (await resolveArea(database.db, query.area, '/query/area')).path;
  if (query.type !== undefined) filter.types = query.type;
  if (query.tier !== undefined) filter.tier = query.tier;
  if (query.q !== undefined) filter.search = query.q.toLocaleLowerCase('uk');
  return filter;
}

/** One page of the registry in the order asked for (fetching one row more, so the list route knows if more follow). */
export async function listFacilityRows(database: Database, principal: Principal | null, query: FacilityListFilters, page: SortedPageRequest<FacilitySort>): Promise<FacilityRow[]> {
  return listFacilities(database.db, await facilityFilterOf(database, principal, query), page);
}

export async function facilityHistory(database: Database, principal: Principal | null, id: string) {
  const facility = await getFacility(database, principal, id);
  return { facility, history: await listHistory(database.db, id) };
}

export async function countFacilityRecords(database: Database): Promise<number> {
  return countFacilities(database.db);
}

/** Every open facility in a scope (read-only; for capabilities that plan over the registry, e.g. energy). */
export async function openFacilityRows(db: Kysely<DB>, visible: Scope): Promise<FacilityRow[]> {
  const out: FacilityRow[] = [];
  for await (const batch of facilitiesInBatches(db, { status: 'open', visible })) out.push(...batch);
  return out;
}

/** A facility by id regardless of the caller (read-only; other capabilities check scope themselves, e.g. monitoring). */
export async function facilityRowById(db: Kysely<DB>, id: string): Promise<FacilityRow | undefined> {
  return findFacility(db, id);
}
