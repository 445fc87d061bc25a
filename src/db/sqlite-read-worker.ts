/**
 * Worker-thread entry of the SQLite read pool (sqlite-read-pool.ts): one read-only connection to the database
 * file, running the compiled queries it is sent one at a time. better-sqlite3 blocks the thread it runs on;
 * here that is this thread, not the one serving requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { ReadReply, ReadRequest, ReadWorkerData } from './sqlite-read-pool.js';
import { cachedPrepare } from './statement-cache.js';

const port = parentPort;
if (!port) throw new Error('sqlite-read-worker.ts must run in a worker thread');
const data = workerData as ReadWorkerData;

let prepare: ((sql: string) => BetterSqlite3.Statement) | undefined;

/** Opened on the first query, so that a file that cannot be opened fails that query (and the next one tries again) instead of the thread. */
function connection(): (sql: string) => BetterSqlite3.Statement {
  if (prepare !== undefined) return prepare;
  const sqlite = new BetterSqlite3(data.file, { readonly: true, fileMustExist: true });
  // The main connection set WAL when it opened the file (a persistent mode), so readers never wait for the
  // writer and see every commit made before their query began. query_only also refuses any write from here.
  sqlite.pragma('query_only = ON');
  sqlite.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  prepare = cachedPrepare(sqlite);
  return prepare;
}

port.on('message', ({ id, sql, parameters }: ReadRequest) => {
  let reply: ReadReply;
  try {
    const statement = connection()(sql);
    if (!statement.reader) throw new Error('the SQLite read pool runs reads only: send writes to database.db');
    // Integers come back as numbers, as on the main connection (neither turns safeIntegers on).
    reply = { id, rows: statement.all(parameters) };
  } catch (e) {
    const { message, code } = e as { message?: unknown; code?: unknown };
    reply = { id, error: { message: String(message ?? e), ...(typeof code === 'string' ? { code } : {}) } };
  }
  port.postMessage(reply);
});
