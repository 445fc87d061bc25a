import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC, rolesOnly } from '../../http/access-rule.js';
import { problemsOnly } from '../../http/common.schema.js';
import { importRoute, tableOf } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { importAreaStatuses } from './area-status.import.js';
import { AreaStatusImportResult, AreaStatusListFilters, AreaStatusPeriod } from './area-status.schema.js';
import { listAreaStatusRows, presentPeriod } from './area-status.service.js';
import { AreaList, AreaListQuery } from './geography.schema.js';
import { countryOutline } from './country-outline.js';
import { listAreaRecords } from './geography.service.js';
import { oblastBoundaries } from './oblast-boundaries.js';

// The official list of territories is reference data: admins and coordinators (within their areas) load it.
const STATUS_EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['geography'];

export function geographyRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/areas/outline', { config: { access: PUBLIC }, schema: { tags } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(countryOutline()),
    );
    app.get('/api/v1/areas/boundaries', { config: { access: PUBLIC }, schema: { tags } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=3600').send(await oblastBoundaries(database)),
    );
    app.get('/api/v1/areas', { config: { access: PUBLIC }, schema: { tags, querystring: AreaListQuery, response: { 200: AreaList, ...problemsOnly(400) } } }, async (req) => ({
      items: await listAreaRecords(database, req.query),
    }));
    // Access status is a fact about areas (public level, DESIGN §5): anyone may read the list.
    listRoute(app, {
      url: '/api/v1/area-statuses',
      access: PUBLIC,
      tags,
      filters: AreaStatusListFilters,
      item: AreaStatusPeriod,
      keyset: 'id',
      load: ({ filters }, page) => listAreaStatusRows(database, filters, page),
      present: (rows) => rows.map(presentPeriod),
    });
    importRoute(app, {
      database,
      url: '/api/v1/area-statuses/import',
      job: 'area_status_import',
      access: STATUS_EDITORS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['csv'] },
      dryRun: false,
      result: AreaStatusImportResult,
      run: ({ body, ctx, run }) => importAreaStatuses(database, ctx, tableOf(body).stream, run),
    });
  };
}
