import { SERVICES, type ServiceCode } from '../facilities/facilities.schema.js';

/**
 * Service domains in a fixed order (first appearance in SERVICES): position i of a packed state is domain i.
 * Stored states depend on this order; a change to it needs a migration that recomputes `state`.
 */
export const DOMAINS: readonly string[] = [...new Set(Object.values(SERVICES))];
const DOMAIN_INDEX = new Map(DOMAINS.map((d, i) => [d, i]));

/** A domain's best reported status, as one digit: 0 not reported (or not normally provided), 1 not, 2 partially, 3 available. */
export const DOMAIN_STATUSES = ['none', 'not_available', 'partially', 'available'] as const;
const RANK: Record<string, number> = { not_available: 1, partially: 2, available: 3 };

/**
 * What the indicators need of a report, packed into one short string stored with it (and in the
 * current-status table): "functionality|building_condition|power_source|domain digits". The national
 * "as of" query reads it from the index alone and counts facilities per distinct state in SQL, so it
 * neither touches the reports' rows nor sends 30,000 service lists to the application.
 * A facility counts in a domain when it reports at least one service of the domain that it normally
 * provides; its status there is the best of those services (one working maternity service serves).
 */
export function stateOf(report: { functionality: string; building_condition: string; power_source: string; services: string | readonly { code: string; status: string }[] }): string {
  const services = typeof report.services === 'string' ? (JSON.parse(report.services) as { code: string; status: string }[]) : report.services;
  const best = DOMAINS.map(() => 0);
  for (const s of services) {
    const i = DOMAIN_INDEX.get(SERVICES[s.code as ServiceCode]);
    const rank = RANK[s.status] ?? 0;
    if (i !== undefined && rank > (best[i] ?? 0)) best[i] = rank;
  }
  return `${report.functionality}|${report.building_condition}|${report.power_source}|${best.join('')}`;
}

export interface DecodedState {
  functionality: string;
  buildingCondition: string;
  powerSource: string;
  /** Per domain (DOMAINS order), an index into DOMAIN_STATUSES. */
  domains: number[];
}

export function decodeState(state: string): DecodedState {
  const [functionality = '', buildingCondition = '', powerSource = '', digits = ''] = state.split('|');
  return { functionality, buildingCondition, powerSource, domains: DOMAINS.map((_, i) => Number(digits[i] ?? '0')) };
}
