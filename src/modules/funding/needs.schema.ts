import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const NEED_CATEGORIES = ['medicine', 'consumable', 'equipment', 'generator', 'fuel', 'reconstruction', 'staff', 'rehabilitation', 'mental_health', 'other'] as const;
export const NEED_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const NEED_STATUSES = ['open', 'partially_met', 'met', 'cancelled'] as const;

export const NeedCreate = Type.Object(
  {
    facilityId: Uuid,
    category: StringEnum(NEED_CATEGORIES),
    specification: Type.String({ minLength: 1, maxLength: 2000 }),
    quantity: Type.String({ pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,6})?$', description: 'Positive decimal string' }),
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
  approved: Type.Boolean(),
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Need = Static<typeof Need>;

export const NeedList = ListOf(Need);
export const NeedListQuery = Type.Object(
  { ...ListQueryBase, category: Type.Optional(StringEnum(NEED_CATEGORIES)), status: Type.Optional(StringEnum(NEED_STATUSES)), facilityId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type NeedListQuery = Static<typeof NeedListQuery>;

export const NeedApprove = Type.Object({ version: Version }, { additionalProperties: false });

/** Open or partly met needs by oblast and category; rows with uncovered critical needs come first. */
export const NeedGaps = Type.Object({
  items: Type.Array(
    Type.Object({ oblastKatottg: Type.String(), category: StringEnum(NEED_CATEGORIES), critical: Type.Integer(), high: Type.Integer(), medium: Type.Integer(), low: Type.Integer(), total: Type.Integer() }),
  ),
});
export type NeedGaps = Static<typeof NeedGaps>;
