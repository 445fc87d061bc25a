import type { AllocationPlan, AllocationProblem, SolveProgress } from './allocation.types.js';
import { LagrangianDual } from './dual-prices.js';
import { buildPairs, type PairSet } from './eligible-pairs.js';
import { greedyFill } from './greedy.js';
import { runHighs, type HighsModule } from './highs-model.js';
import { lagrangianBound } from './lagrangian-bound.js';
import { localSearch } from './local-search.js';
import { matchingStep } from './matching-lns.js';
import { PlanState } from './plan-state.js';
import { ProgressReporter } from './progress.js';
import { randomInt, seededRandom } from './random.js';

export interface SolveOptions {
  /** Wall-clock budget; the solver usually stops well before it. Default 30 s. */
  readonly timeLimitSeconds?: number;
  /** Called when a phase starts and at most every 250 ms of solve time between (see ProgressReporter). */
  readonly onProgress?: (p: SolveProgress) => void;
  /** Polled often; when it returns true the solver returns its best plan so far. */
  readonly shouldStop?: () => boolean;
  /** The loaded `highs` runtime: enables the exact MIP on small instances. */
  readonly highs?: HighsModule;
  readonly seed?: number;
}

/** Instances up to this many (profitable) pairs go to HiGHS when our bound does not close the gap. */
const HIGHS_MAX_PAIRS = 2500;
/** Relative gap at which a plan counts as optimal. */
const OPTIMAL_GAP = 1e-6;

/** Solves DESIGN §6's generator allocation: a plan plus a proven upper bound on the optimum. */
export function solveAllocation(problem: AllocationProblem, options: SolveOptions = {}): AllocationPlan {
  const t0 = performance.now();
  const limitMs = (options.timeLimitSeconds ?? 30) * 1000;
  const stop = (): boolean => options.shouldStop?.() ?? false;
  const ps = buildPairs(problem);
  const state = new PlanState(ps);
  let upper = Infinity;
  const progress = new ProgressReporter(t0, options.onProgress);
  progress.watch(state);
  const gapClosed = (): boolean => upper - state.objective <= OPTIMAL_GAP * Math.max(1, Math.abs(state.objective));
  if (ps.pairGen.length > 0) {
    const seed = options.seed ?? 1;
    progress.enter('greedy');
    improvePlan(state, t0 + 0.2 * limitMs, stop, seed, progress, 'local search');
    progress.enter('bound');
    // The bound takes what the plan left of 65 % of the limit, scaled to the size (it stops early
    // once the gap is closed): its iterations are cheap, and at scale more of them is what tightens it.
    const boundBudget = 500 + ps.pairGen.length * 0.012;
    const prices = new Float64Array(ps.nGen);
    upper = lagrangianBound(ps, {
      deadline: Math.min(t0 + 0.65 * limitMs, performance.now() + boundBudget),
      lowerBound: state.objective, initialLambda: marginalValues(state), shouldStop: stop,
      targetGap: OPTIMAL_GAP, bestLambda: prices,
      onBound: (bound) => progress.proven(bound), onClock: (now) => progress.tick(now),
    });
    if (!gapClosed() && !stop()) {
      const guided = planFromPrices(ps, prices);
      progress.watch(guided);
      improvePlan(guided, t0 + 0.95 * limitMs, stop, seed, progress, 'guided plan');
      if (guided.recompute() > state.recompute()) adopt(state, guided.pairs());
      progress.watch(state);
    }
    if (options.highs && !gapClosed() && ps.pairGen.length <= HIGHS_MAX_PAIRS && !stop()) {
      progress.enter('exact');
      exactSolve(options.highs, ps, state, t0 + limitMs, stop, progress, (ub) => { upper = Math.min(upper, ub); });
    }
  } else {
    upper = 0;
  }
  const objective = state.recompute();
  progress.proven(upper);
  progress.flush();
  const assignments = state.pairs().map((p) => ({
    generatorId: problem.generators[ps.pairGen[p]!]!.id,
    facilityId: problem.facilities[ps.pairFac[p]!]!.id,
  }));
  return { assignments, objective, upperBound: Math.max(upper, objective), seconds: (performance.now() - t0) / 1000 };
}

/**
 * Greedy start, then local search alternated with matching steps until they stall or time runs out.
 * The search after the greedy start is reported as `searchPhase`.
 */
function improvePlan(state: PlanState, deadline: number, stop: () => boolean, seed: number, progress: ProgressReporter, searchPhase: string): void {
  const rand = seededRandom(seed);
  const onClock = (now: number): void => progress.tick(now);
  greedyFill(state);
  progress.enter(searchPhase);
  if (!localSearch(state, { deadline, shouldStop: stop, onClock })) return;
  let stalls = 0;
  while (stalls < 6 && performance.now() < deadline && !stop()) {
    if (matchingStep(state, deadline, (n) => randomInt(rand, n), onClock)) {
      stalls = 0;
      if (!localSearch(state, { deadline, shouldStop: stop, onClock })) break;
    } else {
      stalls++;
    }
  }
}

/**
 * A Lagrangian heuristic: each facility's own best set at the bound's prices, conflicts over a
 * generator settled in favour of the most profitable pair. Near good prices these sets nearly fit
 * together, so the plan grown from them (then filled and improved as usual) beats improving the
 * greedy plan alone on large instances.
 */
function planFromPrices(ps: PairSet, prices: Float64Array): PlanState {
  const chosen = new LagrangianDual(ps, prices).chosenPairs();
  const profit = (p: number): number => ps.weight[ps.pairFac[p]!]! * ps.pairA[p]! - ps.pairCost[p]! - prices[ps.pairGen[p]!]!;
  chosen.sort((a, b) => profit(b) - profit(a));
  const state = new PlanState(ps);
  for (const p of chosen) {
    if (state.genPair[ps.pairGen[p]!]! < 0 && !state.isFull(ps.pairFac[p]!) && state.addGain(p) > 0) state.add(p);
  }
  return state;
}

/** Replaces the plan in `state` by the given pairs. */
function adopt(state: PlanState, pairs: readonly number[]): void {
  for (const p of state.pairs()) state.remove(p);
  for (const p of pairs) state.add(p);
  state.recompute();
}

/**
 * Each generator's loss if removed from the plan: near the optimal prices when generators are scarce,
 * so the subgradient starts close instead of from the very loose L(0).
 */
function marginalValues(state: PlanState): Float64Array {
  const lambda = new Float64Array(state.ps.nGen);
  state.genPair.forEach((p, g) => { if (p >= 0) lambda[g] = Math.max(0, -state.removeGain(p)); });
  return lambda;
}

/**
 * Exact MIP with HiGHS, warm-started from our plan; adopts its plan if better and its bound. HiGHS's
 * incumbents and bounds are reported as it calls back (a few times a second; it blocks the thread between).
 */
function exactSolve(highs: HighsModule, ps: PairSet, state: PlanState, deadline: number, stop: () => boolean, progress: ProgressReporter, onBound: (ub: number) => void): void {
  const res = runHighs(highs, ps, {
    timeLimitSeconds: Math.max(0.05, (deadline - performance.now()) / 1000), start: state.pairs(), shouldStop: stop,
    onCheckpoint: (incumbent, dualBound) => { progress.found(incumbent); progress.proven(dualBound); progress.tick(performance.now()); },
  });
  if (res.status === 'error') return;
  onBound(res.upperBound);
  if (res.pairs.length === 0 && res.status !== 'optimal') return;
  const candidate = new PlanState(ps);
  for (const p of res.pairs) candidate.add(p);
  if (candidate.recompute() > state.recompute()) adopt(state, res.pairs);
}
