import { loadConfig, type Config } from '../config.js';
import { backupDatabase, restoreDatabase, type BackupTarget } from '../db/backup.js';
import { verifyAuditLog } from '../modules/audit/audit.commands.js';
import { defineCommand } from './command.js';
import { progressReporter } from './progress.js';

const targetOf = (config: Config): BackupTarget => ({ kind: config.databaseKind, url: config.databaseUrl, sqlitePath: config.sqlitePath });

/** A bar made at the first report, when the total (pages or tables) becomes known. */
function lazyProgress(label: string): { update(done: number, total: number): void; finish(): void } {
  let bar: ReturnType<typeof progressReporter> | undefined;
  let end = 0;
  return {
    update(done, total) {
      bar ??= progressReporter(process.stderr, label, total);
      end = total;
      bar.update(done);
    },
    // The last report comes before the last step: the work is whole when the call returns.
    finish: () => bar?.done(end),
  };
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** No migration first (the configuration alone, not `open()`): the server may be running. */
export const backupCommand = defineCommand({
  name: ['backup'],
  summary: 'back the database up while the server runs (SQLite online backup; pg_dump -Fc)',
  description:
    'back the database up into one file while the server runs: SQLite through the online backup API (one consistent snapshot), PostgreSQL with `pg_dump -Fc` (the client tools must be installed); never overwrites FILE without `--force`',
  options: { output: { type: 'string', short: 'o', value: 'FILE', required: true, help: 'the backup file to write' }, force: { type: 'boolean', help: 'overwrite FILE if it exists' } },
  handler: async (args, { stdout }) => {
    const config = loadConfig();
    const started = Date.now();
    const progress = lazyProgress(config.databaseKind === 'sqlite' ? 'pages copied' : 'tables dumped');
    const { bytes } = await backupDatabase(targetOf(config), args.output, { force: args.force, onProgress: (done, total) => progress.update(done, total) });
    progress.finish();
    stdout.write(`Backup of the ${config.databaseKind} database written to ${args.output} (${(bytes / 1_048_576).toFixed(1)} MiB) in ${seconds(started)}.\n`);
    return 0;
  },
});

/** Restores before opening (a restore must find the database untouched), then migrates and verifies the audit log. */
export const restoreCommand = defineCommand({
  name: ['restore'],
  summary: 'restore a backup into an empty database (--force: replace its contents; SQLite: stop the server first), then verify the audit log',
  description:
    'restore a backup into the configured database, which must be empty (freshly migrated counts) unless `--force`; SQLite: stop the server first. Then migrates and runs `audit verify`',
  arguments: [{ name: 'file', value: 'FILE', help: 'a file `carebridge backup` wrote' }],
  options: { force: { type: 'boolean', help: "replace the database's contents" } },
  handler: async (args, { open, stdout, stderr }) => {
    const config = loadConfig();
    if (config.databaseKind === 'sqlite') stderr.write(`Restoring into ${config.sqlitePath ?? ''} in place: the server must not be running (stop it first, start it after).\n`);
    const started = Date.now();
    const progress = lazyProgress(config.databaseKind === 'sqlite' ? 'pages restored' : 'tables restored');
    await restoreDatabase(targetOf(config), args.file, { force: args.force, onProgress: (done, total) => progress.update(done, total) });
    progress.finish();
    stdout.write(`Restored ${args.file} into the ${config.databaseKind} database in ${seconds(started)}.\n`);
    const { database } = await open();
    return verifyAuditLog(database, config.auditKey, undefined, stdout, stderr);
  },
});
