import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { rolesOnly, scopedTo } from '../../http/access-rule.js';
import { problems } from '../../http/common.schema.js';
import { QualityQuery, QualityReport } from './quality.schema.js';
import { dataQuality } from './quality.service.js';

// Coordinators fix the data of their areas; the list is filtered to their edit scope in the service.
const FIXERS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');

export function qualityRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/data-quality', { config: { access: FIXERS }, schema: { tags: ['monitoring'], querystring: QualityQuery, response: { 200: QualityReport, ...problems() } } }, async (req) =>
      dataQuality(database, req.principal, req.query),
    );
  };
}
