import { readFile, writeFile } from 'node:fs/promises';
import type { AllocationPlan } from '../../engine/allocation/allocation.types.js';
import { parseProblem, ProblemValidationError } from '../../engine/allocation/validate-problem.js';
import { runSolverInWorker } from './solver-pool.js';

export interface PlanGeneratorsOptions {
  readonly input: string;
  readonly output?: string;
  readonly timeLimitSeconds?: number;
  readonly stderr: NodeJS.WritableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

/** Exit codes: 0 plan written, 1 solver or I/O failure, 2 unreadable or invalid input. */
export async function planGeneratorsCommand(opts: PlanGeneratorsOptions): Promise<number> {
  const { stderr } = opts;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(opts.input, 'utf8'));
  } catch (err) {
    stderr.write(`error: cannot read ${opts.input}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let problem;
  try {
    problem = parseProblem(raw);
  } catch (err) {
    if (!(err instanceof ProblemValidationError)) throw err;
    stderr.write(`error: ${opts.input} is not a valid allocation problem (${err.issues.length} issue(s)):\n`);
    for (const issue of err.issues.slice(0, 50)) stderr.write(`  ${issue.path || '(root)'}: ${issue.message}\n`);
    if (err.issues.length > 50) stderr.write(`  … and ${err.issues.length - 50} more\n`);
    return 2;
  }
  let plan: AllocationPlan;
  try {
    plan = await runSolverInWorker(problem, {
      ...(opts.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: opts.timeLimitSeconds }),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (p) => stderr.write(
        `  ${p.phase.padEnd(12)} objective ${p.objective.toFixed(1)}  bound ${Number.isFinite(p.upperBound) ? p.upperBound.toFixed(1) : '—'}  ${p.elapsed.toFixed(1)} s\n`,
      ),
    });
  } catch (err) {
    stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const gap = plan.upperBound > 0 ? (100 * (plan.upperBound - plan.objective)) / plan.upperBound : 0;
  stderr.write(`${plan.assignments.length} generators assigned, objective ${plan.objective.toFixed(2)}, within ${gap.toFixed(3)} % of optimal, ${plan.seconds.toFixed(2)} s\n`);
  const json = JSON.stringify(plan, null, 2) + '\n';
  if (opts.output) await writeFile(opts.output, json);
  else opts.stdout.write(json);
  return 0;
}
