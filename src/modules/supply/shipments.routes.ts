import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/access-rule.js';
import { IdParams } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { listRoute } from '../../http/list-route.js';
import type { AssetIntake } from './asset-intake.js';
import type { RuleSettings } from './donation-rules.js';
import { receiveShipment } from './receipts.service.js';
import { describeScan } from './scans.service.js';
import { OverrideCreate, ReceiptCreate, ReceiptResult, Shipment, ShipmentCreate, ShipmentListFilters, ShipmentStatusChange, ShipmentSummary } from './shipments.schema.js';
import { changeShipmentStatus, createShipment, listShipmentRows, loadShipment, overrideRule, presentShipment, presentSummary } from './shipments.service.js';
import { ScanParse, ScanQuery, ScanResult } from './stock.schema.js';
import { DECIDERS, errors, FACILITY_WORKERS, READERS, WRITERS } from './supply.access.js';

const tags = ['shipments'];

export function shipmentRoutes(database: Database, settings: RuleSettings, intake: AssetIntake): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/shipments',
      access: READERS,
      tags,
      filters: ShipmentListFilters,
      item: ShipmentSummary,
      keyset: '-id',
      load: ({ filters, principal }, page) => listShipmentRows(database, principal, filters, page),
      present: (rows) => rows.map(presentSummary),
    });
    app.post('/api/v1/shipments', { config: { access: WRITERS }, schema: { tags, body: ShipmentCreate, response: { 201: Shipment, ...errors } } }, async (req, reply) => {
      const state = await createShipment(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/shipments/${state.shipment.id}`).send(await presentShipment(database, state, settings));
    });
    app.get('/api/v1/shipments/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Shipment, ...errors } } }, async (req) =>
      presentShipment(database, await loadShipment(database, req.principal, req.params.id), settings),
    );
    app.post('/api/v1/shipments/:id/status', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ShipmentStatusChange, response: { 200: Shipment, ...errors } } }, async (req) =>
      presentShipment(database, await changeShipmentStatus(database, contextOf(req), req.params.id, req.body), settings),
    );
    app.post('/api/v1/shipments/:id/overrides', { config: { access: DECIDERS }, schema: { tags, params: IdParams, body: OverrideCreate, response: { 200: Shipment, ...errors } } }, async (req) =>
      presentShipment(database, await overrideRule(database, contextOf(req), req.params.id, req.body), settings),
    );
    app.post('/api/v1/shipments/:id/receipts', { config: { access: FACILITY_WORKERS }, schema: { tags, params: IdParams, body: ReceiptCreate, response: { 201: ReceiptResult, ...errors } } }, async (req, reply) => {
      const r = await receiveShipment(database, contextOf(req), req.params.id, req.body, settings, intake);
      return reply.code(201).send({ receiptId: r.receiptId, shipment: await presentShipment(database, r.state, settings), lotIds: r.lotIds, assetIds: r.assetIds, moves: r.moves });
    });
    // Read-only, but POST: a scanned string may hold the group separator and does not belong in a URL or a log line.
    app.post('/api/v1/scans', { config: { access: READERS }, schema: { tags, querystring: ScanQuery, body: ScanParse, response: { 200: ScanResult, ...errors } } }, async (req) => {
      const lines = req.body.shipmentId === undefined ? null : (await loadShipment(database, req.principal, req.body.shipmentId)).lines;
      return describeScan(database, req.principal, req.body.code, lines, req.query.check ?? 'full');
    });
  };
}
