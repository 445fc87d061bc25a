import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid, Version } from '../../http/common.schema.js';

/** What a user can be told about (docs/notifications.md lists each with its recipients). */
export const NOTIFICATION_KINDS = [
  'lot_recalled',
  'shipment_dispatched',
  'need_approved',
  'need_rejected',
  'need_met',
  'report_returned',
  'action_item_overdue',
  'sync_refused',
  'plan_approved',
  'stock_low',
  'incident_new',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = StringEnum(NOTIFICATION_KINDS);

/** Values a notification's text is made from: names, dates and numbers, already cut to what the recipient may see. */
export const NotificationParams = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));
export type NotificationParams = Static<typeof NotificationParams>;

export const Notification = Type.Object({
  id: Uuid,
  kind: NotificationKindSchema,
  params: NotificationParams,
  link: Type.Union([Type.String(), Type.Null()], { description: 'Path in the web app of the thing the notification is about' }),
  createdAt: IsoDateTime,
  readAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Notification = Static<typeof Notification>;

export const NotificationListQuery = Type.Object({ ...ListQueryBase, unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })) }, { additionalProperties: false });
export type NotificationListQuery = Static<typeof NotificationListQuery>;
export const NotificationList = Type.Intersect([ListOf(Notification), Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) })]);
export type NotificationList = Static<typeof NotificationList>;
export const ReadAllResult = Type.Object({ marked: Type.Integer({ minimum: 0 }), unreadCount: Type.Integer({ minimum: 0 }) });

export const Subscription = Type.Object({ kind: NotificationKindSchema, inApp: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false });
export type Subscription = Static<typeof Subscription>;
export const Subscriptions = Type.Object(
  {
    /** Every kind, with its channels; kinds never changed are on for both. */
    kinds: Type.Array(Subscription, { maxItems: NOTIFICATION_KINDS.length }),
    emailDigest: Type.Boolean({ description: 'Gather emails into one message a day instead of one per notification' }),
  },
  { additionalProperties: false },
);
export type Subscriptions = Static<typeof Subscriptions>;
export const SubscriptionsUpdate = Type.Object(
  { kinds: Type.Optional(Type.Array(Subscription, { maxItems: NOTIFICATION_KINDS.length })), emailDigest: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type SubscriptionsUpdate = Static<typeof SubscriptionsUpdate>;

const WebhookUrl = Type.String({ maxLength: 2000, description: 'http:// or https:// only' });
const WebhookKinds = Type.Array(NotificationKindSchema, { minItems: 1, maxItems: NOTIFICATION_KINDS.length, uniqueItems: true });

export const WebhookCreate = Type.Object({ url: WebhookUrl, kinds: WebhookKinds, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type WebhookCreate = Static<typeof WebhookCreate>;
export const WebhookUpdate = Type.Object(
  { version: Version, url: Type.Optional(WebhookUrl), kinds: Type.Optional(WebhookKinds), active: Type.Optional(Type.Boolean()), rotateSecret: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type WebhookUpdate = Static<typeof WebhookUpdate>;
export const Webhook = Type.Object({
  id: Uuid,
  url: Type.String(),
  kinds: Type.Array(NotificationKindSchema),
  active: Type.Boolean(),
  /** Only in the answer that creates it or rotates it: the receiver needs it to check signatures. */
  secret: Type.Optional(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Webhook = Static<typeof Webhook>;
export const WebhookList = ListOf(Webhook);
export const WebhookListQuery = Type.Object({ ...ListQueryBase }, { additionalProperties: false });
export type WebhookListQuery = Static<typeof WebhookListQuery>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const WebhookDelivery = Type.Object({
  id: Uuid,
  eventId: Uuid,
  kind: NotificationKindSchema,
  status: StringEnum(DELIVERY_STATUSES),
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Type.Union([IsoDateTime, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: IsoDateTime,
  deliveredAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
export const WebhookDeliveryList = ListOf(WebhookDelivery);
