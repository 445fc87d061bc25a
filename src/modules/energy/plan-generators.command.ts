import { readFile, writeFile } from 'node:fs/promises';
import type { AllocationPlan, SolveProgress } from '../../engine/allocation/allocation.types.js';
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

/** Solve time between two progress lines within a phase. */
export const PROGRESS_LINE_SECONDS = 2;

/**
 * The solver's progress as lines for a person (or a log) to read: the solver reports up to four times a second
 * (for the progress of a plan job and the in-progress plan shown by the API), far more than anyone reads, so a
 * line is written when a phase starts and then at most every PROGRESS_LINE_SECONDS of solve time; the summary
 * after the solve gives the end.
 */
export function progressLines(write: (line: string) => void, everySeconds = PROGRESS_LINE_SECONDS): (p: SolveProgress) => void {
  let phase: string | undefined;
  let lastAt = -Infinity;
  return (p) => {
    if (p.phase === phase && p.elapsed - lastAt < everySeconds) return;
    phase = p.phase;
    lastAt = p.elapsed;
    write(`  ${p.phase.padEnd(12)} objective ${p.objective.toFixed(1)}  bound ${Number.isFinite(p.upperBound) ? p.upperBound.toFixed(1) : '—'}  ${p.elapsed.toFixed(1)} s\n`);
  };
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
      onProgress: progressLines((line) => stderr.write(line)),
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
