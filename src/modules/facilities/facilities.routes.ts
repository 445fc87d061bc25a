import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, PUBLIC, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, ImportResult, ProblemResponses, StringEnum } from '../../http/common.schema.js';
import { importRoute, tableOf } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { nowIso } from '../../ids.js';
import { accessStatusOf } from '../geography/area-status.service.js';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFacilities } from './facilities.export.js';
import { importFacilities } from './facilities.import.js';
import { oblastIsoOfPath, presentFacility, presentHistory } from './facilities.presenter.js';
import { Facility, FacilityClose, type FacilityType, FacilityCreate, FacilityHistory, FACILITY_SORTS, FacilityListFilters, FacilitySummary, FacilityUpdate } from './facilities.schema.js';
import { closeFacility, createFacility, facilityCountsByOblastAndType, facilityFilterOf, facilityHistory, getFacility, listFacilityRows, updateFacilityRecord } from './facilities.service.js';

// Coordinators edit facilities in their scope (checked by the service); every signed-in role reads the registry at
// partner level (a facility reporter only its own facilities); anonymous callers get only the public summary.
const EDITORS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
const READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['facilities'];

const ExportQuery = Type.Composite([FacilityListFilters, Type.Object({ format: StringEnum(EXPORT_FORMATS, { default: 'csv' }) })], { additionalProperties: false });

export function facilityRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/facilities',
      access: READERS,
      tags,
      filters: FacilityListFilters,
      item: Facility,
      sort: { columns: FACILITY_SORTS, default: 'name_en' },
      load: ({ filters, principal }, page) => listFacilityRows(database, principal, filters, page),
      valueOf: (row, column) => row[column],
      present: async (rows, { principal }) => {
        const access = await accessStatusOf(database.db, rows, nowIso());
        return rows.map((r) => presentFacility(r, principal, access.get(r.id) ?? null));
      },
    });

    app.post('/api/v1/facilities', { config: { access: EDITORS }, schema: { tags, body: FacilityCreate, response: { 201: Facility, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createFacility(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/facilities/${row.id}`).send(presentFacility(row, req.principal));
    });

    // The overview map asks for the GeoJSON on every visit: computed once per change of the data and set of memberships.
    app.get('/api/v1/facilities/export', { config: { access: READERS, cachePerViewer: true }, schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
      const format = req.query.format;
      const filter = await facilityFilterOf(database, req.principal, req.query);
      const out = new PassThrough();
      exportFacilities(database, req.principal, filter, format, out).catch((e: unknown) => out.destroy(e as Error));
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="facilities.${format}"`)
        .send(out);
    });

    importRoute(app, {
      database,
      url: '/api/v1/facilities/import',
      job: 'facility_import',
      access: EDITORS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['csv', 'xlsx'] },
      result: ImportResult,
      run: ({ body, ctx, dryRun, run }) => {
        const table = tableOf(body);
        return importFacilities(database, ctx, table.stream, table.format, { dryRun, run });
      },
    });

    app.get('/api/v1/facilities/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Facility, ...ProblemResponses } } }, async (req) => {
      const row = await getFacility(database, req.principal, req.params.id);
      return presentFacility(row, req.principal, (await accessStatusOf(database.db, [row], nowIso())).get(row.id) ?? null);
    });

    app.patch('/api/v1/facilities/:id', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: FacilityUpdate, response: { 200: Facility, ...ProblemResponses } } }, async (req) =>
      presentFacility(await updateFacilityRecord(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    app.post('/api/v1/facilities/:id/close', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: FacilityClose, response: { 200: Facility, ...ProblemResponses } } }, async (req) =>
      presentFacility(await closeFacility(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    app.get('/api/v1/facilities/:id/history', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: FacilityHistory, ...ProblemResponses } } }, async (req) => {
      const { facility, history } = await facilityHistory(database, req.principal, req.params.id);
      return { items: history.map((h) => presentHistory(h, facility, req.principal)) };
    });

    app.get('/api/v1/facilities/summary', { config: { access: PUBLIC }, schema: { tags, response: { 200: FacilitySummary } } }, async () => ({
      items: (await facilityCountsByOblastAndType(database)).map((r) => ({ oblastIso: oblastIsoOfPath(`${r.oblast}/`), type: r.type as FacilityType, count: r.n })),
    }));
  };
}
