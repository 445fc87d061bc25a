/**
 * The priority weight of a facility for the generator allocator (DESIGN §6: the solver takes it as
 * given). A sum of named parts so the facility page can show why; the numbers are a configurable
 * policy, documented in docs/energy.md, not a law of nature.
 */

export interface PriorityConfig {
  /** Points by facility type: how much of the population's emergency care depends on it. */
  readonly typePoints: Readonly<Record<string, number>>;
  /** Points per 100 beds, capped: inpatients cannot be sent home in a blackout. */
  readonly pointsPer100Beds: number;
  readonly maxBedPoints: number;
  /** Points for life-sustaining services that die with the power. */
  readonly servicePoints: Readonly<Record<string, number>>;
  /** Points at 24 h/day of outage in the area, proportional below. */
  readonly maxOutagePoints: number;
  /** Points per recent attack nearby, capped. */
  readonly pointsPerAttack: number;
  readonly maxAttackPoints: number;
}

export const DEFAULT_PRIORITY_CONFIG: PriorityConfig = Object.freeze({
  typePoints: Object.freeze({
    regional_hospital: 3, city_hospital: 2.5, children_hospital: 2.5, maternity: 2.5, district_hospital: 2, emergency_center: 2,
    blood_center: 2, rehabilitation_center: 1, mental_health_center: 1, disease_control_center: 1, primary_care_center: 1,
    pharmacy_warehouse: 1, ambulatory: 0.5, feldsher_post: 0.5,
  }),
  pointsPer100Beds: 0.5,
  maxBedPoints: 3,
  servicePoints: Object.freeze({ intensive_care: 2, obstetrics: 1.5, neonatal: 0.5, dialysis: 1.5, surgery: 1 }),
  maxOutagePoints: 3,
  pointsPerAttack: 0.5,
  maxAttackPoints: 2,
});

export interface PriorityInput {
  readonly type: string;
  readonly beds: number;
  readonly services: readonly string[];
  readonly outageHoursPerDay: number;
  /** Attacks recorded near the facility recently; 0 until the monitoring capability supplies them. */
  readonly recentAttacksNearby?: number;
}

export interface PriorityWeight {
  readonly weight: number;
  readonly parts: { readonly type: number; readonly beds: number; readonly services: number; readonly outage: number; readonly attacks: number };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function priorityWeight(input: PriorityInput, config: PriorityConfig = DEFAULT_PRIORITY_CONFIG): PriorityWeight {
  const type = config.typePoints[input.type] ?? 0.5;
  const beds = Math.min(config.maxBedPoints, (Math.max(0, input.beds) / 100) * config.pointsPer100Beds);
  const services = [...new Set(input.services)].reduce((s, code) => s + (config.servicePoints[code] ?? 0), 0);
  const outage = (Math.min(24, Math.max(0, input.outageHoursPerDay)) / 24) * config.maxOutagePoints;
  const attacks = Math.min(config.maxAttackPoints, Math.max(0, input.recentAttacksNearby ?? 0) * config.pointsPerAttack);
  const parts = { type: round2(type), beds: round2(beds), services: round2(services), outage: round2(outage), attacks: round2(attacks) };
  return { weight: round2(parts.type + parts.beds + parts.services + parts.outage + parts.attacks), parts };
}
