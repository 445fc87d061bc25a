import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../../http/access-rule.js';
import { Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { AreaList, AreaListQuery } from './geography.schema.js';
import { countryOutline } from './country-outline.js';
import { listAreaRecords } from './geography.service.js';
import { oblastBoundaries } from './oblast-boundaries.js';

export function geographyRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/areas/outline', { config: { access: PUBLIC }, schema: { tags: ['geography'] } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(countryOutline()),
    );
    app.get('/api/v1/areas/boundaries', { config: { access: PUBLIC }, schema: { tags: ['geography'] } }, async (_req, reply) =>
      reply.type('application/geo+json').header('cache-control', 'public, max-age=3600').send(await oblastBoundaries(database)),
    );
    app.get('/api/v1/areas', { config: { access: PUBLIC }, schema: { tags: ['geography'], querystring: AreaListQuery, response: { 200: AreaList, 400: Problem } } }, async (req) => ({
      items: await listAreaRecords(database, req.query),
    }));
  };
}
