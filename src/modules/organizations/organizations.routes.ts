import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, PUBLIC, rolesOnly } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { presentOrganization } from './organizations.presenter.js';
import { Organization, OrganizationCreate, OrganizationList, OrganizationListQuery, OrganizationUpdate } from './organizations.schema.js';
import { createOrganization, getOrganization, listOrganizationPage, updateOrganizationRecord } from './organizations.service.js';

const EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['organizations'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function organizationRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/organizations', { config: { access: PUBLIC }, schema: { tags, querystring: OrganizationListQuery, response: { 200: OrganizationList, ...errors } } }, async (req) => {
      const page = await listOrganizationPage(database, req.query);
      return { items: page.rows.map(presentOrganization), nextCursor: page.nextCursor };
    });
    app.post('/api/v1/organizations', { config: { access: EDITORS }, schema: { tags, body: OrganizationCreate, response: { 201: Organization, ...errors } } }, async (req, reply) => {
      const row = await createOrganization(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/organizations/${row.id}`).send(presentOrganization(row));
    });
    app.get('/api/v1/organizations/:id', { config: { access: PUBLIC }, schema: { tags, params: IdParams, response: { 200: Organization, ...errors } } }, async (req) =>
      presentOrganization(await getOrganization(database, req.params.id)),
    );
    app.patch('/api/v1/organizations/:id', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: OrganizationUpdate, response: { 200: Organization, ...errors } } }, async (req) =>
      presentOrganization(await updateOrganizationRecord(database, contextOf(req), req.params.id, req.body)),
    );
  };
}
