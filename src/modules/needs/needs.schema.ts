import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const NEED_CATEGORIES = ['medicine', 'consumable', 'equipment', 'generator', 'fuel', 'reconstruction', 'staff', 'rehabilitation', 'mental_health', 'other'] as const;
export const NEED_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const NEED_STATUSES = ['open', 'partially_met', 'met', 'cancelled'] as const;

/** A positive decimal quantity (no exponent, at most 6 decimals). */
export const Quantity = Type.String({ pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,6})?$', description: 'Positive decimal string' });

export const NeedCreate = Type.Object(
  {
    facilityId: Uuid,
    category: StringEnum(NEED_CATEGORIES),
    specification: Type.String({ minLength: 1, maxLength: 2000 }),
    quantity: Quantity,
    unit: Type.String({ minLength: 1, maxLength: 50 }),
    priority: StringEnum(NEED_PRIORITIES),
    neededBy: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NeedCreate = Static<typeof NeedCreate>;

export const Need = Type.Object({
  id: Uuid,
  facilityId: Uuid,
  category: StringEnum(NEED_CATEGORIES),
  specification: Type.String(),
  quantity: Type.String(),
  unit: Type.String(),
  priority: StringEnum(NEED_PRIORITIES),
  neededBy: Type.Union([IsoDate, Type.Null()]),
  status: StringEnum(NEED_STATUSES),
  /** Rolled up from the need's links (decimal strings, in its unit). Pledges are apart: they never change the status. */
  pledged: Type.String(),
  committed: Type.String(),
  delivered: Type.String(),
  /** quantity − max(committed, delivered), at least 0: what nobody has yet committed or delivered. */
  uncovered: Type.String(),
  approved: Type.Boolean(),
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Need = Static<typeof Need>;

export const NeedList = ListOf(Need);
export const NeedListQuery = Type.Object(
  {
    ...ListQueryBase,
    category: Type.Optional(StringEnum(NEED_CATEGORIES)),
    status: Type.Optional(StringEnum(NEED_STATUSES)),
    priority: Type.Optional(StringEnum(NEED_PRIORITIES)),
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas' })),
    facilityId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NeedListQuery = Static<typeof NeedListQuery>;

export const NeedApprove = Type.Object({ version: Version }, { additionalProperties: false });

/** Open or partly met needs by oblast and category (coverage rolls up from need links); rows with uncovered critical needs come first. */
export const NeedGaps = Type.Object({
  items: Type.Array(
    Type.Object({
      oblastKatottg: Type.String(),
      category: StringEnum(NEED_CATEGORIES),
      critical: Type.Integer(),
      high: Type.Integer(),
      medium: Type.Integer(),
      low: Type.Integer(),
      total: Type.Integer(),
      /** Needs with nothing committed or delivered yet (status open), and those partly covered. */
      uncovered: Type.Integer(),
      partiallyMet: Type.Integer(),
      /** Critical needs with nothing committed or delivered: the rows are sorted by this first. */
      uncoveredCritical: Type.Integer(),
    }),
  ),
});
export type NeedGaps = Static<typeof NeedGaps>;

export const NEED_LINK_STAGES = ['pledged', 'committed', 'delivered'] as const;

export const NeedLinkCreate = Type.Object(
  {
    transactionId: Uuid,
    quantity: Type.String({ maxLength: 40, description: 'Positive decimal string: how much of the need (in its unit) the transaction covers' }),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "When given, must be the need's unit" })),
  },
  { additionalProperties: false },
);
export type NeedLinkCreate = Static<typeof NeedLinkCreate>;

export const NeedLink = Type.Object({
  id: Uuid,
  needId: Uuid,
  sourceKind: StringEnum(['transaction', 'receipt'] as const),
  sourceId: Type.String(),
  stage: StringEnum(NEED_LINK_STAGES),
  quantity: Type.String(),
  createdAt: IsoDateTime,
});
export type NeedLink = Static<typeof NeedLink>;
export const NeedLinkList = ListOf(NeedLink);
export const NeedLinkListQuery = Type.Object({ ...ListQueryBase }, { additionalProperties: false });
export const NeedLinkParams = Type.Object({ id: Uuid, linkId: Uuid }, { additionalProperties: false });
export const NeedLinkRemoveQuery = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why the link is removed (kept in the audit log)' }) },
  { additionalProperties: false },
);
export const NeedLinkResult = Type.Object({ link: NeedLink, need: Need });
