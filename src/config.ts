import path from 'node:path';
import { REPORTING_PERIOD_TYPES, type ReportingPeriodType } from './modules/reporting/completeness.schema.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export type DatabaseKind = 'sqlite' | 'postgres';
export const SQLITE_SYNCHRONOUS = ['full', 'normal'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

export interface Config {
  readonly databaseUrl: string;
  readonly databaseKind: DatabaseKind;
  /** DATABASE_READ_URL (PostgreSQL only): a replica (or second connection) for heavy reads; undefined: the primary serves them. */
  readonly databaseReadUrl: string | undefined;
  /** CAREBRIDGE_PG_POOL: connections in each PostgreSQL pool (primary, and replica when set). */
  readonly pgPoolSize: number;
  /** CAREBRIDGE_READ_WORKERS (SQLite file only): threads that run heavy reads off the event loop; 0: none. */
  readonly sqliteReadWorkers: number;
  /** Absolute file path for SQLite; undefined for PostgreSQL. */
  readonly sqlitePath: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly importLimitBytes: number;
  readonly webDir: string;
  readonly requireE2e: boolean;
  /**
   * Fastify's trustProxy: which peers may speak for the client in X-Forwarded-*
   * (false: none; the proxy's addresses/CIDRs; or a hop count as a function). Never "everyone".
   */
  readonly trustProxy: TrustProxy;
  /** A TLS-terminating proxy is configured (CAREBRIDGE_TRUST_PROXY set): cookies marked Secure behind it, addresses real. */
  readonly behindProxy: boolean;
  /** Folder of the official IATI 2.03 codelists (read at run time, never copied into the project). */
  readonly iatiCodelistsDir: string;
  /** SQLite's `synchronous` pragma: `full` (default) loses no acknowledged write on a power cut; `normal` trades that for speed. */
  readonly sqliteSynchronous: SqliteSynchronous;
  /** WHO donation rule: least shelf life (months) a donated medicine must have left on arrival. */
  readonly minShelfLifeMonths: number;
  /** Replenishment at facilities: order up to this many months of average consumption. */
  readonly maxMonthsOfStock: number;
  /** Replenishment at facilities: alert when stock covers fewer months than this. */
  readonly minMonthsOfStock: number;
  /** A conversion using a rate older than this many days is flagged as stale wherever the figure is shown. */
  readonly fxMaxRateAgeDays: number;
  /** Largest document (PDF or image) attached to a partnership agreement, in bytes. */
  readonly documentLimitBytes: number;
  /** Requests per minute one address may make to the public (anonymous) data routes; 0: no limit. */
  readonly publicRateLimit: number;
  /** Memory for answers to anonymous public requests, kept until the data changes. */
  readonly publicCacheBytes: number;
  /** Secret for the audit log's HMAC checkpoints; never stored in the database. Unset: no signed checkpoints. */
  readonly auditKey: string | undefined;
  /** A signed checkpoint is written every this many audit events (when auditKey is set). */
  readonly auditCheckpointEvery: number;
  /** The reporting period of every facility type without an override (GET/PUT /api/v1/reporting/periods). */
  readonly reportingPeriod: ReportingPeriodType;
  /** Days after a period's last day by which a report still counts as on time, for types without an override. */
  readonly reportingDeadlineDays: number;
  /** SMTP server for notification emails (smtp:// or smtps://, credentials in the URL); unset: no email is sent. */
  readonly smtpUrl: string | undefined;
  /** The sender of notification emails. */
  readonly smtpFrom: string;
  /** Where users reach the web app, for links in emails; default http://localhost:PORT. */
  readonly publicUrl: string;
}

/** Reads DATABASE_URL into its kind and (for SQLite) an absolute file path. */
export function parseDatabaseUrl(url: string, cwd: string): { kind: DatabaseKind; sqlitePath: string | undefined } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', sqlitePath: undefined };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/carebridge.db');
    return { kind: 'sqlite', sqlitePath: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  throw new Error(`DATABASE_URL: must start with sqlite: or postgres:// (got "${url}")`);
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return n;
}

