import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byColumn, type Keyset, type Page, type PageRequest, readPage } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import {
  findOrganization,
  findOrganizationByIatiId,
  insertOrganizations,
  listOrganizations,
  updateOrganization,
} from './organizations.repository.js';
import type { OrganizationCreate, OrganizationListFilters, OrganizationUpdate } from './organizations.schema.js';
import type { OrganizationRow } from './organizations.tables.js';
import { withTransaction } from '../../db/transaction.js';

export async function organizationExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await findOrganization(db, id)) !== undefined;
}

export const newOrganizationRow = (input: OrganizationCreate, at: string): OrganizationRow => ({
  id: newId(),
  name_uk: input.nameUk,
  name_en: input.nameEn,
  name_ja: input.nameJa ?? null,
  type: input.type,
  country: input.country ?? null,
  iati_org_id: input.iatiOrgId ?? null,
  parent_id: input.parentId ?? null,
  created_at: at,
  updated_at: at,
  version: 1,
});

async function checkReferences(db: Kysely<DB>, input: { iatiOrgId?: string | null; parentId?: string | null }, selfId?: string): Promise<void> {
  const errors = [];
  if (input.iatiOrgId !== undefined && input.iatiOrgId !== null) {
    const other = await findOrganizationByIatiId(db, input.iatiOrgId);
    if (other !== undefined && other.id !== selfId) errors.push({ path: '/iatiOrgId', message: `already used by "${other.name_en}"` });
  }
  if (input.parentId !== undefined && input.parentId !== null) {
    if (input.parentId === selfId) errors.push({ path: '/parentId', message: 'an organisation cannot be its own parent' });
    else if (!(await organizationExists(db, input.parentId))) errors.push({ path: '/parentId', message: `no organisation with id "${input.parentId}"` });
  }
  if (errors.length > 0) throw invalid(errors);
}

/** Writes new organisations and their audit events inside the caller's transaction. */
export async function storeNewOrganizations(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: OrganizationRow[]): Promise<void> {
  await insertOrganizations(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'create', entity: 'organization', entityId: r.id, change: r })));
}

export async function createOrganization(database: Database, ctx: CallContext, input: OrganizationCreate): Promise<OrganizationRow> {
  return withTransaction(database, async (trx) => {
    await checkReferences(trx, input);
    const row = newOrganizationRow(input, nowIso());
    await storeNewOrganizations(trx, database, ctx, [row]);
    return row;
  });
}

export async function getOrganization(database: Database, id: string): Promise<OrganizationRow> {
  const row = await findOrganization(database.db, id);
  if (row === undefined) throw notFound('organisation', id);
  return row;
}

export async function updateOrganizationRecord(database: Database, ctx: CallContext, id: string, input: OrganizationUpdate): Promise<OrganizationRow> {
  return withTransaction(database, async (trx) => {
    const before = await findOrganization(trx, id);
    if (before === undefined) throw notFound('organisation', id);
    if (before.version !== input.version) {
      throw new AppError('version_conflict', `The organisation is at version ${before.version}, not ${input.version}; reload and apply your change again.`, { currentVersion: before.version });
    }
    await checkReferences(trx, input, id);
    const patch: Partial<OrganizationRow> = {};
    if (input.nameUk !== undefined) patch.name_uk = input.nameUk;
    if (input.nameEn !== undefined) patch.name_en = input.nameEn;
    if (input.nameJa !== undefined) patch.name_ja = input.nameJa;
    if (input.type !== undefined) patch.type = input.type;
    if (input.country !== undefined) patch.country = input.country;
    if (input.iatiOrgId !== undefined) patch.iati_org_id = input.iatiOrgId;
    if (input.parentId !== undefined) patch.parent_id = input.parentId;
    const after: OrganizationRow = { ...before, ...patch, updated_at: nowIso(), version: before.version + 1 };
    const { id: _id, ...columns } = after;
    if (!(await updateOrganization(trx, id, input.version, columns))) throw new AppError('version_conflict', 'The organisation was changed by someone else; reload.');
    const change = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, { from: before[k as keyof OrganizationRow], to: v }]));
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'organization', entityId: id, change }]);
    return after;
  });
}

/** Organisations by English name, ties by id. */
export const ORGANIZATION_ORDER: Keyset<OrganizationRow> = byColumn('name_en', (r) => r.name_en);

/** One page of organisations (one row more, so the list knows if more follow). */
export async function listOrganizationRows(database: Database, query: OrganizationListFilters, page: PageRequest): Promise<OrganizationRow[]> {
  const filter: { type?: string; search?: string } = {};
  if (query.type !== undefined) filter.type = query.type;
  if (query.q !== undefined) filter.search = query.q.toLocaleLowerCase('uk');
  return listOrganizations(database.db, filter, page.after === undefined ? undefined : { value: String(page.after.value), id: page.after.id }, page.limit);
}

/** A page of organisations for code without HTTP (imports, demo data). */
export async function listOrganizationPage(database: Database, query: OrganizationListFilters & { limit?: number; cursor?: string }): Promise<Page<OrganizationRow>> {
  return readPage(query, ORGANIZATION_ORDER, (page) => listOrganizationRows(database, query, page));
}
