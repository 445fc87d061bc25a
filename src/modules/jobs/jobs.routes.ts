import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, problems } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { presentJob } from './jobs.presenter.js';
import { Job } from './jobs.schema.js';
import { cancelJob, fetchJobResult, getOwnJob } from './jobs.service.js';

// Any signed-in caller may call these; the service answers 404 for every job but the caller's own.
const tags = ['jobs'];
const errors = problems(404, 409);

export function jobRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/jobs/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Job, ...errors } } }, async (req, reply) => {
      // Progress changes while the owner polls: never from a cache.
      void reply.header('cache-control', 'no-store');
      return presentJob(await getOwnJob(database, contextOf(req), req.params.id));
    });

    app.get('/api/v1/jobs/:id/result', {
      config: { access: SIGNED_IN },
      // A HEAD would run this handler and throw the result away: fetched, never seen. GET only.
      exposeHeadRoute: false,
      // No response schemas: the body is the result as stored (JSON, XML…), or problem+json (404, 409, 410 once fetched or a day after the end).
      schema: { tags, params: IdParams, description: 'The finished job\'s result, once: a second fetch, or one more than a day after the end, answers 410 Gone.' },
    }, async (req, reply) => {
      const fetched = await fetchJobResult(database, contextOf(req), req.params.id);
      if (fetched.kind === 'expired') {
        return reply.code(410).type('application/problem+json').send({
          type: 'https://carebridge.example/problems/gone',
          title: 'The result has expired',
          status: 410,
          detail: `This job finished at ${fetched.finishedAt}; its result was kept for a day and nobody fetched it, so it was cleared. Run the job again for a new one.`,
        });
      }
      if (fetched.kind === 'gone') {
        return reply.code(410).type('application/problem+json').send({
          type: 'https://carebridge.example/problems/gone',
          title: 'The result was already fetched',
          status: 410,
          detail: `This job's result was fetched at ${fetched.fetchedAt} and is handed out only once; run the job again for a new one.`,
        });
      }
      return reply.code(fetched.status).header('cache-control', 'no-store').type(fetched.result.type).send(fetched.result.body);
    });

    app.delete('/api/v1/jobs/:id', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Job, ...errors } } }, async (req) =>
      presentJob(await cancelJob(database, contextOf(req), req.params.id)),
    );
  };
}
