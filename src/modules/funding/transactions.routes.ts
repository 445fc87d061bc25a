import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import type { TransactionRow } from './transactions.repository.js';
import { Totals, TotalsQuery, Transaction, TransactionCreate, TransactionList, TransactionListQuery } from './transactions.schema.js';
import { createTransaction, listTransactionPage, projectTotals } from './transactions.service.js';

// Donor officers pass this rule; the service lets them record only on projects their organisation takes part in.
const WRITERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['funding'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const presentTransaction = (r: TransactionRow): Transaction => ({
  id: r.id,
  projectId: r.project_id,
  type: r.type as Transaction['type'],
  providerOrgId: r.provider_org_id,
  receiverOrgId: r.receiver_org_id,
  amount: r.amount,
  currency: r.currency,
  valueDate: r.value_date,
  description: r.description,
  createdAt: r.created_at,
});

export function transactionRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/v1/transactions', { config: { access: WRITERS }, schema: { tags, body: TransactionCreate, response: { 201: Transaction, ...errors } } }, async (req, reply) => {
      const row = await createTransaction(database, contextOf(req), req.body);
      return reply.code(201).send(presentTransaction(row));
    });
    app.get('/api/v1/projects/:id/transactions', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, querystring: TransactionListQuery, response: { 200: TransactionList, ...errors } } }, async (req) => {
      const page = await listTransactionPage(database, req.params.id, req.query);
      return { items: page.rows.map(presentTransaction), nextCursor: page.nextCursor };
    });
    app.get('/api/v1/projects/:id/totals', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, querystring: TotalsQuery, response: { 200: Totals, ...errors } } }, async (req) =>
      projectTotals(database, req.params.id, req.query.currency),
    );
  };
}
