import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { contextOf, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { problems } from '../../http/common.schema.js';
import { Completeness, CompletenessQuery, FacilityTypeParams, ReportingSchedules, ScheduleRemoveQuery, ScheduleUpdate, TypeSchedule } from './completeness.schema.js';
import { completenessFor } from './completeness.service.js';
import { listSchedules, removeSchedule, setSchedule, type ScheduleDefaults } from './periods.service.js';

const tags = ['reporting'];
const errors = problems();
const writeErrors = problems(404, 409);

/** Reporting completeness and timeliness (issue 15 item 1), and the schedules they are measured against. */
export function reportingRoutes(database: Database, defaults: ScheduleDefaults): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Any signed-in caller, within its read scope: figures and missing names cover only the facilities it may read.
    app.get('/api/v1/reporting/completeness', { config: { access: SIGNED_IN }, schema: { tags, querystring: CompletenessQuery, response: { 200: Completeness, ...errors } } }, async (req) =>
      completenessFor(database, req.principal, req.query, defaults),
    );
    app.get('/api/v1/reporting/periods', { config: { access: rolesOnly('admin', 'coordinator', 'analyst') }, schema: { tags, response: { 200: ReportingSchedules, ...errors } } }, async () =>
      listSchedules(database, defaults),
    );
    // Coordinators may call it; the service lets only national editors change a country-wide schedule.
    app.put(
      '/api/v1/reporting/periods/:facilityType',
      { config: { access: rolesOnly('admin', 'coordinator') }, schema: { tags, params: FacilityTypeParams, body: ScheduleUpdate, response: { 200: TypeSchedule, ...writeErrors } } },
      async (req) => setSchedule(database, contextOf(req), req.params.facilityType, req.body, defaults),
    );
    app.delete(
      '/api/v1/reporting/periods/:facilityType',
      { config: { access: rolesOnly('admin', 'coordinator') }, schema: { tags, params: FacilityTypeParams, querystring: ScheduleRemoveQuery, response: { 200: TypeSchedule, ...writeErrors } } },
      async (req) => removeSchedule(database, contextOf(req), req.params.facilityType, req.query.version, defaults),
    );
  };
}
