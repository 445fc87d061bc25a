import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import type { NeedRow } from './needs.repository.js';
import { Need, NeedApprove, NeedCreate, NeedGaps, NeedList, NeedListQuery } from './needs.schema.js';
import { approveNeedRecord, createNeed, getNeed, listNeedPage, needGaps } from './needs.service.js';

// Needs are partner-level data about named facilities: read within the registry scope, written by
// admins and coordinators for facilities in their areas (the service checks the facility in the body).
const EDITORS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
const APPROVERS = rolesOnly('admin', 'coordinator');
const READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['needs'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const presentNeed = (r: NeedRow): Need => ({
  id: r.id,
  facilityId: r.facility_id,
  category: r.category as Need['category'],
  specification: r.specification,
  quantity: r.quantity,
  unit: r.unit,
  priority: r.priority as Need['priority'],
  neededBy: r.needed_by,
  status: r.status as Need['status'],
  approved: r.approved_at !== null,
  approvedAt: r.approved_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

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
  };
}
