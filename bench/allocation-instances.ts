import type { AllocationParams, AllocationProblem, Facility, Generator } from '../src/engine/allocation/allocation.types.js';
import { seededRandom } from '../src/engine/allocation/random.js';

/** Ukraine's bounding box, roughly. */
const LAT = [44.4, 52.3] as const;
const LON = [22.2, 40.2] as const;

/** Facility kinds: share of facilities, critical load range (kW), share of it already on backup, weight range. */
const KINDS = [
  { share: 0.45, load: [5, 60], backup: [0, 0.5], weight: [0.5, 2] },       // ambulatory / FAP
  { share: 0.3, load: [30, 250], backup: [0, 0.6], weight: [1, 4] },        // primary care centre
  { share: 0.18, load: [150, 1500], backup: [0.1, 0.7], weight: [3, 8] },   // district hospital
  { share: 0.07, load: [800, 4000], backup: [0.2, 0.8], weight: [6, 10] },  // regional / perinatal centre
] as const;
/** Load ranges for the "dense" class: mostly hospitals, so most generators are eligible almost anywhere. */
const DENSE_KINDS = [
  { share: 0.5, load: [300, 2500], backup: [0, 0.6], weight: [2, 8] },
  { share: 0.5, load: [1000, 5000], backup: [0.1, 0.7], weight: [4, 10] },
] as const;
const RATINGS = [100, 150, 200, 250, 320, 400, 500, 630, 800, 1000, 1250, 1500, 2000];

export interface InstanceSpec {
  readonly name: string;
  readonly generators: number;
  readonly facilities: number;
  readonly dense?: boolean;
  readonly params?: Partial<AllocationParams>;
  readonly seed: number;
}

/** Deterministic, realistic-looking instance: facilities clustered around ~40 towns, generators at ~12 depots. */
export function makeInstance(spec: InstanceSpec): AllocationProblem {
  const rand = seededRandom(spec.seed);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rand();
  const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
  const towns = Array.from({ length: 40 }, () => [between(LAT[0] + 0.5, LAT[1] - 0.5), between(LON[0] + 0.5, LON[1] - 0.5)] as const);
  const depots = Array.from({ length: 12 }, () => [between(LAT[0] + 1, LAT[1] - 1), between(LON[0] + 1, LON[1] - 1)] as const);
  const near = ([lat, lon]: readonly [number, number], spread: number): [number, number] => [
    Math.min(LAT[1], Math.max(LAT[0], lat + (rand() + rand() - 1) * spread)),
    Math.min(LON[1], Math.max(LON[0], lon + (rand() + rand() - 1) * spread * 1.5)),
  ];
  const kinds = spec.dense ? DENSE_KINDS : KINDS;
  const facilities: Facility[] = Array.from({ length: spec.facilities }, (_, i) => {
    let u = rand();
    const kind = kinds.find((k) => (u -= k.share) < 0) ?? kinds[kinds.length - 1]!;
    const critical = Math.round(between(kind.load[0], kind.load[1]));
    const [lat, lon] = rand() < 0.8 ? near(towns[Math.floor(rand() * towns.length)]!, 0.8) : [between(...LAT), between(...LON)];
    return {
      id: `F${i + 1}`, criticalLoadKw: critical, backupKw: Math.round(critical * between(kind.backup[0], kind.backup[1])),
      weight: round(between(kind.weight[0], kind.weight[1])), lat: round(lat), lon: round(lon),
    };
  });
  const generators: Generator[] = Array.from({ length: spec.generators }, (_, i) => {
    const [lat, lon] = near(depots[Math.floor(rand() * depots.length)]!, 1.2);
    return { id: `G${i + 1}`, ratingKw: RATINGS[Math.floor(rand() * RATINGS.length)]!, lat: round(lat), lon: round(lon) };
  });
  const params: AllocationParams = { minLoadRatio: 0.3, maxGeneratorsPerFacility: 3, maxDistanceKm: 600, costPerKm: 0.05, ...spec.params };
  return { generators, facilities, params };
}
