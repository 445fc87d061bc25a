import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { PUBLIC, SIGNED_IN } from '../../http/access-rule.js';
import { problems } from '../../http/common.schema.js';
import { IndicatorQuery, Indicators, PublicIndicatorQuery } from './indicators.schema.js';
import { publicIndicators, signedInIndicators } from './indicators.service.js';

const tags = ['monitoring'];
const errors = problems();

export function indicatorRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Signed-in callers may ask for any area down to a hromada, within their read scope.
    app.get('/api/v1/indicators', { config: { access: SIGNED_IN }, schema: { tags, querystring: IndicatorQuery, response: { 200: Indicators, ...errors } } }, async (req) =>
      signedInIndicators(database, req.principal, req.query),
    );
    // Anyone: the country or an oblast (DESIGN §5 "aggregates by oblast").
    app.get('/api/v1/indicators/public', { config: { access: PUBLIC }, schema: { tags, querystring: PublicIndicatorQuery, response: { 200: Indicators, ...errors } } }, async (req) =>
      publicIndicators(database, req.query),
    );
  };
}
