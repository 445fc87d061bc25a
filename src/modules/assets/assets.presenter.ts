import type { Principal } from '../../context.js';
import { usableKw } from '../../engine/fuel/fuel-model.js';
import { seesRestricted } from '../../scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import { addDays } from '../../dates.js';
import type { AssetListRow, MaintenanceRow } from './assets.repository.js';
import type { Asset, GeneratorSpec } from './assets.schema.js';

/** Maintenance counts as "due" this many days ahead of the date. */
export const DUE_WINDOW_DAYS = 14;
export const today = (): string => new Date().toISOString().slice(0, 10);
const r1 = (x: number): number => Math.round(x * 10) / 10;

function specOf(r: AssetListRow): GeneratorSpec | null {
  if (r.rating_kw === null || r.rating_kva === null) return null;
  return {
    ratingKva: r.rating_kva,
    ratingKw: r.rating_kw,
    usableKw: r1(usableKw(r.rating_kw, r.standby === 1)),
    standby: r.standby === 1,
    fuelType: r.fuel_type ?? '',
    tankLitres: r.tank_litres ?? 0,
    fuelCurve: { f0: r.fuel_f0 ?? 0, f1: r.fuel_f1 ?? 0 },
  };
}

/**
 * DESIGN §5: a generator bound for or installed at a named facility is power data of that facility, restricted
 * as the energy capability restricts it (energy.presenter.ts): the same predicate, `seesRestricted`, decides,
 * and a caller it refuses gets the unit without the facility and without the location and shipment that name it.
 */
export function generatorHidden(r: Pick<AssetListRow, 'rating_kw' | 'facility_id' | 'area_path'>, principal: Principal | null): boolean {
  return r.rating_kw !== null && r.facility_id !== null && !seesRestricted(principal, { id: r.facility_id, area_path: r.area_path ?? '' });
}

export function presentAsset(r: AssetListRow, principal: Principal | null, asOf: string = today()): Asset {
  const due = r.next_maintenance_due;
  const hidden = generatorHidden(r, principal);
  const generator = specOf(r);
  return {
    id: r.id,
    serial: r.serial,
    productId: r.product_id,
    productName: r.product_name,
    kind: generator === null ? 'equipment' : 'generator',
    generator,
    restricted: hidden,
    facilityId: hidden ? null : r.facility_id,
    oblastIso: generator !== null && r.facility_id !== null ? oblastIsoOfPath(r.area_path ?? '') : null,
    locationId: hidden ? null : r.location_id,
    donorOrgId: r.donor_org_id,
    shipmentId: hidden ? null : r.shipment_id,
    status: r.status as Asset['status'],
    statusReason: r.status_reason,
    installedOn: r.installed_on,
    warrantyUntil: r.warranty_until,
    maintenanceIntervalDays: r.maintenance_interval_days,
    lastMaintainedOn: r.last_maintained_on,
    nextMaintenanceDue: due,
    maintenanceState: due === null || r.status === 'decommissioned' ? null : due < asOf ? 'overdue' : due <= addDays(asOf, DUE_WINDOW_DAYS) ? 'due' : 'ok',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function presentAssetDetail(d: { asset: AssetListRow; maintenance: MaintenanceRow[] }, principal: Principal | null): Asset & { maintenance: { id: string; performedOn: string; kind: string; note: string | null; performedBy: string }[] } {
  return {
    ...presentAsset(d.asset, principal),
    maintenance: d.maintenance.map((m) => ({ id: m.id, performedOn: m.performed_on, kind: m.kind, note: m.note, performedBy: m.performed_by })),
  };
}
