import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { projectExists } from '../funding/projects.service.js';
import { moveProjectInArea } from '../funding/rollups.service.js';
import { agreementParts, deleteLink, insertLink, linkExists, type LinkRow } from './agreements.repository.js';
import { areaProblem, getAgreement } from './agreements.service.js';
import { assertMayWrite } from './partnerships.access.js';
import type { LinkCreate } from './partnerships.schema.js';
import { withTransaction } from '../../db/transaction.js';

/** Links a project to the agreement and priority area it serves; the area must be one the agreement lists. */
export async function linkProject(database: Database, ctx: CallContext, agreementId: string, input: LinkCreate): Promise<LinkRow> {
  assertMayWrite(ctx.principal);
  await getAgreement(database, ctx.principal, agreementId);
  const errors: FieldError[] = areaProblem(input.area, '/area');
  if (errors.length === 0) {
    const { areas } = await agreementParts(database.db, [agreementId]);
    if (!areas.some((a) => a.area === input.area)) errors.push({ path: '/area', message: `the agreement does not list "${input.area}"; its areas are ${areas.map((a) => a.area).join(', ')}` });
  }
  if (!(await projectExists(database, input.projectId))) errors.push({ path: '/projectId', message: `no project with id "${input.projectId}"` });
  if (errors.length > 0) throw invalid(errors);
  const row: LinkRow = { agreement_id: agreementId, area: input.area, project_id: input.projectId, created_at: nowIso() };
  await withTransaction(database, async (trx) => {
    if (await linkExists(trx, row)) throw new AppError('conflict', 'The project is already linked to this agreement and area.');
    await insertLink(trx, row);
    await moveProjectInArea(trx, database.kind, input.projectId, input.area, 1);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'project_link', entityId: `${agreementId}/${input.area}/${input.projectId}`, change: row }]);
  });
  return row;
}

export async function unlinkProject(database: Database, ctx: CallContext, agreementId: string, input: LinkCreate): Promise<void> {
  assertMayWrite(ctx.principal);
  await getAgreement(database, ctx.principal, agreementId);
  const key = { agreement_id: agreementId, area: input.area, project_id: input.projectId };
  await withTransaction(database, async (trx) => {
    if (!(await deleteLink(trx, key))) throw notFound('project link', `${agreementId}/${input.area}/${input.projectId}`);
    await moveProjectInArea(trx, database.kind, input.projectId, input.area, -1);
    await appendAudit(trx, database.kind, ctx, [{ action: 'delete', entity: 'project_link', entityId: `${agreementId}/${input.area}/${input.projectId}`, change: key }]);
  });
}
