import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConsistentProgress, largeAllocationProblem } from '../../../test/support/allocation-progress.js';
import { checkAllocationPlan, type CheckProblem } from '../../../test/support/check-allocation-plan.js';
import type { SolveProgress } from '../../engine/allocation/allocation.types.js';
import { planGeneratorsCommand, PROGRESS_LINE_SECONDS, progressLines } from './plan-generators.command.js';
import { runSolverInWorker } from './solver-pool.js';

const SMALL = new URL('../../../../shared/data/energy/small-20x150.json', import.meta.url);
const SEED = new URL('../../../../shared/data/energy/seed-110x1500.json', import.meta.url);

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => { text += c.toString(); });
  return { stream, text: () => text };
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'plan-generators-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('planGeneratorsCommand', () => {
  it('writes a feasible, optimal plan for a good input', async () => {
    const output = join(dir, 'plan.json');
    const err = sink(), out = sink();
    const code = await planGeneratorsCommand({ input: SMALL.pathname, output, stderr: err.stream, stdout: out.stream, timeLimitSeconds: 20 });
    expect(code).toBe(0);
    const problem = JSON.parse(await readFile(SMALL, 'utf8')) as CheckProblem;
    const plan = JSON.parse(await readFile(output, 'utf8')) as { assignments: []; objective: number; upperBound: number; seconds: number };
    expect(Object.keys(plan).sort()).toEqual(['assignments', 'objective', 'seconds', 'upperBound']);
    expect(checkAllocationPlan(problem, plan)).toBeCloseTo(69451.6936, 3);
    expect(err.text()).toMatch(/greedy.*objective/);
    expect(out.text()).toBe('');
  });

  it('prints the plan on stdout without --output', async () => {
    const err = sink(), out = sink();
    expect(await planGeneratorsCommand({ input: SMALL.pathname, stderr: err.stream, stdout: out.stream })).toBe(0);
    const problem = JSON.parse(await readFile(SMALL, 'utf8')) as CheckProblem;
    checkAllocationPlan(problem, JSON.parse(out.text()) as Parameters<typeof checkAllocationPlan>[1]);
  });

  it('rejects an invalid input naming the item, exit code 2, no output file', async () => {
    const problem = JSON.parse(await readFile(SMALL, 'utf8')) as { facilities: Record<string, unknown>[]; generators: Record<string, unknown>[] };
    problem.facilities[12]!.criticalLoadKw = -3;
    problem.generators[0]!.lat = 'north';
    const input = join(dir, 'bad.json'), output = join(dir, 'bad-plan.json');
    await writeFile(input, JSON.stringify(problem));
    const err = sink(), out = sink();
    expect(await planGeneratorsCommand({ input, output, stderr: err.stream, stdout: out.stream })).toBe(2);
    expect(err.text()).toContain('facilities[12] (id "F13").criticalLoadKw: must be a number ≥ 0');
    expect(err.text()).toContain('generators[0] (id "G1").lat: must be a latitude');
    expect(existsSync(output)).toBe(false);
  });

  it('rejects a file that is not JSON or does not exist', async () => {
    const input = join(dir, 'garbage.json'), output = join(dir, 'garbage-plan.json');
    await writeFile(input, '{ not json');
    const err = sink(), out = sink();
    expect(await planGeneratorsCommand({ input, output, stderr: err.stream, stdout: out.stream })).toBe(2);
    expect(await planGeneratorsCommand({ input: join(dir, 'missing.json'), output, stderr: err.stream, stdout: out.stream })).toBe(2);
    expect(err.text()).toMatch(/cannot read/);
    expect(existsSync(output)).toBe(false);
  });
});

