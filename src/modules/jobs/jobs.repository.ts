import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { JobRow, JobsTables, JobStatus } from './jobs.tables.js';

/**
 * The jobs table is known to this module alone: the shared DB type does not list it, so queries see it through
 * `withTables` (the same connection or transaction, typed with one more table).
 */
const jobsOf = (db: Kysely<DB>): Kysely<DB & JobsTables> => db.withTables<JobsTables>();

/** Statuses a job can still leave: cancel and the start-up sweep act only on these. */
const LIVE: JobStatus[] = ['queued', 'running'];

export async function insertJob(db: Kysely<DB>, row: JobRow): Promise<void> {
  await jobsOf(db).insertInto('jobs').values(row).execute();
}

export async function findJob(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
  return jobsOf(db).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** queued → running; false when the job was cancelled before it started. */
export async function markRunning(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const r = await jobsOf(db).updateTable('jobs').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface JobProgress {
  readonly done: number;
  readonly total: number | null;
  readonly phase: string;
}

export async function setProgress(db: Kysely<DB>, id: string, progress: JobProgress): Promise<void> {
  await jobsOf(db)
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
  const r = await jobsOf(db)
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

/** Hands the result out once: clears it and stamps the fetch, unless another fetch did so first (then undefined). */
export async function takeResult(db: Kysely<DB>, id: string, at: string): Promise<{ body: string; type: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await jobsOf(trx).selectFrom('jobs').select(['result', 'result_type']).where('id', '=', id).where('result_fetched_at', 'is', null).executeTakeFirst();
    if (row === undefined || row.result === null) return undefined;
    const r = await jobsOf(trx).updateTable('jobs').set({ result: null, result_fetched_at: at }).where('id', '=', id).where('result_fetched_at', 'is', null).executeTakeFirst();
    return r.numUpdatedRows > 0n ? { body: row.result, type: row.result_type ?? 'application/json' } : undefined;
  });
}

/** Fails every live job except those named (the ones this process still runs); returns how many. */
export async function failLiveJobs(db: Kysely<DB>, except: readonly string[], at: string, error: string): Promise<number> {
  let q = jobsOf(db).updateTable('jobs').set({ status: 'failed', finished_at: at, error }).where('status', 'in', LIVE);
  if (except.length > 0) q = q.where('id', 'not in', except);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
