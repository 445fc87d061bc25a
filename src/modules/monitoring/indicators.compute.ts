import type { StateCount } from './indicators.repository.js';
import { decodeState, DOMAIN_STATUSES, DOMAINS } from './indicators.state.js';
import type { Indicators } from './indicators.schema.js';
import type { IncidentsTable } from './monitoring.tables.js';

type IncidentFigures = Pick<IncidentsTable, 'occurred_at' | 'attack_types' | 'health_workers_killed' | 'health_workers_injured' | 'patients_killed' | 'patients_injured'>;

/**
 * Pure aggregation of the facilities' latest states, counted per distinct packed state (indicators.state.ts).
 * Service availability per domain is the share of the facilities reporting the domain whose best service
 * there is available / partially / not available.
 */
export function aggregate(states: readonly Pick<StateCount, 'state' | 'n'>[], incidents: readonly IncidentFigures[], facilities: number, noAccess: number, asOf: string, area: string | null): Indicators {
  const byFunctionality: Record<string, number> = { fully: 0, partially: 0, not_functioning: 0 };
  const byBuildingCondition: Record<string, number> = { not_damaged: 0, slightly_damaged: 0, substantially_damaged: 0, fully_damaged: 0 };
  let onGenerator = 0;
  let withoutPower = 0;
  let reporting = 0;
  const domains = new Map<string, { facilities: number; available: number; partially: number; not_available: number }>();
  for (const { state, n } of states) {
    const s = decodeState(state);
    reporting += n;
    byFunctionality[s.functionality] = (byFunctionality[s.functionality] ?? 0) + n;
    byBuildingCondition[s.buildingCondition] = (byBuildingCondition[s.buildingCondition] ?? 0) + n;
    if (s.powerSource === 'generator') onGenerator += n;
    if (s.powerSource === 'none') withoutPower += n;
    s.domains.forEach((digit, i) => {
      const status = DOMAIN_STATUSES[digit];
      const domain = DOMAINS[i];
      if (status === undefined || status === 'none' || domain === undefined) return;
      const d = domains.get(domain) ?? { facilities: 0, available: 0, partially: 0, not_available: 0 };
      d.facilities += n;
      d[status] += n;
      domains.set(domain, d);
    });
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
  return { asOf, area, facilities, noAccess, reporting, byFunctionality, byBuildingCondition, onGenerator, withoutPower, serviceAvailabilityByDomain, incidentsByMonth };
}
