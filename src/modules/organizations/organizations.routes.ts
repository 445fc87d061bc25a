import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, PUBLIC, rolesOnly } from '../../http/access-rule.js';
import { IdParams, ProblemResponses } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { presentOrganization } from './organizations.presenter.js';
import { Organization, OrganizationCreate, OrganizationListFilters, OrganizationUpdate } from './organizations.schema.js';
import { createOrganization, getOrganization, listOrganizationRows, ORGANIZATION_ORDER, updateOrganizationRecord } from './organizations.service.js';

const EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['organizations'];

export function organizationRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/organizations',
      access: PUBLIC,
      tags,
      filters: OrganizationListFilters,
      item: Organization,
      keyset: ORGANIZATION_ORDER,
      load: ({ filters }, page) => listOrganizationRows(database, filters, page),
      present: (rows) => rows.map(presentOrganization),
    });
    app.post('/api/v1/organizations', { config: { access: EDITORS }, schema: { tags, body: OrganizationCreate, response: { 201: Organization, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createOrganization(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/organizations/${row.id}`).send(presentOrganization(row));
    });
    app.get('/api/v1/organizations/:id', { config: { access: PUBLIC }, schema: { tags, params: IdParams, response: { 200: Organization, ...ProblemResponses } } }, async (req) =>
      presentOrganization(await getOrganization(database, req.params.id)),
    );
    app.patch('/api/v1/organizations/:id', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: OrganizationUpdate, response: { 200: Organization, ...ProblemResponses } } }, async (req) =>
      presentOrganization(await updateOrganizationRecord(database, contextOf(req), req.params.id, req.body)),
    );
  };
}
