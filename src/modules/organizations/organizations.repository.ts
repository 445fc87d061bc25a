import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { OrganizationRow } from './organizations.tables.js';

export async function insertOrganizations(db: Kysely<DB>, rows: readonly OrganizationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('organizations').values(rows.slice(i, i + 500)).execute();
}

export async function findOrganization(db: Kysely<DB>, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizationByIatiId(db: Kysely<DB>, iatiOrgId: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('iati_org_id', '=', iatiOrgId).executeTakeFirst();
}

export async function updateOrganization(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<OrganizationRow>): Promise<boolean> {
  const r = await db.updateTable('organizations').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listOrganizations(db: Kysely<DB>, filter: { type?: string; search?: string }, after: { value: string; id: string } | undefined, limit: number): Promise<OrganizationRow[]> {
  let q = db.selectFrom('organizations').selectAll();
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.search !== undefined) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // lower() on name_ja folds the Latin letters a Japanese name may hold (（JICA）); kana and kanji have no case.
    q = q.where(sql<boolean>`(lower(name_en) like ${pattern} escape '\\' or name_uk like ${pattern} escape '\\' or lower(coalesce(name_ja, '')) like ${pattern} escape '\\' or lower(coalesce(iati_org_id, '')) like ${pattern} escape '\\')`);
  }
  if (after !== undefined) q = q.where((eb) => eb.or([eb('name_en', '>', after.value), eb.and([eb('name_en', '=', after.value), eb('id', '>', after.id)])]));
  return q.orderBy('name_en').orderBy('id').limit(limit + 1).execute();
}
