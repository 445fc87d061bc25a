import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, rolesOnly } from '../../http/access-rule.js';
import { IdParams, problems, Uuid } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { Achievement, AchievementCreate, AchievementList, AchievementListQuery } from './achievements.schema.js';
import { achievementPage, recordAchievement } from './achievements.service.js';
import { presentAgreement, presentAgreements, presentDocument } from './agreements.presenter.js';
import { changeAgreement, createAgreement, getAgreement, listAgreementRows } from './agreements.service.js';
import { installDocumentBodyParser } from './document-body.js';
import { attachDocument, readDocument } from './documents.service.js';
import { FollowThrough, FollowThroughQuery } from './follow-through.schema.js';
import { agreementFollowThrough } from './follow-through.service.js';
import { linkProject, unlinkProject } from './links.service.js';
import { PARTNERSHIP_READERS, PARTNERSHIP_WRITERS } from './partnerships.access.js';
import { Agreement, AgreementCreate, AgreementListFilters, AgreementUpdate, AreaCode, DocumentInfo, DocumentParams, DocumentQuery, Link, LinkCreate } from './partnerships.schema.js';

const READERS = rolesOnly(...PARTNERSHIP_READERS);
const WRITERS = rolesOnly(...PARTNERSHIP_WRITERS);
const tags = ['partnerships'];
const errors = problems(404, 409, 413);

export function agreementRoutes(database: Database, documentLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    installDocumentBodyParser(app, documentLimitBytes);
    listRoute(app, {
      url: '/api/v1/agreements',
      access: READERS,
      tags,
      filters: AgreementListFilters,
      item: Agreement,
      keyset: 'id',
      load: ({ filters, principal }, page) => listAgreementRows(database, principal, filters, page),
      present: (rows) => presentAgreements(database.db, rows),
    });
    app.post('/api/v1/agreements', { config: { access: WRITERS }, schema: { tags, body: AgreementCreate, response: { 201: Agreement, ...errors } } }, async (req, reply) => {
      const row = await createAgreement(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/agreements/${row.id}`).send(await presentAgreement(database.db, row));
    });
    app.get('/api/v1/agreements/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Agreement, ...errors } } }, async (req) =>
      presentAgreement(database.db, await getAgreement(database, req.principal, req.params.id)),
    );
    app.patch('/api/v1/agreements/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: AgreementUpdate, response: { 200: Agreement, ...errors } } }, async (req) =>
      presentAgreement(database.db, await changeAgreement(database, contextOf(req), req.params.id, req.body)),
    );
    app.get('/api/v1/agreements/:id/follow-through', { config: { access: READERS }, schema: { tags, params: IdParams, querystring: FollowThroughQuery, response: { 200: FollowThrough, ...errors } } }, async (req) =>
      agreementFollowThrough(database, req.principal, req.params.id, req.query.currency),
    );
    app.post(
      '/api/v1/agreements/:id/documents',
      {
        config: { access: WRITERS },
        schema: { tags, params: IdParams, querystring: DocumentQuery, description: 'The body is the file itself (PDF, PNG, JPEG or WebP); ?filename= names it.', response: { 201: DocumentInfo, ...errors } },
      },
      async (req, reply) => {
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const row = await attachDocument(database, contextOf(req), req.params.id, { filename: req.query.filename, declaredType: req.headers['content-type'], bytes }, documentLimitBytes);
        return reply.code(201).header('location', `/api/v1/agreements/${req.params.id}/documents/${row.id}`).send(presentDocument(row));
      },
    );
    app.get('/api/v1/agreements/:id/documents/:documentId', { config: { access: READERS }, schema: { tags, params: DocumentParams } }, async (req, reply) => {
      const doc = await readDocument(database, req.principal, req.params.id, req.params.documentId);
      return reply
        .type(doc.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-content-sha256', doc.sha256)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(doc.content));
    });
    app.post('/api/v1/agreements/:id/achievements', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: AchievementCreate, response: { 201: Achievement, ...errors } } }, async (req, reply) => {
      const achievement = await recordAchievement(database, contextOf(req), req.params.id, req.body);
      return reply.code(201).send(achievement);
    });
    app.get('/api/v1/agreements/:id/achievements', { config: { access: READERS }, schema: { tags, params: IdParams, querystring: AchievementListQuery, response: { 200: AchievementList, ...errors } } }, async (req) =>
      achievementPage(database, req.principal, req.params.id, req.query),
    );
    app.post('/api/v1/agreements/:id/projects', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: LinkCreate, response: { 201: Link, ...errors } } }, async (req, reply) => {
      const row = await linkProject(database, contextOf(req), req.params.id, req.body);
      return reply.code(201).send({ agreementId: row.agreement_id, area: row.area as Link['area'], projectId: row.project_id, createdAt: row.created_at });
    });
    app.delete(
      '/api/v1/agreements/:id/projects/:projectId',
      { config: { access: WRITERS }, schema: { tags, params: Type.Object({ id: Uuid, projectId: Uuid }), querystring: Type.Object({ area: AreaCode }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } } },
      async (req, reply) => {
        await unlinkProject(database, contextOf(req), req.params.id, { projectId: req.params.projectId, area: req.query.area });
        return reply.code(204).send(null);
      },
    );
  };
}
