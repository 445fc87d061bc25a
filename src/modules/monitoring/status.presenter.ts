import type { Principal } from '../../context.js';
import { seesRestricted } from '../../scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import type { ReviewState } from './review.schema.js';
import type { StatusReport } from './status.schema.js';

/**
 * A report as the caller may see it. Power source, outage hours, backup kW and fuel of a named
 * facility are restricted (DESIGN §5: they tell an attacker which hospitals to cut off), so below
 * admin / coordinator-in-scope they are null and `powerVisible` says they were withheld.
 */
export function presentStatusReport(row: StatusReportsTable, facility: { id: string; area_path: string }, principal: Principal | null, reviewState: ReviewState): StatusReport {
  const power = seesRestricted(principal, facility);
  return {
    id: row.id,
    facilityId: row.facility_id,
    oblastIso: oblastIsoOfPath(facility.area_path),
    observedAt: row.observed_at,
    reporter: row.reporter,
    // Stored values were validated against these sets on the way in.
    buildingCondition: row.building_condition as StatusReport['buildingCondition'],
    buildingCause: row.building_cause,
    functionality: row.functionality as StatusReport['functionality'],
    functionalityReasons: JSON.parse(row.functionality_reasons) as string[],
    accessibility: row.accessibility as StatusReport['accessibility'],
    accessibilityBarriers: JSON.parse(row.accessibility_barriers) as string[],
    powerVisible: power,
    powerSource: power ? (row.power_source as StatusReport['powerSource']) : null,
    outageHours7d: power ? row.outage_hours_7d : null,
    backupKw: power ? row.backup_kw : null,
    fuelLitres: power ? row.fuel_litres : null,
    water: row.water,
    coldChain: row.cold_chain,
    services: JSON.parse(row.services) as StatusReport['services'],
    rehabBeds: row.rehab_beds,
    therapists: row.therapists,
    psychologists: row.psychologists,
    psychiatrists: row.psychiatrists,
    createdAt: row.created_at,
    reviewState,
  };
}
