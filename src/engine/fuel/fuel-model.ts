/**
 * Diesel generator fuel and capacity rules (DESIGN §6 "Domain facts"). Pure: no I/O.
 * Every rule here is documented in docs/energy.md; change both together.
 */

/** HOMER's linear fuel curve: litres/hour = F0 × rated kW + F1 × output kW (fitted to published charts). */
export interface FuelCurve {
  /** No-load consumption per rated kW (L/h/kW); published fits give 0.02–0.05. */
  readonly f0: number;
  /** Marginal consumption per kW of output (L/kWh). */
  readonly f1: number;
}

export const DEFAULT_FUEL_CURVE: FuelCurve = Object.freeze({ f0: 0.03, f1: 0.25 });

/** A generator set's kW from its kVA at the conventional power factor 0.8. */
export const kwFromKva = (kva: number): number => Math.round(kva * 0.8 * 10) / 10;

/**
 * A standby-rated unit should carry at most about 70 % of its rating over a multi-day outage
 * (ISO 8528-1: standby power is for emergency use of limited hours); prime-rated units carry all of it.
 */
export const STANDBY_USABLE_SHARE = 0.7;
export const usableKw = (ratingKw: number, standby: boolean): number => (standby ? ratingKw * STANDBY_USABLE_SHARE : ratingKw);

/** Litres per hour of one unit of `ratedKw` delivering `outputKw` (clamped to 0..rated). */
export function litresPerHour(ratedKw: number, outputKw: number, curve: FuelCurve = DEFAULT_FUEL_CURVE): number {
  const output = Math.min(Math.max(outputKw, 0), ratedKw);
  return curve.f0 * ratedKw + curve.f1 * output;
}

/** The documented curve of a unit: litres/hour at 25, 50, 75 and 100 % load. */
export function fuelCurvePoints(ratedKw: number, curve: FuelCurve = DEFAULT_FUEL_CURVE): { loadPercent: number; litresPerHour: number }[] {
  return [25, 50, 75, 100].map((p) => ({ loadPercent: p, litresPerHour: litresPerHour(ratedKw, (ratedKw * p) / 100, curve) }));
}

export interface RunningUnit {
  /** Usable kW of the unit (after the standby derating). */
  readonly usableKw: number;
  /** The unit's own fuel curve, when recorded; else the facility-wide one. */
  readonly curve?: FuelCurve;
}

/**
 * Litres per hour for a facility whose units share `loadKw` in proportion to their size (how paralleled
 * sets are usually run). When the load exceeds what they can give, they run at full usable output and the
 * rest is shed: the figure is then the consumption of the load actually carried.
 */
export function facilityLitresPerHour(units: readonly RunningUnit[], loadKw: number, curve: FuelCurve = DEFAULT_FUEL_CURVE): number {
  const capacity = units.reduce((s, u) => s + u.usableKw, 0);
  if (capacity <= 0) return 0;
  const share = Math.min(1, Math.max(0, loadKw) / capacity);
  return units.reduce((s, u) => s + litresPerHour(u.usableKw, u.usableKw * share, u.curve ?? curve), 0);
}

/** Hours the fuel on hand lasts at this load; null when there is no generator to burn it. */
export function autonomyHours(fuelLitres: number, units: readonly RunningUnit[], loadKw: number, curve: FuelCurve = DEFAULT_FUEL_CURVE): number | null {
  const perHour = facilityLitresPerHour(units, loadKw, curve);
  if (perHour <= 0) return null;
  return Math.max(0, fuelLitres) / perHour;
}

/** Fuel a facility burns per day when the grid is out `outageHoursPerDay` hours and its units carry the critical load. */
export function litresPerDay(units: readonly RunningUnit[], criticalLoadKw: number, outageHoursPerDay: number, curve: FuelCurve = DEFAULT_FUEL_CURVE): number {
  return facilityLitresPerHour(units, criticalLoadKw, curve) * Math.min(24, Math.max(0, outageHoursPerDay));
}

/** Ukraine's Health Ministry asked hospitals to hold fuel for 5 days (120 hours) of autonomy. */
export const REQUIRED_AUTONOMY_HOURS = 120;
