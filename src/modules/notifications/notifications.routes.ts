import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf, rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, problems } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { listRoute } from '../../http/list-route.js';
import { Notification, NotificationList, NotificationListQuery, ReadAllResult, Subscriptions, SubscriptionsUpdate, Webhook, WebhookCreate, WebhookDeliveryList, WebhookListQuery, WebhookUpdate } from './notifications.schema.js';
import { listMyNotifications, mySubscriptions, readAllNotifications, readNotification, updateMySubscriptions } from './notifications.service.js';
import { changeWebhook, createWebhook, getWebhook, listWebhookRows, presentWebhook, removeWebhook, webhookDeliveryPage } from './webhooks.service.js';

const errors = problems(404, 409);
const ADMINS = rolesOnly('admin');

/** The caller's notification centre and subscriptions (any signed-in user, own rows only); webhooks for admins. */
export function notificationRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['notifications'];
    app.get('/api/v1/notifications', { config: { access: SIGNED_IN }, schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList, ...errors } } }, async (req) => listMyNotifications(database, req.principal, req.query));
    // Registered before /:id/read so "read-all" is never read as an id.
    app.post('/api/v1/notifications/read-all', { config: { access: SIGNED_IN }, schema: { tags, response: { 200: ReadAllResult, ...errors } } }, async (req) => readAllNotifications(database, req.principal));
    app.post('/api/v1/notifications/:id/read', { config: { access: SIGNED_IN }, schema: { tags, params: IdParams, response: { 200: Notification, ...errors } } }, async (req) => readNotification(database, req.principal, req.params.id));
    app.get('/api/v1/notifications/subscriptions', { config: { access: SIGNED_IN }, schema: { tags, response: { 200: Subscriptions, ...errors } } }, async (req) => mySubscriptions(database, req.principal));
    app.put('/api/v1/notifications/subscriptions', { config: { access: SIGNED_IN }, schema: { tags, body: SubscriptionsUpdate, response: { 200: Subscriptions, ...errors } } }, async (req) => updateMySubscriptions(database, contextOf(req), req.body));

    const hookTags = ['webhooks'];
    listRoute(app, {
      url: '/api/v1/webhooks',
      access: ADMINS,
      tags: hookTags,
      filters: Type.Object({}, { additionalProperties: false }),
      item: Webhook,
      keyset: 'id',
      load: (_input, page) => listWebhookRows(database, page),
      present: (rows) => rows.map((r) => presentWebhook(r)),
    });
    app.post('/api/v1/webhooks', { config: { access: ADMINS }, schema: { tags: hookTags, body: WebhookCreate, response: { 201: Webhook, ...errors } } }, async (req, reply) => {
      const hook = await createWebhook(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/webhooks/${hook.id}`).send(hook);
    });
    app.get('/api/v1/webhooks/:id', { config: { access: ADMINS }, schema: { tags: hookTags, params: IdParams, response: { 200: Webhook, ...errors } } }, async (req) => presentWebhook(await getWebhook(database, req.params.id)));
    app.patch('/api/v1/webhooks/:id', { config: { access: ADMINS }, schema: { tags: hookTags, params: IdParams, body: WebhookUpdate, response: { 200: Webhook, ...errors } } }, async (req) => changeWebhook(database, contextOf(req), req.params.id, req.body));
    app.delete('/api/v1/webhooks/:id', { config: { access: ADMINS }, schema: { tags: hookTags, params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      await removeWebhook(database, contextOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.get('/api/v1/webhooks/:id/deliveries', { config: { access: ADMINS }, schema: { tags: hookTags, params: IdParams, querystring: WebhookListQuery, response: { 200: WebhookDeliveryList, ...errors } } }, async (req) => webhookDeliveryPage(database, req.params.id, req.query));
  };
}
