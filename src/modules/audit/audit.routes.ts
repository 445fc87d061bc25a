import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { rolesOnly } from '../../http/access-rule.js';
import { problemsOnly } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import { AuditEvent, AuditFilters, AuditVerdict } from './audit.schema.js';
import { AUDIT_ORDER, listAuditEvents, presentAuditEvents, verifyAudit } from './audit.service.js';

const ADMIN = rolesOnly('admin');

/** `key`: CAREBRIDGE_AUDIT_KEY, to check the stored checkpoints' MACs when verifying. */
export function auditRoutes(database: Database, { key }: { key?: string | undefined } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/audit',
      access: ADMIN,
      tags: ['audit'],
      filters: AuditFilters,
      item: AuditEvent,
      // The audit page has always read 100 events at a time.
      defaultLimit: 100,
      keyset: AUDIT_ORDER,
      load: ({ filters }, page) => listAuditEvents(database.db, filters, page),
      present: (rows) => presentAuditEvents(database.db, rows),
    });
    app.get('/api/v1/audit/verify', { config: { access: ADMIN }, schema: { tags: ['audit'], response: { 200: AuditVerdict, ...problemsOnly(401, 403) } } }, async () => verifyAudit(database.db, { key }));
  };
}
