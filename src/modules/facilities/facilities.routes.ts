import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, PUBLIC, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem, StringEnum } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { tableFormatOf } from '../../io/table-reader.js';
import { accessStatusOf } from '../geography/area-status.service.js';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFacilities } from './facilities.export.js';
import { importFacilities } from './facilities.import.js';
import { oblastIsoOfPath, presentFacility, presentHistory } from './facilities.presenter.js';
import { Facility, FacilityClose, type FacilityType, FacilityCreate, FacilityHistory, FacilityList, FacilityListQuery, FacilitySummary, FacilityUpdate } from './facilities.schema.js';
import { closeFacility, createFacility, facilityCountsByOblastAndType, facilityFilterOf, facilityHistory, getFacility, listFacilityPage, updateFacilityRecord } from './facilities.service.js';

// Coordinators edit facilities in their scope (checked by the service); every signed-in role reads the registry at
// partner level (a facility reporter only its own facilities); anonymous callers get only the public summary.
const EDITORS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
const READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['facilities'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const ExportQuery = Type.Composite([
  Type.Omit(FacilityListQuery, ['limit', 'cursor', 'sort']),
  Type.Object({ format: StringEnum(EXPORT_FORMATS, { default: 'csv' }) }),
], { additionalProperties: false });

const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  errorCount: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
});

export function facilityRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Import bodies are streamed to the parser, not buffered.
    for (const type of ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) {
      app.addContentTypeParser(type, { bodyLimit: importLimitBytes }, (_req, payload, done) => done(null, payload));
    }

    app.get('/api/v1/facilities', { config: { access: READERS }, schema: { tags, querystring: FacilityListQuery, response: { 200: FacilityList, ...errors } } }, async (req) => {
      const page = await listFacilityPage(database, req.principal, req.query);
      const access = await accessStatusOf(database.db, page.rows, nowIso());
      return { items: page.rows.map((r) => presentFacility(r, req.principal, access.get(r.id) ?? null)), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/facilities', { config: { access: EDITORS }, schema: { tags, body: FacilityCreate, response: { 201: Facility, ...errors } } }, async (req, reply) => {
      const row = await createFacility(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/facilities/${row.id}`).send(presentFacility(row, req.principal));
    });

    app.get('/api/v1/facilities/export', { config: { access: READERS }, schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
      const format = req.query.format;
      const filter = await facilityFilterOf(database, req.principal, req.query);
      const out = new PassThrough();
      exportFacilities(database, req.principal, filter, format, out).catch((e: unknown) => out.destroy(e as Error));
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="facilities.${format}"`)
        .send(out);
    });

    app.post(
      '/api/v1/facilities/import',
      {
        config: { access: EDITORS },
        bodyLimit: importLimitBytes,
        schema: { tags, querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }), response: { 200: ImportResult, ...errors } },
      },
      async (req) => {
        const format = tableFormatOf(req.headers['content-type'] ?? '');
        if (format === undefined || !(req.body instanceof PassThrough || typeof (req.body as NodeJS.ReadableStream | undefined)?.pipe === 'function')) {
          throw new AppError('validation_failed', 'Send the file as the body with Content-Type text/csv or the XLSX type.', { errors: [{ path: '/headers/content-type', message: 'must be text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }] });
        }
        return importFacilities(database, contextOf(req), req.body as PassThrough, format, { dryRun: req.query.dryRun ?? false });
      },
    );

    app.get('/api/v1/facilities/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Facility, ...errors } } }, async (req) => {
      const row = await getFacility(database, req.principal, req.params.id);
      return presentFacility(row, req.principal, (await accessStatusOf(database.db, [row], nowIso())).get(row.id) ?? null);
    });

    app.patch('/api/v1/facilities/:id', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: FacilityUpdate, response: { 200: Facility, ...errors } } }, async (req) =>
      presentFacility(await updateFacilityRecord(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    app.post('/api/v1/facilities/:id/close', { config: { access: EDITORS }, schema: { tags, params: IdParams, body: FacilityClose, response: { 200: Facility, ...errors } } }, async (req) =>
      presentFacility(await closeFacility(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    app.get('/api/v1/facilities/:id/history', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: FacilityHistory, ...errors } } }, async (req) => {
      const { facility, history } = await facilityHistory(database, req.principal, req.params.id);
      return { items: history.map((h) => presentHistory(h, facility, req.principal)) };
    });

    app.get('/api/v1/facilities/summary', { config: { access: PUBLIC }, schema: { tags, response: { 200: FacilitySummary } } }, async () => ({
      items: (await facilityCountsByOblastAndType(database)).map((r) => ({ oblastIso: oblastIsoOfPath(`${r.oblast}/`), type: r.type as FacilityType, count: r.n })),
    }));
  };
}
