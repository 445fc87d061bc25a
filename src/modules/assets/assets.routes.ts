import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, scopedTo } from '../../http/access-rule.js';
import { IdParams } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { listRoute } from '../../http/list-route.js';
import { errors, FACILITY_WORKERS, READERS, WRITERS } from '../supply/supply.access.js';
import { presentAsset, presentAssetDetail } from './assets.presenter.js';
import { Asset, AssetCreate, AssetDetail, AssetListFilters, AssetStatusChange, AssetUpdate, MaintenanceCreate } from './assets.schema.js';
import { assetDetail, changeAssetStatus, createAsset, listAssetRows, logMaintenance, updateAssetRecord } from './assets.service.js';

const tags = ['assets'];

/** Equipment and generators in service (docs/supply.md, docs/energy.md); who writes is the supply writers' rule, and a facility's reporters report its units' faults. */
export function assetRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/assets',
      access: READERS,
      tags,
      filters: AssetListFilters,
      item: Asset,
      keyset: 'id',
      load: ({ filters, principal }, page) => listAssetRows(database, principal, filters, page),
      present: (rows, { principal }) => rows.map((r) => presentAsset(r, principal)),
    });
    app.post('/api/v1/assets', { config: { access: scopedTo(WRITERS, 'facility') }, schema: { tags, body: AssetCreate, response: { 201: Asset, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentAsset(await createAsset(database, contextOf(req), req.body), req.principal)),
    );
    app.get('/api/v1/assets/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: AssetDetail, ...errors } } }, async (req) =>
      presentAssetDetail(await assetDetail(database, req.principal, req.params.id), req.principal),
    );
    app.patch('/api/v1/assets/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: AssetUpdate, response: { 200: Asset, ...errors } } }, async (req) =>
      presentAsset(await updateAssetRecord(database, contextOf(req), req.params.id, req.body), req.principal),
    );
    app.post('/api/v1/assets/:id/status', { config: { access: FACILITY_WORKERS }, schema: { tags, params: IdParams, body: AssetStatusChange, response: { 200: Asset, ...errors } } }, async (req) =>
      presentAsset(await changeAssetStatus(database, contextOf(req), req.params.id, req.body), req.principal),
    );
    app.post('/api/v1/assets/:id/maintenance', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: MaintenanceCreate, response: { 201: AssetDetail, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentAssetDetail(await logMaintenance(database, contextOf(req), req.params.id, req.body), req.principal)),
    );
  };
}
