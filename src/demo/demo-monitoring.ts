import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { oblastIsoOfPath } from '../modules/facilities/facilities.presenter.js';
import { SERVICES, type ServiceCode } from '../modules/facilities/facilities.schema.js';
import { accessStatusOf } from '../modules/geography/area-status.service.js';
import { ATTACK_TYPES, type AttackType } from '../modules/monitoring/incidents.schema.js';
import { storeCheckedIncidents } from '../modules/monitoring/incidents.service.js';
import type { IncidentsTable, StatusReportsTable } from '../modules/monitoring/monitoring.tables.js';
import { BUILDING_CONDITIONS, type Functionality, type ServiceReport, type StatusReportCreate } from '../modules/monitoring/status.schema.js';
import { reportProblems, reportRow, storeCheckedReports } from '../modules/monitoring/status.service.js';
import type { DemoScale } from './demo.js';
import { checkpointAfterBatch, withIndexesDeferred } from '../db/bulk-load.js';
import { silentProgress, type DemoProgress } from './demo-progress.js';
import { Random } from './random.js';

/** Oblasts on or near the front line: more damage, more outages, more attacks. */
const FRONTLINE = new Set(['UA-14', 'UA-63', 'UA-23', 'UA-65', 'UA-59', 'UA-48', 'UA-12']);
/** Two years of weekly reports (DESIGN §8: the national demo holds 30,000 × 104 ≈ 3.1 M reports). */
const WEEKS = 104;
const INCIDENTS: Record<DemoScale, number> = { small: 300, national: 2500 };
/** Facilities whose history is generated and written together: bounded memory at national scale. */
const CHUNK = 500;
const WEEK_MS = 7 * 86_400_000;

/** Outages follow the grid attacks of the cold months. */
const isWinter = (t: number): boolean => [11, 0, 1, 2].includes(new Date(t).getUTCMonth());

function weeklyInput(facility: FacilityRow, offered: readonly ServiceCode[], random: Random, at: number, damage: number, frontline: boolean): StatusReportCreate {
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

/**
 * A facility's weekly series, oldest first. Damage accumulates (rarely repaired), so the series tells one story.
 * From the day its area was occupied (`occupiedSince`) it does not report; the draws are made all the same, so the
 * other facilities' series do not depend on the status list.
 */
function facilityHistory(facility: FacilityRow, random: Random, now: number, at: string, occupiedSince: string | null): StatusReportsTable[] {
  const frontline = FRONTLINE.has(oblastIsoOfPath(facility.area_path));
  const offered = JSON.parse(facility.services) as ServiceCode[];
  let damage = frontline && random.next() < 0.15 ? random.int(1, 2) : 0;
  const out: StatusReportsTable[] = [];
  for (let w = WEEKS - 1; w >= 0; w -= 1) {
    if (random.next() < (frontline ? 0.012 : 0.001)) damage = Math.min(3, damage + 1);
    else if (damage > 0 && random.next() < 0.02) damage -= 1;
    const input = weeklyInput(facility, offered, random, now - w * WEEK_MS - random.int(0, 48) * 3_600_000, damage, frontline);
    if (occupiedSince !== null && input.observedAt.slice(0, 10) >= occupiedSince) continue;
    const problems = reportProblems(facility, input);
    if (problems.length > 0) throw new Error(`Demo report for ${facility.code} is invalid: ${JSON.stringify(problems)}`);
    out.push(reportRow(input, 'demo', at));
  }
  return out;
}

/**
 * Demo data of the monitoring capability, written after the facilities exist. The history is generated and
 * written CHUNK facilities at a time, one transaction each (audited per chunk) with a checkpoint after it, so the
 * national 3 M reports never sit in memory, nor in SQLite's write-ahead log, at once. The reports' secondary
 * indexes are built after the history is in. Its own random stream (one draw from the shared one) keeps the other
 * loaders' data stable.
 */
export async function loadMonitoringDemo(database: Database, ctx: CallContext, shared: Random, facilities: readonly FacilityRow[], scale: DemoScale, progress: DemoProgress = silentProgress): Promise<void> {
  const random = new Random(shared.int(1, 2 ** 31));
  const now = Date.now() - 3_600_000;
  const at = nowIso();
  const access = await accessStatusOf(database.db, facilities, at);
  const occupiedSince = (f: FacilityRow): string | null => {
    const a = access.get(f.id);
    return a === undefined || a.reachable ? null : a.since;
  };
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
      occurred_at: new Date(now - random.int(0, WEEKS * 7 * 24) * 3_600_000).toISOString(),
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
  const step = progress('monitoring: facilities with their weekly reports', facilities.length);
  await withIndexesDeferred(database, ['status_reports'], async () => {
    for (let i = 0; i < facilities.length; i += CHUNK) {
      const rows = facilities.slice(i, i + CHUNK).flatMap((f) => facilityHistory(f, random, now, at, occupiedSince(f)));
      await database.db.transaction().execute((trx) => storeCheckedReports(trx, database, ctx, rows, 'batch'));
      await checkpointAfterBatch(database);
      step.update(Math.min(i + CHUNK, facilities.length));
    }
  });
  await database.db.transaction().execute((trx) => storeCheckedIncidents(trx, database, ctx, incidents));
  step.done(facilities.length);
}
