import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { presentNeed, presentNeedLink } from './needs.presenter.js';
import { Need, NeedApprove, NeedCreate, NeedGaps, NeedLinkCreate, NeedLinkList, NeedLinkListQuery, NeedLinkParams, NeedLinkRemoveQuery, NeedLinkResult, NeedList, NeedListQuery } from './needs.schema.js';
import { approveNeedRecord, createNeed, getNeed, linkTransactionToNeed, listNeedLinkPage, listNeedPage, needGaps, unlinkFromNeed } from './needs.service.js';

// Needs are partner-level data about named facilities: read within the registry scope, written by
// admins and coordinators for facilities in their areas (the service checks the facility in the body).
const EDITORS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
const APPROVERS = rolesOnly('admin', 'coordinator');
const READERS = scopedTo(SIGNED_IN, 'facility');
// Whoever may write a project's transactions may say which need they meet (the service checks the project).
const LINKERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['needs'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function needRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/needs', { config: { access: READERS }, schema: { tags, querystring: NeedListQuery, response: { 200: NeedList, ...errors } } }, async (req) => {
      const page = await listNeedPage(database, req.principal, req.query);
      return { items: page.rows.map(presentNeed), nextCursor: page.nextCursor };
    });
    app.get('/api/v1/needs/gaps', { config: { access: READERS }, schema: { tags, response: { 200: NeedGaps, ...errors } } }, async (req) => needGaps(database, req.principal));
    app.post('/api/v1/needs', { config: { access: EDITORS }, schema: { tags, body: NeedCreate, response: { 201: Need, ...errors } } }, async (req, reply) => {
      const row = await createNeed(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/needs/${row.id}`).send(presentNeed(row));
    });
    app.get('/api/v1/needs/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Need, ...errors } } }, async (req) => presentNeed(await getNeed(database, req.principal, req.params.id)));
    app.post('/api/v1/needs/:id/approve', { config: { access: APPROVERS }, schema: { tags, params: IdParams, body: NeedApprove, response: { 200: Need, ...errors } } }, async (req) =>
      presentNeed(await approveNeedRecord(database, contextOf(req), req.params.id, req.body.version)),
    );
    app.get('/api/v1/needs/:id/links', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, querystring: NeedLinkListQuery, response: { 200: NeedLinkList, ...errors } } }, async (req) => {
      const page = await listNeedLinkPage(database, req.principal, req.params.id, req.query);
      return { items: page.rows.map(presentNeedLink), nextCursor: page.nextCursor };
    });
    app.post('/api/v1/needs/:id/links', { config: { access: LINKERS }, schema: { tags, params: IdParams, body: NeedLinkCreate, response: { 201: NeedLinkResult, ...errors } } }, async (req, reply) => {
      const { link, need } = await linkTransactionToNeed(database, contextOf(req), req.params.id, req.body);
      return reply.code(201).send({ link: presentNeedLink(link), need: presentNeed(need) });
    });
    app.delete('/api/v1/needs/:id/links/:linkId', { config: { access: LINKERS }, schema: { tags, params: NeedLinkParams, querystring: NeedLinkRemoveQuery, response: { 200: Need, ...errors } } }, async (req) =>
      presentNeed(await unlinkFromNeed(database, contextOf(req), req.params.id, req.params.linkId, req.query.reason)),
    );
  };
}
