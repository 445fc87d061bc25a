import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import type { DB } from '../../db/tables.js';
import { AppError, problemOf } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { clearUnfetchedResults, failLiveJobs, finishJob, insertJob, markRunning, setProgress, type JobProgress } from './jobs.repository.js';
import type { JobRow } from './jobs.tables.js';

/** What a finished job hands its owner once: a media type and the body (a plan as JSON, an export's file). */
export interface JobResult {
  readonly type: string;
  readonly body: string;
}

/** What a job's work is given: its cancel signal, a progress callback, and the one way to write. */
export interface JobControl {
  readonly id: string;
  /** Aborted when the owner cancels or the server stops: stop soon, write nothing. */
  readonly signal: AbortSignal;
  /** Cheap to call per row: the stored progress is refreshed at most every `progressEveryMs`. */
  progress(done: number, total: number | null, phase: string): void;
  /**
   * Runs the job's writes in one transaction that also records the job's success and result. A cancel that
   * committed first makes the transaction roll back (nothing written); a cancel arriving later finds the job
   * finished. Call it at most once, as the work's last step; the work then returns undefined.
   */
  commit<T>(write: (trx: Kysely<DB>) => Promise<T>, present: (value: T) => JobResult): Promise<T>;
}

/** A job's work: returns its result, or undefined when it ended through `commit`. */
export type JobWork = (job: JobControl) => Promise<JobResult | undefined>;

export interface JobRunnerOptions {
  /** The least time between two progress writes of one job (a write per row would cost more than the work). */
  readonly progressEveryMs: number;
  /** Told about failures that are not the user's (their job shows a general sentence instead). */
  readonly onError: (error: unknown, jobId: string) => void;
  /** Jobs one user may have queued or running at once: each holds memory and a share of two cores. */
  readonly maxPerOwner: number;
  /** How long a finished job's result waits for its owner: then it is cleared, and a fetch answers 410. */
  readonly resultTtlMs: number;
}

/** A day: long enough to come back to an export the next morning, short enough not to hoard plans and files. */
export const RESULT_TTL_MS = 24 * 60 * 60 * 1000;

/** Said about jobs a stopped server left unfinished, at its stop or at the next start. */
export const STOPPED_SENTENCE = 'The server stopped while this job ran; start it again.';
const CANCELLED_SENTENCE = 'The job was cancelled.';
const GENERAL_SENTENCE = 'The job failed because of an error on the server; try again, and tell an administrator if it fails again.';

/** What a job's owner may fetch after a failure: the problem, when its sentence does not say all (an import's row errors). */
const PROBLEM_TYPE = 'application/problem+json';
function problemResult(error: unknown): JobResult | undefined {
  if (!(error instanceof AppError) || (error.extra.rowErrors === undefined && error.extra.errors === undefined)) return undefined;
  return { type: PROBLEM_TYPE, body: JSON.stringify(problemOf(error)) };
}

/** The sentence a failed job shows: an AppError's detail is written for users; anything else is not shown. */
export function sentenceOf(error: unknown): string {
  if (error instanceof AppError) return error.detail;
  if (error instanceof Error && error.name === 'AbortError') return CANCELLED_SENTENCE;
  return GENERAL_SENTENCE;
}

const abortError = (): Error => new DOMException('The job was cancelled', 'AbortError');

interface LiveJob {
  /** The job as it stands, kept here while it runs: its owner reads it without waiting on the database. */
  row: JobRow;
  readonly controller: AbortController;
  /** Set by its owner's cancel before the abort, so the work's end is written as cancelled, not failed. */
  cancelled: boolean;
  ended: Promise<void>;
}

/**
 * The jobs this process runs against one database. Work runs in-process (the event loop stays free as long as
 * the work awaits; the optimiser has its own worker thread). The table is the truth once a job has ended; while
 * it runs, this map holds it as it stands (status and latest progress), its abort controller and the promise to
 * wait for. A running job is read from here, not from the table: on SQLite the one connection is the job's own
 * while it writes (an import's transaction takes seconds), and its owner must still see it and cancel it.
 */
class JobRunner {
  readonly live = new Map<string, LiveJob>();
  options: JobRunnerOptions = { progressEveryMs: 500, onError: () => undefined, maxPerOwner: 3, resultTtlMs: RESULT_TTL_MS };

  constructor(private readonly database: Database) {}