/**
 * Builds the frozen configuration from an environment. Collects every problem
 * before failing so an operator fixes them in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? 'sqlite:./data/carebridge.db';
  let db: { kind: DatabaseKind; sqlitePath: string | undefined } = { kind: 'sqlite', sqlitePath: undefined };
  try {
    db = parseDatabaseUrl(databaseUrl, cwd);
  } catch (e) {
    problems.push((e as Error).message);
  }
  const parsedTrustProxy = parseTrustProxy(env.CAREBRIDGE_TRUST_PROXY);
  if ('problem' in parsedTrustProxy) problems.push(parsedTrustProxy.problem);
  const trustProxy = 'value' in parsedTrustProxy ? parsedTrustProxy.value : false;
  const config: Config = {
    databaseUrl,
    databaseKind: db.kind,
    databaseReadUrl: env.DATABASE_READ_URL === undefined || env.DATABASE_READ_URL === '' ? undefined : env.DATABASE_READ_URL,
    pgPoolSize: intVar(env, 'CAREBRIDGE_PG_POOL', 10, problems, 1, 1000),
    sqliteReadWorkers: intVar(env, 'CAREBRIDGE_READ_WORKERS', 2, problems, 0, 64),
    sqlitePath: db.sqlitePath,
    port: intVar(env, 'PORT', 8080, problems, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.CAREBRIDGE_LOG_LEVEL ?? 'info',
    bodyLimitBytes: intVar(env, 'CAREBRIDGE_BODY_LIMIT', 1_048_576, problems, 1024),
    importLimitBytes: intVar(env, 'CAREBRIDGE_IMPORT_LIMIT', 64 * 1_048_576, problems, 1024),
    webDir: path.resolve(cwd, env.CAREBRIDGE_WEB_DIR ?? 'web/dist'),
    requireE2e: env.CAREBRIDGE_REQUIRE_E2E === '1',
    trustProxy,
    behindProxy: trustProxy !== false,
    iatiCodelistsDir: path.resolve(cwd, env.CAREBRIDGE_IATI_CODELISTS ?? '../shared/data/iati-2.03/codelists'),
    sqliteSynchronous: (env.CAREBRIDGE_SQLITE_SYNCHRONOUS ?? 'full') as SqliteSynchronous,
    minShelfLifeMonths: intVar(env, 'CAREBRIDGE_MIN_SHELF_LIFE_MONTHS', 12, problems, 0, 120),
    maxMonthsOfStock: intVar(env, 'CAREBRIDGE_MAX_MONTHS_OF_STOCK', 3, problems, 1, 24),
    minMonthsOfStock: intVar(env, 'CAREBRIDGE_MIN_MONTHS_OF_STOCK', 1, problems, 0, 24),
    fxMaxRateAgeDays: intVar(env, 'CAREBRIDGE_FX_MAX_RATE_AGE_DAYS', 31, problems, 0, 3650),
    documentLimitBytes: intVar(env, 'CAREBRIDGE_DOCUMENT_LIMIT', 10 * 1_048_576, problems, 1024),
    publicRateLimit: intVar(env, 'CAREBRIDGE_PUBLIC_RATE_LIMIT', 300, problems, 0, 1_000_000),
    publicCacheBytes: intVar(env, 'CAREBRIDGE_PUBLIC_CACHE_BYTES', 64 * 1_048_576, problems, 0),
    auditKey: env.CAREBRIDGE_AUDIT_KEY === undefined || env.CAREBRIDGE_AUDIT_KEY === '' ? undefined : env.CAREBRIDGE_AUDIT_KEY,
    auditCheckpointEvery: intVar(env, 'CAREBRIDGE_AUDIT_CHECKPOINT_EVERY', 100, problems, 1, 1_000_000),
    reportingPeriod: (env.CAREBRIDGE_REPORTING_PERIOD ?? 'week') as ReportingPeriodType,
    reportingDeadlineDays: intVar(env, 'CAREBRIDGE_REPORTING_DEADLINE_DAYS', 3, problems, 0, 90),
    smtpUrl: env.CAREBRIDGE_SMTP_URL === undefined || env.CAREBRIDGE_SMTP_URL === '' ? undefined : env.CAREBRIDGE_SMTP_URL,
    smtpFrom: env.CAREBRIDGE_SMTP_FROM ?? 'Carebridge <no-reply@carebridge.invalid>',
    publicUrl: (env.CAREBRIDGE_PUBLIC_URL ?? `http://localhost:${env.PORT ?? '8080'}`).replace(/\/+$/, ''),
  };
  if (config.smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(config.smtpUrl)) problems.push('CAREBRIDGE_SMTP_URL: must start with smtp:// or smtps:// (e.g. smtps://user:password@mail.example.org:465)');
  if (!/^https?:\/\/[^/]/.test(config.publicUrl)) problems.push(`CAREBRIDGE_PUBLIC_URL: must start with http:// or https:// (got "${config.publicUrl}")`);
  if (config.minMonthsOfStock >= config.maxMonthsOfStock) {
    problems.push(`CAREBRIDGE_MIN_MONTHS_OF_STOCK: must be less than CAREBRIDGE_MAX_MONTHS_OF_STOCK (${config.maxMonthsOfStock}), got ${config.minMonthsOfStock}`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`CAREBRIDGE_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  // A short key can be guessed offline from any checkpoint; 32 characters is 128+ bits as hex or base64.
  if (config.auditKey !== undefined && config.auditKey.length < 32) problems.push('CAREBRIDGE_AUDIT_KEY: must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)');
  if (!(SQLITE_SYNCHRONOUS as readonly string[]).includes(config.sqliteSynchronous)) problems.push(`CAREBRIDGE_SQLITE_SYNCHRONOUS: must be full or normal (got "${config.sqliteSynchronous}")`);
  if (!(REPORTING_PERIOD_TYPES as readonly string[]).includes(config.reportingPeriod)) problems.push(`CAREBRIDGE_REPORTING_PERIOD: must be week or month (got "${config.reportingPeriod}")`);
  if (config.databaseReadUrl !== undefined && (db.kind !== 'postgres' || !/^postgres(ql)?:\/\//.test(config.databaseReadUrl))) problems.push('DATABASE_READ_URL: a read replica is for PostgreSQL: set it to a postgres:// URL, with DATABASE_URL on PostgreSQL too');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}
