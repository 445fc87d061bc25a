import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly } from '../../http/access-rule.js';
import { IdParams, Problem } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { presentActionItem, presentMeeting, presentMeetings, presentOverdue, todayUtc } from './meetings.presenter.js';
import { ActionItem, ActionItemUpdate, Meeting, MeetingCreate, MeetingList, MeetingListQuery, OverdueList, OverdueQuery } from './meetings.schema.js';
import { changeActionItem, createMeeting, getMeeting, listMeetingPage, overduePage } from './meetings.service.js';
import { PARTNERSHIP_READERS, PARTNERSHIP_WRITERS } from './partnerships.access.js';

const READERS = rolesOnly(...PARTNERSHIP_READERS);
const WRITERS = rolesOnly(...PARTNERSHIP_WRITERS);
const tags = ['partnerships'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function meetingRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/meetings', { config: { access: READERS }, schema: { tags, querystring: MeetingListQuery, response: { 200: MeetingList, ...errors } } }, async (req) => {
      const page = await listMeetingPage(database, req.principal, req.query);
      return { items: await presentMeetings(database.db, page.rows), nextCursor: page.nextCursor };
    });
    app.post('/api/v1/meetings', { config: { access: WRITERS }, schema: { tags, body: MeetingCreate, response: { 201: Meeting, ...errors } } }, async (req, reply) => {
      const row = await createMeeting(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/meetings/${row.id}`).send(await presentMeeting(database.db, row));
    });
    app.get('/api/v1/meetings/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Meeting, ...errors } } }, async (req) =>
      presentMeeting(database.db, await getMeeting(database, req.principal, req.params.id)),
    );
    // Registered before /action-items/:id so "overdue" is never read as an id.
    app.get('/api/v1/action-items/overdue', { config: { access: READERS }, schema: { tags, querystring: OverdueQuery, response: { 200: OverdueList, ...errors } } }, async (req) => {
      const today = req.query.asOf ?? todayUtc();
      const page = await overduePage(database, req.principal, req.query, today);
      return { items: page.rows.map((r) => presentOverdue(r, today)), nextCursor: page.nextCursor };
    });
    app.patch('/api/v1/action-items/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ActionItemUpdate, response: { 200: ActionItem, ...errors } } }, async (req) =>
      presentActionItem(await changeActionItem(database, contextOf(req), req.params.id, req.body), todayUtc()),
    );
  };
}
