import { describe, expect, it } from 'vitest';
import type { SolveProgress } from './allocation.types.js';
import { ProgressReporter, REPORT_EVERY_MS } from './progress.js';

function reporter(): { progress: ProgressReporter; events: SolveProgress[]; t0: number } {
  const events: SolveProgress[] = [];
  const t0 = performance.now();
  return { progress: new ProgressReporter(t0, (p) => events.push(p)), events, t0 };
}

describe('ProgressReporter', () => {
  it('reports a phase at once, then at most every REPORT_EVERY_MS on the clock it is given', () => {
    const { progress, events, t0 } = reporter();
    progress.enter('greedy');
    expect(events).toHaveLength(1);
    const at = events[0]!.elapsed * 1000 + t0;
    progress.tick(at + REPORT_EVERY_MS - 1);
    expect(events).toHaveLength(1);
    progress.tick(at + REPORT_EVERY_MS);
    progress.tick(at + REPORT_EVERY_MS + 1);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ phase: 'greedy' });
    expect(events[1]!.elapsed - events[0]!.elapsed).toBeCloseTo(REPORT_EVERY_MS / 1000, 9);
  });

  it('ignores values that are not numbers of a plan or a bound (HiGHS says +∞ before its first plan)', () => {
    const { progress, events } = reporter();
    progress.found(Infinity);
    progress.found(NaN);
    progress.proven(NaN);
    progress.proven(-Infinity);
    progress.enter('exact');
    expect(events[0]).toMatchObject({ phase: 'exact', objective: 0, upperBound: Infinity });
  });

  it('keeps the best objective and bound, follows the watched plan, and never shows a bound below the objective', () => {
    const { progress, events } = reporter();
    const plan = { objective: 10 };
    progress.watch(plan);
    progress.proven(50);
    progress.enter('local search');
    plan.objective = 20;
    progress.proven(60);
    progress.enter('bound');
    // A new plan that starts worse does not lower what was found.
    progress.watch({ objective: 5 });
    progress.proven(19.9999999);
    progress.enter('guided plan');
    expect(events.map(({ objective, upperBound }) => ({ objective, upperBound }))).toEqual([
      { objective: 10, upperBound: 50 },
      { objective: 20, upperBound: 50 },
      { objective: 20, upperBound: 20 },
    ]);
  });

  it('at the end, reports only what the last report did not show', () => {
    const { progress, events } = reporter();
    const plan = { objective: 10 };
    progress.watch(plan);
    progress.enter('exact');
    progress.flush();
    expect(events).toHaveLength(1);
    progress.proven(12);
    progress.flush();
    plan.objective = 11;
    progress.flush();
    expect(events.map(({ phase, objective, upperBound }) => ({ phase, objective, upperBound }))).toEqual([
      { phase: 'exact', objective: 10, upperBound: Infinity },
      { phase: 'exact', objective: 10, upperBound: 12 },
      { phase: 'exact', objective: 11, upperBound: 12 },
    ]);
  });

  it('does nothing without a listener', () => {
    const progress = new ProgressReporter(performance.now());
    expect(() => { progress.enter('greedy'); progress.tick(performance.now() + 1000); }).not.toThrow();
  });
});
