import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { TransactionsTable } from './funding.tables.js';

export type TransactionRow = TransactionsTable;

export async function insertTransaction(db: Kysely<DB>, row: TransactionRow): Promise<void> {
  await db.insertInto('transactions').values(row).execute();
}

export async function findTransaction(db: Kysely<DB>, id: string): Promise<TransactionRow | undefined> {
  return db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTransactions(db: Kysely<DB>, projectId: string, afterId: string | undefined, limit: number): Promise<TransactionRow[]> {
  let q = db.selectFrom('transactions').selectAll().where('project_id', '=', projectId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

/** The organisations taking part in a project (reporting or participating), for the donor-officer rule. */
export async function projectOrganizations(db: Kysely<DB>, projectId: string): Promise<string[]> {
  const rows = await db.selectFrom('project_participants').select('organization_id').where('project_id', '=', projectId).execute();
  const project = await db.selectFrom('projects').select('reporting_org_id').where('id', '=', projectId).executeTakeFirst();
  return [...rows.map((r) => r.organization_id), ...(project === undefined ? [] : [project.reporting_org_id])];
}

/** The transactions of a batch of projects in one query, by project then id (creation order). */
export async function transactionsOfProjects(db: Kysely<DB>, projectIds: readonly string[]): Promise<TransactionRow[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('transactions').selectAll().where('project_id', 'in', [...projectIds]).orderBy('project_id').orderBy('id').execute();
}

export async function insertTransactions(db: Kysely<DB>, rows: readonly TransactionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('transactions').values(rows.slice(i, i + 500)).execute();
}

/** The earliest value date of each transaction currency: a missing rate for an export shows up here before streaming starts. */
export async function earliestValueDates(db: Kysely<DB>): Promise<{ currency: string; first: string }[]> {
  return db.selectFrom('transactions').select((eb) => ['currency', eb.fn.min<string>('value_date').as('first')]).groupBy('currency').execute();
}
