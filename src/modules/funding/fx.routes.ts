import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { ProblemResponses } from '../../http/common.schema.js';
import { importRoute, tableOf } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { ConvertQuery, Converted, FxImportQuery, FxImportResult, FxRate, FxRateListFilters } from './fx.schema.js';
import { convertAmount, FX_RATE_ORDER, importFxRates, importNbuRates, listFxRateRows } from './fx.service.js';
import type { FxRateRow } from './fx.repository.js';

// Rates are reference data: any signed-in user reads them; admins and coordinators load them.
const EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['funding'];

const presentFxRate = (r: FxRateRow) => ({ id: r.id, currency: r.currency, date: r.rate_date, ratePerUsd: r.rate_per_usd, source: r.source, createdAt: r.created_at });

export function fxRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/fx-rates',
      access: SIGNED_IN,
      tags,
      filters: FxRateListFilters,
      item: FxRate,
      keyset: FX_RATE_ORDER,
      load: ({ filters }, page) => listFxRateRows(database, filters, page),
      present: (rows) => rows.map(presentFxRate),
    });
    app.get('/api/v1/fx-rates/convert', { config: { access: SIGNED_IN }, schema: { tags, querystring: ConvertQuery, response: { 200: Converted, ...ProblemResponses } } }, async (req) => convertAmount(database, req.query));
    // CSV (ours) or, with ?format=nbu, the National Bank's rate JSON.
    importRoute(app, {
      database,
      url: '/api/v1/fx-rates/import',
      job: 'fx_rate_import',
      access: EDITORS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['csv', 'json'] },
      expects: (query) => (query.format === 'nbu' ? { formats: ['json'], noun: "NBU's rate JSON" } : { formats: ['csv'] }),
      query: FxImportQuery,
      dryRun: false,
      result: FxImportResult,
      run: ({ body, ctx, run }) => (body.format === 'json' ? importNbuRates(database, ctx, body.value, run) : importFxRates(database, ctx, tableOf(body).stream, run)),
    });
  };
}
