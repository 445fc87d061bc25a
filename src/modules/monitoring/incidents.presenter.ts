import type { Principal } from '../../context.js';
import { seesRestricted } from '../../scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import type { AttackType, Incident, PublicIncident } from './incidents.schema.js';
import type { IncidentsTable } from './monitoring.tables.js';
import type { ReviewState } from './review.schema.js';

/** Partner view. Source and narrative can expose witnesses and staff (DESIGN §5): only for callers who see restricted fields. */
export function presentIncident(row: IncidentsTable, principal: Principal | null, reviewState: ReviewState): Incident {
  const restricted = seesRestricted(principal, { id: row.facility_id ?? '', area_path: row.area_path });
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    facilityId: row.facility_id,
    facilityType: row.facility_type,
    areaKatottg: row.area_katottg,
    oblastIso: oblastIsoOfPath(row.area_path),
    attackTypes: JSON.parse(row.attack_types) as AttackType[],
    resourcesAffected: JSON.parse(row.resources_affected) as string[],
    healthWorkersKilled: row.health_workers_killed,
    healthWorkersInjured: row.health_workers_injured,
    patientsKilled: row.patients_killed,
    patientsInjured: row.patients_injured,
    // Stored values were validated against the set on the way in.
    certainty: row.certainty as Incident['certainty'],
    sourceVisible: restricted,
    source: restricted ? row.source : null,
    narrative: restricted ? row.narrative : null,
    createdAt: row.created_at,
    reviewState,
  };
}

/** Public view: built field by field from the public list, so a new column can never slip through. */
export function presentPublicIncident(row: IncidentsTable): PublicIncident {
  return {
    id: row.id,
    date: row.occurred_at.slice(0, 10),
    oblastIso: oblastIsoOfPath(row.area_path),
    attackTypes: JSON.parse(row.attack_types) as AttackType[],
    facilityType: row.facility_type,
    killed: row.health_workers_killed + row.patients_killed,
    injured: row.health_workers_injured + row.patients_injured,
    certainty: row.certainty as PublicIncident['certainty'],
  };
}
