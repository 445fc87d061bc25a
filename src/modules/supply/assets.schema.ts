import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, ListQueryBase, StringEnum, Uuid, Version } from '../../http/common.schema.js';

/** DESIGN §4 asset statuses. */
export const ASSET_STATUSES = ['in_transit', 'installed', 'functioning', 'needs_attention', 'not_functioning', 'decommissioned'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

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

export const Asset = Type.Object({
  id: Uuid,
  serial: Type.String(),
  productId: Uuid,
  productName: Type.String(),
  facilityId: Type.Union([Uuid, Type.Null()]),
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
export const AssetListQuery = Type.Object(
  {
    ...ListQueryBase,
    status: Type.Optional(StringEnum(ASSET_STATUSES)),
    facilityId: Type.Optional(Uuid),
    productId: Type.Optional(Uuid),
    maintenance: Type.Optional(StringEnum(['due', 'overdue'] as const, { description: 'due: due within 14 days or overdue; overdue: past due' })),
  },
  { additionalProperties: false },
);
export type AssetListQuery = Static<typeof AssetListQuery>;
