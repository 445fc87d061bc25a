import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { ProjectParticipantsTable, ProjectsTable } from './funding.tables.js';

export type ProjectRow = ProjectsTable;

export async function insertProject(db: Kysely<DB>, row: ProjectRow, participants: readonly ProjectParticipantsTable[]): Promise<void> {
  await db.insertInto('projects').values(row).execute();
  if (participants.length > 0) await db.insertInto('project_participants').values([...participants]).execute();
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
