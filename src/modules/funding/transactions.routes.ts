import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, ProblemResponses } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import type { TransactionRow } from './transactions.repository.js';
import { Totals, TotalsQuery, Transaction, TransactionCreate, TransactionListFilters } from './transactions.schema.js';
import { createTransaction, listTransactionRows, projectTotals } from './transactions.service.js';

// Donor officers pass this rule; the service lets them record only on projects their organisation takes part in.
const WRITERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['funding'];

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
    app.post('/api/v1/transactions', { config: { access: WRITERS }, schema: { tags, body: TransactionCreate, response: { 201: Transaction, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createTransaction(database, contextOf(req), req.body);
      return reply.code(201).send(presentTransaction(row));
    });
    listRoute(app, {
      url: '/api/v1/projects/:id/transactions',
      access: SIGNED_IN,
      tags,
      params: IdParams,
      filters: TransactionListFilters,
      item: Transaction,
      keyset: 'id',
      load: ({ params }, page) => listTransactionRows(database, params.id, page),
      present: (rows) => rows.map(presentTransaction),
    });
    app.get('/api/v1/projects/:id/totals', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, querystring: TotalsQuery, response: { 200: Totals, ...ProblemResponses } } }, async (req) =>
      projectTotals(database, req.params.id, req.query.currency),
    );
  };
}
