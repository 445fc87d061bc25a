import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { Problem } from '../../http/common.schema.js';
import { InboxList, InboxQuery, SyncBatch, SyncResponse } from './sync.schema.js';
import { inboxPage, syncBatch } from './sync.service.js';

const tags = ['monitoring'];
const errors = { 400: Problem, 401: Problem, 403: Problem };

export function syncRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Any signed-in caller may send; each record then meets its own kind's rules (who may report where).
    app.post('/api/v1/sync', { config: { access: SIGNED_IN }, schema: { tags, body: SyncBatch, response: { 202: SyncResponse, ...errors } } }, async (req, reply) =>
      reply.code(202).send({ results: await syncBatch(database, contextOf(req), req.body) }),
    );
    // Coordinators review conflicts in their scope (filtered in the query).
    app.get('/api/v1/sync/inbox', { config: { access: scopedTo(rolesOnly('admin', 'coordinator'), 'facility') }, schema: { tags, querystring: InboxQuery, response: { 200: InboxList, ...errors } } }, async (req) => {
      const page = await inboxPage(database, req.principal, req.query);
      return {
        items: page.rows.map((r) => ({ id: r.id, clientId: r.client_id, kind: r.kind, facilityId: r.facility_id, reason: r.reason, actor: r.actor, receivedAt: r.received_at, body: JSON.parse(r.body) as unknown })),
        nextCursor: page.nextCursor,
      };
    });
  };
}
