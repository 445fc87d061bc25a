import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, ProblemResponses } from '../../http/common.schema.js';
import { importRoute, tableOf } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import { tableFormatOf, type TableFormat } from '../../io/table-reader.js';
import type { SurveyForm } from '../../io/xlsform.js';
import { importStatusReports, surveyFormOf } from './status.import.js';
import { presentStatusReport } from './status.presenter.js';
import { AsOfQuery, FacilityStatus, StatusImportQuery, StatusImportResult, StatusReport, StatusReportCreate, StatusReportListFilters } from './status.schema.js';
import { reviewStates } from './review.service.js';
import { createStatusReport, facilityStatusAsOf, listStatusReportRows, STATUS_REPORT_ORDER } from './status.service.js';

// Reporters: admins, coordinators in their scope, facility reporters for their facilities (checked by the service).
// Readers: every signed-in role at partner level, a facility reporter only its own facilities.
const REPORTERS = scopedTo(rolesOnly('admin', 'coordinator', 'facility_reporter'), 'facility');
const READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['monitoring'];

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
async function multipartImport(req: FastifyRequest): Promise<{ stream: Readable; format: TableFormat | undefined; extras: { form: SurveyForm | undefined } }> {
  let file: { stream: Readable; format: TableFormat | undefined } | undefined;
  let form: SurveyForm | undefined;
  for await (const part of req.parts()) {
    if (part.type !== 'file' || (part.fieldname !== 'file' && part.fieldname !== 'form')) {
      throw invalid([{ path: `/body/${part.fieldname}`, message: 'unknown part: send "file" (the survey export, CSV or XLSX) and "form" (its XLSForm)' }]);
    }
    const content = await part.toBuffer();
    if (part.fieldname === 'form') form = await surveyFormOf(content, part.filename);
    else file = { stream: Readable.from([content]), format: tableFormatOf(part.filename) ?? tableFormatOf(part.mimetype) };
  }
  if (file === undefined) throw invalid([{ path: '/body/file', message: 'is required: the survey export (CSV or XLSX)' }]);
  return { ...file, extras: { form } };
}

export function statusRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    // A multipart body carries the export with its XLSForm; a plain body is streamed to the reader.
    await app.register(multipart, { limits: { fileSize: importLimitBytes, files: 2 } });

    // Rows are checked one by one against who may report where (a row outside the caller's scope is named).
    importRoute(app, {
      database,
      url: '/api/v1/status-reports/import',
      job: 'status_import',
      access: REPORTERS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['csv', 'xlsx'] },
      query: StatusImportQuery,
      result: StatusImportResult,
      multipart: { hint: 'as part "file" of a multipart/form-data body with its XLSForm as part "form"', read: multipartImport },
      run: ({ body, query, dryRun, extras, ctx, run }) => {
        const mapping = parseMapping(query.mapping);
        const table = tableOf(body);
        return importStatusReports(database, ctx, table.stream, table.format, { dryRun, mapping, run, ...(extras?.form === undefined ? {} : { form: extras.form }) });
      },
    });

    app.post('/api/v1/status-reports', { config: { access: REPORTERS }, schema: { tags, body: StatusReportCreate, response: { 201: StatusReport, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createStatusReport(database, contextOf(req), req.body);
      const states = await reviewStates(database.db, 'status', [row.id]);
      return reply.code(201).send(presentStatusReport(row, { id: row.facility_id, area_path: row.area_path }, req.principal, states.get(row.id) ?? 'new'));
    });

    listRoute(app, {
      url: '/api/v1/status-reports',
      access: READERS,
      tags,
      filters: StatusReportListFilters,
      item: StatusReport,
      keyset: STATUS_REPORT_ORDER,
      load: ({ filters, principal }, page) => listStatusReportRows(database, principal, filters, page),
      present: async (rows, { principal }) => {
        const states = await reviewStates(database.db, 'status', rows.map((r) => r.id));
        return rows.map((r) => presentStatusReport(r, { id: r.facility_id, area_path: r.area_path }, principal, states.get(r.id) ?? 'new'));
      },
    });

    app.get('/api/v1/facilities/:id/status', { config: { access: READERS }, schema: { tags, params: IdParams, querystring: AsOfQuery, response: { 200: FacilityStatus, ...ProblemResponses } } }, async (req) => {
      const { facility, report } = await facilityStatusAsOf(database, req.principal, req.params.id, req.query.asOf);
      const states = await reviewStates(database.db, 'status', report === undefined ? [] : [report.id]);
      return { facilityId: facility.id, asOf: req.query.asOf ?? null, report: report === undefined ? null : presentStatusReport(report, facility, req.principal, states.get(report.id) ?? 'new') };
    });
  };
}
