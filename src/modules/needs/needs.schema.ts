import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { Currency, RateUsed, TOTAL_CURRENCIES } from '../funding/fx.schema.js';
import { AccessWarning } from '../geography/access-warning.schema.js';

/** Who may raise a need (a reporter for its own facilities): the server's rule, and the web's offer of the form. */
export const NEED_RAISER_ROLES = ['admin', 'coordinator', 'facility_reporter'] as const;

export const NEED_CATEGORIES = ['medicine', 'consumable', 'equipment', 'generator', 'fuel', 'reconstruction', 'staff', 'rehabilitation', 'mental_health', 'other'] as const;
export const NEED_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
/** The life of a need (needs.life.ts): submitted → approved | rejected → partially_met → met; cancelled or closed (short) from an open state. */
export const NEED_STATUSES = ['submitted', 'approved', 'rejected', 'partially_met', 'met', 'cancelled', 'closed'] as const;
export const NEED_ACTIONS = ['submit', 'approve', 'reject', 'edit', 'cancel', 'close', 'progress'] as const;

/** A positive decimal quantity (no exponent, at most 6 decimals). */
export const Quantity = Type.String({ pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,6})?$', description: 'Positive decimal string' });

/** A cost estimate: the price of one unit of the need, in any currency; converted as funding converts, at its date. */
export const NeedEstimate = Type.Object(
  {
    unitPrice: Type.String({ pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,4})?$', description: 'Price of one unit, decimal string (at most 4 decimals)' }),
    currency: Currency,
    /** The day the price holds; today when not given. */
    date: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type NeedEstimate = Static<typeof NeedEstimate>;

const Reason = Type.String({ minLength: 3, maxLength: 1000, description: 'Why (kept in the need’s history and the audit log)' });
const Unit = Type.String({ minLength: 1, maxLength: 50, description: 'A unit on the list (GET /api/v1/needs/units); plurals and spellings such as "vials" or "l" are accepted' });

export const NeedCreate = Type.Object(
  {
    facilityId: Uuid,
    category: StringEnum(NEED_CATEGORIES),
    specification: Type.String({ minLength: 1, maxLength: 2000 }),
    quantity: Quantity,
    unit: Unit,
    priority: StringEnum(NEED_PRIORITIES),
    neededBy: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    estimate: Type.Optional(Type.Union([NeedEstimate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NeedCreate = Static<typeof NeedCreate>;

/** An edit while the need is open: only what is given changes; `version` is the one it was read at. */
export const NeedUpdate = Type.Object(
  {
    version: Version,
    quantity: Type.Optional(Quantity),
    priority: Type.Optional(StringEnum(NEED_PRIORITIES)),
    neededBy: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    specification: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    estimate: Type.Optional(Type.Union([NeedEstimate, Type.Null()])),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type NeedUpdate = Static<typeof NeedUpdate>;

export const NeedReasoned = Type.Object({ version: Version, reason: Reason }, { additionalProperties: false });
export type NeedReasoned = Static<typeof NeedReasoned>;
export const NeedClose = Type.Object(
  {
    version: Version,
    reason: Reason,
    shortQuantity: Type.Optional(Type.String({ maxLength: 40, description: 'The quantity that will not come (in the need’s unit): when given, it must be the rest not delivered' })),
  },
  { additionalProperties: false },
);
export type NeedClose = Static<typeof NeedClose>;

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
  /** Refused at receipt: that part is open again. */
  rejected: Type.String(),
  /** The rest that will not come, when closed short ("0" otherwise). */
  closedShort: Type.String(),
  /** quantity − delivered − (committed not yet delivered nor rejected), at least 0; 0 once met, closed, cancelled or rejected. */
  uncovered: Type.String(),
  /** The estimate as entered, and its total (quantity × unit price, to the cent); null when none was given. */
  estimate: Type.Union([Type.Object({ unitPrice: Type.String(), currency: Type.String(), date: IsoDate, total: Type.String() }), Type.Null()]),
  approved: Type.Boolean(),
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  /** Whether the caller raised it (a reporter may edit or cancel its own need while it is submitted). */
  raisedByMe: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  /**
   * Present when the facility's area is under active hostilities: on raising and approving the need, and on reading an
   * open one (today's status). A code and the area for the client to word; absent elsewhere and in lists.
   */
  warning: Type.Optional(AccessWarning),
});
export type Need = Static<typeof Need>;

export const NeedList = ListOf(Need);
export const NeedListFilters = Type.Object(
  {
    category: Type.Optional(StringEnum(NEED_CATEGORIES)),
    status: Type.Optional(StringEnum(NEED_STATUSES)),
    priority: Type.Optional(StringEnum(NEED_PRIORITIES)),
    area: Type.Optional(Type.String({ pattern: '^(UA[0-9]{17}|UA-[0-9]{2})$', description: 'KATOTTG code or ISO 3166-2 of an area; includes its sub-areas' })),
    facilityId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NeedListFilters = Static<typeof NeedListFilters>;

export const NeedApprove = Type.Object({ version: Version }, { additionalProperties: false });

export const NeedTransition = Type.Object({
  id: Uuid,
  at: IsoDateTime,
  /** Who took the step (as in the audit log), or null for steps recorded before the history existed. */
  actor: Type.Union([Type.String(), Type.Null()]),
  action: StringEnum(NEED_ACTIONS),
  fromStatus: Type.Union([StringEnum(NEED_STATUSES), Type.Null()]),
  toStatus: StringEnum(NEED_STATUSES),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** An edit: { field: [before, after] }; a progress step: the link that caused it. */
  change: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type NeedTransition = Static<typeof NeedTransition>;
export const NeedHistory = Type.Object({ items: Type.Array(NeedTransition) });
export type NeedHistory = Static<typeof NeedHistory>;

export const NeedUnits = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), dimension: Type.String(), aliases: Type.Array(Type.String()) })),
});
export type NeedUnits = Static<typeof NeedUnits>;

export const NeedGapsQuery = Type.Object({ currency: StringEnum(TOTAL_CURRENCIES, { default: 'USD' }) }, { additionalProperties: false });

const OblastRef = Type.Object({
  katottg: Type.String(),
  iso3166_2: Type.Union([Type.String(), Type.Null()]),
  /** Names for the UI in uk, en and ja (the 27 first-level units all have a Japanese name). */
  name: Type.Object({ uk: Type.String(), en: Type.String(), ja: Type.String() }),
});

const Money = Type.String({ description: 'Amount in the chosen currency, to the cent' });

/**
 * Money gaps as OCHA FTS shows them: per oblast and category, approved needs only (submitted ones apart), in one
 * currency. Requirements = (quantity − closed short) × unit price; committed and delivered are capped at the
 * requirement; uncovered = the gap × unit price; funded = requirements − uncovered; % funded = funded ÷ requirements.
 * Needs without an estimate are counted (`unpriced`), never valued at 0.
 */
export const NeedGaps = Type.Object({
  currency: Currency,
  items: Type.Array(
    Type.Object({
      oblast: OblastRef,
      category: StringEnum(NEED_CATEGORIES),
      needs: Type.Integer(),
      critical: Type.Integer(),
      /** Needs still open with something uncovered, and the critical ones among them: the rows are sorted by this first. */
      open: Type.Integer(),
      uncoveredCritical: Type.Integer(),
      unpriced: Type.Integer(),
      requirements: Money,
      committed: Money,
      delivered: Money,
      uncovered: Money,
      funded: Money,
      /** One decimal, null when nothing is priced. */
      percentFunded: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  /** Needs awaiting a coordinator's decision, apart: they are not requirements yet. */
  submitted: Type.Array(Type.Object({ oblast: OblastRef, category: StringEnum(NEED_CATEGORIES), needs: Type.Integer(), unpriced: Type.Integer(), estimated: Money })),
  /** Every rate used, so a converted figure says it is converted. */
  rates: Type.Array(RateUsed),
});
export type NeedGaps = Static<typeof NeedGaps>;

export const NEED_LINK_STAGES = ['pledged', 'committed', 'delivered', 'rejected'] as const;

export const NeedLinkCreate = Type.Object(
  {
    transactionId: Uuid,
    quantity: Type.String({ maxLength: 40, description: 'Positive decimal string: how much of the need (in its unit) the transaction covers' }),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "The unit the quantity is counted in; converted to the need's unit (ml → litre), or refused naming both" })),
  },
  { additionalProperties: false },
);
export type NeedLinkCreate = Static<typeof NeedLinkCreate>;

export const NeedLink = Type.Object({
  id: Uuid,
  needId: Uuid,
  sourceKind: StringEnum(['transaction', 'receipt', 'rejection', 'shipment_line'] as const),
  sourceId: Type.String(),
  stage: StringEnum(NEED_LINK_STAGES),
  /** In the need's unit. */
  quantity: Type.String(),
  /** What the source counted before conversion (e.g. 10 pack), or null when it counted in the need's unit. */
  sourceQuantity: Type.Union([Type.String(), Type.Null()]),
  sourceUnit: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
});
export type NeedLink = Static<typeof NeedLink>;
export const NeedLinkList = ListOf(NeedLink);
export const NeedLinkListFilters = Type.Object({}, { additionalProperties: false });
export const NeedLinkParams = Type.Object({ id: Uuid, linkId: Uuid }, { additionalProperties: false });
export const NeedLinkRemoveQuery = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why the link is removed (kept in the audit log)' }) },
  { additionalProperties: false },
);
export const NeedLinkResult = Type.Object({ link: NeedLink, need: Need });
