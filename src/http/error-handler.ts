import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, retryAfterSeconds } from '../db/unavailable.js';
import { AppError, problem, problemOf, type ProblemBody } from '../errors.js';
import { fieldErrors } from './validation.js';

const send = (reply: FastifyReply, body: ProblemBody) => reply.code(body.status).type('application/problem+json').send(body);

/** Maps every error to RFC 9457 problem+json; nothing internal reaches the client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: unknown; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      const body = problemOf(error);
      if (error.extra.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.extra.retryAfterSeconds));
      return send(reply, body);
    }
    if (Array.isArray(error.validation)) {
      const errors = fieldErrors(error.validation, error.validationContext ?? 'body');
      return send(reply, { ...problem(400, 'validation_failed', 'The request is not valid', errors.map((e) => `${e.path}: ${e.message}`).join('; ')), errors });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, problem(413, 'payload_too_large', 'The request body is too large', 'The body exceeds the size limit for this route.'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, problem(400, 'malformed_json', 'The body is not valid JSON', error.message));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, problem(415, 'unsupported_media_type', 'Unsupported content type', error.message));
      default:
        break;
    }
    if (isDatabaseUnavailable(error)) {
      // Logged as a warning: the request was fine, the database was away or busy; nothing was committed.
      request.log.warn({ err: error }, 'database unavailable');
      void reply.header('retry-after', String(retryAfterSeconds(error)));
      return send(reply, problem(503, 'unavailable', 'The database is not available right now', 'Nothing was changed. Try again in a few seconds.'));
    }
    if (error instanceof SyntaxError) return send(reply, problem(400, 'malformed_json', 'The body is not valid JSON', error.message));
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return send(reply, problem(status, 'bad_request', 'The request cannot be processed', error.message));
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problem(500, 'internal', 'Something went wrong on our side', `Quote request id ${request.id} when reporting this.`));
  });
}

/** Unknown /api routes answer 404 problem+json; every other path is the web app's to route. */
export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, problem(404, 'not_found', 'Not found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`));
}
