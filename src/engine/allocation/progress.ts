import type { SolveProgress } from './allocation.types.js';

/** Least solve time between two reports within a phase (a phase change always reports). */
export const REPORT_EVERY_MS = 250;

/** A plan the solver is improving: the reporter reads its objective only when it reports. */
export interface WatchedPlan {
  readonly objective: number;
}

/**
 * The solver's progress reports, with the best objective and the best proven bound so far: when a phase
 * starts, at most every REPORT_EVERY_MS between, and at the end if the last values were not shown. Hot loops call `tick(now)` where they already
 * read the clock (every few dozen iterations), so reporting costs them one comparison; a report is the
 * only allocation. Both values only ever improve: a report never shows a worse plan or a looser bound
 * than an earlier one, and never a bound below the objective (a bound proven to within rounding).
 */
export class ProgressReporter {
  private phase = 'starting';
  /** The empty plan is always feasible, with objective 0. */
  private best = 0;
  private bound = Infinity;
  private watched: WatchedPlan | undefined;
  private nextAt: number;
  /** What the last report showed, so `flush` reports only news. */
  private shownObjective = NaN;
  private shownBound = NaN;

  constructor(private readonly t0: number, private readonly onProgress?: (p: SolveProgress) => void) {
    this.nextAt = t0 + REPORT_EVERY_MS;
  }

  /** Follows this plan's objective from now on (the best seen so far is kept). */
  watch(plan: WatchedPlan): void {
    this.found(this.watched?.objective ?? 0);
    this.watched = plan;
  }

  /** A plan of this objective exists. Infinite or NaN values (HiGHS reports +∞ before its first plan) are ignored. */
  found(objective: number): void {
    if (Number.isFinite(objective) && objective > this.best) this.best = objective;
  }

  /** The optimum is proven to be at most `bound`. Infinite or NaN values are ignored. */
  proven(bound: number): void {
    if (Number.isFinite(bound) && bound < this.bound) this.bound = bound;
  }

  /** A phase starts: reports at once. */
  enter(phase: string): void {
    this.phase = phase;
    this.report(performance.now());
  }

  /** Reports if REPORT_EVERY_MS passed since the last report; `now` is a performance.now() the caller already read. */
  tick(now: number): void {
    if (now >= this.nextAt) this.report(now);
  }

  /** At the end of a solve: reports if the objective or the bound improved since the last report. */
  flush(): void {
    if (this.watched) this.found(this.watched.objective);
    if (this.best !== this.shownObjective || this.bound !== this.shownBound) this.report(performance.now());
  }

  private report(now: number): void {
    this.nextAt = now + REPORT_EVERY_MS;
    if (!this.onProgress) return;
    if (this.watched) this.found(this.watched.objective);
    this.shownObjective = this.best;
    this.shownBound = this.bound;
    this.onProgress({
      phase: this.phase, objective: this.best, upperBound: Math.max(this.bound, this.best), elapsed: (now - this.t0) / 1000,
    });
  }
}
