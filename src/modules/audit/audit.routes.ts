import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { rolesOnly } from '../../http/access-rule.js';
import { problems, problemsOnly } from '../../http/common.schema.js';
import { AuditList, AuditListQuery, AuditVerdict } from './audit.schema.js';
import { listAuditEvents, presentAuditEvents, verifyAudit } from './audit.service.js';

const ADMIN = rolesOnly('admin');

/** `key`: CAREBRIDGE_AUDIT_KEY, to check the stored checkpoints' MACs when verifying. */
export function auditRoutes(database: Database, { key }: { key?: string | undefined } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/audit', { config: { access: ADMIN }, schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: AuditList, ...problems() } } }, async (req) => {
      const { cursor, limit = 100, ...filter } = req.query;
      const rows = await listAuditEvents(database.db, { ...filter, ...(cursor === undefined ? {} : { beforeSeq: Number(cursor) }) }, limit);
      const page = rows.slice(0, limit);
      return {
        items: await presentAuditEvents(database.db, page),
        nextCursor: rows.length > limit ? String(page.at(-1)?.seq ?? '') : null,
      };
    });
    app.get('/api/v1/audit/verify', { config: { access: ADMIN }, schema: { tags: ['audit'], response: { 200: AuditVerdict, ...problemsOnly(401, 403) } } }, async () => verifyAudit(database.db, { key }));
  };
}
