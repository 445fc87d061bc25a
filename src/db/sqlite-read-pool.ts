import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import {
  SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type DatabaseIntrospector, type Dialect, type Driver, type Kysely, type QueryResult,
} from 'kysely';
import { workerEntry } from '../worker-entry.js';
import { READ_WORKER_LOST } from './unavailable.js';

/** Data handed to sqlite-read-worker.ts. */
export interface ReadWorkerData {
  readonly file: string;
  readonly busyTimeoutMs: number;
}

/** One compiled query, from the pool to a worker. */
export interface ReadRequest {
  readonly id: number;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A worker's answer: the rows (structured clone) or the error SQLite raised, with its code. */
export type ReadReply =
  | { readonly id: number; readonly rows: unknown[] }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

export interface SqliteReadPoolOptions {
  /** The database file (never ':memory:': a worker cannot see another connection's memory database). */
  readonly file: string;
  /** Most worker threads, each with its own connection; started one by one as reads queue up. */
  readonly size: number;
  readonly busyTimeoutMs?: number;
}

interface Task {
  readonly request: ReadRequest;
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  task: Task | undefined;
  /** What the thread threw before it exited, to name in the error of its query. */
  failure: Error | undefined;
}

/**
 * Runs reads of a SQLite file on worker threads, each with its own read-only connection, so a read that takes
 * seconds at national scale never holds up the event loop. Writes stay on the main connection, serialised and
 * short; with WAL, readers and the writer do not wait for each other. Threads start on the first reads (none
 * for a command that never reads heavily) and hold the process open only while they run a query.
 */
export class SqliteReadPool {
  #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(private readonly options: SqliteReadPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`SqliteReadPool: size must be a positive integer (got ${options.size})`);
  }

  /** The rows of one read statement; rejects with SQLite's error (its code kept), or READ_WORKER_LOST when the thread died meanwhile. */
  query(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.#queue.push({ request: { id: this.#nextId++, sql, parameters }, resolve, reject });
      this.#dispatch();
    });
  }

  /** The threads running now (for tests and diagnostics). */
  get threads(): readonly Worker[] {
    return this.#slots.map((s) => s.worker);
  }

  /**
   * Ends every thread; queued and running reads reject at once. A thread inside SQLite ends when that statement
   * returns (better-sqlite3 offers no sqlite3_interrupt, and a thread in native code cannot be stopped), so this
   * resolves after the longest running read, and the process cannot exit before.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(closedError());
    for (const slot of this.#slots) {
      slot.task?.reject(closedError());
      slot.task = undefined;
    }
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    for (let task = this.#queue[0]; task !== undefined; task = this.#queue[0]) {
      const slot = this.#slots.find((s) => s.task === undefined) ?? (this.#slots.length < this.options.size ? this.#start() : undefined);
      if (slot === undefined) return;
      this.#queue.shift();
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  #start(): Slot {
    const workerData: ReadWorkerData = { file: this.options.file, busyTimeoutMs: this.options.busyTimeoutMs ?? 5000 };
    const slot: Slot = { worker: new Worker(workerEntry('sqlite-read-worker', import.meta.url), { workerData }), task: undefined, failure: undefined };
    const { worker } = slot;
    worker.on('message', (reply: ReadReply) => {
      const task = slot.task;
      if (task?.request.id !== reply.id) return;
      slot.task = undefined;
      // An idle reader must not keep a finished command alive; a busy one must (its caller awaits the rows).
      worker.unref();
      if ('rows' in reply) task.resolve(reply.rows);
      else task.reject(reply.error.code === undefined ? new Error(reply.error.message) : new BetterSqlite3.SqliteError(reply.error.message, reply.error.code));
      this.#dispatch();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (code) => {
      this.#slots = this.#slots.filter((s) => s !== slot);
      const task = slot.task;
      slot.task = undefined;
      task?.reject(workerLost(code, slot.failure));
      // The reads still queued get a new thread in its place.
      if (!this.#closed) this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }
}

/** Said to a caller whose read was cut short by the thread's death: the same read may succeed in a moment (503). */
function workerLost(exitCode: number, failure: Error | undefined): Error {
  const why = failure === undefined ? `exit code ${exitCode}` : failure.message;
  return Object.assign(new Error(`A SQLite read worker stopped while running this query (${why}); another takes its place`, failure === undefined ? {} : { cause: failure }), { code: READ_WORKER_LOST });
}

function closedError(): Error {
  return new Error('The database is closed: its SQLite read pool takes no more queries');
}

const NO_TRANSACTIONS = 'The SQLite read pool runs single reads, each on whichever thread is free: run a transaction on database.db';

/** Kysely's driver over the pool: every query is sent on its own; no transactions, no streaming. */
class SqliteReadDriver implements Driver {
  readonly #connection: DatabaseConnection;

  constructor(private readonly pool: SqliteReadPool) {
    this.#connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => ({ rows: (await pool.query(query.sql, query.parameters)) as R[] }),
      // eslint-disable-next-line require-yield -- the interface asks for a generator; there is nothing to yield
      streamQuery: async function* <R>(): AsyncIterableIterator<QueryResult<R>> {
        throw new Error('The SQLite read pool does not stream: read in pages (each page is one query)');
      },
    };
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error(NO_TRANSACTIONS);
  }
  async commitTransaction(): Promise<void> {
    throw new Error(NO_TRANSACTIONS);
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error(NO_TRANSACTIONS);
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.pool.close();
  }
}

/** SQLite's compiler, adapter and introspector, with queries run by the pool (`new Kysely({ dialect })`). */
export class SqliteReadDialect implements Dialect {
  constructor(private readonly pool: SqliteReadPool) {}
  createDriver(): Driver {
    return new SqliteReadDriver(this.pool);
  }
  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
