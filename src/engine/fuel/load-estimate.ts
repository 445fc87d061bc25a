/**
 * Estimated electrical loads of a facility when none was measured. There is no citable kW-per-bed
 * figure (DESIGN §6), so this is a planning rule, stored and shown as "estimated" and replaced as soon
 * as a measured value is entered. The rule and its numbers are in docs/energy.md.
 */

export interface LoadEstimateRule {
  /** kW that every facility of the type needs for lights, heating pumps, IT, cold chain. */
  readonly baseKwByType: Readonly<Record<string, number>>;
  /** kW per inpatient bed (ventilation, beds' share of lighting, kitchens, laundry, lifts). */
  readonly kwPerBed: number;
  /** Extra kW of power-hungry services (ICU monitors and ventilators, theatres, dialysis water plant…). */
  readonly kwByService: Readonly<Record<string, number>>;
  /** Essential load (everything clinical kept running) as a multiple of the critical load. */
  readonly essentialFactor: number;
}

export const DEFAULT_LOAD_RULE: LoadEstimateRule = Object.freeze({
  baseKwByType: Object.freeze({
    regional_hospital: 80, city_hospital: 50, district_hospital: 30, maternity: 30, children_hospital: 40,
    rehabilitation_center: 20, mental_health_center: 15, primary_care_center: 15, ambulatory: 8, feldsher_post: 3,
    emergency_center: 25, blood_center: 40, disease_control_center: 20, pharmacy_warehouse: 25,
  }),
  kwPerBed: 0.6,
  kwByService: Object.freeze({
    intensive_care: 50, surgery: 40, dialysis: 30, imaging: 25, obstetrics: 15, neonatal: 15, blood_bank: 15, laboratory: 10, emergency: 10,
  }),
  essentialFactor: 1.5,
});

export interface LoadEstimate {
  readonly criticalLoadKw: number;
  readonly essentialLoadKw: number;
}

/** Critical = base(type) + kW/bed × beds + Σ service extras; essential = factor × critical. */
export function estimateLoads(facility: { type: string; beds: number; services: readonly string[] }, rule: LoadEstimateRule = DEFAULT_LOAD_RULE): LoadEstimate {
  const base = rule.baseKwByType[facility.type] ?? 10;
  const services = [...new Set(facility.services)].reduce((s, code) => s + (rule.kwByService[code] ?? 0), 0);
  const critical = Math.round((base + rule.kwPerBed * Math.max(0, facility.beds) + services) * 10) / 10;
  return { criticalLoadKw: critical, essentialLoadKw: Math.round(critical * rule.essentialFactor * 10) / 10 };
}
