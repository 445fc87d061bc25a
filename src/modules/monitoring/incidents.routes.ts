import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { contextOf, PUBLIC, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { Problem } from '../../http/common.schema.js';
import { presentIncident, presentPublicIncident } from './incidents.presenter.js';
import { Incident, IncidentCreate, IncidentList, IncidentListQuery, PublicIncidentList } from './incidents.schema.js';
import { createIncident, listIncidentPage } from './incidents.service.js';
import { reviewStates } from './review.service.js';

// Admins, coordinators and facility reporters (where they work, checked by the service) record incidents; every
// signed-in role reads them at partner level in its read scope; anyone reads the public fields.
const RECORDERS = scopedTo(rolesOnly('admin', 'coordinator', 'facility_reporter'), 'facility');
const tags = ['monitoring'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function incidentRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/v1/incidents', { config: { access: RECORDERS }, schema: { tags, body: IncidentCreate, response: { 201: Incident, ...errors } } }, async (req, reply) => {
      const row = await createIncident(database, contextOf(req), req.body);
      const states = await reviewStates(database.db, 'incident', [row.id]);
      return reply.code(201).send(presentIncident(row, req.principal, states.get(row.id) ?? 'new'));
    });

    app.get('/api/v1/incidents', { config: { access: scopedTo(SIGNED_IN, 'facility') }, schema: { tags, querystring: IncidentListQuery, response: { 200: IncidentList, ...errors } } }, async (req) => {
      const page = await listIncidentPage(database, req.principal, req.query, 'partner');
      const states = await reviewStates(database.db, 'incident', page.rows.map((r) => r.id));
      return { items: page.rows.map((r) => presentIncident(r, req.principal, states.get(r.id) ?? 'new')), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/incidents/public', { config: { access: PUBLIC }, schema: { tags, querystring: IncidentListQuery, response: { 200: PublicIncidentList, ...errors } } }, async (req) => {
      const page = await listIncidentPage(database, null, req.query, 'public');
      return { items: page.rows.map(presentPublicIncident), nextCursor: page.nextCursor };
    });
  };
}
