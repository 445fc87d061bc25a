import { buffer } from 'node:stream/consumers';
import { Readable, Transform } from 'node:stream';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { inPlace, type ImportRun } from '../io/import-run.js';
import type { TableFormat } from '../io/table-reader.js';
import { acceptedJob, prefersAsync } from '../modules/jobs/jobs.http.js';
import { jsonResult, startJob, type JobControl } from '../modules/jobs/jobs.runner.js';
import { Job } from '../modules/jobs/jobs.schema.js';
import { contextOf, type AccessRule } from './access-rule.js';
import { problems } from './common.schema.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportFormat = 'csv' | 'xlsx' | 'xml' | 'json';

/**
 * How each format arrives. Tables are streamed to their reader, never buffered (a national
 * registry is tens of megabytes); an XML document is one tree, so it is read whole; JSON is
 * Fastify's own parser. `type` is the media type a refusal names.
 */
const FORMATS: Readonly<Record<ImportFormat, { type: string; named: string; types: readonly string[]; matches: (contentType: string) => boolean }>> = Object.freeze({
  csv: { type: 'text/csv', named: 'text/csv', types: ['text/csv'], matches: (ct: string) => ct.startsWith('text/csv') },
  xlsx: { type: XLSX_TYPE, named: 'the XLSX type', types: [XLSX_TYPE], matches: (ct: string) => ct.startsWith(XLSX_TYPE) },
  xml: { type: 'application/xml', named: 'application/xml', types: ['application/xml', 'text/xml'], matches: (ct: string) => /^(application|text)\/xml/.test(ct) },
  json: { type: 'application/json', named: 'application/json', types: [], matches: (ct: string) => ct.startsWith('application/json') },
});

/** The file as the import reads it. */
export type ImportBody = { format: 'csv' | 'xlsx'; stream: Readable } | { format: 'xml'; text: string } | { format: 'json'; value: unknown };

/** The table a route that accepts only CSV and XLSX was sent. */
export function tableOf(body: ImportBody): { stream: Readable; format: TableFormat } {
  if (body.format === 'csv' || body.format === 'xlsx') return { stream: body.stream, format: body.format };
  throw new Error(`A table import was sent ${body.format}: its route accepts it, its reader does not.`);
}

/** What a request may send: its formats, and what the refusal calls the file ("CSV file" for CSV alone, else "file"). */
export interface Accepts {
  formats: readonly ImportFormat[];
  noun?: string;
}

export interface ImportInput<Q, E> {
  body: ImportBody;
  /** The validated query, `dryRun` defaulted to false where the route offers it. */
  query: Q;
  dryRun: boolean;
  /** What a multipart request carried besides the file (e.g. a survey's XLSForm). */
  extras: E | undefined;
  ctx: CallContext;
  /** Where the import runs: in this request, or as the job the caller asked for; it writes only through `run.write`. */
  run: ImportRun;
}

/** A second way to send the file: a multipart/form-data body whose parts the module reads. */
export interface MultipartImport<E> {
  /** How the refusal tells the caller to send it, e.g. `as part "file" of a multipart/form-data body`. */
  hint: string;
  read(request: FastifyRequest): Promise<{ stream: Readable | undefined; format: 'csv' | 'xlsx' | undefined; extras: E }>;
}

export interface ImportRouteOptions<Q extends TObject, R extends TSchema, E> {
  database: Database;
  url: string;
  /** The job's kind when the caller sends `Prefer: respond-async` (e.g. facility_import): 202 and a job resource. */
  job: string;
  access: AccessRule;
  tags: readonly string[];
  /** The import size limit (config.importLimitBytes); a larger body is refused with 413. */
  bodyLimit: number;
  /** Every format the route takes; `expects` narrows it by the query (e.g. `?format=nbu` takes JSON only). */
  accepts: Accepts;
  expects?: (query: Static<Q>) => Accepts;
  /** The module's own query fields; `dryRun` is added unless the route offers none. */
  query?: Q;
  dryRun?: false | { description?: string };
  /** The answer's schema: the shared ImportResult (common.schema.ts), extended with importResultWith where an import reports more. */
  result: R;
  multipart?: MultipartImport<E>;
  run(input: ImportInput<Static<Q> & { dryRun?: boolean }, E>): Promise<Static<R>>;
}

function querySchema(query: TObject | undefined, dryRun: false | { description?: string }): TObject {
  return Type.Object(
    {
      ...(dryRun === false ? {} : { dryRun: Type.Optional(Type.Boolean({ default: false, ...(dryRun.description === undefined ? {} : { description: dryRun.description }) })) }),
      ...(query?.properties ?? {}),
    },
    { additionalProperties: false },
  );
}

function refusal(accepts: Accepts, multipart: string | undefined): AppError {
  const formats = accepts.formats.map((f) => FORMATS[f]);
  const noun = accepts.noun ?? (accepts.formats.length === 1 && accepts.formats[0] !== 'xlsx' ? `${(accepts.formats[0] ?? '').toUpperCase()} file` : 'file');
  const how = `Send the ${noun} as the body with Content-Type ${formats.map((f) => f.named).join(' or ')}${multipart === undefined ? '' : `, or ${multipart}`}.`;
  const types = formats.map((f) => f.type);
  const must = multipart === undefined ? `must be ${types.join(' or ')}` : `must be one of ${[...types, 'multipart/form-data'].join(', ')}`;
  return new AppError('validation_failed', how, { errors: [{ path: '/headers/content-type', message: must }] });
}

