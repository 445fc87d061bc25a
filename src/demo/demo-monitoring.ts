import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import type { FacilityRow } from '../modules/facilities/facilities.repository.js';
import { oblastIsoOfPath } from '../modules/facilities/facilities.presenter.js';
import { SERVICES, type ServiceCode } from '../modules/facilities/facilities.schema.js';
import { ATTACK_TYPES, type AttackType } from '../modules/monitoring/incidents.schema.js';
import { storeCheckedIncidents } from '../modules/monitoring/incidents.service.js';
import type { IncidentsTable, StatusReportsTable } from '../modules/monitoring/monitoring.tables.js';
import { BUILDING_CONDITIONS, type Functionality, type ServiceReport, type StatusReportCreate } from '../modules/monitoring/status.schema.js';
import { reportProblems, reportRow, storeCheckedReports } from '../modules/monitoring/status.service.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

/** Oblasts on or near the front line: more damage, more outages, more attacks. */
const FRONTLINE = new Set(['UA-14', 'UA-63', 'UA-23', 'UA-65', 'UA-59', 'UA-48', 'UA-12']);
// Twelve weekly reports per facility: the national demo (360,000 reports) still loads well inside its minute; two years (3 M) would not.
const WEEKS: Record<DemoScale, number> = { small: 12, national: 12 };
const INCIDENTS: Record<DemoScale, number> = { small: 160, national: 1500 };
const WEEK_MS = 7 * 86_400_000;

/** Outages follow the grid attacks of the cold months. */
const isWinter = (t: number): boolean => [11, 0, 1, 2].includes(new Date(t).getUTCMonth());

function weeklyInput(facility: FacilityRow, random: Random, at: number, damage: number, frontline: boolean): StatusReportCreate {
  const offered = JSON.parse(facility.services) as ServiceCode[];
  const risk = frontline ? 0.35 : 0.06;
  const functionality: Functionality = damage >= 3 ? 'not_functioning' : damage === 2 || random.next() < risk * 0.6 ? 'partially' : 'fully';
  const outageChance = (frontline ? 0.5 : 0.15) + (isWinter(at) ? 0.3 : 0);
  const out = random.next() < outageChance;
  const hasGenerator = random.next() < (frontline ? 0.7 : 0.4);
  const powerSource = !out ? 'grid' : hasGenerator ? 'generator' : 'none';
  const services: ServiceReport[] = offered.map((code) => {
    if (functionality === 'not_functioning') return { code, status: 'not_available', reasons: ['damage'] };
    const r = random.next();
    if (functionality === 'partially' && r < 0.5) return { code, status: r < 0.2 ? 'not_available' : 'partially', reasons: [random.pick(['staff', 'supplies', 'power', 'damage'] as const)] };
    return { code, status: 'available' };
  });
  const rehab = facility.type === 'rehabilitation_center' || offered.some((c) => SERVICES[c] === 'rehabilitation');
  const mental = facility.type === 'mental_health_center' || offered.some((c) => SERVICES[c] === 'mental_health');
  return {
    facilityId: facility.id,
    observedAt: new Date(at).toISOString(),
    buildingCondition: BUILDING_CONDITIONS[damage] ?? 'not_damaged',
    ...(damage > 0 ? { buildingCause: random.pick(['shelling', 'missile strike', 'drone strike', 'fire']) } : {}),
    functionality,
    functionalityReasons: functionality === 'fully' ? [] : damage > 0 ? ['damage', 'staff'] : [random.pick(['staff', 'supplies', 'finances', 'equipment', 'security'] as const)],
    accessibility: frontline && random.next() < 0.2 ? 'partially' : 'fully',
    powerSource,
    outageHours7d: out ? random.int(4, frontline ? 120 : 40) : 0,
    ...(hasGenerator ? { backupKw: random.int(2, 30) * 10, fuelLitres: random.int(0, 60) * 50 } : {}),
    water: out && random.next() < 0.4 ? 'limited' : 'available',
    coldChain: offered.includes('immunization') ? (powerSource === 'none' ? 'not_functioning' : 'functioning') : 'not_applicable',
    services,
    ...(rehab ? { rehabBeds: facility.type === 'rehabilitation_center' ? random.int(20, 120) : random.int(0, 20), therapists: random.int(1, 25) } : {}),
    ...(mental ? { psychologists: random.int(0, 8), psychiatrists: random.int(0, 4) } : {}),
  };
}

