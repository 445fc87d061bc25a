import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import { tableFormatOf, type TableFormat } from '../../io/table-reader.js';
import type { SurveyForm } from '../../io/xlsform.js';
import { importStatusReports, surveyFormOf } from './status.import.js';
import { presentStatusReport } from './status.presenter.js';
import { AsOfQuery, FacilityStatus, StatusImportQuery, StatusImportResult, StatusReport, StatusReportCreate, StatusReportList, StatusReportListQuery } from './status.schema.js';
import { reviewStates } from './review.service.js';
import { createStatusReport, facilityStatusAsOf, listStatusReportPage } from './status.service.js';

// Reporters: admins, coordinators in their scope, facility reporters for their facilities (checked by the service).
// Readers: every signed-in role at partner level, a facility reporter only its own facilities.
const REPORTERS = scopedTo(rolesOnly('admin', 'coordinator', 'facility_reporter'), 'facility');
const READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['monitoring'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const TABLE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

function parseMapping(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid([{ path: '/query/mapping', message: 'must be JSON: {"ourField": "their column header", ...}' }]);
  }
}

/**
 * A multipart import: the export as part `file` and its XLSForm as part `form`. Both are read whole (the parts may
 * come in either order and the form is needed before the first row), within the import size limit.
 */
async function multipartImport(req: FastifyRequest): Promise<{ body: Readable; format: TableFormat | undefined; form: SurveyForm | undefined }> {
  let file: { body: Readable; format: TableFormat | undefined } | undefined;
  let form: SurveyForm | undefined;
  for await (const part of req.parts()) {
    if (part.type !== 'file' || (part.fieldname !== 'file' && part.fieldname !== 'form')) {
      throw invalid([{ path: `/body/${part.fieldname}`, message: 'unknown part: send "file" (the survey export, CSV or XLSX) and "form" (its XLSForm)' }]);
    }
    const content = await part.toBuffer();
    if (part.fieldname === 'form') form = await surveyFormOf(content, part.filename);
    else file = { body: Readable.from([content]), format: tableFormatOf(part.filename) ?? tableFormatOf(part.mimetype) };
  }
  if (file === undefined) throw invalid([{ path: '/body/file', message: 'is required: the survey export (CSV or XLSX)' }]);
  return { ...file, form };
}

export function statusRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Import bodies are streamed to the parser, not buffered; a multipart body carries the export with its XLSForm.
    for (const type of TABLE_TYPES) app.addContentTypeParser(type, { bodyLimit: importLimitBytes }, (_req, payload, done) => done(null, payload));
    await app.register(multipart, { limits: { fileSize: importLimitBytes, files: 2 } });

    // Rows are checked one by one against who may report where (a row outside the caller's scope is named).
    app.post(
      '/api/v1/status-reports/import',
      { config: { access: REPORTERS }, bodyLimit: importLimitBytes, schema: { tags, querystring: StatusImportQuery, response: { 200: StatusImportResult, ...errors } } },
      async (req) => {
        const mapping = parseMapping(req.query.mapping);
        const { body, format, form } = req.isMultipart() ? await multipartImport(req) : { body: req.body as Readable | undefined, format: tableFormatOf(req.headers['content-type'] ?? ''), form: undefined };
        if (format === undefined || typeof body?.pipe !== 'function') {
          throw new AppError('validation_failed', 'Send the file as the body with Content-Type text/csv or the XLSX type, or as part "file" of a multipart/form-data body with its XLSForm as part "form".', { errors: [{ path: '/headers/content-type', message: `must be one of ${[...TABLE_TYPES, 'multipart/form-data'].join(', ')}` }] });
        }
        return importStatusReports(database, contextOf(req), body, format, { dryRun: req.query.dryRun ?? false, mapping, ...(form === undefined ? {} : { form }) });
      },
    );

    app.post('/api/v1/status-reports', { config: { access: REPORTERS }, schema: { tags, body: StatusReportCreate, response: { 201: StatusReport, ...errors } } }, async (req, reply) => {
      const row = await createStatusReport(database, contextOf(req), req.body);
      const states = await reviewStates(database.db, 'status', [row.id]);
      return reply.code(201).send(presentStatusReport(row, { id: row.facility_id, area_path: row.area_path }, req.principal, states.get(row.id) ?? 'new'));
    });

    app.get('/api/v1/status-reports', { config: { access: READERS }, schema: { tags, querystring: StatusReportListQuery, response: { 200: StatusReportList, ...errors } } }, async (req) => {
      const page = await listStatusReportPage(database, req.principal, req.query);
      const states = await reviewStates(database.db, 'status', page.rows.map((r) => r.id));
      return { items: page.rows.map((r) => presentStatusReport(r, { id: r.facility_id, area_path: r.area_path }, req.principal, states.get(r.id) ?? 'new')), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/facilities/:id/status', { config: { access: READERS }, schema: { tags, params: IdParams, querystring: AsOfQuery, response: { 200: FacilityStatus, ...errors } } }, async (req) => {
      const { facility, report } = await facilityStatusAsOf(database, req.principal, req.params.id, req.query.asOf);
      const states = await reviewStates(database.db, 'status', report === undefined ? [] : [report.id]);
      return { facilityId: facility.id, asOf: req.query.asOf ?? null, report: report === undefined ? null : presentStatusReport(report, facility, req.principal, states.get(report.id) ?? 'new') };
    });
  };
}
