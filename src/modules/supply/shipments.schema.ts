import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const SHIPMENT_STATUSES = ['planned', 'in_transit', 'partially_received', 'received', 'cancelled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * The WHO interagency donation rules checked on notice and on receipt (docs/supply.md), and the destination check
 * (an area under active hostilities: shown, never blocking a receipt).
 */
export const DONATION_RULES = ['shelf_life', 'essential_list', 'need_or_agreement', 'advance_notice', 'carton_weight', 'destination_hostilities'] as const;
export type DonationRule = (typeof DONATION_RULES)[number];

/** GS1 AI 10 allows at most 20 characters. */
export const LotCode = Type.String({ minLength: 1, maxLength: 20, pattern: '^[\\x21-\\x7E]+$', description: 'Lot/batch, up to 20 printable ASCII characters (GS1 AI 10)' });
const Serial = Type.String({ minLength: 1, maxLength: 20, pattern: '^[\\x21-\\x7E]+$' });
const Quantity = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Whole units of the product unit' });
const Kilograms = Type.String({ pattern: '^(0|[1-9][0-9]{0,5})(\\.[0-9]{1,3})?$', description: 'Decimal kilograms, e.g. "18.5"' });

export const ShipmentLineInput = Type.Object(
  {
    productId: Uuid,
    quantity: Quantity,
    lotCode: Type.Optional(Type.Union([LotCode, Type.Null()])),
    expiry: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    needId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    serials: Type.Optional(Type.Union([Type.Array(Serial, { minItems: 1, maxItems: 10_000, uniqueItems: true }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ShipmentLineInput = Static<typeof ShipmentLineInput>;

export const CartonInput = Type.Object(
  {
    cartonNo: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    weightKg: Kilograms,
    contents: Type.Array(Type.Object({ lineNo: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type CartonInput = Static<typeof CartonInput>;

/** An advance notice (or, with noticeReceivedAt null, goods that arrived unannounced). Lines are numbered 1.. in order. */
export const ShipmentCreate = Type.Object(
  {
    donorOrgId: Uuid,
    donorReference: Type.String({ minLength: 1, maxLength: 60 }),
    origin: Type.String({ minLength: 1, maxLength: 200 }),
    toLocationId: Uuid,
    expectedArrival: IsoDate,
    noticeReceivedAt: Type.Optional(Type.Union([IsoDateTime, Type.Null()], { description: 'When the recipient got the advance notice; null = none; default now' })),
    recipientAgreedOn: Type.Optional(Type.Union([IsoDate, Type.Null()], { description: 'Date the recipient agreed to the donation (covers lines without a need)' })),
    lines: Type.Array(ShipmentLineInput, { minItems: 1, maxItems: 5000 }),
    cartons: Type.Optional(Type.Array(CartonInput, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type ShipmentCreate = Static<typeof ShipmentCreate>;

export const RuleFinding = Type.Object({
  rule: StringEnum(DONATION_RULES),
  /** The line or carton the finding is about, when it is about one. */
  lineNo: Type.Union([Type.Integer(), Type.Null()]),
  cartonNo: Type.Union([Type.Integer(), Type.Null()]),
  message: Type.String(),
  overridden: Type.Boolean(),
});
export type RuleFinding = Static<typeof RuleFinding>;

export const RuleOverride = Type.Object({ rule: StringEnum(DONATION_RULES), reason: Type.String({ minLength: 5, maxLength: 1000 }), overriddenBy: Type.String(), at: IsoDateTime });
export const OverrideCreate = Type.Object({ rule: StringEnum(DONATION_RULES), reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false });
export type OverrideCreate = Static<typeof OverrideCreate>;

export const ShipmentLine = Type.Object({
  id: Uuid,
  lineNo: Type.Integer(),
  productId: Uuid,
  productName: Type.String(),
  productKind: Type.String(),
  gtin: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  lotCode: Type.Union([Type.String(), Type.Null()]),
  expiry: Type.Union([IsoDate, Type.Null()]),
  needId: Type.Union([Uuid, Type.Null()]),
  serials: Type.Union([Type.Array(Type.String()), Type.Null()]),
  receivedQuantity: Type.Integer(),
  rejectedQuantity: Type.Integer(),
  /** quantity − received − rejected. */
  outstandingQuantity: Type.Integer(),
});
export type ShipmentLine = Static<typeof ShipmentLine>;

export const Carton = Type.Object({ cartonNo: Type.Integer(), weightKg: Type.String(), contents: Type.Array(Type.Object({ lineNo: Type.Integer(), quantity: Type.Integer() })) });

export const ShipmentSummary = Type.Object({
  id: Uuid,
  donorOrgId: Uuid,
  /** The donor organisation's English name (kept for clients that read only this); the app picks by language from the three. */
  donorName: Type.String(),
  donorNameUk: Type.String(),
  /** Null where the organisation has no Japanese name: a Japanese reader sees `donorName` then. */
  donorNameJa: Type.Union([Type.String(), Type.Null()]),
  donorReference: Type.String(),
  origin: Type.String(),
  toLocationId: Uuid,
  toLocationName: Type.String(),
  status: StringEnum(SHIPMENT_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  noticeReceivedAt: Type.Union([IsoDateTime, Type.Null()]),
  expectedArrival: IsoDate,
  recipientAgreedOn: Type.Union([IsoDate, Type.Null()]),
  receivedAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type ShipmentSummary = Static<typeof ShipmentSummary>;

export const ReceiptSummary = Type.Object({ id: Uuid, receivedAt: IsoDateTime, receivedBy: Type.String(), note: Type.Union([Type.String(), Type.Null()]), lines: Type.Integer(), quantity: Type.Integer(), rejectedQuantity: Type.Integer() });

export const Shipment = Type.Composite([
  ShipmentSummary,
  Type.Object({
    lines: Type.Array(ShipmentLine),
    cartons: Type.Array(Carton),
    /** Current findings of the donation rules, with whether each rule was overridden. */
    findings: Type.Array(RuleFinding),
    overrides: Type.Array(RuleOverride),
    receipts: Type.Array(ReceiptSummary),
  }),
]);
export type Shipment = Static<typeof Shipment>;

export const ShipmentList = ListOf(ShipmentSummary);
export const ShipmentListFilters = Type.Object(
  { status: Type.Optional(StringEnum(SHIPMENT_STATUSES)), donorOrgId: Type.Optional(Uuid), toLocationId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type ShipmentListFilters = Static<typeof ShipmentListFilters>;

/** Manual transitions; partially_received/received also follow from receipts ("received" from partially_received closes it short). */
export const ShipmentStatusChange = Type.Object(
  { status: StringEnum(['in_transit', 'received', 'cancelled'] as const), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })), version: Version },
  { additionalProperties: false },
);
export type ShipmentStatusChange = Static<typeof ShipmentStatusChange>;

/**
 * One receipt entry: name the line by lineId, or give a GS1 scan (GTIN + lot pick the line).
 * lotCode/expiry override the notice's (a line split over several lots is received as several entries).
 */
export const ReceiptEntry = Type.Object(
  {
    lineId: Type.Optional(Uuid),
    scan: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'GS1 element string as the scanner typed it' })),
    quantity: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    rejectedQuantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    rejectReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    lotCode: Type.Optional(LotCode),
    expiry: Type.Optional(IsoDate),
    serials: Type.Optional(Type.Array(Serial, { minItems: 1, maxItems: 10_000, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ReceiptEntry = Static<typeof ReceiptEntry>;

export const ReceiptCreate = Type.Object(
  { entries: Type.Array(ReceiptEntry, { minItems: 1, maxItems: 5000 }), note: Type.Optional(Type.String({ maxLength: 1000 })), version: Version },
  { additionalProperties: false },
);
export type ReceiptCreate = Static<typeof ReceiptCreate>;

export const ReceiptResult = Type.Object({
  receiptId: Uuid,
  shipment: Shipment,
  lotIds: Type.Array(Uuid),
  assetIds: Type.Array(Uuid),
  moves: Type.Integer(),
});
