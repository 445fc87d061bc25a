import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import { sumAmounts, type Converted, type RateUsed } from '../../engine/fx/convert.js';
import { parseDecimal } from '../../engine/fx/decimal.js';
import { isRealDate } from '../../dates.js';
import { invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { isKnownCurrency, rateUsed } from './fx.service.js';
import { findProject } from './projects.repository.js';
import { assertMayWriteProject, getProject } from './projects.service.js';
import { BUCKET, recordTransactions } from './rollups.service.js';
import { projectAmounts } from './rollups.repository.js';
import { findTransaction, insertTransaction, listTransactions, projectOrganizations, type TransactionRow } from './transactions.repository.js';
import type { TransactionCreate, Totals } from './transactions.schema.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * A transaction the caller may write (as for its project), for other capabilities that attach it to their records
 * (needs link it to what it meets); undefined when no transaction has this id.
 */
export async function writableTransaction(database: Database, principal: Principal | null, id: string): Promise<TransactionRow | undefined> {
  const transaction = await findTransaction(database.db, id);
  if (transaction !== undefined) assertMayWriteProject(principal, await projectOrganizations(database.db, transaction.project_id));
  return transaction;
}

/** Records a transaction. Every field is checked first; the original amount is stored as given and never changed. */
export async function createTransaction(database: Database, ctx: CallContext, input: TransactionCreate): Promise<TransactionRow> {
  const errors: FieldError[] = [];
  const project = await findProject(database.db, input.projectId);
  if (project === undefined) errors.push({ path: '/projectId', message: `no project with id "${input.projectId}"` });
  if (!isKnownCurrency(input.currency)) errors.push({ path: '/currency', message: `"${input.currency}" is not an ISO 4217 currency code` });
  if (parseDecimal(input.amount) < 0n) errors.push({ path: '/amount', message: 'must not be negative' });
  if (!isRealDate(input.valueDate)) errors.push({ path: '/valueDate', message: `"${input.valueDate}" is not a date` });
  for (const field of ['providerOrgId', 'receiverOrgId'] as const) {
    const id = input[field];
    if (id !== undefined && id !== null && !(await organizationExists(database.db, id))) errors.push({ path: `/${field}`, message: `no organisation with id "${id}"` });
  }
  if (errors.length > 0) throw invalid(errors);
  assertMayWriteProject(ctx.principal, await projectOrganizations(database.db, input.projectId));
  const row: TransactionRow = {
    id: newId(),
    project_id: input.projectId,
    type: input.type,
    provider_org_id: input.providerOrgId ?? null,
    receiver_org_id: input.receiverOrgId ?? null,
    amount: input.amount,
    currency: input.currency,
    value_date: input.valueDate,
    description: input.description ?? null,
    created_at: nowIso(),
  };
  await withTransaction(database, async (trx) => {
    await insertTransaction(trx, row);
    await recordTransactions(trx, database.kind, [row]);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'transaction', entityId: row.id, change: row }]);
  });
  return row;
}

/** One page of a project's transactions in id order, once the project is known. */
export async function listTransactionRows(database: Database, projectId: string, page: PageRequest): Promise<TransactionRow[]> {
  await getProject(database, projectId);
  return listTransactions(database.db, projectId, page.after?.id, page.limit);
}

export { BUCKET } from './rollups.service.js';

/**
 * Totals of a project in one currency, from the conversions stored with its transactions (each at its value
 * date's rate or the nearest earlier, rounded to cents when the transaction or a rate was written); the totals
 * are sums of those parts, so every figure carries its rate, date and source.
 */
export async function projectTotals(database: Database, projectId: string, currency: string): Promise<Totals> {
  await getProject(database, projectId);
  const rows = await projectAmounts(database.db, projectId, currency);
  const parts: Record<keyof Omit<Totals, 'currency'>, (Converted & { transactionId: string })[]> = { pledged: [], committed: [], disbursed: [], spent: [], received: [] };
  const missing: FieldError[] = [];
  for (const r of rows) {
    if (r.amount === null) {
      missing.push({ path: '/currency', message: `transaction ${r.id}: no ${r.missing_currency ?? currency} rate on or before ${r.value_date}; import the rate (carebridge import fx)` });
      continue;
    }
    const rates: RateUsed[] = [];
    const leg = (of: string, date: string | null, rate: string | null, source: string | null) => {
      if (date !== null && rate !== null && source !== null) rates.push(rateUsed(of, rate, date, source, r.value_date));
    };
    leg(r.original_currency, r.from_rate_date, r.from_rate, r.from_source);
    leg(currency, r.to_rate_date, r.to_rate, r.to_source);
    const original = { amount: r.original, currency: r.original_currency, valueDate: r.value_date };
    parts[BUCKET[r.type] ?? 'spent'].push({ amount: r.amount, currency, original, rates, transactionId: r.id });
  }
  if (missing.length > 0) throw invalid(missing);
  const total = (p: (Converted & { transactionId: string })[]) => ({ amount: sumAmounts(p.map((x) => x.amount)), parts: p });
  return { currency, pledged: total(parts.pledged), committed: total(parts.committed), disbursed: total(parts.disbursed), spent: total(parts.spent), received: total(parts.received) };
}
