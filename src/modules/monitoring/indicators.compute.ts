import { SERVICES, type ServiceCode } from '../facilities/facilities.schema.js';
import type { LatestState } from './indicators.repository.js';
import type { Indicators } from './indicators.schema.js';
import type { IncidentsTable } from './monitoring.tables.js';

type IncidentFigures = Pick<IncidentsTable, 'occurred_at' | 'attack_types' | 'health_workers_killed' | 'health_workers_injured' | 'patients_killed' | 'patients_injured'>;

const RANK = { available: 3, partially: 2, not_available: 1 } as const;
type Offered = keyof typeof RANK;

/**
 * Pure aggregation of the latest state per facility. A facility counts in a service domain when it
 * reports at least one service of the domain it normally provides; its status there is the best of
 * those services (a patient who finds one working maternity service is served).
 */
export function aggregate(states: readonly LatestState[], incidents: readonly IncidentFigures[], facilities: number, asOf: string, area: string | null): Indicators {
  const byFunctionality: Record<string, number> = { fully: 0, partially: 0, not_functioning: 0 };
  const byBuildingCondition: Record<string, number> = { not_damaged: 0, slightly_damaged: 0, substantially_damaged: 0, fully_damaged: 0 };
  let onGenerator = 0;
  let withoutPower = 0;
  const domains = new Map<string, { facilities: number; available: number; partially: number; not_available: number }>();
  for (const s of states) {
    byFunctionality[s.functionality] = (byFunctionality[s.functionality] ?? 0) + 1;
    byBuildingCondition[s.building_condition] = (byBuildingCondition[s.building_condition] ?? 0) + 1;
    if (s.power_source === 'generator') onGenerator += 1;
    if (s.power_source === 'none') withoutPower += 1;
    const best = new Map<string, Offered>();
    for (const svc of JSON.parse(s.services) as { code: ServiceCode; status: string }[]) {
      if (!(svc.status in RANK)) continue;
      const domain = SERVICES[svc.code];
      const status = svc.status as Offered;
      const prev = best.get(domain);
      if (prev === undefined || RANK[status] > RANK[prev]) best.set(domain, status);
    }
    for (const [domain, status] of best) {
      const d = domains.get(domain) ?? { facilities: 0, available: 0, partially: 0, not_available: 0 };
      d.facilities += 1;
      d[status] += 1;
      domains.set(domain, d);
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10000) / 10000);
  const serviceAvailabilityByDomain = Object.fromEntries(
    [...domains].sort(([a], [b]) => a.localeCompare(b)).map(([k, d]) => [k, { facilities: d.facilities, available: share(d.available, d.facilities), partially: share(d.partially, d.facilities), notAvailable: share(d.not_available, d.facilities) }]),
  );
  const months = new Map<string, { month: string; attackType: string; incidents: number; killed: number; injured: number }>();
  for (const i of incidents) {
    const month = i.occurred_at.slice(0, 7);
    for (const attackType of JSON.parse(i.attack_types) as string[]) {
      const key = `${month} ${attackType}`;
      const m = months.get(key) ?? { month, attackType, incidents: 0, killed: 0, injured: 0 };
      m.incidents += 1;
      m.killed += i.health_workers_killed + i.patients_killed;
      m.injured += i.health_workers_injured + i.patients_injured;
      months.set(key, m);
    }
  }
  const incidentsByMonth = [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || a.attackType.localeCompare(b.attackType));
  return { asOf, area, facilities, reporting: states.length, byFunctionality, byBuildingCondition, onGenerator, withoutPower, serviceAvailabilityByDomain, incidentsByMonth };
}
