import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { JobRow, JobStatus } from './jobs.tables.js';

/** Statuses a job can still leave: cancel and the start-up sweep act only on these. */
const LIVE: JobStatus[] = ['queued', 'running'];

export async function insertJob(db: Kysely<DB>, row: JobRow): Promise<void> {
  await db.insertInto('jobs').values(row).execute();
}

export async function findJob(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** queued → running; false when the job was cancelled before it started. */
export async function markRunning(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface JobProgress {
  readonly done: number;
  readonly total: number | null;
  readonly phase: string;
}

export async function setProgress(db: Kysely<DB>, id: string, progress: JobProgress): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress_done: progress.done, progress_total: progress.total, progress_phase: progress.phase })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Ends a running (or still queued) job. The condition on the status decides races: a cancel and a finish both
 * update only a live job, so whichever commits first wins and the other changes nothing (false).
 */
export async function finishJob(
  db: Kysely<DB>,
  id: string,
  end: { status: Exclude<JobStatus, 'queued' | 'running'>; at: string; error?: string; result?: { body: string; type: string }; progress?: JobProgress | undefined },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      // The last progress reported, which the throttle may not have written yet.
      ...(end.progress === undefined ? {} : { progress_done: end.progress.done, progress_total: end.progress.total, progress_phase: end.progress.phase }),
      status: end.status,
      finished_at: end.at,
      error: end.error ?? null,
      result: end.result?.body ?? null,
      result_type: end.result?.type ?? null,
    })
    .where('id', '=', id)
    .where('status', 'in', LIVE)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Hands the result out once: clears it and stamps the fetch, unless another fetch did so first (then undefined). Read and clear in one transaction. */
export async function takeResult(trx: Transaction<DB>, id: string, at: string): Promise<{ body: string; type: string } | undefined> {
  const row = await trx.selectFrom('jobs').select(['result', 'result_type']).where('id', '=', id).where('result_fetched_at', 'is', null).executeTakeFirst();
  if (row === undefined || row.result === null) return undefined;
  const r = await trx.updateTable('jobs').set({ result: null, result_fetched_at: at }).where('id', '=', id).where('result_fetched_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows > 0n ? { body: row.result, type: row.result_type ?? 'application/json' } : undefined;
}

/** Fails every live job except those named (the ones this process still runs); returns how many. */
export async function failLiveJobs(db: Kysely<DB>, except: readonly string[], at: string, error: string): Promise<number> {
  let q = db.updateTable('jobs').set({ status: 'failed', finished_at: at, error }).where('status', 'in', LIVE);
  if (except.length > 0) q = q.where('id', 'not in', except);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Clears the results of jobs that finished before `finishedBefore` and were never fetched: a result (a plan, a whole
 * IATI file) is kept a day for its owner, not for ever. `result_fetched_at` stays null, which is how an expired
 * result is told from a fetched one (see jobs.tables.ts). Returns how many were cleared.
 */
export async function clearUnfetchedResults(db: Kysely<DB>, finishedBefore: string): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ result: null, result_type: null })
    .where('status', '=', 'succeeded')
    .where('result', 'is not', null)
    .where('result_fetched_at', 'is', null)
    .where('finished_at', '<', finishedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
