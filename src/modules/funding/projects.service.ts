import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, pageOf } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import type { FieldError } from '../../errors.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { codeProblem, loadCodelist } from '../../io/iati/codelists.js';
import { hasRole } from '../access/access.scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { areasByCode } from '../geography/geography.service.js';
import { getOrganization, organizationExists } from '../organizations/organizations.service.js';
import { findProject, insertProject, listProjects, projectIdentifierTaken, type ProjectRow } from './projects.repository.js';
import type { ProjectCreate, ProjectListQuery } from './projects.schema.js';

/** Sector percentages per vocabulary must sum to 100; compared in hundredths so 33.33 + 33.33 + 33.34 is exact. */
function sectorProblems(sectors: ProjectCreate['sectors'], codelistsDir: string): FieldError[] {
  const errors: FieldError[] = [];
  const list = loadCodelist(codelistsDir, 'Sector');
  const sums = new Map<string, number>();
  sectors.forEach((s, i) => {
    const problem = codeProblem(list, s.code);
    if (problem !== undefined) errors.push({ path: `/sectors/${i}/code`, message: problem });
    sums.set(s.vocabulary, (sums.get(s.vocabulary) ?? 0) + Math.round(s.percentage * 100));
  });
  for (const [vocabulary, hundredths] of sums) {
    if (hundredths !== 10000) errors.push({ path: '/sectors', message: `percentages for vocabulary ${vocabulary} sum to ${hundredths / 100}, not 100` });
  }
  return errors;
}

/** The organisations a donor officer acts for; other roles are not limited by participation. */
const officerOrganizations = (principal: Principal | null): string[] =>
  (principal?.memberships ?? []).filter((m) => m.role === 'donor_officer' && m.organizationId !== null).map((m) => m.organizationId as string);

/** Admins and coordinators write any project; a donor officer only one its organisation takes part in. */
export function assertMayWriteProject(principal: Principal | null, organizationIds: readonly string[]): void {
  if (hasRole(principal, ['admin', 'coordinator'])) return;
  const mine = officerOrganizations(principal);
  if (!organizationIds.some((o) => mine.includes(o))) throw new AppError('forbidden', 'Donor officers may write only projects in which their organisation participates.');
}

async function checkProject(db: Kysely<DB>, input: ProjectCreate, codelistsDir: string): Promise<FieldError[]> {
  const errors = sectorProblems(input.sectors, codelistsDir);
  if (input.endDate !== undefined && input.endDate !== null && input.endDate < input.startDate) errors.push({ path: '/endDate', message: `ends (${input.endDate}) before it starts (${input.startDate})` });
  if (!(await organizationExists(db, input.reportingOrgId))) errors.push({ path: '/reportingOrgId', message: `no organisation with id "${input.reportingOrgId}"` });
  for (const [i, p] of input.participants.entries()) {
    if (!(await organizationExists(db, p.organizationId))) errors.push({ path: `/participants/${i}/organizationId`, message: `no organisation with id "${p.organizationId}"` });
  }
  const areas = input.locations?.areas ?? [];
  const known = await areasByCode(db, areas);
  areas.forEach((a, i) => {
    if (!known.has(a)) errors.push({ path: `/locations/areas/${i}`, message: `no area with code "${a}"` });
  });
  (input.budgets ?? []).forEach((b, i) => {
    if (b.periodEnd < b.periodStart) errors.push({ path: `/budgets/${i}/periodEnd`, message: 'ends before it starts' });
    if (b.amount.startsWith('-')) errors.push({ path: `/budgets/${i}/amount`, message: 'must not be negative' });
  });
  return errors;
}

/** Creates a project (IATI activity): everything is checked first, then one transaction with its audit event. */
export async function createProject(database: Database, ctx: CallContext, input: ProjectCreate, codelistsDir: string): Promise<ProjectRow> {
  assertMayWriteProject(ctx.principal, [input.reportingOrgId, ...input.participants.map((p) => p.organizationId)]);
  // Validate first (outside the transaction: SQLite has one connection, and the organisation service reads through it).
  const errors = await checkProject(database.db, input, codelistsDir);
  if (errors.length > 0) throw invalid(errors);
  const reporting = await getOrganization(database, input.reportingOrgId);
  if (reporting.iati_org_id === null) throw invalid([{ path: '/reportingOrgId', message: 'the reporting organisation has no IATI organisation identifier' }]);
  const iatiIdentifier = `${reporting.iati_org_id}-${input.localId}`;
  return database.db.transaction().execute(async (trx) => {
    if (await projectIdentifierTaken(trx, iatiIdentifier)) throw invalid([{ path: '/localId', message: `the IATI identifier "${iatiIdentifier}" is already used` }]);
    const at = nowIso();
    const row: ProjectRow = {
      id: newId(),
      iati_identifier: iatiIdentifier,
      reporting_org_id: input.reportingOrgId,
      local_id: input.localId,
      title: JSON.stringify(input.title),
      description: JSON.stringify(input.description),
      status: input.status,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      humanitarian: input.humanitarian === true ? 1 : 0,
      participants: JSON.stringify(input.participants),
      sectors: JSON.stringify(input.sectors),
      locations: JSON.stringify(input.locations ?? { areas: [], facilities: [] }),
      budgets: JSON.stringify(input.budgets ?? []),
      reconstruction: input.reconstruction === undefined || input.reconstruction === null ? null : JSON.stringify(input.reconstruction),
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const participants = [...new Map(input.participants.map((p) => [`${p.organizationId}|${p.role}`, { project_id: row.id, organization_id: p.organizationId, role: p.role }])).values()];
    await insertProject(trx, row, participants);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'project', entityId: row.id, change: row }]);
    return row;
  });
}

export async function getProject(database: Database, id: string): Promise<ProjectRow> {
  const row = await findProject(database.db, id);
  if (row === undefined) throw notFound('project', id);
  return row;
}

export async function listProjectPage(database: Database, query: ProjectListQuery): Promise<{ rows: ProjectRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const filter: { organizationId?: string; status?: string } = {};
  if (query.organizationId !== undefined) filter.organizationId = query.organizationId;
  if (query.status !== undefined) filter.status = query.status;
  // Ordered by id alone: ids are UUIDv7, unique and in creation order.
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'id').id;
  const rows = await listProjects(database.db, filter, after, limit);
  return pageOf(rows, limit, 'id', (r) => r.id);
}
