import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { contextOf, PUBLIC, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { ProblemResponses } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import { presentIncident, presentPublicIncident } from './incidents.presenter.js';
import { Incident, IncidentCreate, IncidentListFilters, PublicIncident } from './incidents.schema.js';
import { createIncident, INCIDENT_ORDER, listIncidentRows } from './incidents.service.js';
import { reviewStates } from './review.service.js';

// Admins, coordinators and facility reporters (where they work, checked by the service) record incidents; every
// signed-in role reads them at partner level in its read scope; anyone reads the public fields.
const RECORDERS = scopedTo(rolesOnly('admin', 'coordinator', 'facility_reporter'), 'facility');
const tags = ['monitoring'];

export function incidentRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/v1/incidents', { config: { access: RECORDERS }, schema: { tags, body: IncidentCreate, response: { 201: Incident, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createIncident(database, contextOf(req), req.body);
      const states = await reviewStates(database.db, 'incident', [row.id]);
      return reply.code(201).send(presentIncident(row, req.principal, states.get(row.id) ?? 'new'));
    });

    listRoute(app, {
      url: '/api/v1/incidents',
      access: scopedTo(SIGNED_IN, 'facility'),
      tags,
      filters: IncidentListFilters,
      item: Incident,
      keyset: INCIDENT_ORDER,
      load: ({ filters, principal }, page) => listIncidentRows(database, principal, filters, 'partner', page),
      present: async (rows, { principal }) => {
        const states = await reviewStates(database.db, 'incident', rows.map((r) => r.id));
        return rows.map((r) => presentIncident(r, principal, states.get(r.id) ?? 'new'));
      },
    });

    listRoute(app, {
      url: '/api/v1/incidents/public',
      access: PUBLIC,
      tags,
      filters: IncidentListFilters,
      item: PublicIncident,
      keyset: INCIDENT_ORDER,
      load: ({ filters }, page) => listIncidentRows(database, null, filters, 'public', page),
      present: (rows) => rows.map(presentPublicIncident),
    });
  };
}
