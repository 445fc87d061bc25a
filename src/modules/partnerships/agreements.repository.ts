import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { PartnerScope } from './partnerships.access.js';
import type { AgreementAreasTable, AgreementDocumentsTable, AgreementsTable, ProjectLinksTable } from './partnerships.tables.js';

export type AgreementRow = AgreementsTable;
export type AreaRow = AgreementAreasTable;
export type DocumentRow = AgreementDocumentsTable;
export type DocumentInfoRow = Omit<DocumentRow, 'content'>;
export type LinkRow = ProjectLinksTable;
export interface PartnerRow {
  agreement_id: string;
  organization_id: string;
  name_en: string;
  name_uk: string;
  name_ja: string | null;
}

/** Keeps only agreements one of whose partners is in the scope (null: no limit). */
function visibleTo<O>(q: SelectQueryBuilder<DB, 'agreements', O>, scope: PartnerScope): SelectQueryBuilder<DB, 'agreements', O> {
  if (scope === null) return q;
  if (scope.length === 0) return q.where(sql<boolean>`1 = 0`);
  return q.where((eb) => eb.exists(eb.selectFrom('agreement_partners as ap').select('ap.agreement_id').whereRef('ap.agreement_id', '=', 'agreements.id').where('ap.organization_id', 'in', scope)));
}

export async function insertAgreement(db: Kysely<DB>, row: AgreementRow, partnerIds: readonly string[], areas: readonly AreaRow[]): Promise<void> {
  await db.insertInto('agreements').values(row).execute();
  await db.insertInto('agreement_partners').values(partnerIds.map((organization_id) => ({ agreement_id: row.id, organization_id }))).execute();
  await db.insertInto('agreement_areas').values([...areas]).execute();
}

export async function findAgreement(db: Kysely<DB>, id: string, scope: PartnerScope): Promise<AgreementRow | undefined> {
  return visibleTo(db.selectFrom('agreements').selectAll(), scope).where('id', '=', id).executeTakeFirst();
}

export async function listAgreements(db: Kysely<DB>, scope: PartnerScope, filter: { partnerId?: string; status?: string }, afterId: string | undefined, limit: number): Promise<AgreementRow[]> {
  let q = visibleTo(db.selectFrom('agreements').selectAll(), scope);
  if (filter.partnerId !== undefined) {
    const partnerId = filter.partnerId;
    q = q.where((eb) => eb.exists(eb.selectFrom('agreement_partners as fp').select('fp.agreement_id').whereRef('fp.agreement_id', '=', 'agreements.id').where('fp.organization_id', '=', partnerId)));
  }
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

export async function updateAgreement(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<AgreementRow>): Promise<boolean> {
  const result = await db.updateTable('agreements').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Partners, areas and document descriptions of many agreements at once (no query per agreement). */
export async function agreementParts(db: Kysely<DB>, ids: readonly string[]): Promise<{ partners: PartnerRow[]; areas: AreaRow[]; documents: DocumentInfoRow[] }> {
  if (ids.length === 0) return { partners: [], areas: [], documents: [] };
  const [partners, areas, documents] = await Promise.all([
    db
      .selectFrom('agreement_partners as ap')
      .innerJoin('organizations as o', 'o.id', 'ap.organization_id')
      .select(['ap.agreement_id', 'ap.organization_id', 'o.name_en', 'o.name_uk', 'o.name_ja'])
      .where('ap.agreement_id', 'in', ids)
      .orderBy('o.name_en')
      .execute(),
    db.selectFrom('agreement_areas').selectAll().where('agreement_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('agreement_documents')
      .select(['id', 'agreement_id', 'filename', 'media_type', 'size_bytes', 'sha256', 'created_at'])
      .where('agreement_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  return { partners, areas, documents };
}

export async function insertDocument(db: Kysely<DB>, row: DocumentRow): Promise<void> {
  await db.insertInto('agreement_documents').values(row).execute();
}

export async function findDocument(db: Kysely<DB>, agreementId: string, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('agreement_documents').selectAll().where('agreement_id', '=', agreementId).where('id', '=', id).executeTakeFirst();
}

export async function insertLink(db: Kysely<DB>, row: LinkRow): Promise<void> {
  await db.insertInto('project_links').values(row).execute();
}

export async function linkExists(db: Kysely<DB>, row: Pick<LinkRow, 'agreement_id' | 'area' | 'project_id'>): Promise<boolean> {
  const hit = await db.selectFrom('project_links').select('project_id').where('agreement_id', '=', row.agreement_id).where('area', '=', row.area).where('project_id', '=', row.project_id).executeTakeFirst();
  return hit !== undefined;
}

export async function deleteLink(db: Kysely<DB>, row: Pick<LinkRow, 'agreement_id' | 'area' | 'project_id'>): Promise<boolean> {
  const result = await db.deleteFrom('project_links').where('agreement_id', '=', row.agreement_id).where('area', '=', row.area).where('project_id', '=', row.project_id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function linksOf(db: Kysely<DB>, agreementIds: readonly string[]): Promise<LinkRow[]> {
  if (agreementIds.length === 0) return [];
  return db.selectFrom('project_links').selectAll().where('agreement_id', 'in', agreementIds).orderBy('created_at').execute();
}

/** Which of these organisation ids exist (one query for all of them). */
export async function existingOrganizations(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organizations').select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Agreements the caller may read that list a priority area, in id order. */
export async function agreementsWithArea(db: Kysely<DB>, scope: PartnerScope, area: string, limit: number): Promise<AgreementRow[]> {
  return visibleTo(db.selectFrom('agreements').selectAll(), scope)
    .where((eb) => eb.exists(eb.selectFrom('agreement_areas as aa').select('aa.agreement_id').whereRef('aa.agreement_id', '=', 'agreements.id').where('aa.area', '=', area)))
    .orderBy('id')
    .limit(limit)
    .execute();
}