/** Demo data of the monitoring capability, written after the facilities exist. */
export async function loadMonitoringDemo(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], scale: DemoScale): Promise<void> {
  const weeks = WEEKS[scale];
  const now = Date.now() - 3_600_000;
  const reports: StatusReportsTable[] = [];
  const at = nowIso();
  for (const facility of facilities) {
    const frontline = FRONTLINE.has(oblastIsoOfPath(facility.area_path));
    // Damage accumulates (rarely repaired), so a facility's series tells one story.
    let damage = frontline && random.next() < 0.25 ? random.int(1, 2) : 0;
    for (let w = weeks - 1; w >= 0; w -= 1) {
      if (random.next() < (frontline ? 0.04 : 0.003)) damage = Math.min(3, damage + 1);
      else if (damage > 0 && random.next() < 0.02) damage -= 1;
      const input = weeklyInput(facility, random, now - w * WEEK_MS - random.int(0, 48) * 3_600_000, damage, frontline);
      const problems = reportProblems(facility, input);
      if (problems.length > 0) throw new Error(`Demo report for ${facility.code} is invalid: ${JSON.stringify(problems)}`);
      reports.push(reportRow(input, 'demo', at));
    }
  }
  const front = facilities.filter((f) => FRONTLINE.has(oblastIsoOfPath(f.area_path)));
  const incidents: IncidentsTable[] = [];
  for (let i = 0; i < INCIDENTS[scale] && facilities.length > 0; i += 1) {
    const facility = random.next() < 0.85 && front.length > 0 ? random.pick(front) : random.pick(facilities);
    const named = random.next() < 0.75;
    const types = new Set<AttackType>([random.weighted({ heavy_weapons: 60, individual_weapons: 5, arson: 3, looting: 4, militarization: 4, obstruction: 6, abduction_detention: 3, assault: 4, threat: 6, other: 5 })]);
    if (random.next() < 0.2) types.add(random.pick(ATTACK_TYPES));
    const heavy = types.has('heavy_weapons');
    incidents.push({
      id: newId(),
      occurred_at: new Date(now - random.int(0, weeks * 7 * 24) * 3_600_000).toISOString(),
      facility_id: named ? facility.id : null,
      facility_type: named ? facility.type : null,
      area_katottg: facility.area_katottg,
      area_path: facility.area_path,
      attack_types: JSON.stringify([...types]),
      resources_affected: JSON.stringify(heavy ? ['facility', random.pick(['transport', 'supplies', 'personnel'])] : ['personnel']),
      health_workers_killed: heavy && random.next() < 0.15 ? random.int(1, 3) : 0,
      health_workers_injured: heavy && random.next() < 0.4 ? random.int(1, 6) : 0,
      patients_killed: heavy && random.next() < 0.1 ? random.int(1, 4) : 0,
      patients_injured: heavy && random.next() < 0.3 ? random.int(1, 10) : 0,
      certainty: random.weighted({ confirmed: 6, probable: 3, possible: 1 }),
      source: random.pick(['facility director', 'regional health department', 'partner NGO field team', 'media report, verified']),
      narrative: heavy ? 'Strike damaged the building; staff moved patients to the basement.' : 'Staff were threatened and the facility was briefly obstructed.',
      reporter: 'demo',
      created_at: at,
    });
  }
  await database.db.transaction().execute(async (trx) => {
    await storeCheckedReports(trx, database, ctx, reports);
    await storeCheckedIncidents(trx, database, ctx, incidents);
  });
}