  async start(ctx: CallContext, kind: string, work: JobWork): Promise<JobRow> {
    const owner = ctx.principal?.userId;
    if (owner === undefined) throw new AppError('unauthenticated', 'Sign in to run this as a job.');
    const running = [...this.live.values()].filter((j) => j.row.owner_user_id === owner).length;
    if (running >= this.options.maxPerOwner) {
      throw new AppError('conflict', `You already have ${running} jobs running; wait for one to finish or cancel one, then try again.`);
    }
    const row: JobRow = {
      id: newId(), kind, owner_user_id: owner, status: 'queued', progress_done: 0, progress_total: null, progress_phase: 'queued',
      error: null, result: null, result_type: null, result_fetched_at: null, created_at: nowIso(), started_at: null, finished_at: null,
    };
    await insertJob(this.database.db, row);
    // Each start sweeps the results nobody fetched in time: a server that runs for weeks still lets them go.
    await this.expireResults().catch((e: unknown) => this.options.onError(e, row.id));
    const job: LiveJob = { row, controller: new AbortController(), cancelled: false, ended: Promise.resolve() };
    this.live.set(row.id, job);
    // The caller answers 202 before the work takes its first step.
    job.ended = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(job, work)).finally(() => this.live.delete(row.id));
    return row;
  }

  private async run(job: LiveJob, work: JobWork): Promise<void> {
    const db = this.database.db;
    const { id } = job.row;
    const { signal } = job.controller;
    const startedAt = nowIso();
    if (!(await markRunning(db, id, startedAt))) return;
    job.row = { ...job.row, status: 'running', started_at: startedAt };
    const progress = this.throttledProgress(job);
    let committed = false;
    const control: JobControl = {
      id,
      signal,
      progress: progress.report,
      commit: async (write, present) => {
        if (committed) throw new Error('a job commits once');
        const value = await withTransaction(this.database, async (trx) => {
          const v = await write(trx);
          signal.throwIfAborted();
          if (!(await finishJob(trx, id, { status: 'succeeded', at: nowIso(), result: present(v), progress: progress.latest() }))) throw abortError();
          return v;
        });
        committed = true;
        return value;
      },
    };
    try {
      const result = await work(control);
      if (committed) return;
      if (result === undefined) throw new Error(`job ${id} ended without a result and without commit`);
      signal.throwIfAborted();
      await finishJob(db, id, { status: 'succeeded', at: nowIso(), result, progress: progress.latest() });
    } catch (error) {
      // A stop wrote the job's end before aborting, and a cancel may have: this then changes nothing (the job is not live).
      if (!(error instanceof AppError) && !signal.aborted) this.options.onError(error, id);
      const problem = problemResult(error);
      const status = job.cancelled ? 'cancelled' : 'failed';
      await finishJob(db, id, { status, at: nowIso(), error: job.cancelled ? CANCELLED_SENTENCE : sentenceOf(error), ...(problem === undefined || job.cancelled ? {} : { result: problem }), progress: progress.latest() }).catch((e: unknown) => this.options.onError(e, id));
    } finally {
      progress.stop();
    }
  }

  /** Progress writes: the first at once, then at most one per interval, always the latest value, in order. */
  private throttledProgress(job: LiveJob): { report: JobControl['progress']; latest: () => JobProgress; stop: () => void } {
    const { id } = job.row;
    // The live row holds the latest progress: what its owner reads, and what is written here.
    const latest = (): JobProgress => ({ done: job.row.progress_done, total: job.row.progress_total, phase: job.row.progress_phase });
    let lastWrite = 0;
    let timer: NodeJS.Timeout | undefined;
    let writes = Promise.resolve();
    const flush = (): void => {
      timer = undefined;
      lastWrite = Date.now();
      const p = latest();
      writes = writes.then(() => setProgress(this.database.db, id, p)).catch((e: unknown) => this.options.onError(e, id));
    };
    return {
      report: (done, total, phase) => {
        job.row = { ...job.row, progress_done: done, progress_total: total, progress_phase: phase };
        if (timer === undefined) timer = setTimeout(flush, Math.max(0, lastWrite + this.options.progressEveryMs - Date.now()));
      },
      latest,
      stop: () => clearTimeout(timer),
    };
  }

  /** Finished jobs whose results are older than this were never fetched in time. */
  expiredBefore(): string {
    return new Date(Date.now() - this.options.resultTtlMs).toISOString();
  }

  /** Clears every result nobody fetched within the time to live; returns how many. */
  expireResults(): Promise<number> {
    return clearUnfetchedResults(this.database.db, this.expiredBefore());
  }

  /**
   * Stops a job this process runs at its owner's request: its work stops at its next step and its end is written
   * as cancelled; a commit already under way finishes first (then the job succeeded). Waits for its end, at most
   * `graceMs` (work that never looks at its signal is then ended by the caller's write).
   */
  async cancel(id: string, graceMs: number): Promise<void> {
    const job = this.live.get(id);
    if (job === undefined) return;
    job.cancelled = true;
    job.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  /** A job this process runs, as it stands now. */
  liveRow(id: string): JobRow | undefined {
    return this.live.get(id)?.row;
  }

  /** At shutdown: every live job is failed with the stop sentence (first, so a commit in flight rolls back), aborted, and awaited. */
  async stopAll(): Promise<void> {
    const jobs = [...this.live.entries()];
    await Promise.all(jobs.map(([id]) => finishJob(this.database.db, id, { status: 'failed', at: nowIso(), error: STOPPED_SENTENCE })));
    for (const [, job] of jobs) job.controller.abort();
    await Promise.all(jobs.map(([, job]) => job.ended));
  }
}

