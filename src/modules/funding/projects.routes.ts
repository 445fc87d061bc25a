import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, PUBLIC, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem, StringEnum } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { nowIso } from '../../ids.js';
import { exportIati } from './projects.export.js';
import { exportHxl, HXL_KINDS } from './projects.hxl.js';
import { presentProject } from './projects.presenter.js';
import { Project, ProjectCreate, ProjectList, ProjectListQuery } from './projects.schema.js';
import { createProject, getProject, listProjectPage } from './projects.service.js';

// Donor officers pass this rule; the service lets them write only projects their organisation takes part in.
const WRITERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['funding'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function projectRoutes(database: Database, codelistsDir: string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/projects', { config: { access: SIGNED_IN }, schema: { tags, querystring: ProjectListQuery, response: { 200: ProjectList, ...errors } } }, async (req) => {
      const page = await listProjectPage(database, req.query);
      return { items: page.rows.map(presentProject), nextCursor: page.nextCursor };
    });
    app.post('/api/v1/projects', { config: { access: WRITERS }, schema: { tags, body: ProjectCreate, response: { 201: Project, ...errors } } }, async (req, reply) => {
      const row = await createProject(database, contextOf(req), req.body, codelistsDir);
      return reply.code(201).header('location', `/api/v1/projects/${row.id}`).send(presentProject(row));
    });
    // Open data (DESIGN §1, §5): project finance is public, so the IATI file is too.
    const ExportQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 100, description: 'Reporting organisation IATI id, e.g. XM-DAC-701-8' })) }, { additionalProperties: false });
    app.get('/api/v1/projects/export/iati', { config: { access: PUBLIC }, schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
      const { xml } = await exportIati(database, req.query.org, nowIso());
      return reply.type('application/xml; charset=utf-8').header('content-disposition', 'attachment; filename="iati-activities.xml"').send(xml);
    });
    app.get('/api/v1/projects/export/hxl', { config: { access: PUBLIC }, schema: { tags, querystring: Type.Object({ kind: StringEnum(HXL_KINDS, { default: '3w' }) }, { additionalProperties: false }) } }, async (req, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="projects-${req.query.kind}.hxl.csv"`).send(await exportHxl(database, req.query.kind)),
    );
    app.get('/api/v1/projects/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Project, ...errors } } }, async (req) =>
      presentProject(await getProject(database, req.params.id)),
    );
  };
}
