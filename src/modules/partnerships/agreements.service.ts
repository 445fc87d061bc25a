import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { isKnownCurrency } from '../funding/fx.service.js';
import { existingOrganizations, findAgreement, insertAgreement, listAgreements, updateAgreement, type AgreementRow, type AreaRow } from './agreements.repository.js';
import { assertMayWrite, partnerScope } from './partnerships.access.js';
import { PRIORITY_AREAS, type AgreementCreate, type AgreementListFilters, type AgreementUpdate } from './partnerships.schema.js';
import { withTransaction } from '../../db/transaction.js';

export const isPriorityArea = (code: string): boolean => (PRIORITY_AREAS as readonly string[]).includes(code);

/** A priority-area code problem at `path`, or nothing. */
export function areaProblem(code: string, path: string): FieldError[] {
  return isPriorityArea(code) ? [] : [{ path, message: `"${code}" is not a priority area; use one of ${PRIORITY_AREAS.join(', ')}` }];
}

export function dateOrderProblem(start: string, end: string | null | undefined): FieldError[] {
  return end !== undefined && end !== null && end < start ? [{ path: '/endDate', message: `ends (${end}) before it starts (${start})` }] : [];
}

async function checkAgreement(database: Database, input: AgreementCreate): Promise<FieldError[]> {
  const errors = dateOrderProblem(input.startDate, input.endDate);
  const seen = new Set<string>();
  input.areas.forEach((a, i) => {
    errors.push(...areaProblem(a.area, `/areas/${i}/area`));
    if (seen.has(a.area)) errors.push({ path: `/areas/${i}/area`, message: `"${a.area}" is listed twice` });
    seen.add(a.area);
  });
  const known = await existingOrganizations(database.db, [...input.partnerIds, ...input.signatories.map((s) => s.organizationId)]);
  input.partnerIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ path: `/partnerIds/${i}`, message: `no organisation with id "${id}"` });
  });
  input.signatories.forEach((s, i) => {
    if (!known.has(s.organizationId)) errors.push({ path: `/signatories/${i}/organizationId`, message: `no organisation with id "${s.organizationId}"` });
  });
  input.pledges.forEach((p, i) => {
    if (!isKnownCurrency(p.currency)) errors.push({ path: `/pledges/${i}/currency`, message: `"${p.currency}" is not an ISO 4217 currency code` });
    if (p.amount.startsWith('-')) errors.push({ path: `/pledges/${i}/amount`, message: 'must not be negative' });
  });
  if (input.status !== 'draft' && (input.signedOn ?? null) === null) errors.push({ path: '/signedOn', message: `a ${input.status} agreement needs its signing date` });
  return errors;
}

/** Records an agreement with its partners and areas: every rule is checked first, then one transaction with its audit event. */
export async function createAgreement(database: Database, ctx: CallContext, input: AgreementCreate): Promise<AgreementRow> {
  assertMayWrite(ctx.principal);
  const errors = await checkAgreement(database, input);
  if (errors.length > 0) throw invalid(errors);
  const at = nowIso();
  const row: AgreementRow = {
    id: newId(),
    kind: input.kind,
    title: JSON.stringify(input.title),
    status: input.status,
    signed_on: input.signedOn ?? null,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    signatories: JSON.stringify(input.signatories),
    pledges: JSON.stringify(input.pledges),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const partners = [...new Set(input.partnerIds)];
  const areas: AreaRow[] = input.areas.map((a, i) => ({ agreement_id: row.id, area: a.area, position: i, targets: JSON.stringify(a.targets) }));
  await withTransaction(database, async (trx) => {
    await insertAgreement(trx, row, partners, areas);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'agreement', entityId: row.id, change: { ...row, partners, areas } }]);
  });
  return row;
}

/** The agreement if the caller may read it; 404 otherwise, so an id outside one's scope reveals nothing. */
export async function getAgreement(database: Database, principal: Principal | null, id: string): Promise<AgreementRow> {
  const row = await findAgreement(database.db, id, partnerScope(principal));
  if (row === undefined) throw notFound('agreement', id);
  return row;
}

/** One page of the agreements the caller may read, in id order (one row more, so the list knows if more follow). */
export async function listAgreementRows(database: Database, principal: Principal | null, query: AgreementListFilters, page: PageRequest): Promise<AgreementRow[]> {
  const filter: { partnerId?: string; status?: string } = {};
  if (query.partnerId !== undefined) filter.partnerId = query.partnerId;
  if (query.status !== undefined) filter.status = query.status;
  return listAgreements(database.db, partnerScope(principal), filter, page.after?.id, page.limit);
}

/** Changes status and dates; the version the caller saw decides a race. */
export async function changeAgreement(database: Database, ctx: CallContext, id: string, input: AgreementUpdate): Promise<AgreementRow> {
  assertMayWrite(ctx.principal);
  const current = await getAgreement(database, ctx.principal, id);
  const patch: Partial<AgreementRow> = {};
  if (input.status !== undefined) patch.status = input.status;
  if (input.endDate !== undefined) patch.end_date = input.endDate;
  if (input.signedOn !== undefined) patch.signed_on = input.signedOn;
  const next = { ...current, ...patch };
  const errors = dateOrderProblem(next.start_date, next.end_date);
  if (next.status !== 'draft' && next.signed_on === null) errors.push({ path: '/signedOn', message: `a ${next.status} agreement needs its signing date` });
  if (errors.length > 0) throw invalid(errors);
  const changed = { ...patch, updated_at: nowIso(), version: current.version + 1 };
  await withTransaction(database, async (trx) => {
    if (!(await updateAgreement(trx, id, input.version, changed))) throw new AppError('version_conflict', `The agreement is at version ${current.version}, not ${input.version}; reload it.`, { currentVersion: current.version });
    const change = Object.fromEntries(Object.keys(patch).map((k) => [k, { from: current[k as keyof AgreementRow], to: patch[k as keyof AgreementRow] }]));
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'agreement', entityId: id, change }]);
  });
  return { ...current, ...changed };
}