/**
 * Fastify checks `bodyLimit` only for bodies it reads itself; a streamed table is counted here: a
 * declared length over the limit is refused before reading, and a body without one (chunked) fails
 * its reader, which the import reports as the same 413, once the limit is passed.
 */
function limited(payload: Readable, contentLength: string | undefined, bodyLimit: number): Readable {
  const tooLarge = () => new AppError('payload_too_large', `The file is larger than the import limit of ${bodyLimit} bytes (CAREBRIDGE_IMPORT_LIMIT).`);
  if (contentLength !== undefined && Number(contentLength) > bodyLimit) throw tooLarge();
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > bodyLimit ? tooLarge() : null, chunk);
    },
  });
  payload.on('error', (e) => counter.destroy(e));
  return payload.pipe(counter);
}

/** An import run as a job: its progress and cancel are the job's, and its transaction commits the job's result with it. */
const asJob = (job: JobControl): ImportRun => ({
  signal: job.signal,
  progress: (done, total, phase) => job.progress(done, total, phase),
  write: (work) => job.commit(work, jsonResult),
});

/**
 * A job reads its file after the request that sent it has ended, so a streamed table is read into memory first
 * (bounded by the import limit, counted as it arrives); XML and JSON already are.
 */
async function held(body: ImportBody): Promise<ImportBody> {
  if (body.format !== 'csv' && body.format !== 'xlsx') return body;
  return { format: body.format, stream: Readable.from([await buffer(body.stream)]) };
}

const isStream = (body: unknown): body is Readable => typeof (body as { pipe?: unknown } | null | undefined)?.pipe === 'function';

/** The body as the format it was declared as, or undefined when it is not one the request may send. */
function bodyOf(request: FastifyRequest, accepts: Accepts): ImportBody | undefined {
  const contentType = request.headers['content-type'] ?? '';
  const format = accepts.formats.find((f) => FORMATS[f].matches(contentType));
  const body: unknown = request.body;
  switch (format) {
    case 'csv':
    case 'xlsx':
      return isStream(body) ? { format, stream: body } : undefined;
    case 'xml':
      return typeof body === 'string' ? { format, text: body } : undefined;
    case 'json':
      return { format, value: body };
    case undefined:
      return undefined;
  }
}

/**
 * Registers a file import (POST): the body parsers (in a scope of its own, so no other route takes
 * a CSV body), the size limit, the `dryRun` option, the refusal of a body of the
 * wrong type, the result schema, and the same import as a job for a caller who prefers one. Row
 * errors are the module's: it reports them in the result, or refuses the file with them as
 * `rowErrors` (AppError 'import_failed').
 */
export function importRoute<Q extends TObject, R extends TSchema, E = never>(app: FastifyInstance, options: ImportRouteOptions<Q, R, E>): void {
  const { database, url, access, tags, bodyLimit, accepts, expects, query, dryRun = {}, result, multipart } = options;
  void app.register(async (scope) => {
    // Every file type is parsed, whatever the route takes: a file of the wrong kind is then refused by the
    // route with a sentence naming the types it takes, rather than by Fastify with a bare 415.
    for (const format of ['csv', 'xlsx', 'xml'] as const) {
      const spec = FORMATS[format];
      if (format === 'xml') scope.addContentTypeParser([...spec.types], { parseAs: 'string', bodyLimit }, (_req, text, done) => done(null, text));
      else
        scope.addContentTypeParser([...spec.types], { bodyLimit }, (req, payload, done) => {
          try {
            done(null, limited(payload, req.headers['content-length'], bodyLimit));
          } catch (e) {
            done(e as AppError, undefined);
          }
        });
    }
    scope.route({
      method: 'POST',
      url,
      config: { access },
      bodyLimit,
      schema: {
        tags: [...tags],
        querystring: querySchema(query, dryRun),
        description: 'With Prefer: respond-async (signed in): 202 and a job (/api/v1/jobs/:id) that reports rows checked and written, can be cancelled (nothing is then written), and whose result is this answer; a refused file\'s job fails, and its result is the problem with every row error.',
        response: { 200: result, 202: Job, ...problems(409, 413) },
      },
      handler: async (request, reply) => {
        // The schema has validated and defaulted the query; the cast only names what it checked.
        const q = request.query as Static<Q> & { dryRun?: boolean };
        const expected = expects === undefined ? accepts : expects(q);
        let body: ImportBody | undefined;
        let extras: E | undefined;
        if (multipart !== undefined && (request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
          const sent = await multipart.read(request);
          extras = sent.extras;
          body = sent.format === undefined || sent.stream === undefined ? undefined : { format: sent.format, stream: sent.stream };
        } else {
          body = bodyOf(request, expected);
        }
        if (body === undefined) throw refusal(expected, multipart?.hint);
        const ctx = contextOf(request);
        const input = { query: q, dryRun: q.dryRun ?? false, extras, ctx };
        if (!prefersAsync(request)) return options.run({ ...input, body, run: inPlace(database) });
        const file = await held(body);
        const job = await startJob(database, ctx, options.job, async (control) => jsonResult(await options.run({ ...input, body: file, run: asJob(control) })));
        return acceptedJob(reply, job);
      },
    });
  });
}
