import { loadConfig, type Config } from '../config.js';
import { backupDatabase, restoreDatabase, type BackupTarget } from '../db/backup.js';
import { AppError } from '../errors.js';
import { auditCommand } from '../modules/audit/audit.commands.js';
import { openConfigured } from './open-database.js';
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

/** `carebridge backup --output FILE [--force]`: no migration first, the server may be running. */
export async function backupCommand(output: string | undefined, force: boolean): Promise<number> {
  if (output === undefined) throw new AppError('validation_failed', 'Usage: carebridge backup --output FILE [--force]');
  const config = loadConfig();
  const started = Date.now();
  const progress = lazyProgress(config.databaseKind === 'sqlite' ? 'pages copied' : 'tables dumped');
  const { bytes } = await backupDatabase(targetOf(config), output, { force, onProgress: (done, total) => progress.update(done, total) });
  progress.finish();
  process.stdout.write(`Backup of the ${config.databaseKind} database written to ${output} (${(bytes / 1_048_576).toFixed(1)} MiB) in ${seconds(started)}.\n`);
  return 0;
}

/** `carebridge restore FILE [--force]`, then the schema brought up to date and the audit log verified. */
export async function restoreCommand(file: string | undefined, force: boolean): Promise<number> {
  if (file === undefined) throw new AppError('validation_failed', 'Usage: carebridge restore FILE [--force]');
  const config = loadConfig();
  if (config.databaseKind === 'sqlite') process.stderr.write(`Restoring into ${config.sqlitePath ?? ''} in place: the server must not be running (stop it first, start it after).\n`);
  const started = Date.now();
  const progress = lazyProgress(config.databaseKind === 'sqlite' ? 'pages restored' : 'tables restored');
  await restoreDatabase(targetOf(config), file, { force, onProgress: (done, total) => progress.update(done, total) });
  progress.finish();
  process.stdout.write(`Restored ${file} into the ${config.databaseKind} database in ${seconds(started)}.\n`);
  const { database } = await openConfigured();
  try {
    return await auditCommand(database, config.auditKey, 'verify', undefined, process.stdout, process.stderr);
  } finally {
    await database.close();
  }
}
