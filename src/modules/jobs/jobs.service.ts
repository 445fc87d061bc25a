import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { findJob, finishJob, takeResult } from './jobs.repository.js';
import { cancelLiveJob, expireJobResults, liveJob, resultExpired, type JobResult } from './jobs.runner.js';
import type { JobRow } from './jobs.tables.js';

/**
 * A job as its owner may see it. Anyone else gets the same 404 as for an id that does not exist, so job ids
 * (and who runs what) do not leak; admins are no exception, as a result may hold what only its owner may see.
 * A job this process runs is read as it stands in memory: on SQLite its writes may hold the one connection.
 */
export async function getOwnJob(database: Database, ctx: CallContext, id: string): Promise<JobRow> {
  const row = liveJob(database, id) ?? (await findJob(database.db, id));
  if (row === undefined || ctx.principal === null || row.owner_user_id !== ctx.principal.userId) throw new AppError('not_found', `No job with id "${id}".`);
  return row;
}

/**
 * Cancels the caller's queued or running job. One this process runs is aborted first and its end awaited: its work
 * stops at its next step and rolls back (on SQLite the one connection may be the job's, so a write from here would
 * wait for the job's commit). Then the end is written, if nothing wrote it: a job no process runs, or work that
 * did not stop in time, whose commit then finds the job ended and rolls back. A job that committed first succeeded.
 */
export async function cancelJob(database: Database, ctx: CallContext, id: string): Promise<JobRow> {
  const row = await getOwnJob(database, ctx, id);
  // Cancelling twice answers the same: the job is cancelled.
  if (row.status === 'cancelled') return row;
  if (row.status === 'queued' || row.status === 'running') {
    await cancelLiveJob(database, id);
    await finishJob(database.db, id, { status: 'cancelled', at: nowIso(), error: 'The job was cancelled.' });
  }
  // The table, not memory: the job's end is written by now, whoever wrote it.
  const now = (await findJob(database.db, id)) ?? row;
  if (now.status === 'cancelled') return now;
  throw new AppError('conflict', now.status === 'succeeded' ? 'This job has already finished: there is nothing to cancel. Its result is kept for you.' : 'This job has already ended: there is nothing to cancel.');
}

/** What fetching a job's result found: the result (handed out now, and never again), or why there is none. */
export type ResultFetch =
  /** `status` is 200, or a failed job's problem's own status (its row errors answer as the request would have). */
  | { readonly kind: 'result'; readonly result: JobResult; readonly status: number }
  | { readonly kind: 'gone'; readonly fetchedAt: string }
  /** Nobody fetched it within its time to live, so it was cleared. */
  | { readonly kind: 'expired'; readonly finishedAt: string };

const problemStatusOf = (result: JobResult): number => {
  const status = (JSON.parse(result.body) as { status?: unknown }).status;
  return typeof status === 'number' ? status : 400;
};

/**
 * The caller's finished job's result, once: a second fetch is `gone`. Not yet finished, cancelled, or failed with
 * nothing more to say than its sentence: 409 with a sentence.
 */
export async function fetchJobResult(database: Database, ctx: CallContext, id: string): Promise<ResultFetch> {
  const row = await getOwnJob(database, ctx, id);
  switch (row.status) {
    case 'queued':
    case 'running':
      throw new AppError('conflict', 'This job has not finished yet; fetch its result when its status is succeeded.');
    case 'failed':
      if (row.result === null && row.result_fetched_at === null) throw new AppError('conflict', `This job failed, so it has no result: ${row.error ?? 'no reason was recorded.'}`);
      break;
    case 'cancelled':
      throw new AppError('conflict', 'This job was cancelled, so it has no result.');
    case 'succeeded':
      break;
  }
  const finishedAt = row.finished_at ?? row.created_at;
  // Past its time to live the result is not handed out even if no sweep has cleared it yet; this clears it now.
  if (row.result !== null && resultExpired(database, finishedAt)) await expireJobResults(database);
  else {
    const result = await withTransaction(database, (trx) => takeResult(trx, id, nowIso()));
    if (result !== undefined) return { kind: 'result', result, status: row.status === 'failed' ? problemStatusOf(result) : 200 };
  }
  const after = await getOwnJob(database, ctx, id);
  return after.result_fetched_at === null ? { kind: 'expired', finishedAt } : { kind: 'gone', fetchedAt: after.result_fetched_at };
}
