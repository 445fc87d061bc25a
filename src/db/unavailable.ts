/**
 * Tells a database that is away or overloaded from a bug. Such an error says
 * nothing about the request: the same request may succeed in a moment, so the
 * client gets 503 with a retry hint, never a 500 and never the driver's text.
 */

/** PostgreSQL SQLSTATEs that mean "the server or this connection is gone, or busy for now". */
const PG_UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '40001', // serialization_failure: retrying is the documented answer
  '40P01', // deadlock_detected: one side was rolled back, retrying is safe
]);

/** Socket-level failures on the way to the server. */
const NODE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** pg raises these without a code when a socket dies or the pool cannot hand out a connection in time. */
const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'not currently accepting connections',
  'Query read timeout',
];

/** SQLite result codes (better-sqlite3 puts the extended name in `code`) for a locked, full or failing disk. */
const SQLITE_UNAVAILABLE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_PROTOCOL', 'SQLITE_NOMEM', 'SQLITE_READONLY_DBMOVED'];

/** The code of the error a read gets when its SQLite read worker thread died under it (sqlite-read-pool.ts). */
export const READ_WORKER_LOST = 'CAREBRIDGE_READ_WORKER_LOST';

/** True when the error means the database cannot serve right now (as opposed to a bad query or bad data). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
    if (NODE_NETWORK_CODES.has(code) || code === READ_WORKER_LOST) return true;
    if (code.startsWith('SQLITE_')) return SQLITE_UNAVAILABLE_PREFIXES.some((p) => code.startsWith(p));
  }
  if (typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.includes(m))) return true;
  // pg's pool wraps a refused connection in an AggregateError (IPv4 and IPv6 attempts).
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

/** Seconds a client should wait before retrying: a lock clears in moments, a lost server takes longer. */
export function retryAfterSeconds(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40001' || code === '40P01') ? 1 : 5;
}
