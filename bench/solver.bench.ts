import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import highsDefault from 'highs';
import type { AllocationProblem } from '../src/engine/allocation/allocation.types.js';
import { buildPairs } from '../src/engine/allocation/eligible-pairs.js';
import { buildLpModel, runHighs, type HighsModule } from '../src/engine/allocation/highs-model.js';
import { solveAllocation } from '../src/engine/allocation/solve.js';
import { makeInstance, type InstanceSpec } from './allocation-instances.js';

// The ESM build default-exports the loader; TS types it as the CJS module object (see solver-worker.ts).
const highsLoader = highsDefault as unknown as () => Promise<HighsModule>;
const CBC = '/usr/bin/cbc';
const SEED_FILE = new URL('../../shared/data/energy/seed-110x1500.json', import.meta.url);

interface Case {
  readonly name: string;
  readonly problem: () => AllocationProblem;
  readonly highs: boolean;
  readonly cbc: boolean;
  readonly timeLimitSeconds: number;
}

const spec = (s: InstanceSpec): (() => AllocationProblem) => () => makeInstance(s);
const CASES: Case[] = [
  { name: 'seed (shared example)', problem: () => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as AllocationProblem, highs: true, cbc: false, timeLimitSeconds: 10 },
  { name: 'dense', problem: spec({ name: 'dense', generators: 100, facilities: 1500, dense: true, seed: 2 }), highs: true, cbc: false, timeLimitSeconds: 10 },
  { name: 'large', problem: spec({ name: 'large', generators: 400, facilities: 6000, seed: 3 }), highs: true, cbc: true, timeLimitSeconds: 10 },
  {
    name: 'national', problem: spec({ name: 'national', generators: 2000, facilities: 30000, seed: 4, params: { maxDistanceKm: 250 } }),
    highs: false, cbc: false, timeLimitSeconds: 30,
  },
];

const fmt = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '—');

/** HiGHS on the same model in the same run; a fresh Wasm instance each time (its memory never shrinks). */
async function highsBaseline(problem: AllocationProblem, limit: number): Promise<{ seconds: number; objective: number; status: string }> {
  const t0 = performance.now();
  try {
    const highs = await highsLoader();
    const res = runHighs(highs, buildPairs(problem), { timeLimitSeconds: limit });
    return { seconds: (performance.now() - t0) / 1000, objective: res.objective, status: res.status };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { seconds: (performance.now() - t0) / 1000, objective: NaN, status: /memory|alloc|abort/i.test(msg) ? 'out of memory' : `failed: ${msg.slice(0, 40)}` };
  }
}

/** cbc on the LP file of the same model (offline reference for sizes HiGHS-wasm cannot hold). */
function cbcReference(problem: AllocationProblem, limit: number): string {
  if (!existsSync(CBC)) return 'cbc not installed';
  const dir = mkdtempSync(join(tmpdir(), 'cbc-'));
  try {
    writeFileSync(join(dir, 'model.lp'), buildLpModel(buildPairs(problem)));
    const t0 = performance.now();
    execFileSync(CBC, ['model.lp', 'sec', String(limit), 'solve', 'solu', 'out.txt'], { cwd: dir, stdio: 'ignore', timeout: (limit + 120) * 1000 });
    const first = readFileSync(join(dir, 'out.txt'), 'utf8').split('\n')[0] ?? '';
    const m = /^(.*?) - objective value (\S+)/.exec(first);
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    return m ? `${fmt(Number(m[2]))} (${m[1]!.trim()}, ${secs} s)` : `no result (${secs} s)`;
  } catch (err) {
    // cbc can sit in its feasibility pump well past `sec`; the hard timeout ends it.
    return err instanceof Error && /ETIMEDOUT|SIGTERM/.test(err.message) ? `no answer within ${limit + 120} s` : `failed: ${err instanceof Error ? err.message.slice(0, 40) : 'unknown'}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs our solver and the baselines on each size class; returns a markdown section. */
export async function benchSolver(): Promise<string> {
  // Our solver on every case first, smallest to largest, so the peak memory after each is ours alone:
  // HiGHS's WebAssembly memory never shrinks, and its baselines run after.
  const ours = CASES.map((c) => {
    const problem = c.problem();
    const eligible = buildPairs(problem).eligibleCount;
    const plan = solveAllocation(problem, { timeLimitSeconds: c.timeLimitSeconds });
    return { c, problem, eligible, plan, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  });
  const rows: string[] = [];
  for (const { c, problem, eligible, plan, peakMb } of ours) {
    const gap = (100 * (plan.upperBound - plan.objective)) / Math.max(1e-9, plan.upperBound);
    const h = c.highs ? await highsBaseline(problem, 60) : undefined;
    // HiGHS's all-zero start is feasible, so a run that found nothing better reports 0: no comparison then.
    const vsHighs = h && Number.isFinite(h.objective) && h.objective > 0 ? `${((100 * (h.objective - plan.objective)) / h.objective).toFixed(3)} %` : '—';
    const cbc = c.cbc ? cbcReference(problem, 120) : '—';
    // When HiGHS stops at its limit with a plan no better than ours, it is at least that much slower.
    const speedUp = h?.status === 'optimal' ? `${(h.seconds / plan.seconds).toFixed(1)}×` : h !== undefined && h.status === 'time limit' && !(h.objective > plan.objective) ? `> ${(h.seconds / plan.seconds).toFixed(0)}×` : '—';
    rows.push([
      c.name, `${problem.generators.length} × ${problem.facilities.length.toLocaleString('en-US')}`, eligible.toLocaleString('en-US'),
      `${plan.seconds.toFixed(2)} s`, fmt(plan.objective), `${gap.toFixed(3)} %`, `${peakMb.toLocaleString('en-US')} MB`,
      h ? `${h.seconds.toFixed(1)} s` : 'not run', h ? `${fmt(h.objective)} (${h.status})` : '—', vsHighs,
      speedUp, cbc,
    ].join(' | '));
  }
  return [
    '## Generator allocation solver',
    '',
    'Our solver (`solveAllocation`, own method only: greedy and local search, a Lagrangian bound with exact facility subproblems, a plan guided by the bound\'s prices; see docs/solver.md) against HiGHS 1.15 (wasm, one thread, 60 s limit) on the same model in the same run; cbc (Debian coinor-cbc, 120 s) as the offline reference where HiGHS-wasm cannot hold the model. "Proven gap" is (our bound − our objective) / our bound: the plan is at most that far from the optimum. "Peak memory" is the benchmark process\'s peak resident set after our solve of that case (before any HiGHS run).',
    '',
    '| problem | generators × facilities | eligible pairs | our time | our objective | proven gap | peak memory | HiGHS time | HiGHS objective (status) | ours below HiGHS | speed-up | cbc |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}