describe('the command\'s progress lines', () => {
  /** Each progress line's phase and solve time (the summary and errors are not progress lines). */
  const linesOf = (text: string) => [...text.matchAll(/^ {2}(\S+) +objective .* ([\d.]+) s$/gm)].map((m) => ({ phase: m[1]!, elapsed: Number(m[2]) }));
  const expectThrottled = (lines: readonly { phase: string; elapsed: number }[]) => {
    for (let i = 1; i < lines.length; i++) {
      const [before, line] = [lines[i - 1]!, lines[i]!];
      if (line.phase === before.phase) expect(line.elapsed - before.elapsed, JSON.stringify(lines)).toBeGreaterThanOrEqual(PROGRESS_LINE_SECONDS - 0.05);
    }
  };

  it('writes a line at each phase change and otherwise at most every 2 s of solve time, from reports 4 times a second', () => {
    let text = '';
    const onProgress = progressLines((line) => (text += line));
    // 10 s of reports every 250 ms: greedy until 1 s, local search until 6.5 s, then the MIP.
    for (let t = 0; t <= 10; t += 0.25) onProgress({ phase: t < 1 ? 'greedy' : t < 6.5 ? 'local_search' : 'mip', objective: 100 + t, upperBound: t < 6.5 ? Infinity : 200, elapsed: t });
    const lines = linesOf(text);
    expect(lines).toEqual([
      { phase: 'greedy', elapsed: 0 },
      { phase: 'local_search', elapsed: 1 },
      { phase: 'local_search', elapsed: 3 },
      { phase: 'local_search', elapsed: 5 },
      { phase: 'mip', elapsed: 6.5 },
      { phase: 'mip', elapsed: 8.5 },
    ]);
    expect(text).toContain('  mip          objective 106.5  bound 200.0  6.5 s\n');
    expect(text).toContain('bound —');
  });

  it('keeps a solve of a few seconds to a few lines (the solver reports several times a second)', async () => {
    const input = join(dir, 'large.json');
    await writeFile(input, JSON.stringify(largeAllocationProblem()));
    const err = sink(), out = sink();
    expect(await planGeneratorsCommand({ input, output: join(dir, 'large-plan.json'), stderr: err.stream, stdout: out.stream, timeLimitSeconds: 3 })).toBe(0);
    const lines = linesOf(err.text());
    expect(lines.length, err.text()).toBeGreaterThanOrEqual(2);
    expectThrottled(lines);
    // Phase starts plus one line per 2 s: far fewer than the solver's reports (at least 6 in 3 s, see below).
    const phases = lines.filter((l, i) => i === 0 || lines[i - 1]!.phase !== l.phase).length;
    expect(lines.length, err.text()).toBeLessThanOrEqual(phases + Math.floor(Math.max(...lines.map((l) => l.elapsed)) / PROGRESS_LINE_SECONDS) + 1);
    expect(err.text()).toMatch(/generators assigned, objective/);
  }, 30_000);
});

describe('runSolverInWorker', () => {
  it('solves in a worker thread, forwarding progress', async () => {
    const problem = JSON.parse(await readFile(SEED, 'utf8')) as CheckProblem & Parameters<typeof runSolverInWorker>[0];
    const phases: string[] = [];
    const plan = await runSolverInWorker(problem, { onProgress: (p) => phases.push(p.phase), timeLimitSeconds: 20 });
    expect(checkAllocationPlan(problem, plan)).toBeCloseTo(721838.8771, 3);
    expect(phases).toContain('greedy');
  });

  it('forwards progress during a solve of a few seconds, not only at phase changes', async () => {
    const problem = largeAllocationProblem();
    const events: SolveProgress[] = [];
    const plan = await runSolverInWorker(problem, { onProgress: (p) => events.push(p), timeLimitSeconds: 3 });
    checkAllocationPlan(problem, plan, 1e-6);
    expect(events.length, JSON.stringify(events)).toBeGreaterThanOrEqual(6);
    // Structured cloning keeps an unknown bound as Infinity: the progress route turns it into null.
    expect(events[0]!.upperBound).toBe(Infinity);
    expect(expectConsistentProgress(events, plan), JSON.stringify(events)).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('cancels through an AbortSignal', async () => {
    const problem = JSON.parse(await readFile(SEED, 'utf8')) as Parameters<typeof runSolverInWorker>[0];
    const controller = new AbortController();
    const started = performance.now();
    const run = runSolverInWorker(problem, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
