import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, PUBLIC, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, ProblemResponses, StringEnum } from '../../http/common.schema.js';
import { importRoute } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { nowIso } from '../../ids.js';
import { acceptedJob, prefersAsync } from '../jobs/jobs.http.js';
import { startJob } from '../jobs/jobs.runner.js';
import { exportIati } from './projects.export.js';
import { importIati } from './projects.import.js';
import { exportHxl, HXL_KINDS } from './projects.hxl.js';
import { presentProject } from './projects.presenter.js';
import { IATI_DRY_RUN, IatiImportQuery, IatiImportResult, Project, ProjectCreate, ProjectListFilters, ProjectUpdate } from './projects.schema.js';
import { createProject, getProject, listProjectRows, updateProjectRecord } from './projects.service.js';

// Donor officers pass this rule; the service lets them write only projects their organisation takes part in.
const WRITERS = rolesOnly('admin', 'coordinator', 'donor_officer');
const tags = ['funding'];

export function projectRoutes(database: Database, codelistsDir: string, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/projects',
      access: SIGNED_IN,
      tags,
      filters: ProjectListFilters,
      item: Project,
      keyset: 'id',
      load: ({ filters }, page) => listProjectRows(database, filters, page),
      present: (rows) => rows.map(presentProject),
    });
    app.post('/api/v1/projects', { config: { access: WRITERS }, schema: { tags, body: ProjectCreate, response: { 201: Project, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createProject(database, contextOf(req), req.body, codelistsDir);
      return reply.code(201).header('location', `/api/v1/projects/${row.id}`).send(presentProject(row));
    });
    // The IATI document is one tree: it is read whole (within the import limit), not streamed.
    importRoute(app, {
      database,
      url: '/api/v1/projects/import/iati',
      job: 'iati_import',
      access: WRITERS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['xml'], noun: 'IATI XML file' },
      query: IatiImportQuery,
      dryRun: { description: IATI_DRY_RUN },
      result: IatiImportResult,
      run: ({ body, query, dryRun, ctx, run }) => {
        if (body.format !== 'xml') throw new Error(`The IATI import was sent ${body.format}: its route accepts only XML.`);
        const text = body.text;
        return importIati(database, ctx, () => [text], codelistsDir, { dryRun, skipInvalid: query.skipInvalid ?? false, country: query.country?.toUpperCase(), run });
      },
    });
    // Open data (DESIGN §1, §5): project finance is public, so the IATI file is too. Both exports stream.
    const ExportQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 100, description: 'Reporting organisation IATI id, e.g. XM-DAC-701-8' })) }, { additionalProperties: false });
    app.get('/api/v1/projects/export/iati', { config: { access: PUBLIC }, schema: { tags, querystring: ExportQuery, description: 'With Prefer: respond-async (signed in): 202 and a job (/api/v1/jobs/:id) whose result is the file.' } }, async (req, reply) => {
      // A signed-in caller with Prefer: respond-async gets a job whose result is the file; progress counts activities.
      if (prefersAsync(req)) {
        const org = req.query.org;
        const job = await startJob(database, contextOf(req), 'iati_export', async (job) => {
          job.progress(0, null, 'exporting');
          const { stream, activities } = await exportIati(database, org, nowIso());
          const pieces: Buffer[] = [];
          for await (const piece of stream as AsyncIterable<Buffer | string>) {
            job.signal.throwIfAborted();
            pieces.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
            job.progress(activities(), null, 'exporting');
          }
          return { type: 'application/xml; charset=utf-8', body: Buffer.concat(pieces).toString('utf8') };
        });
        return acceptedJob(reply, job);
      }
      const { stream } = await exportIati(database, req.query.org, nowIso());
      return reply.type('application/xml; charset=utf-8').header('content-disposition', 'attachment; filename="iati-activities.xml"').send(stream);
    });
    const HxlQuery = Type.Object(
      { dataset: Type.Optional(StringEnum(HXL_KINDS)), kind: Type.Optional(StringEnum(HXL_KINDS, { description: 'Older name of dataset' })) },
      { additionalProperties: false },
    );
    app.get('/api/v1/projects/export/hxl', { config: { access: PUBLIC }, schema: { tags, querystring: HxlQuery } }, async (req, reply) => {
      const dataset = req.query.dataset ?? req.query.kind ?? '3w';
      const { stream } = await exportHxl(database, dataset);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="projects-${dataset}.hxl.csv"`).send(stream);
    });
    app.get('/api/v1/projects/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Project, ...ProblemResponses } } }, async (req) =>
      presentProject(await getProject(database, req.params.id)),
    );
    app.patch('/api/v1/projects/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ProjectUpdate, response: { 200: Project, ...ProblemResponses } } }, async (req) =>
      presentProject(await updateProjectRecord(database, contextOf(req), req.params.id, req.body, codelistsDir)),
    );
  };
}
