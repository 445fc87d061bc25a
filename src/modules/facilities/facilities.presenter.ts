import type { Principal } from '../../context.js';
import type { FacilityHistoryTable } from '../../db/tables.js';
import { seesRestricted } from '../../scope.js';
import type { AccessStatus } from '../geography/area-status.schema.js';
import { OBLASTS } from '../geography/oblasts.js';
import type { FacilityRow } from './facilities.tables.js';
import type { Facility, FacilityHistoryEntry, ServiceCode } from './facilities.schema.js';

const ISO_BY_KATOTTG = new Map(OBLASTS.map((o) => [o.katottg, o.iso3166_2]));

/** ISO 3166-2 code of the oblast at the head of an area path. */
export const oblastIsoOfPath = (areaPath: string): string => ISO_BY_KATOTTG.get(areaPath.slice(0, areaPath.indexOf('/'))) ?? '';

// Coordinates a caller may not see exactly are rounded to 0.1° (about 11 km
// north–south, 7 km east–west at these latitudes): DESIGN §5.

const roundTenth = (x: number): number => Math.round(x * 10) / 10;

/** `access` is the facility's access status today, when the caller looked it up (facilities.routes.ts does, in one batch). */
export function presentFacility(row: FacilityRow, principal: Principal | null, access?: AccessStatus | null): Facility {
  const exact = seesRestricted(principal, row);
  return {
    id: row.id,
    code: row.code,
    nameUk: row.name_uk,
    nameEn: row.name_en,
    // Stored values were validated against these sets on the way in.
    type: row.type as Facility['type'],
    tier: row.tier as Facility['tier'],
    ownership: row.ownership as Facility['ownership'],
    areaKatottg: row.area_katottg,
    oblastIso: oblastIsoOfPath(row.area_path),
    lat: exact ? row.lat : roundTenth(row.lat),
    lon: exact ? row.lon : roundTenth(row.lon),
    coordinatePrecision: exact ? 'exact' : 'rounded',
    beds: row.beds,
    staff: row.staff,
    operatorOrgId: row.operator_org_id,
    services: JSON.parse(row.services) as ServiceCode[],
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    closedReason: row.closed_reason,
    ...(access === undefined ? {} : { accessStatus: access }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentHistory(row: FacilityHistoryTable, facility: FacilityRow, principal: Principal | null): FacilityHistoryEntry {
  const change = JSON.parse(row.change) as Record<string, { from: unknown; to: unknown }>;
  if (!seesRestricted(principal, facility)) {
    for (const key of ['lat', 'lon'] as const) {
      const c = change[key];
      if (c !== undefined) change[key] = { from: typeof c.from === 'number' ? roundTenth(c.from) : c.from, to: typeof c.to === 'number' ? roundTenth(c.to) : c.to };
    }
  }
  return { version: row.version, action: row.action, actor: row.actor, at: row.at, change };
}
