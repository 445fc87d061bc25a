import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, problems, StringEnum } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { agreementRoutes } from './agreements.routes.js';
import { areaRollup } from './area-rollup.service.js';
import { AreaParams, AreaRollup, FollowThroughQuery, PartnerPage } from './follow-through.schema.js';
import { meetingRoutes } from './meetings.routes.js';
import { partnerPage } from './partner-page.service.js';
import { PARTNERSHIP_READERS } from './partnerships.access.js';
import { MEASURED_UNITS, PRIORITY_AREAS } from './partnerships.schema.js';

export interface PartnershipsOptions {
  /** config.documentLimitBytes (CAREBRIDGE_DOCUMENT_LIMIT); the default matches config.ts's. */
  documentLimitBytes?: number;
}

const tags = ['partnerships'];

/** Every route of partnerships (issue 8): agreements, documents, links, meetings, action items, partner pages. */
export function partnershipsRoutes(database: Database, options: PartnershipsOptions = {}): FastifyPluginAsyncTypebox {
  const { documentLimitBytes = 10 * 1_048_576 } = options;
  return async (app) => {
    app.get(
      '/api/v1/priority-areas',
      { config: { access: SIGNED_IN }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(StringEnum(PRIORITY_AREAS)), measuredUnits: Type.Array(Type.String()) }) } } },
      async () => ({ items: [...PRIORITY_AREAS], measuredUnits: [...MEASURED_UNITS] }),
    );
    app.get(
      '/api/v1/partners/:id',
      { config: { access: rolesOnly(...PARTNERSHIP_READERS) }, schema: { tags, params: IdParams, querystring: FollowThroughQuery, response: { 200: PartnerPage, ...problems(404) } } },
      async (req) => partnerPage(database, req.principal, req.params.id, req.query.currency),
    );
    app.get(
      '/api/v1/priority-areas/:area/follow-through',
      { config: { access: rolesOnly(...PARTNERSHIP_READERS) }, schema: { tags, params: AreaParams, querystring: FollowThroughQuery, response: { 200: AreaRollup, ...problems() } } },
      async (req) => areaRollup(database, req.principal, req.params.area, req.query.currency),
    );
    await app.register(agreementRoutes(database, documentLimitBytes));
    await app.register(meetingRoutes(database));
  };
}
