import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../../http/access-rule.js';
import { problemsOnly } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { DonorTotals, DonorTotalsQuery } from './donors.schema.js';
import { donorTotals } from './donors.service.js';

// Project finance is public (DESIGN §5): donor totals are open data, like the IATI and HXL exports.
export function donorRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/funding/donors', { config: { access: PUBLIC }, schema: { tags: ['funding'], querystring: DonorTotalsQuery, response: { 200: DonorTotals, ...problemsOnly(400) } } }, async (req) =>
      donorTotals(database, req.query.currency),
    );
  };
}
