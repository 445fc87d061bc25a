import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/tables.js';

/** What an import is doing: reading and checking every row, then writing the good ones. */
export type ImportPhase = 'checking' | 'writing';

/**
 * Rows written in one step of an import's transaction, between two looks at the cancel signal, two progress reports
 * and two turns given to the event loop. A file held in memory is parsed without waiting on anything, and SQLite's
 * driver is synchronous: without these turns a job's import would hold the server (its own progress and cancel
 * requests too) until it ended.
 */
export const IMPORT_STEP_ROWS = 1000;

/**
 * How an import runs: in its request or a command, or as a job (`/api/v1/jobs/:id`). The importer reports rows
 * checked and written, stops at its next step once `signal` fires, and writes only through `write`. As a job, that
 * transaction also records the job's success, and a cancel that came first rolls it back: a cancelled import
 * leaves nothing written.
 */
export interface ImportRun {
  readonly signal: AbortSignal | undefined;
  progress(done: number, total: number | null, phase: ImportPhase): void;
  /** The import's one transaction, resolving with the import's result (as a job, the job's result). */
  write<R>(work: (trx: Kysely<DB>) => Promise<R>): Promise<R>;
}

/** An import that runs where it was asked (a request, a command): one plain transaction; progress to `onProgress`. */
export function inPlace(database: Database, onProgress?: ImportRun['progress']): ImportRun {
  return {
    signal: undefined,
    progress: onProgress ?? (() => undefined),
    write: (work) => database.db.transaction().execute(work),
  };
}

/** Progress for a terminal counting rows read: the writing steps that follow are quick next to the reading. */
export const rowsChecked = (report: (rows: number) => void): ImportRun['progress'] => (done, _total, phase) => {
  if (phase === 'checking') report(done);
};

/**
 * Writes `records` in steps of IMPORT_STEP_ROWS inside the import's transaction, reporting rows written and
 * stopping (the transaction then rolls back) once the signal fires; a step's writes are batched by `store`.
 */
export async function writeInSteps<T>(run: ImportRun, trx: Kysely<DB>, records: readonly T[], store: (trx: Kysely<DB>, step: T[]) => Promise<void>): Promise<void> {
  run.progress(0, records.length, 'writing');
  for (let i = 0; i < records.length; i += IMPORT_STEP_ROWS) {
    await nextTurn();
    run.signal?.throwIfAborted();
    await store(trx, records.slice(i, i + IMPORT_STEP_ROWS));
    run.progress(Math.min(records.length, i + IMPORT_STEP_ROWS), records.length, 'writing');
  }
}

/** Work between two turns given to the event loop: a request needs a few turns, so it waits a few of these. */
const TURN_EVERY_MS = 10;
/** Rows between two looks at the clock: a look costs more than a row's parse, not more than a hundred. */
const ROWS_PER_LOOK = 100;
const lastTurn = new WeakMap<ImportRun, number>();

/**
 * Called per row read. Every 10 ms of work it gives the event loop a turn (a request in flight, a poll of the job's
 * progress or its Cancel, needs several turns to be answered), stops if the signal fired, and reports rows checked.
 */
export async function checkedRow(run: ImportRun, rows: number): Promise<void> {
  if (rows % ROWS_PER_LOOK !== 0) return;
  const now = performance.now();
  if (now - (lastTurn.get(run) ?? 0) < TURN_EVERY_MS) return;
  await nextTurn();
  lastTurn.set(run, performance.now());
  run.signal?.throwIfAborted();
  run.progress(rows, null, 'checking');
}
