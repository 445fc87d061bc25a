import type { AllocationProblem } from './allocation.types.js';
import { EARTH_RADIUS_KM, haversineKm } from './haversine.js';

/**
 * The eligible (generator, facility) pairs in compact typed arrays, indexed both ways.
 * Pairs are sorted by facility: the pairs of facility f are `facStart[f] .. facStart[f+1]-1`;
 * `genPairs[genStart[g] .. genStart[g+1]-1]` lists the pair ids of generator g.
 */
export interface PairSet {
  readonly nGen: number;
  readonly nFac: number;
  /** maxGeneratorsPerFacility. */
  readonly k: number;
  readonly deficit: Float64Array;
  readonly weight: Float64Array;
  readonly rating: Float64Array;
  readonly facStart: Int32Array;
  readonly pairGen: Int32Array;
  readonly pairFac: Int32Array;
  /** Coverage coefficient min(ratingKw, D_f): same optimum as ratingKw, much tighter LP (DESIGN §6). */
  readonly pairA: Float64Array;
  /** costPerKm × distance. */
  readonly pairCost: Float64Array;
  readonly genStart: Int32Array;
  readonly genPairs: Int32Array;
  /** Pairs that satisfy the eligibility rules of DESIGN §6, before dropping unprofitable ones. */
  readonly eligibleCount: number;
}

/** Growable Int32/Float64 buffers: pair counts are unknown up front and can reach millions. */
class Buffers {
  gen = new Int32Array(1024);
  fac = new Int32Array(1024);
  dist = new Float64Array(1024);
  length = 0;
  push(g: number, f: number, d: number): void {
    if (this.length === this.gen.length) {
      const cap = this.length * 2;
      const gen = new Int32Array(cap); gen.set(this.gen); this.gen = gen;
      const fac = new Int32Array(cap); fac.set(this.fac); this.fac = fac;
      const dist = new Float64Array(cap); dist.set(this.dist); this.dist = dist;
    }
    this.gen[this.length] = g; this.fac[this.length] = f; this.dist[this.length] = d;
    this.length++;
  }
}

interface LatBucket { ids: Int32Array; lons: Float64Array }

