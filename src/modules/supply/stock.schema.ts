import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { LotCode } from './shipments.schema.js';

export const LOT_STATUSES = ['available', 'quarantined', 'recalled', 'expired', 'damaged'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
export const MOVE_KINDS = ['receipt', 'dispatch', 'transfer', 'consumption', 'expiry_write_off', 'damage', 'count_adjustment', 'reversal'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
/** Moves a person records directly; receipts come from shipments, count adjustments from counts, reversals from /reverse. */
export const MANUAL_MOVE_KINDS = ['transfer', 'consumption', 'expiry_write_off', 'damage'] as const;

const Quantity = Type.Integer({ minimum: 1, maximum: 100_000_000 });

export const Lot = Type.Object({
  id: Uuid,
  productId: Uuid,
  productName: Type.String(),
  lotCode: Type.String(),
  expiry: Type.Union([IsoDate, Type.Null()]),
  gtin: Type.Union([Type.String(), Type.Null()]),
  donorOrgId: Uuid,
  /** The donor organisation's English name (kept for clients that read only this); the app picks by language from the three. */
  donorName: Type.String(),
  donorNameUk: Type.String(),
  /** Null where the organisation has no Japanese name: a Japanese reader sees `donorName` then. */
  donorNameJa: Type.Union([Type.String(), Type.Null()]),
  shipmentId: Type.Union([Uuid, Type.Null()]),
  status: StringEnum(LOT_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  onHand: Type.Integer({ description: 'Total over the locations the caller may see' }),
  version: Version,
});
export type Lot = Static<typeof Lot>;
export const LotList = ListOf(Lot);
export const LotListFilters = Type.Object(
  { productId: Type.Optional(Uuid), status: Type.Optional(StringEnum(LOT_STATUSES)), donorOrgId: Type.Optional(Uuid), lotCode: Type.Optional(LotCode) },
  { additionalProperties: false },
);
export type LotListFilters = Static<typeof LotListFilters>;

/** Quarantine, release or mark damaged; recall has its own route (it answers with the trace). */
export const LotStatusChange = Type.Object(
  { status: StringEnum(['available', 'quarantined', 'damaged'] as const), reason: Type.String({ minLength: 3, maxLength: 500 }), version: Version },
  { additionalProperties: false },
);
export type LotStatusChange = Static<typeof LotStatusChange>;
export const RecallCreate = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });

export const RecallTrace = Type.Object({
  lot: Lot,
  /** Every location that holds the lot now or ever received it: onHand = received − consumed − sentOn − writtenOff + counted. */
  locations: Type.Array(
    Type.Object({
      locationId: Uuid,
      name: Type.String(),
      kind: Type.String(),
      facilityId: Type.Union([Uuid, Type.Null()]),
      onHand: Type.Integer({ description: 'Still here: block it' }),
      received: Type.Integer(),
      consumed: Type.Integer({ description: 'Given to patients: not retrievable, follow up with the patients' }),
      sentOn: Type.Integer({ description: 'Dispatched or transferred to another location (retrievable: that location has its own row)' }),
      writtenOff: Type.Integer({ description: 'Expired or damaged, written off' }),
      counted: Type.Integer({ description: 'Net correction by physical counts' }),
    }),
  ),
});
export type RecallTrace = Static<typeof RecallTrace>;

export const Balance = Type.Object({
  locationId: Uuid,
  locationName: Type.String(),
  lotId: Uuid,
  lotCode: Type.String(),
  expiry: Type.Union([IsoDate, Type.Null()]),
  lotStatus: StringEnum(LOT_STATUSES),
  donorOrgId: Uuid,
  productId: Uuid,
  productName: Type.String(),
  quantity: Type.Integer(),
});
export type Balance = Static<typeof Balance>;
export const BalanceList = Type.Object({ items: Type.Array(Balance), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const BalanceListFilters = Type.Object(
  { locationId: Type.Optional(Uuid), productId: Type.Optional(Uuid), lotId: Type.Optional(Uuid), includeEmpty: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type BalanceListFilters = Static<typeof BalanceListFilters>;

export const ProductStock = Type.Object({
  productId: Uuid,
  total: Type.Integer(),
  locations: Type.Array(Type.Object({ locationId: Uuid, name: Type.String(), kind: Type.String(), quantity: Type.Integer() })),
});
export type ProductStock = Static<typeof ProductStock>;

export const StockMove = Type.Object({
  id: Uuid,
  kind: StringEnum(MOVE_KINDS),
  lotId: Uuid,
  productId: Uuid,
  fromLocationId: Type.Union([Uuid, Type.Null()]),
  toLocationId: Type.Union([Uuid, Type.Null()]),
  quantity: Type.Integer(),
  reversesId: Type.Union([Uuid, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  shipmentId: Type.Union([Uuid, Type.Null()]),
  actor: Type.String(),
  at: IsoDateTime,
});
export type StockMove = Static<typeof StockMove>;
export const StockMoveList = ListOf(StockMove);
export const StockMoveListFilters = Type.Object({ lotId: Type.Optional(Uuid), locationId: Type.Optional(Uuid) }, { additionalProperties: false });
export type StockMoveListFilters = Static<typeof StockMoveListFilters>;

/** transfer needs both locations; consumption, expiry_write_off and damage only fromLocationId. */
export const MoveCreate = Type.Object(
  {
    kind: StringEnum(MANUAL_MOVE_KINDS),
    lotId: Uuid,
    fromLocationId: Uuid,
    toLocationId: Type.Optional(Uuid),
    quantity: Quantity,
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type MoveCreate = Static<typeof MoveCreate>;
export const MoveReverse = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });

export const PickingQuery = Type.Object({ locationId: Uuid, productId: Uuid, quantity: Quantity }, { additionalProperties: false });
export const PickLine = Type.Object({ lotId: Uuid, lotCode: Type.String(), expiry: Type.Union([IsoDate, Type.Null()]), available: Type.Integer(), quantity: Type.Integer() });
export const Picking = Type.Object({
  productId: Uuid,
  locationId: Uuid,
  requested: Type.Integer(),
  /** Earliest expiry first; recalled, quarantined, damaged and expired lots are never proposed. */
  lines: Type.Array(PickLine),
  shortfall: Type.Integer(),
});
export type Picking = Static<typeof Picking>;

/** Dispatch to another location: give lots, or let FEFO choose (refused if stock is short). */
export const DispatchCreate = Type.Object(
  {
    fromLocationId: Uuid,
    toLocationId: Uuid,
    productId: Uuid,
    quantity: Quantity,
    lots: Type.Optional(Type.Array(Type.Object({ lotId: Uuid, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 100 })),
    needId: Type.Optional(Uuid),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type DispatchCreate = Static<typeof DispatchCreate>;
export const DispatchResult = Type.Object({ moves: Type.Array(StockMove) });

/** A physical count: each entry is a lot (by id or GS1 scan) and the quantity found; differences become count adjustments. */
export const CountCreate = Type.Object(
  {
    locationId: Uuid,
    entries: Type.Array(
      Type.Object({ lotId: Type.Optional(Uuid), scan: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), countedQuantity: Type.Integer({ minimum: 0, maximum: 100_000_000 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 5000 },
    ),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CountCreate = Static<typeof CountCreate>;
export const CountResult = Type.Object({ adjustments: Type.Array(StockMove), unchanged: Type.Integer() });

export const MinimumSet = Type.Object({ locationId: Uuid, productId: Uuid, minimum: Type.Integer({ minimum: 0, maximum: 100_000_000 }) }, { additionalProperties: false });
export type MinimumSet = Static<typeof MinimumSet>;

export const ExpiryAlertQuery = Type.Object({ days: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(60), Type.Literal(90)], { default: 90 })), locationId: Type.Optional(Uuid) }, { additionalProperties: false });
export const ExpiryAlerts = Type.Object({
  asOf: IsoDate,
  days: Type.Integer(),
  locations: Type.Array(
    Type.Object({
      locationId: Uuid,
      name: Type.String(),
      lots: Type.Array(Type.Object({ lotId: Uuid, lotCode: Type.String(), productId: Uuid, productName: Type.String(), expiry: IsoDate, daysLeft: Type.Integer(), band: StringEnum(['30', '60', '90'] as const), quantity: Type.Integer() })),
    }),
  ),
});
export type ExpiryAlerts = Static<typeof ExpiryAlerts>;
export const LowStockAlerts = Type.Object({
  items: Type.Array(Type.Object({ locationId: Uuid, locationName: Type.String(), productId: Uuid, productName: Type.String(), minimum: Type.Integer(), onHand: Type.Integer() })),
});
export type LowStockAlerts = Static<typeof LowStockAlerts>;
export const NeedsWaiting = Type.Object({
  items: Type.Array(
    Type.Object({
      needId: Uuid,
      facilityId: Uuid,
      productId: Uuid,
      productName: Type.String(),
      needed: Type.String(),
      warehouses: Type.Array(Type.Object({ locationId: Uuid, name: Type.String(), available: Type.Integer() })),
    }),
  ),
});
export type NeedsWaiting = Static<typeof NeedsWaiting>;

export const ReconcileResult = Type.Object({
  ok: Type.Boolean(),
  balances: Type.Integer(),
  moves: Type.Integer(),
  differences: Type.Array(Type.Object({ locationId: Uuid, lotId: Uuid, balance: Type.Integer(), ledger: Type.Integer() })),
});
export type ReconcileResult = Static<typeof ReconcileResult>;

export const ScanParse = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }), shipmentId: Type.Optional(Uuid) }, { additionalProperties: false });
export const ScanQuery = Type.Object(
  {
    check: Type.Optional(
      Type.Union([Type.Literal('syntax'), Type.Literal('full')], {
        description: "syntax: GS1's syntax layer only (every AI of GS1's dictionary; unbracketed data must begin with FNC1 or a symbology identifier); full (default): GS1's pairing rules too, and only the AIs Carebridge reads",
      }),
    ),
  },
  { additionalProperties: false },
);
export const ScanResult = Type.Object({
  gtin: Type.Union([Type.String(), Type.Null()]),
  expiry: Type.Union([IsoDate, Type.Null()]),
  lotCode: Type.Union([Type.String(), Type.Null()]),
  serial: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Union([Type.Integer(), Type.Null()]),
  productId: Type.Union([Uuid, Type.Null()]),
  productName: Type.Union([Type.String(), Type.Null()]),
  /** With shipmentId: the line this scan matches (same GTIN, and lot when the line names one). */
  lineId: Type.Union([Uuid, Type.Null()]),
  /** Every AI of the scan with GS1's title, in the order scanned. */
  elements: Type.Array(Type.Object({ ai: Type.String(), title: Type.String(), value: Type.String() })),
});
export type ScanResult = Static<typeof ScanResult>;
