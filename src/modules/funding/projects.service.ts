import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { hasRole } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { getOrganization } from '../organizations/organizations.service.js';
import type { ProjectParticipantsTable } from './funding.tables.js';
import { presentProject } from './projects.presenter.js';
import { findProject, insertProject, listProjects, projectIdentifierTaken, updateProject, type ProjectRow } from './projects.repository.js';
import type { ProjectCreate, ProjectListFilters, ProjectUpdate } from './projects.schema.js';
import { projectProblems, type ProjectFields } from './projects.validation.js';
import { lockRates, transactionIdsOfProject } from './rollups.repository.js';
import { reapplyTransactions, splitSectors } from './rollups.service.js';
import { withTransaction } from '../../db/transaction.js';

/** The organisations a donor officer acts for; other roles are not limited by participation. */
const officerOrganizations = (principal: Principal | null): string[] =>
  (principal?.memberships ?? []).filter((m) => m.role === 'donor_officer' && m.organizationId !== null).map((m) => m.organizationId as string);

/** Admins and coordinators write any project; a donor officer only one its organisation takes part in. */
export function assertMayWriteProject(principal: Principal | null, organizationIds: readonly string[]): void {
  if (hasRole(principal, ['admin', 'coordinator'])) return;
  const mine = officerOrganizations(principal);
  if (!organizationIds.some((o) => mine.includes(o))) throw new AppError('forbidden', 'Donor officers may write only projects in which their organisation participates.');
}

/** The stored columns of a project's fields (JSON for the nested parts). */
function columnsOf(f: ProjectFields): Omit<ProjectRow, 'id' | 'iati_identifier' | 'local_id' | 'created_at' | 'updated_at' | 'version'> {
  return {
    reporting_org_id: f.reportingOrgId,
    title: JSON.stringify(f.title),
    description: JSON.stringify(f.description),
    status: f.status,
    start_date: f.startDate,
    end_date: f.endDate,
    humanitarian: f.humanitarian ? 1 : 0,
    participants: JSON.stringify(f.participants),
    sectors: JSON.stringify(f.sectors),
    locations: JSON.stringify(f.locations),
    budgets: JSON.stringify(f.budgets),
    results: JSON.stringify(f.results),
    reconstruction: f.reconstruction === null ? null : JSON.stringify(f.reconstruction),
  };
}

/** One row per distinct (organisation, role): the table donor-officer checks read. */
export const participantRowsOf = (projectId: string, f: Pick<ProjectFields, 'participants'>): ProjectParticipantsTable[] =>
  [...new Map(f.participants.map((p) => [`${p.organizationId}|${p.role}`, { project_id: projectId, organization_id: p.organizationId, role: p.role }])).values()];

/** A create request with its defaults filled in. */
export const fieldsOf = (input: ProjectCreate): ProjectFields => ({
  reportingOrgId: input.reportingOrgId,
  title: input.title,
  description: input.description,
  status: input.status,
  startDate: input.startDate,
  endDate: input.endDate ?? null,
  humanitarian: input.humanitarian ?? false,
  participants: input.participants,
  sectors: input.sectors,
  locations: input.locations ?? { areas: [], facilities: [] },
  budgets: input.budgets ?? [],
  results: input.results ?? [],
  reconstruction: input.reconstruction ?? null,
});

/** A new project row; `at` (and the identifier) come from the caller so an import can keep the file's timestamps. */
export const newProjectRow = (f: ProjectFields, iatiIdentifier: string, localId: string, at: { created: string; updated: string }): ProjectRow => ({
  id: newId(),
  iati_identifier: iatiIdentifier,
  local_id: localId,
  ...columnsOf(f),
  created_at: at.created,
  updated_at: at.updated,
  version: 1,
});

