import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { AreaCode, PRIORITY_AREAS, Text } from './partnerships.schema.js';

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
/** Statuses that still need someone to act: these become overdue after their due date. */
export const PENDING_ACTION_STATUSES = ['open', 'in_progress'] as const;

const Participant = Type.Object(
  { organizationId: Uuid, name: Type.Optional(Type.String({ maxLength: 200 })), role: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);
const Decision = Type.Object({ text: Text, area: Type.Optional(AreaCode) }, { additionalProperties: false });
/**
 * Owner and due date are optional in the schema on purpose: the service checks
 * them with every other rule, so a missing one is reported with the others and
 * named by its item (/actionItems/2/dueOn) in one answer.
 */
const ActionItemInput = Type.Object(
  {
    text: Text,
    area: Type.Optional(AreaCode),
    owner: Type.Optional(Type.String({ maxLength: 200 })),
    ownerOrgId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    dueOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    status: Type.Optional(StringEnum(ACTION_STATUSES)),
  },
  { additionalProperties: false },
);

export const MeetingCreate = Type.Object(
  {
    agreementId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    heldOn: IsoDate,
    title: Text,
    place: Type.Optional(Type.String({ maxLength: 300 })),
    participants: Type.Array(Participant, { minItems: 1, maxItems: 100 }),
    areas: Type.Array(AreaCode, { maxItems: PRIORITY_AREAS.length, default: [] }),
    decisions: Type.Array(Decision, { maxItems: 100, default: [] }),
    actionItems: Type.Array(ActionItemInput, { maxItems: 200, default: [] }),
  },
  { additionalProperties: false },
);
export type MeetingCreate = Static<typeof MeetingCreate>;

export const ActionItem = Type.Object({
  id: Uuid,
  meetingId: Uuid,
  text: Text,
  area: Type.Union([StringEnum(PRIORITY_AREAS), Type.Null()]),
  owner: Type.String(),
  ownerOrgId: Type.Union([Uuid, Type.Null()]),
  dueOn: IsoDate,
  status: StringEnum(ACTION_STATUSES),
  overdue: Type.Boolean(),
  updatedAt: IsoDateTime,
  version: Version,
});
export type ActionItem = Static<typeof ActionItem>;

export const Meeting = Type.Object({
  id: Uuid,
  agreementId: Type.Union([Uuid, Type.Null()]),
  heldOn: IsoDate,
  title: Text,
  place: Type.Union([Type.String(), Type.Null()]),
  participants: Type.Array(Type.Object({ organizationId: Uuid, organizationName: Type.Object({ en: Type.String(), uk: Type.String(), ja: Type.Union([Type.String(), Type.Null()]) }), name: Type.Optional(Type.String()), role: Type.String() })),
  areas: Type.Array(StringEnum(PRIORITY_AREAS)),
  decisions: Type.Array(Type.Object({ text: Text, area: Type.Optional(StringEnum(PRIORITY_AREAS)) })),
  actionItems: Type.Array(ActionItem),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Meeting = Static<typeof Meeting>;

export const MeetingList = ListOf(Meeting);
export const MeetingListFilters = Type.Object(
  { agreementId: Type.Optional(Uuid), organizationId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type MeetingListFilters = Static<typeof MeetingListFilters>;

export const ActionItemUpdate = Type.Object({ version: Version, status: StringEnum(ACTION_STATUSES) }, { additionalProperties: false });
export type ActionItemUpdate = Static<typeof ActionItemUpdate>;

/** An overdue item with what the overview needs to say where it comes from. */
export const OverdueItem = Type.Intersect([ActionItem, Type.Object({ meetingTitle: Text, heldOn: IsoDate, daysOverdue: Type.Integer() })]);
export type OverdueItem = Static<typeof OverdueItem>;
export const OverdueList = ListOf(OverdueItem);
/** The overdue list's filter (the day to judge against, by default today in UTC); the list kit adds limit and cursor. */
export const OverdueFilters = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });
export type OverdueFilters = Static<typeof OverdueFilters>;
