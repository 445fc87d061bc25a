import { maxWeightMatching } from './matching.js';
import type { PlanState } from './plan-state.js';

/**
 * Large-neighbourhood step that re-seats many generators at once. Every facility keeps all but one
 * "flexible" slot fixed (an empty slot, or one member picked by `pick`); the free generators and the
 * flexible members are then matched to the flexible slots by an exact maximum-weight bipartite matching.
 * With one flexible slot per facility the matching value is exactly the plan's objective change, so
 * the step never makes the plan worse; it finds the long reassignment chains that single moves miss.
 * Returns true if the plan improved. `onClock` is given the clock each time the matching reads it.
 */
export function matchingStep(state: PlanState, deadline: number, pick: (n: number) => number, onClock?: (now: number) => void): boolean {
  const ps = state.ps;
  const flex = new Int32Array(ps.nFac).fill(-1);
  const fixedGen = new Uint8Array(ps.nGen);
  for (let f = 0; f < ps.nFac; f++) {
    const n = state.facCount[f]!;
    if (n === 0) continue;
    const s = state.slotStart[f]!;
    // Mostly a member is flexible (that is what permutes generators); now and then a facility with
    // room offers its empty slot instead, so a second generator can join a fixed member.
    const choice = n < ps.k && pick(8) === 0 ? -1 : pick(n);
    for (let j = 0; j < n; j++) {
      const q = state.slots[s + j]!;
      if (j === choice) flex[f] = q; else fixedGen[ps.pairGen[q]!] = 1;
    }
  }
  const rows: number[] = [];
  const rowOf = new Int32Array(ps.nGen).fill(-1);
  for (let g = 0; g < ps.nGen; g++) if (!fixedGen[g]) { rowOf[g] = rows.length; rows.push(g); }
  // Base coverage of each facility without its flexible member.
  const base = new Float64Array(ps.nFac);
  for (let f = 0; f < ps.nFac; f++) base[f] = state.facCov[f]! - (flex[f]! >= 0 ? ps.pairA[flex[f]!]! : 0);
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const edgePair: number[] = [];
  rows.forEach((g, r) => {
    for (let i = ps.genStart[g]!; i < ps.genStart[g + 1]!; i++) {
      const p = ps.genPairs[i]!, f = ps.pairFac[p]!;
      // A full facility without a flexible slot cannot take anyone.
      if (flex[f]! < 0 && state.isFull(f)) continue;
      const v = state.value(f, base[f]! + ps.pairA[p]!) - state.value(f, base[f]!) - ps.pairCost[p]!;
      if (v > 0) { cols.push(f); vals.push(v); edgePair.push(p); }
    }
    rowStart[r + 1] = cols.length;
  });
  const match = maxWeightMatching(rows.length, ps.nFac, rowStart, Int32Array.from(cols), Float64Array.from(vals), deadline, onClock);
  if (!match) return false;
  const before = state.objective;
  const oldPairs = rows.map((g) => state.genPair[g]!);
  for (const p of oldPairs) if (p >= 0) state.remove(p);
  const newPairs: number[] = [];
  rows.forEach((_, r) => {
    const f = match[r]!;
    if (f < 0) return;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) if (cols[e] === f) { newPairs.push(edgePair[e]!); break; }
  });
  for (const p of newPairs) state.add(p);
  if (state.objective > before + 1e-9 * Math.max(1, Math.abs(before))) return true;
  // Equal (or, through rounding, a hair worse): keep the old plan.
  for (const p of newPairs) state.remove(p);
  for (const p of oldPairs) if (p >= 0) state.add(p);
  return false;
}
