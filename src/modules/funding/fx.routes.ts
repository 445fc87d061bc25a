import type { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { ConvertQuery, Converted, FxImportQuery, FxImportResult, FxRateList, FxRateListQuery } from './fx.schema.js';
import { convertAmount, importFxRates, importNbuRates, listFxRatePage } from './fx.service.js';
import type { FxRateRow } from './fx.repository.js';

// Rates are reference data: any signed-in user reads them; admins and coordinators load them.
const EDITORS = rolesOnly('admin', 'coordinator');
const tags = ['funding'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const presentFxRate = (r: FxRateRow) => ({ id: r.id, currency: r.currency, date: r.rate_date, ratePerUsd: r.rate_per_usd, source: r.source, createdAt: r.created_at });

export function fxRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/fx-rates', { config: { access: SIGNED_IN }, schema: { tags, querystring: FxRateListQuery, response: { 200: FxRateList, ...errors } } }, async (req) => {
      const page = await listFxRatePage(database, req.query);
      return { items: page.rows.map(presentFxRate), nextCursor: page.nextCursor };
    });
    app.get('/api/v1/fx-rates/convert', { config: { access: SIGNED_IN }, schema: { tags, querystring: ConvertQuery, response: { 200: Converted, ...errors } } }, async (req) => convertAmount(database, req.query));
    app.post('/api/v1/fx-rates/import', { config: { access: EDITORS }, bodyLimit: importLimitBytes, schema: { tags, querystring: FxImportQuery, response: { 200: FxImportResult, ...errors } } }, async (req) => {
      if (req.query.format === 'nbu') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          throw new AppError('validation_failed', "Send the NBU's rate JSON as the body with Content-Type application/json.", { errors: [{ path: '/headers/content-type', message: 'must be application/json' }] });
        }
        return importNbuRates(database, contextOf(req), req.body);
      }
      const body = req.body as PassThrough | undefined;
      if (!(req.headers['content-type'] ?? '').startsWith('text/csv') || typeof body?.pipe !== 'function') {
        throw new AppError('validation_failed', 'Send the CSV file as the body with Content-Type text/csv.', { errors: [{ path: '/headers/content-type', message: 'must be text/csv' }] });
      }
      return importFxRates(database, contextOf(req), body);
    });
  };
}
