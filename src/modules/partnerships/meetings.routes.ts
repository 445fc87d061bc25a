import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly } from '../../http/access-rule.js';
import { IdParams, ProblemResponses } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { presentActionItem, presentMeeting, presentMeetings, presentOverdue, todayUtc } from './meetings.presenter.js';
import { ActionItem, ActionItemUpdate, Meeting, MeetingCreate, MeetingListFilters, OverdueFilters, OverdueItem } from './meetings.schema.js';
import { changeActionItem, createMeeting, getMeeting, listMeetingRows, MEETING_ORDER, OVERDUE_ORDER, overdueRows } from './meetings.service.js';
import { PARTNERSHIP_READERS, PARTNERSHIP_WRITERS } from './partnerships.access.js';

const READERS = rolesOnly(...PARTNERSHIP_READERS);
const WRITERS = rolesOnly(...PARTNERSHIP_WRITERS);
const tags = ['partnerships'];

export function meetingRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/meetings',
      access: READERS,
      tags,
      filters: MeetingListFilters,
      item: Meeting,
      keyset: MEETING_ORDER,
      load: ({ filters, principal }, page) => listMeetingRows(database, principal, filters, page),
      present: (rows) => presentMeetings(database.db, rows),
    });
    app.post('/api/v1/meetings', { config: { access: WRITERS }, schema: { tags, body: MeetingCreate, response: { 201: Meeting, ...ProblemResponses } } }, async (req, reply) => {
      const row = await createMeeting(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/meetings/${row.id}`).send(await presentMeeting(database.db, row));
    });
    app.get('/api/v1/meetings/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Meeting, ...ProblemResponses } } }, async (req) =>
      presentMeeting(database.db, await getMeeting(database, req.principal, req.params.id)),
    );
    // Registered before /action-items/:id so "overdue" is never read as an id.
    listRoute(app, {
      url: '/api/v1/action-items/overdue',
      access: READERS,
      tags,
      filters: OverdueFilters,
      item: OverdueItem,
      // The route has always declared the module's whole error map; kept so its responses stay as documented.
      problems: [404, 409],
      keyset: OVERDUE_ORDER,
      load: ({ filters, principal }, page) => overdueRows(database, principal, filters.asOf ?? todayUtc(), page),
      present: (rows) => rows.map((r) => presentOverdue(r, r.as_of)),
    });
    app.patch('/api/v1/action-items/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ActionItemUpdate, response: { 200: ActionItem, ...ProblemResponses } } }, async (req) =>
      presentActionItem(await changeActionItem(database, contextOf(req), req.params.id, req.body), todayUtc()),
    );
  };
}
