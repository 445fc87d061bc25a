import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, problems } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import { InboxEntry, InboxFilters, InboxResolve, SyncBatch, SyncResponse } from './sync.schema.js';
import { INBOX_ORDER, inboxRows, presentInboxEntry, resolveInboxEntry } from './sync.inbox.js';
import type { SyncSettings } from './sync.kinds.js';
import { syncBatch } from './sync.service.js';

const tags = ['monitoring'];
// Coordinators review conflicts in their scope (filtered in the query, checked again on resolve).
const REVIEWERS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');

export function syncRoutes(database: Database, settings: SyncSettings): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Any signed-in caller may send; each record then meets its own kind's rules (who may report or edit where).
    app.post('/api/v1/sync', { config: { access: SIGNED_IN }, schema: { tags, body: SyncBatch, response: { 202: SyncResponse, ...problems() } } }, async (req, reply) =>
      reply.code(202).send({ results: await syncBatch(database, contextOf(req), req.body, settings) }),
    );
    listRoute(app, {
      url: '/api/v1/sync/inbox',
      access: REVIEWERS,
      tags,
      filters: InboxFilters,
      item: InboxEntry,
      keyset: INBOX_ORDER,
      load: ({ filters, principal }, page) => inboxRows(database, principal, filters, page),
      present: (rows) => rows.map(presentInboxEntry),
    });
    app.post(
      '/api/v1/sync/inbox/:id/resolve',
      { config: { access: REVIEWERS }, schema: { tags, params: IdParams, body: InboxResolve, response: { 200: InboxEntry, ...problems(404, 409) } } },
      async (req) => presentInboxEntry(await resolveInboxEntry(database, contextOf(req), req.params.id, req.body, settings)),
    );
  };
}
