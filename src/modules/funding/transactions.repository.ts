import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { TransactionsTable } from './funding.tables.js';

export type TransactionRow = TransactionsTable;

export async function insertTransaction(db: Kysely<DB>, row: TransactionRow): Promise<void> {
  await db.insertInto('transactions').values(row).execute();
}

export async function listTransactions(db: Kysely<DB>, projectId: string, afterId: string | undefined, limit: number): Promise<TransactionRow[]> {
  let q = db.selectFrom('transactions').selectAll().where('project_id', '=', projectId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

export async function allTransactionsOf(db: Kysely<DB>, projectId: string): Promise<TransactionRow[]> {
  return db.selectFrom('transactions').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
}

/** The organisations taking part in a project (reporting or participating), for the donor-officer rule. */
export async function projectOrganizations(db: Kysely<DB>, projectId: string): Promise<string[]> {
  const rows = await db.selectFrom('project_participants').select('organization_id').where('project_id', '=', projectId).execute();
  const project = await db.selectFrom('projects').select('reporting_org_id').where('id', '=', projectId).executeTakeFirst();
  return [...rows.map((r) => r.organization_id), ...(project === undefined ? [] : [project.reporting_org_id])];
}
