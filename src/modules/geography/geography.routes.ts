import type { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, PUBLIC, rolesOnly } from '../../http/access-rule.js';
import { Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { importAreaStatuses } from './area-status.import.js';
import { AreaStatusImportResult, AreaStatusList, AreaStatusListQuery } from './area-status.schema.js';
import { listAreaStatusPage } from './area-status.service.js';
import { AreaList, AreaListQuery } from './geography.schema.js';
import { countryOutline } from './country-outline.js';
import { listAreaRecords } from './geography.service.js';
import { oblastBoundaries } from './oblast-boundaries.js';

// The official list of territories is reference data: admins and coordinators (within their areas) load it.
const STATUS_EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['geography'];

export function geographyRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser('text/csv', { bodyLimit: importLimitBytes }, (_req, payload, done) => done(null, payload));
    app.get('/api/v1/areas/outline', { config: { access: PUBLIC }, schema: { tags } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(countryOutline()),
    );
    app.get('/api/v1/areas/boundaries', { config: { access: PUBLIC }, schema: { tags } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=3600').send(await oblastBoundaries(database)),
    );
    app.get('/api/v1/areas', { config: { access: PUBLIC }, schema: { tags, querystring: AreaListQuery, response: { 200: AreaList, 400: Problem } } }, async (req) => ({
      items: await listAreaRecords(database, req.query),
    }));
    // Access status is a fact about areas (public level, DESIGN §5): anyone may read the list.
    app.get('/api/v1/area-statuses', { config: { access: PUBLIC }, schema: { tags, querystring: AreaStatusListQuery, response: { 200: AreaStatusList, 400: Problem } } }, async (req) =>
      listAreaStatusPage(database, req.query),
    );
    app.post(
      '/api/v1/area-statuses/import',
      { config: { access: STATUS_EDITORS }, bodyLimit: importLimitBytes, schema: { tags, response: { 200: AreaStatusImportResult, 400: Problem, 401: Problem, 403: Problem } } },
      async (req) => {
        const body = req.body as PassThrough | undefined;
        if (!(req.headers['content-type'] ?? '').startsWith('text/csv') || typeof body?.pipe !== 'function') {
          throw new AppError('validation_failed', 'Send the CSV file as the body with Content-Type text/csv.', { errors: [{ path: '/headers/content-type', message: 'must be text/csv' }] });
        }
        return importAreaStatuses(database, contextOf(req), body);
      },
    );
  };
}
