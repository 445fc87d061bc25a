import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { configureAuditSigning } from '../modules/audit/audit.checkpoints.js';

/** Reads the configuration, opens the database and migrates it: every command starts here. */
export async function openConfigured(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  const database = openDatabase({ url: config.databaseUrl, kind: config.databaseKind, sqlitePath: config.sqlitePath, sqliteSynchronous: config.sqliteSynchronous, poolSize: config.pgPoolSize, readUrl: config.databaseReadUrl, sqliteReadWorkers: config.sqliteReadWorkers });
  await migrateToLatest(database);
  configureAuditSigning({ key: config.auditKey, every: config.auditCheckpointEvery });
  return { config, database };
}
