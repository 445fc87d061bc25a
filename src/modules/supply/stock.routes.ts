import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, rolesOnly, scopedTo } from '../../http/access-rule.js';
import { IdParams } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { listRoute } from '../../http/list-route.js';
import { expiryAlerts, lowStockAlerts, needsWaiting } from './alerts.service.js';
import { recordCount } from './counts.service.js';
import { reconcileStock } from './ledger.service.js';
import { FacilityLocationCreate, Location, LocationListFilters, WarehouseCreate } from './locations.schema.js';
import { createWarehouse, facilityLocation, listLocationRows, presentLocation, presentLocations } from './locations.service.js';
import { changeLotStatus, getLot, listLotRows, presentLot, recallLot, traceLot } from './lots.service.js';
import {
  Balance,
  BalanceListFilters,
  CountCreate,
  CountResult,
  DispatchCreate,
  DispatchResult,
  ExpiryAlertQuery,
  ExpiryAlerts,
  Lot,
  LotListFilters,
  LotStatusChange,
  LowStockAlerts,
  MinimumSet,
  MoveCreate,
  MoveReverse,
  NeedsWaiting,
  Picking,
  PickingQuery,
  RecallCreate,
  RecallTrace,
  ReconcileResult,
  StockMove,
  StockMoveListFilters,
} from './stock.schema.js';
import { BALANCE_ORDER, dispatchStock, listBalanceRows, listMoveRows, presentBalance, presentMove, proposePicking, recordMove, reverseMove, setMinimum } from './stock.service.js';
import { DECIDERS, errors, FACILITY_WORKERS, READERS, WRITERS } from './supply.access.js';

export function stockRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['stock'];
    listRoute(app, {
      url: '/api/v1/locations',
      access: READERS,
      tags,
      filters: LocationListFilters,
      item: Location,
      keyset: 'id',
      load: ({ filters, principal }, page) => listLocationRows(database, principal, filters, page),
      present: (rows) => presentLocations(database.db, rows),
    });
    app.post('/api/v1/locations', { config: { access: WRITERS }, schema: { tags, body: WarehouseCreate, response: { 201: Location, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentLocation(await createWarehouse(database, contextOf(req), req.body))),
    );
    app.post('/api/v1/locations/facility', { config: { access: scopedTo(WRITERS, 'facility') }, schema: { tags, body: FacilityLocationCreate, response: { 200: Location, ...errors } } }, async (req) =>
      (await presentLocations(database.db, [await facilityLocation(database, contextOf(req), req.body.facilityId)]))[0],
    );

    listRoute(app, {
      url: '/api/v1/lots',
      access: READERS,
      tags,
      filters: LotListFilters,
      item: Lot,
      keyset: 'id',
      load: ({ filters, principal }, page) => listLotRows(database, principal, filters, page),
      present: (rows) => rows.map(presentLot),
    });
    app.get('/api/v1/lots/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Lot, ...errors } } }, async (req) => presentLot(await getLot(database, req.principal, req.params.id)));
    app.get('/api/v1/lots/:id/trace', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: RecallTrace, ...errors } } }, async (req) => traceLot(database, req.principal, req.params.id));
    app.post('/api/v1/lots/:id/status', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: LotStatusChange, response: { 200: Lot, ...errors } } }, async (req) =>
      presentLot(await changeLotStatus(database, contextOf(req), req.params.id, req.body)),
    );
    app.post('/api/v1/lots/:id/recall', { config: { access: DECIDERS }, schema: { tags, params: IdParams, body: RecallCreate, response: { 200: RecallTrace, ...errors } } }, async (req) =>
      recallLot(database, contextOf(req), req.params.id, req.body.reason),
    );

    listRoute(app, {
      url: '/api/v1/stock',
      access: READERS,
      tags,
      filters: BalanceListFilters,
      item: Balance,
      keyset: BALANCE_ORDER,
      load: ({ filters, principal }, page) => listBalanceRows(database, principal, filters, page),
      present: (rows) => rows.map(presentBalance),
    });
    listRoute(app, {
      url: '/api/v1/stock/moves',
      access: READERS,
      tags,
      filters: StockMoveListFilters,
      item: StockMove,
      keyset: '-id',
      load: ({ filters, principal }, page) => listMoveRows(database, principal, filters, page),
      present: (rows) => rows.map(presentMove),
    });
    app.post('/api/v1/stock/moves', { config: { access: FACILITY_WORKERS }, schema: { tags, body: MoveCreate, response: { 201: StockMove, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentMove(await recordMove(database, contextOf(req), req.body))),
    );
    app.post('/api/v1/stock/moves/:id/reverse', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: MoveReverse, response: { 201: StockMove, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentMove(await reverseMove(database, contextOf(req), req.params.id, req.body.reason))),
    );
    app.get('/api/v1/stock/picking', { config: { access: READERS }, schema: { tags, querystring: PickingQuery, response: { 200: Picking, ...errors } } }, async (req) => proposePicking(database, req.principal, req.query));
    app.post('/api/v1/stock/dispatches', { config: { access: WRITERS }, schema: { tags, body: DispatchCreate, response: { 201: DispatchResult, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ moves: (await dispatchStock(database, contextOf(req), req.body)).map(presentMove) }),
    );
    app.post('/api/v1/stock/counts', { config: { access: FACILITY_WORKERS }, schema: { tags, body: CountCreate, response: { 201: CountResult, ...errors } } }, async (req, reply) => {
      const r = await recordCount(database, contextOf(req), req.body);
      return reply.code(201).send({ adjustments: r.adjustments.map(presentMove), unchanged: r.unchanged });
    });
    app.put('/api/v1/stock/minimums', { config: { access: WRITERS }, schema: { tags, body: MinimumSet, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      await setMinimum(database, contextOf(req), req.body);
      return reply.code(204).send(null);
    });
    app.get('/api/v1/stock/alerts/expiry', { config: { access: READERS }, schema: { tags, querystring: ExpiryAlertQuery, response: { 200: ExpiryAlerts, ...errors } } }, async (req) =>
      expiryAlerts(database, req.principal, req.query.days ?? 90, req.query.locationId),
    );
    app.get('/api/v1/stock/alerts/low', { config: { access: READERS }, schema: { tags, response: { 200: LowStockAlerts, ...errors } } }, async (req) => lowStockAlerts(database, req.principal));
    app.get('/api/v1/stock/alerts/needs-waiting', { config: { access: READERS }, schema: { tags, response: { 200: NeedsWaiting, ...errors } } }, async (req) => needsWaiting(database, req.principal));
    app.get('/api/v1/stock/reconcile', { config: { access: rolesOnly('admin') }, schema: { tags, response: { 200: ReconcileResult, ...errors } } }, async () => reconcileStock(database));
  };
}
