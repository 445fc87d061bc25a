import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, ProblemResponses } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { decideNeed } from './needs.decisions.js';
import { needGaps } from './needs.gaps.js';
import { presentNeed, presentNeedLink, presentTransition } from './needs.presenter.js';
import {
  Need, NeedApprove, NeedClose, NeedCreate, NeedGaps, NeedGapsQuery, NeedHistory, NeedLink, NeedLinkCreate, NeedLinkListFilters, NeedLinkParams, NeedLinkRemoveQuery, NeedLinkResult, NeedListFilters,
  NEED_RAISER_ROLES, NeedReasoned, NeedUnits, NeedUpdate,
} from './needs.schema.js';
import { createNeed, getNeedWarned, linkTransactionToNeed, listNeedLinkRows, listNeedRows, needHistory, unlinkFromNeed, updateNeed } from './needs.service.js';
import { dimensionOf, UNIT_CODES, unitAliases } from './needs.units.js';

// Needs are partner-level data about named facilities: read within the registry scope. A facility's reporters
// raise needs for it; coordinators in scope (and admins) decide (the service checks the facility and who raised it).
const RAISERS = scopedTo(rolesOnly(...NEED_RAISER_ROLES), 'facility');
const CHANGERS = rolesOnly('admin', 'coordinator', 'facility_reporter');
const DECIDERS = rolesOnly('admin', 'coordinator');
const READERS = scopedTo(SIGNED_IN, 'facility');
// Whoever may write a project's transactions may say which need they meet (the service checks the project).
const LINKERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['needs'];

export function needRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/needs',
      access: READERS,
      tags,
      filters: NeedListFilters,
      item: Need,
      keyset: 'id',
      load: ({ filters, principal }, page) => listNeedRows(database, principal, filters, page),
      present: (rows, { principal }) => rows.map((r) => presentNeed(r, principal)),
    });
    app.get('/api/v1/needs/gaps', { config: { access: READERS }, schema: { tags, querystring: NeedGapsQuery, response: { 200: NeedGaps, ...ProblemResponses } } }, async (req) => needGaps(database, req.principal, req.query.currency));
    app.get('/api/v1/needs/units', { config: { access: SIGNED_IN }, schema: { tags, response: { 200: NeedUnits, ...ProblemResponses } } }, async () => ({
      items: UNIT_CODES.map((code) => ({ code, dimension: dimensionOf(code) ?? 'item', aliases: unitAliases(code) })),
    }));
    app.post('/api/v1/needs', { config: { access: RAISERS }, schema: { tags, body: NeedCreate, response: { 201: Need, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createNeed(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/needs/${row.id}`).send(presentNeed(row, req.principal));
    });
    app.get('/api/v1/needs/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Need, ...ProblemResponses } } }, async (req) => presentNeed(await getNeedWarned(database, req.principal, req.params.id), req.principal));
    app.patch('/api/v1/needs/:id', { config: { access: CHANGERS }, schema: { tags, params: IdParams, body: NeedUpdate, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await updateNeed(database, contextOf(req), req.params.id, req.body), req.principal),
    );
    app.get('/api/v1/needs/:id/history', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: NeedHistory, ...ProblemResponses } } }, async (req) => ({
      items: (await needHistory(database, req.principal, req.params.id)).map(presentTransition),
    }));
    app.post('/api/v1/needs/:id/approve', { config: { access: DECIDERS }, schema: { tags, params: IdParams, body: NeedApprove, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await decideNeed(database, contextOf(req), req.params.id, 'approve', req.body), req.principal),
    );
    app.post('/api/v1/needs/:id/reject', { config: { access: DECIDERS }, schema: { tags, params: IdParams, body: NeedReasoned, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await decideNeed(database, contextOf(req), req.params.id, 'reject', req.body), req.principal),
    );
    app.post('/api/v1/needs/:id/cancel', { config: { access: CHANGERS }, schema: { tags, params: IdParams, body: NeedReasoned, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await decideNeed(database, contextOf(req), req.params.id, 'cancel', req.body), req.principal),
    );
    app.post('/api/v1/needs/:id/close', { config: { access: DECIDERS }, schema: { tags, params: IdParams, body: NeedClose, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await decideNeed(database, contextOf(req), req.params.id, 'close', req.body), req.principal),
    );
    listRoute(app, {
      url: '/api/v1/needs/:id/links',
      access: SIGNED_IN,
      tags,
      params: IdParams,
      filters: NeedLinkListFilters,
      item: NeedLink,
      keyset: 'id',
      load: ({ params, principal }, page) => listNeedLinkRows(database, principal, params.id, page),
      present: (rows) => rows.map(presentNeedLink),
    });
    app.post('/api/v1/needs/:id/links', { config: { access: LINKERS }, schema: { tags, params: IdParams, body: NeedLinkCreate, response: { 201: NeedLinkResult, ...ProblemResponses } } }, async (req, reply) => {
      const { link, need } = await linkTransactionToNeed(database, contextOf(req), req.params.id, req.body);
      return reply.code(201).send({ link: presentNeedLink(link), need: presentNeed(need, req.principal) });
    });
    app.delete('/api/v1/needs/:id/links/:linkId', { config: { access: LINKERS }, schema: { tags, params: NeedLinkParams, querystring: NeedLinkRemoveQuery, response: { 200: Need, ...ProblemResponses } } }, async (req) =>
      presentNeed(await unlinkFromNeed(database, contextOf(req), req.params.id, req.params.linkId, req.query.reason), req.principal),
    );
  };
}