/** Creates a project (IATI activity): everything is checked first, then one transaction with its audit event. */
export async function createProject(database: Database, ctx: CallContext, input: ProjectCreate, codelistsDir: string): Promise<ProjectRow> {
  assertMayWriteProject(ctx.principal, [input.reportingOrgId, ...input.participants.map((p) => p.organizationId)]);
  const fields = fieldsOf(input);
  // Validate first (outside the transaction: SQLite has one connection, and the organisation service reads through it).
  const errors = await projectProblems(database.db, fields, codelistsDir);
  if (errors.length > 0) throw invalid(errors);
  const reporting = await getOrganization(database, input.reportingOrgId);
  if (reporting.iati_org_id === null) throw invalid([{ path: '/reportingOrgId', message: 'the reporting organisation has no IATI organisation identifier' }]);
  const iatiIdentifier = `${reporting.iati_org_id}-${input.localId}`;
  return withTransaction(database, async (trx) => {
    if (await projectIdentifierTaken(trx, iatiIdentifier)) throw invalid([{ path: '/localId', message: `the IATI identifier "${iatiIdentifier}" is already used` }]);
    const at = nowIso();
    const row = newProjectRow(fields, iatiIdentifier, input.localId, { created: at, updated: at });
    await insertProject(trx, row, participantRowsOf(row.id, fields));
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'project', entityId: row.id, change: row }]);
    return row;
  });
}

/**
 * Changes a project: the version read must still be current (else 409); the
 * merged project is checked by every create rule plus the phase transition,
 * and the audit event keeps the before and after of each changed column.
 */
export async function updateProjectRecord(database: Database, ctx: CallContext, id: string, input: ProjectUpdate, codelistsDir: string): Promise<ProjectRow> {
  const beforeRow = await getProject(database, id);
  const before = presentProject(beforeRow);
  const { version, ...changes } = input;
  const after: ProjectFields = { ...before, ...changes };
  assertMayWriteProject(ctx.principal, [before.reportingOrgId, ...before.participants.map((p) => p.organizationId)]);
  if (changes.participants !== undefined) assertMayWriteProject(ctx.principal, [before.reportingOrgId, ...after.participants.map((p) => p.organizationId)]);
  if (beforeRow.version !== version) throw new AppError('version_conflict', `The project is at version ${beforeRow.version}, not ${version}; reload and apply your change again.`, { currentVersion: beforeRow.version });
  const errors = await projectProblems(database.db, after, codelistsDir, before);
  if (errors.length > 0) throw invalid(errors);
  const columns = columnsOf(after);
  const patch: Partial<ProjectRow> = {};
  const was: Partial<ProjectRow> = {};
  for (const key of Object.keys(columns) as (keyof typeof columns)[]) {
    if (columns[key] === beforeRow[key]) continue;
    Object.assign(patch, { [key]: columns[key] });
    Object.assign(was, { [key]: beforeRow[key] });
  }
  const stamped = { ...patch, updated_at: nowIso(), version: version + 1 };
  await withTransaction(database, async (trx) => {
    // A rate import reconverts under an exclusive lock: take our share before the project's row, as every totals write does.
    if (patch.sectors !== undefined) await lockRates(trx, database.kind, false);
    if (!(await updateProject(trx, id, version, stamped, participantRowsOf(id, after)))) throw new AppError('version_conflict', 'The project was changed by someone else; reload.');
    // Donor totals by sector split each transaction by the project's sectors: new sectors move those shares.
    if (patch.sectors !== undefined) await reapplyTransactions(trx, database.kind, await transactionIdsOfProject(trx, id), new Map([[id, splitSectors(before.sectors)]]));
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'project', entityId: id, change: { before: was, after: patch } }]);
  });
  return { ...beforeRow, ...stamped };
}

export async function getProject(database: Database, id: string): Promise<ProjectRow> {
  const row = await findProject(database.db, id);
  if (row === undefined) throw notFound('project', id);
  return row;
}

/** Whether a project exists: other capabilities link to projects by id. */
export async function projectExists(database: Database, id: string): Promise<boolean> {
  return (await findProject(database.db, id)) !== undefined;
}

/** One page of projects in id order (ids are UUIDv7, unique and in creation order), one row more. */
export async function listProjectRows(database: Database, query: ProjectListFilters, page: PageRequest): Promise<ProjectRow[]> {
  const filter: { organizationId?: string; status?: string } = {};
  if (query.organizationId !== undefined) filter.organizationId = query.organizationId;
  if (query.status !== undefined) filter.status = query.status;
  return listProjects(database.db, filter, page.after?.id, page.limit);
}
