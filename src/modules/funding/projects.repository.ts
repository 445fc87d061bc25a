import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { ProjectParticipantsTable, ProjectsTable } from './funding.tables.js';

export type ProjectRow = ProjectsTable;

export async function insertProject(db: Kysely<DB>, row: ProjectRow, participants: readonly ProjectParticipantsTable[]): Promise<void> {
  await db.insertInto('projects').values(row).execute();
  if (participants.length > 0) await db.insertInto('project_participants').values([...participants]).execute();
}

/** Moves the project to its next version only if nobody else moved it first; participants are replaced with it. */
export async function updateProject(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<ProjectRow>, participants: readonly ProjectParticipantsTable[]): Promise<boolean> {
  const r = await db.updateTable('projects').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('project_participants').where('project_id', '=', id).execute();
  if (participants.length > 0) await db.insertInto('project_participants').values([...participants]).execute();
  return true;
}

export async function findProject(db: Kysely<DB>, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function projectIdentifierTaken(db: Kysely<DB>, iatiIdentifier: string): Promise<boolean> {
  return (await db.selectFrom('projects').select('id').where('iati_identifier', '=', iatiIdentifier).executeTakeFirst()) !== undefined;
}

/** Keyset page by id (UUIDv7, so creation order), filtered in the query. */
export async function listProjects(db: Kysely<DB>, filter: { organizationId?: string; status?: string }, afterId: string | undefined, limit: number): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.organizationId !== undefined) {
    const org = filter.organizationId;
    q = q.where((eb) => eb.or([eb('reporting_org_id', '=', org), eb.exists(eb.selectFrom('project_participants as pp').select('pp.project_id').whereRef('pp.project_id', '=', 'projects.id').where('pp.organization_id', '=', org))]));
  }
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

/** Which of these IATI identifiers are already stored (chunked to stay under bind-parameter limits). */
export async function takenIdentifiers(db: Kysely<DB>, identifiers: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < identifiers.length; i += 500) {
    const rows = await db.selectFrom('projects').select('iati_identifier').where('iati_identifier', 'in', identifiers.slice(i, i + 500)).execute();
    for (const r of rows) taken.add(r.iati_identifier);
  }
  return taken;
}

/** Bulk insert (demo and benchmarks): rows in chunks that stay under SQLite's bind-parameter limit. */
export async function insertProjects(db: Kysely<DB>, rows: readonly ProjectRow[], participants: readonly ProjectParticipantsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('projects').values(rows.slice(i, i + 100)).execute();
  for (let i = 0; i < participants.length; i += 300) await db.insertInto('project_participants').values(participants.slice(i, i + 300)).execute();
}

/** The sectors (JSON) of a set of projects, for splitting money by sector. */
export async function sectorsOfProjects(db: Kysely<DB>, ids: readonly string[]): Promise<Pick<ProjectRow, 'id' | 'sectors'>[]> {
  const out: Pick<ProjectRow, 'id' | 'sectors'>[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await db.selectFrom('projects').select(['id', 'sectors']).where('id', 'in', ids.slice(i, i + 500)).execute()));
  return out;
}