const runners = new WeakMap<Database, JobRunner>();

function runnerOf(database: Database): JobRunner {
  let runner = runners.get(database);
  if (runner === undefined) {
    runner = new JobRunner(database);
    runners.set(database, runner);
  }
  return runner;
}

/** Sets how this process runs jobs against a database (the server passes its logger; tests a short interval). */
export function configureJobs(database: Database, options: Partial<JobRunnerOptions>): void {
  const runner = runnerOf(database);
  runner.options = { ...runner.options, ...options };
}

/**
 * Starts `work` as a job owned by the caller and returns the queued job at once (answer it with `acceptedJob`).
 * The work runs in this process with an AbortSignal that cancel fires; it reports progress through
 * `job.progress(done, total, phase)` and writes only through `job.commit(trx => …, present)`, so a cancelled job
 * leaves nothing written. What it throws becomes the job's error: an AppError's detail as written, anything
 * else as a general sentence. An import route, for instance:
 *
 *   const job = await startJob(database, contextOf(req), 'facility_import', async (job) => {
 *     const rows = await validateAll(file, { signal: job.signal, onRow: (n) => job.progress(n, null, 'checking') });
 *     await job.commit((trx) => writeRows(trx, ctx, rows), (r) => jsonResult(r));
 *     return undefined;
 *   });
 *   return acceptedJob(reply, job);
 */
export function startJob(database: Database, ctx: CallContext, kind: string, work: JobWork): Promise<JobRow> {
  return runnerOf(database).start(ctx, kind, work);
}

/** A JSON value as a job's result. */
export const jsonResult = (value: unknown): JobResult => ({ type: 'application/json; charset=utf-8', body: JSON.stringify(value) });

/** How long a cancel waits for a job's work to stop before writing its end itself. */
const CANCEL_GRACE_MS = 10_000;

/** Cancels a job this process runs and waits for its end (see JobRunner.cancel); does nothing for any other. */
export const cancelLiveJob = (database: Database, id: string): Promise<void> => runnerOf(database).cancel(id, CANCEL_GRACE_MS);

/** A job this process runs, as it stands (status and latest progress), without a read of the table. */
export const liveJob = (database: Database, id: string): JobRow | undefined => runnerOf(database).liveRow(id);

/** Fails, aborts and awaits every job this process runs (server shutdown). */
export const stopJobs = (database: Database): Promise<void> => runnerOf(database).stopAll();

/**
 * At start: jobs the table shows queued or running that this process does not run were left by a server that
 * stopped (a crash, a kill): they fail with a sentence saying so. One process serves a database (DESIGN §2);
 * with several, this would fail the others' jobs. The same sweep clears results nobody fetched within a day.
 * Returns how many jobs it failed.
 */
export async function failInterruptedJobs(database: Database): Promise<number> {
  const runner = runnerOf(database);
  const failed = await failLiveJobs(database.db, [...runner.live.keys()], nowIso(), STOPPED_SENTENCE);
  await runner.expireResults();
  return failed;
}

/** Clears the results nobody fetched within their time to live (the sweep at start and at each job's start does it too). */
export const expireJobResults = (database: Database): Promise<number> => runnerOf(database).expireResults();

/** Whether a job that finished at `finishedAt` has outlived its result's time to live. */
export const resultExpired = (database: Database, finishedAt: string): boolean => finishedAt < runnerOf(database).expiredBefore();
