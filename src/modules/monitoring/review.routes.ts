import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/database.js';
import { contextOf, rolesOnly, scopedTo } from '../../http/access-rule.js';
import { IdParams, problems } from '../../http/common.schema.js';
import { Review, REVIEW_KINDS, ReviewChain, ReviewDecision, ReviewQueue, ReviewQueueQuery, type ReviewKind } from './review.schema.js';
import { decideReview, reviewChain, reviewQueue } from './review.service.js';

// Admins and coordinators decide, in their edit scope (checked by the service); a facility reporter never does.
const REVIEWERS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
// The queue and chains: reviewers for their areas, facility reporters for their own facilities' reports
// (to see what was returned to them and why).
const READERS = scopedTo(rolesOnly('admin', 'coordinator', 'facility_reporter'), 'facility');
const tags = ['monitoring'];
const errors = problems(404, 409);
const PATHS: Record<ReviewKind, string> = { status: '/api/v1/status-reports/:id/review', incident: '/api/v1/incidents/:id/review' };

export function reviewRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const kind of REVIEW_KINDS) {
      app.post(PATHS[kind], { config: { access: REVIEWERS }, schema: { tags, params: IdParams, body: ReviewDecision, response: { 200: Type.Object({ id: Type.String(), review: Review }), ...errors } } }, async (req) => ({
        id: req.params.id,
        review: await decideReview(database, contextOf(req), kind, req.params.id, req.body),
      }));
    }
    app.get('/api/v1/reviews', { config: { access: READERS }, schema: { tags, querystring: ReviewQueueQuery, response: { 200: ReviewQueue, ...errors } } }, async (req) => reviewQueue(database, req.principal, req.query));
    // One path per kind (/api/v1/reviews/status/:id, /api/v1/reviews/incident/:id): the chain through that report.
    for (const kind of REVIEW_KINDS) {
      app.get(`/api/v1/reviews/${kind}/:id`, { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: ReviewChain, ...errors } } }, async (req) => reviewChain(database, req.principal, kind, req.params.id));
    }
  };
}
