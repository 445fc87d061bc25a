import type { FacilityRow } from '../facilities/facilities.tables.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import type { QualityCheck, QualityReason } from './quality.schema.js';

export type Finding = {
  check: QualityCheck;
  reason: QualityReason;
  facility: FacilityRow;
  detail: string;
  observedAt?: string;
  distanceM?: number;
  fallsInOblastIso?: string | null;
  related?: FacilityRow;
};

const EARTH_KM = 6371;
/** Great-circle distance (haversine, DESIGN §6). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

/** Names compared without case, punctuation, "№" or spacing: typists differ in exactly those. */
const normalise = (s: string): string => s.toLocaleLowerCase('uk').replace(/[^\p{L}\p{N}]+/gu, '');

/** Levenshtein distance with two rows (names are short). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export const similarNames = (a: string, b: string): boolean => {
  const x = normalise(a);
  const y = normalise(b);
  if (x === '' || y === '') return false;
  return x === y || editDistance(x, y) <= Math.max(1, Math.floor(Math.min(x.length, y.length) * 0.1));
};

/**
 * Pairs of facilities within 1 km with similar Ukrainian or English names. Points are bucketed in
 * 0.01° cells (≈ 1.1 km north–south), so each facility is compared only with its 9 neighbouring cells.
 */
export function likelyDuplicates(facilities: readonly FacilityRow[]): Finding[] {
  const cell = (x: number) => Math.floor(x * 100);
  const grid = new Map<string, FacilityRow[]>();
  for (const f of facilities) {
    const key = `${cell(f.lat)}:${cell(f.lon)}`;
    grid.set(key, [...(grid.get(key) ?? []), f]);
  }
  const out: Finding[] = [];
  for (const f of facilities) {
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        for (const g of grid.get(`${cell(f.lat) + dy}:${cell(f.lon) + dx}`) ?? []) {
          if (g.id <= f.id) continue;
          if (distanceKm(f, g) <= 1 && (similarNames(f.name_uk, g.name_uk) || similarNames(f.name_en, g.name_en))) {
            const distanceM = Math.round(distanceKm(f, g) * 1000);
            out.push({ check: 'likely_duplicate', reason: 'similar_name', facility: f, related: g, distanceM, detail: `similar name within ${distanceM} m of ${g.code}` });
          }
        }
      }
    }
  }
  return out;
}

/** Statements in one report that cannot all be true, each with its reason and an English sentence. */
export function contradictions(report: StatusReportsTable): { reason: QualityReason; text: string }[] {
  const out: { reason: QualityReason; text: string }[] = [];
  const services = JSON.parse(report.services) as { status: string }[];
  if (report.functionality === 'fully' && report.building_condition === 'fully_damaged') out.push({ reason: 'fully_in_destroyed_building', text: 'fully functioning in a fully damaged building' });
  if (report.functionality === 'not_functioning' && services.some((s) => s.status === 'available')) out.push({ reason: 'not_functioning_with_services', text: 'not functioning, yet some services are available' });
  if (report.functionality === 'fully' && services.length > 0 && services.every((s) => s.status === 'not_available' || s.status === 'not_normally_provided')) out.push({ reason: 'fully_without_services', text: 'fully functioning, yet no service is available' });
  if (report.power_source === 'none' && report.outage_hours_7d === 0) out.push({ reason: 'no_power_no_outage', text: 'no power, yet no outage hours in the last 7 days' });
  if (report.power_source === 'generator' && report.backup_kw === 0) out.push({ reason: 'generator_without_backup', text: 'on generator power with 0 kW of working backup' });
  return out;
}
