import type { FastifyReply, FastifyRequest } from 'fastify';
import { jobUrl, presentJob } from './jobs.presenter.js';
import type { JobRow } from './jobs.tables.js';

/**
 * Whether the caller asked for a job (RFC 7240 `Prefer: respond-async`). Only a signed-in caller can own one,
 * so an anonymous caller's preference is not honoured (a preference may be ignored) and the route answers as it
 * always has; so does every caller who does not send the header.
 */
export function prefersAsync(request: FastifyRequest): boolean {
  if (request.principal === null) return false;
  const header = request.headers.prefer;
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((v) => v.split(',').some((p) => p.split(';')[0]?.trim().toLowerCase() === 'respond-async'));
}

/** Answers a started job: 202, its URL in Location, the preference applied, and the job body. */
export function acceptedJob(reply: FastifyReply, row: JobRow): FastifyReply {
  return reply.code(202).header('location', jobUrl(row.id)).header('preference-applied', 'respond-async').send(presentJob(row));
}
