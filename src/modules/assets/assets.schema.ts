import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';

/** DESIGN §4 asset statuses, and `in_warehouse`: a generator waiting in a warehouse to be allocated by an energy plan. */
export const ASSET_STATUSES = ['in_transit', 'in_warehouse', 'installed', 'functioning', 'needs_attention', 'not_functioning', 'decommissioned'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
/** Statuses whose generators count as working backup at their facility. */
export const WORKING_STATUSES = ['installed', 'functioning'] as const;
export const ASSET_KINDS = ['equipment', 'generator'] as const;

export const AssetCreate = Type.Object(
  {
    serial: Type.String({ minLength: 1, maxLength: 60 }),
    productId: Uuid,
    facilityId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    donorOrgId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    status: StringEnum(ASSET_STATUSES),
    statusReason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    installedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    warrantyUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    maintenanceIntervalDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type AssetCreate = Static<typeof AssetCreate>;

/** Status change; a reason is required for every status but functioning and installed. */
export const AssetStatusChange = Type.Object(
  {
    status: StringEnum(ASSET_STATUSES),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    facilityId: Type.Optional(Uuid),
    installedOn: Type.Optional(IsoDate),
    version: Version,
  },
  { additionalProperties: false },
);
export type AssetStatusChange = Static<typeof AssetStatusChange>;

export const AssetUpdate = Type.Object(
  { warrantyUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])), maintenanceIntervalDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()])), version: Version },
  { additionalProperties: false, minProperties: 2 },
);
export type AssetUpdate = Static<typeof AssetUpdate>;

export const MaintenanceCreate = Type.Object(
  { performedOn: IsoDate, kind: StringEnum(['preventive', 'repair', 'inspection', 'calibration'] as const), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type MaintenanceCreate = Static<typeof MaintenanceCreate>;

export const MaintenanceEntry = Type.Object({ id: Uuid, performedOn: IsoDate, kind: Type.String(), note: Type.Union([Type.String(), Type.Null()]), performedBy: Type.String() });

/** A generator set's power data (the rest of a generator is an ordinary asset). */
export const GeneratorSpec = Type.Object({
  ratingKva: Type.Number(),
  ratingKw: Type.Number({ description: '0.8 × kVA' }),
  usableKw: Type.Number({ description: 'What the unit may carry over a multi-day outage (70 % of a standby rating)' }),
  standby: Type.Boolean(),
  fuelType: Type.String(),
  tankLitres: Type.Number(),
  fuelCurve: Type.Object({ f0: Type.Number({ description: 'L/h per rated kW at no load' }), f1: Type.Number({ description: 'L/kWh of output' }) }, { description: 'litres/hour = f0 × rated kW + f1 × output kW' }),
});
export type GeneratorSpec = Static<typeof GeneratorSpec>;

export const Asset = Type.Object({
  id: Uuid,
  serial: Type.String(),
  productId: Uuid,
  productName: Type.String(),
  kind: StringEnum(ASSET_KINDS),
  /** Null for equipment. */
  generator: Type.Union([GeneratorSpec, Type.Null()]),
  /** True when the facility (and the location and shipment that name it) are withheld: power data of a named facility (DESIGN §5). */
  restricted: Type.Boolean(),
  facilityId: Type.Union([Uuid, Type.Null()]),
  /** A generator bound for or installed at a facility: that facility's oblast, shown even when the facility is withheld (as the energy fleet shows it); null otherwise. */
  oblastIso: Type.Union([Type.String(), Type.Null()]),
  locationId: Type.Union([Uuid, Type.Null()]),
  donorOrgId: Type.Union([Uuid, Type.Null()]),
  shipmentId: Type.Union([Uuid, Type.Null()]),
  status: StringEnum(ASSET_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  installedOn: Type.Union([IsoDate, Type.Null()]),
  warrantyUntil: Type.Union([IsoDate, Type.Null()]),
  maintenanceIntervalDays: Type.Union([Type.Integer(), Type.Null()]),
  lastMaintainedOn: Type.Union([IsoDate, Type.Null()]),
  nextMaintenanceDue: Type.Union([IsoDate, Type.Null()]),
  /** ok, due (within 14 days) or overdue; null without an interval. */
  maintenanceState: Type.Union([StringEnum(['ok', 'due', 'overdue'] as const), Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Asset = Static<typeof Asset>;
export const AssetDetail = Type.Composite([Asset, Type.Object({ maintenance: Type.Array(MaintenanceEntry) })]);
export const AssetList = ListOf(Asset);
export const AssetListFilters = Type.Object(
  {
    status: Type.Optional(StringEnum(ASSET_STATUSES)),
    facilityId: Type.Optional(Uuid),
    productId: Type.Optional(Uuid),
    kind: Type.Optional(StringEnum(ASSET_KINDS, { description: 'generator: generator sets (with their rating); equipment: the rest' })),
    maintenance: Type.Optional(StringEnum(['due', 'overdue'] as const, { description: 'due: due within 14 days or overdue; overdue: past due' })),
  },
  { additionalProperties: false },
);
export type AssetListFilters = Static<typeof AssetListFilters>;