/** Facilities bucketed into latitude strips, each sorted by longitude, for range queries. */
function bucketFacilities(problem: AllocationProblem, candidate: (f: number) => boolean, heightDeg: number): LatBucket[] {
  const nb = Math.max(1, Math.ceil(180 / heightDeg));
  const lists: number[][] = Array.from({ length: nb }, () => []);
  problem.facilities.forEach((fac, f) => {
    if (candidate(f)) lists[Math.min(nb - 1, Math.floor((fac.lat + 90) / heightDeg))]!.push(f);
  });
  return lists.map((list) => {
    list.sort((a, b) => problem.facilities[a]!.lon - problem.facilities[b]!.lon);
    return { ids: Int32Array.from(list), lons: Float64Array.from(list, (f) => problem.facilities[f]!.lon) };
  });
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (a[mid]! < x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Longitude ranges (degrees) that contain every point within angular radius r of (lat, lon). */
function lonRanges(latDeg: number, lonDeg: number, r: number): [number, number][] {
  const lat = (latDeg * Math.PI) / 180;
  // The cap contains a pole, or is wider than the parallel: no longitude restriction.
  if (lat + r >= Math.PI / 2 || lat - r <= -Math.PI / 2) return [[-180, 180]];
  const s = Math.sin(r) / Math.cos(lat);
  if (s >= 1) return [[-180, 180]];
  const d = (Math.asin(s) * 180) / Math.PI + 1e-9;
  const lo = lonDeg - d, hi = lonDeg + d;
  const out: [number, number][] = [[Math.max(-180, lo), Math.min(180, hi)]];
  if (lo < -180) out.push([lo + 360, 180]);
  if (hi > 180) out.push([-180, hi - 360]);
  return out;
}

/** Builds the eligible pairs (DESIGN §6) with a latitude-strip grid, dropping pairs that can never add value. */
export function buildPairs(problem: AllocationProblem): PairSet {
  const { generators, facilities, params } = problem;
  const nGen = generators.length, nFac = facilities.length;
  const deficit = Float64Array.from(facilities, (f) => Math.max(0, f.criticalLoadKw - f.backupKw));
  const weight = Float64Array.from(facilities, (f) => f.weight);
  const rating = Float64Array.from(generators, (g) => g.ratingKw);
  const r = params.maxDistanceKm / EARTH_RADIUS_KM;
  const rDeg = (r * 180) / Math.PI;
  const heightDeg = Math.min(180, Math.max(0.25, rDeg / 2));
  const buckets = bucketFacilities(problem, (f) => deficit[f]! > 0, heightDeg);
  const buf = new Buffers();
  let eligibleCount = 0;
  for (let g = 0; g < nGen; g++) {
    const gen = generators[g]!;
    const minCritical = params.minLoadRatio * gen.ratingKw;
    const b0 = Math.max(0, Math.floor((gen.lat - rDeg - 1e-9 + 90) / heightDeg));
    const b1 = Math.min(buckets.length - 1, Math.floor((gen.lat + rDeg + 1e-9 + 90) / heightDeg));
    const ranges = lonRanges(gen.lat, gen.lon, r);
    for (let b = b0; b <= b1; b++) {
      const { ids, lons } = buckets[b]!;
      for (const [lo, hi] of ranges) {
        for (let i = lowerBound(lons, lo); i < ids.length && lons[i]! <= hi; i++) {
          const f = ids[i]!;
          const fac = facilities[f]!;
          if (minCritical > fac.criticalLoadKw) continue;
          const d = haversineKm(gen.lat, gen.lon, fac.lat, fac.lon);
          if (d > params.maxDistanceKm) continue;
          eligibleCount++;
          // A pair whose best possible contribution w·min(r, D) does not beat its transport cost
          // never improves a plan, so dropping it changes neither the optimum nor the bound's validity.
          if (weight[f]! * Math.min(gen.ratingKw, deficit[f]!) - params.costPerKm * d <= 0) continue;
          buf.push(g, f, d);
        }
      }
    }
  }
  return indexPairs(buf, nGen, nFac, params, deficit, weight, rating, eligibleCount);
}

function indexPairs(
  buf: Buffers, nGen: number, nFac: number, params: AllocationProblem['params'],
  deficit: Float64Array, weight: Float64Array, rating: Float64Array, eligibleCount: number,
): PairSet {
  const n = buf.length;
  const facStart = new Int32Array(nFac + 1);
  for (let i = 0; i < n; i++) facStart[buf.fac[i]! + 1]!++;
  for (let f = 0; f < nFac; f++) facStart[f + 1]! += facStart[f]!;
  const fill = facStart.slice(0, nFac);
  const pairGen = new Int32Array(n), pairFac = new Int32Array(n);
  const pairA = new Float64Array(n), pairCost = new Float64Array(n);
  const genStart = new Int32Array(nGen + 1);
  for (let i = 0; i < n; i++) {
    const f = buf.fac[i]!, g = buf.gen[i]!;
    const p = fill[f]!++;
    pairGen[p] = g; pairFac[p] = f;
    pairA[p] = Math.min(rating[g]!, deficit[f]!);
    pairCost[p] = params.costPerKm * buf.dist[i]!;
    genStart[g + 1]!++;
  }
  for (let g = 0; g < nGen; g++) genStart[g + 1]! += genStart[g]!;
  const gfill = genStart.slice(0, nGen);
  const genPairs = new Int32Array(n);
  for (let p = 0; p < n; p++) genPairs[gfill[pairGen[p]!]!++] = p;
  return {
    nGen, nFac, k: params.maxGeneratorsPerFacility, deficit, weight, rating,
    facStart, pairGen, pairFac, pairA, pairCost, genStart, genPairs, eligibleCount,
  };
}
