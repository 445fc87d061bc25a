import fs from 'node:fs';
import { once } from 'node:events';
import { systemContext } from '../context.js';
import { DEMO_PASSWORD, DEMO_SCALES, loadDemo, type DemoScale, type DemoSummary } from '../demo/demo.js';
import { AppError } from '../errors.js';
import { ROLES, type Role } from '../modules/access/access.schema.js';
import { buildApp } from '../http/app.js';
import { tableFormatOf } from '../io/table-reader.js';
import { EVERYTHING } from '../scope.js';
import { createToken, createUser } from '../modules/access/access.service.js';
import { lockUser, unlockUser } from '../modules/access/access.lock.js';
import { setPassword, type EndedAccess } from '../modules/access/access.sessions.js';
import { EXPORT_FORMATS, exportFacilities, type ExportFormat } from '../modules/facilities/facilities.export.js';
import { importFacilities } from '../modules/facilities/facilities.import.js';
import { importFxRates, importNbuRates } from '../modules/funding/fx.service.js';
import { countFacilityRecords } from '../modules/facilities/facilities.service.js';
import { importBoundaries, importKatottg } from '../modules/geography/geography.import.js';
import { openConfigured } from './open-database.js';
import { progressReporter } from './progress.js';

export const USAGE = `Usage: carebridge <command> [options]

  serve [--demo-if-empty]            migrate, optionally load demo data into an empty database, serve HTTP
  migrate                            bring the database schema up to date
  demo [--scale small|national] [--seed N]
                                     load the deterministic demo data set into an empty database
  import facilities FILE [--dry-run] import facilities from CSV or XLSX (all rows or none)
  import products FILE [--dry-run]   import the product catalogue from CSV or XLSX (all rows or none)
  import katottg FILE                load raions and hromadas from the KATOTTG codifier CSV
  import boundaries FILE.geojson     attach oblast polygons by ISO 3166-2 or P-code
  import area-status FILE.csv        areas' access status (katottg,status,from,to; all rows or none)
  import fx FILE [--format csv|nbu]  load FX rates: CSV (currency,date,rate_per_usd,source) or the NBU's official
                                     rate JSON (r030,txt,rate,cc,exchangedate); all rows or none
  import status-reports FILE [--form XLSFORM.xlsx] [--mapping FILE.json] [--dry-run]
                                     import status reports from a survey export (CSV/XLSX, all rows or none)
  export csv|xlsx|geojson [--output FILE]
                                     export facilities (stdout when no --output)
  import iati FILE.xml [--dry-run] [--skip-invalid] [--country CC]
                                     import IATI 2.01-2.03 activities whole (all or none, or the valid ones with --skip-invalid; --country keeps one recipient country)
  export iati [--org REF] [--output FILE]
                                     export projects as IATI 2.03 activity XML (streamed)
  export hxl --dataset 3w|flows [--output FILE]
                                     export projects as HXL CSV: 3W, or flows with USD values and rates
  plan generators --input FILE [--output FILE] [--time-limit S]
                                     solve a generator allocation problem (DESIGN §6)
  user create --email E --role ROLE [--org ID] [--name N] [--password-stdin]
  user password --email E --password-stdin
                                     set a password (read from standard input); ends the user's sessions and API tokens
  user lock --email E                end every session and API token of the user and disable sign-in
  user unlock --email E              let a locked user sign in again (ended sessions and tokens stay ended)
  token create --email E [--name N] [--expires-days D]
                                     print a new API token on the last line
  audit verify [--checkpoint FILE]   check the audit log's hash chain, its signed checkpoints and, with FILE,
                                     a checkpoint kept outside the database (names the event or missing range)
  audit checkpoint                   sign the log's head and print it as JSON, to keep outside the database
  stock reconcile                    prove stock balances equal the ledger (exit 1 naming each difference)
  stats                              the database's size and rows per table, largest first
  backup --output FILE [--force]     back the database up while the server runs (SQLite online backup; pg_dump -Fc)
  restore FILE [--force]             restore a backup into an empty database (--force: replace its contents;
                                     SQLite: stop the server first), then verify the audit log

Configuration comes from the environment: DATABASE_URL, PORT, HOST, CAREBRIDGE_*.
`;

type Options = Record<string, string | boolean | undefined>;

function demoAccountsText(summary: DemoSummary): string {
  const lines = summary.accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(34)} ${a.scope}`);
  return `\nDemo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const endedText = (e: EndedAccess): string => `${e.endedSessions} session(s) and ${e.endedTokens} API token(s) ended`;

const str = (o: Options, k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);

function intOption(o: Options, k: string): number | undefined {
  const raw = str(o, k);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new AppError('validation_failed', `--${k} must be a whole number (got "${raw}").`);
  return n;
}

function requireFile(file: string | undefined, what: string): string {
  if (file === undefined) throw new AppError('validation_failed', `Name the ${what} file.`);
  if (!fs.existsSync(file)) throw new AppError('validation_failed', `No such file: ${file}`);
  return file;
}

/** Runs one command; returns the process exit code. */
export async function runCommand(args: string[], options: Options): Promise<number> {
  const [command, sub, file] = args;
  const out = process.stdout;
  const err = process.stderr;
  if (command === 'plan' && sub === 'generators') {
    const input = requireFile(str(options, 'input'), 'problem (--input)');
    const timeLimitSeconds = intOption(options, 'time-limit');
    // Loaded on demand: the solver and HiGHS are heavy and only this command needs them.
    const { planGeneratorsCommand } = await import('../modules/energy/plan-generators.command.js');
    return planGeneratorsCommand({ input, stdout: out, stderr: err, ...(str(options, 'output') === undefined ? {} : { output: str(options, 'output') }), ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }) });
  }
  if (command === 'backup' || command === 'restore') {
    // Before openConfigured: a backup must not migrate the live database, a restore must find it untouched.
    const { backupCommand, restoreCommand } = await import('./backup-commands.js');
    return command === 'backup' ? backupCommand(str(options, 'output'), options.force === true) : restoreCommand(sub, options.force === true);
  }
  const known = ['serve', 'migrate', 'demo', 'import', 'export', 'user', 'token', 'audit', 'stock', 'stats'];
  if (command === undefined || !known.includes(command)) throw new AppError('validation_failed', `Unknown command "${args.join(' ')}". Run carebridge --help.`);

  const { config, database } = await openConfigured();
  const ctx = systemContext(`cli:${command}`);
  try {
    switch (command) {
      case 'migrate':
        out.write(`Database is up to date (${config.databaseKind}).\n`);
        return 0;
      case 'demo': {
        const scale = (str(options, 'scale') ?? 'small') as DemoScale;
        if (!(scale in DEMO_SCALES)) throw new AppError('validation_failed', `--scale must be small or national (got "${scale}").`);
        const started = Date.now();
        const summary = await loadDemo(database, { scale, seed: intOption(options, 'seed') ?? 1 });
        out.write(`Demo data loaded: ${summary.facilities} facilities, ${summary.organizations} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        out.write(demoAccountsText(summary));
        return 0;
      }
      case 'import':
        return await runImport(sub, file, options, database, ctx, config.iatiCodelistsDir);
      case 'export': {
        if (sub === 'iati' || sub === 'hxl') {
          // IATI 2.03 activities (all, or those reported by --org REF) or HXL CSV: public project finance only, streamed.
          const { exportHxlCommand, exportIatiCommand } = await import('../modules/funding/funding.commands.js');
          const output = str(options, 'output');
          // Awaited here: the database closes in `finally` only after the stream has been written.
          return await (sub === 'iati' ? exportIatiCommand(database, { org: str(options, 'org'), output }, out, err) : exportHxlCommand(database, { dataset: str(options, 'dataset'), output }, out, err));
        }
        const format = sub as ExportFormat;
        if (!EXPORT_FORMATS.includes(format)) throw new AppError('validation_failed', `Export format must be one of ${EXPORT_FORMATS.join(', ')} (got "${sub ?? ''}").`);
        const target = str(options, 'output');
        const stream = target === undefined ? out : fs.createWriteStream(target);
        // The command line exports what the public may see of each facility (rounded coordinates).
        const n = await exportFacilities(database, null, { status: 'all', visible: EVERYTHING }, format, stream);
        if (target !== undefined) {
          if (!stream.writableFinished) await once(stream, 'finish');
          err.write(`Exported ${n} facilities to ${target}.\n`);
        }
        return 0;
      }
      case 'user': {
        if (sub === 'password') {
          const target = str(options, 'email');
          if (target === undefined || options['password-stdin'] !== true) throw new AppError('validation_failed', 'Usage: printf %s "new passphrase" | carebridge user password --email E --password-stdin');
          const ended = await setPassword(database, ctx, target, (await readStdin()).replace(/\r?\n$/, ''));
          out.write(`Password set for ${target}; ${endedText(ended)}.\n`);
          return 0;
        }
        if (sub === 'lock' || sub === 'unlock') {
          const target = str(options, 'email');
          if (target === undefined) throw new AppError('validation_failed', `Usage: carebridge user ${sub} --email E`);
          if (sub === 'lock') {
            const ended = await lockUser(database, ctx, { email: target });
            out.write(`Locked ${target}: ${endedText(ended)}; sign-in is disabled until \`carebridge user unlock\`.\n`);
          } else {
            await unlockUser(database, ctx, { email: target });
            out.write(`Unlocked ${target}: they can sign in again (ended sessions and tokens stay ended).\n`);
          }
          return 0;
        }
        if (sub !== 'create') throw new AppError('validation_failed', 'Usage: carebridge user create --email E --role ROLE [--org ID] [--name N] [--password-stdin]');
        const email = str(options, 'email');
        const role = str(options, 'role');
        if (email === undefined || role === undefined) throw new AppError('validation_failed', 'user create needs --email and --role.');
        if (!(ROLES as readonly string[]).includes(role)) throw new AppError('validation_failed', `--role must be one of ${ROLES.join(', ')} (got "${role}").`, { errors: [{ path: '/role', message: `must be one of ${ROLES.join(', ')}` }] });
        const password = options['password-stdin'] === true ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
        const user = await createUser(database, ctx, { email, name: str(options, 'name') ?? email, memberships: [{ role: role as Role, organizationId: str(options, 'org') ?? null }], ...(password === undefined ? {} : { password }) });
        out.write(`Created user ${email} (${role}), id ${user.id}${password === undefined ? '; no password yet (use --password-stdin to set one)' : ''}.\n`);
        return 0;
      }
      case 'token': {
        const email = str(options, 'email');
        if (sub !== 'create' || email === undefined) throw new AppError('validation_failed', 'Usage: carebridge token create --email E [--name N] [--expires-days D]');
        const expiresDays = intOption(options, 'expires-days');
        const token = await createToken(database, ctx, { email, ...(str(options, 'name') === undefined ? {} : { name: str(options, 'name') }), ...(expiresDays === undefined ? {} : { expiresDays }) });
        err.write(`Token for ${email}${token.expires_at === null ? '' : `, expires ${token.expires_at}`}. It is shown once:\n`);
        out.write(`${token.token}\n`);
        return 0;
      }
      case 'stock': {
        if (sub !== 'reconcile') throw new AppError('validation_failed', 'Usage: carebridge stock reconcile');
        const { stockReconcileCommand } = await import('../modules/supply/supply.commands.js');
        return await stockReconcileCommand(database, out, err);
      }
      case 'stats': {
        const { statsCommand } = await import('./stats-command.js');
        return await statsCommand(database, out);
      }
      case 'audit': {
        const { auditCommand } = await import('../modules/audit/audit.commands.js');
        return await auditCommand(database, config.auditKey, sub, str(options, 'checkpoint'), out, err);
      }
      case 'serve': {
        if (options['demo-if-empty'] === true && (await countFacilityRecords(database)) === 0) {
          out.write('Empty database: loading demo data (small scale)...\n');
          const summary = await loadDemo(database, { scale: 'small', seed: 1 });
          out.write(`Demo data loaded: ${summary.facilities} facilities, ${summary.organizations} organisations.\n`);
          out.write(demoAccountsText(summary));
        }
        const app = await buildApp({ config, database });
        await app.listen({ port: config.port, host: config.host });
        const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
        out.write(`\nCarebridge is running: open http://${shown}:${config.port}/  (API docs: /api/docs)\n`);
        const stop = () => void app.close().then(() => database.close());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return 0;
      }
      default:
        throw new AppError('validation_failed', `Unknown command "${command}".`);
    }
  } finally {
    if (command !== 'serve') await database.close();
  }
}

async function runImport(kind: string | undefined, file: string | undefined, options: Options, database: Parameters<typeof importFacilities>[0], ctx: ReturnType<typeof systemContext>, iatiCodelistsDir: string): Promise<number> {
  const path = requireFile(file, kind ?? 'import');
  const out = process.stdout;
  switch (kind ?? '') {
    case 'facilities': {
      const format = tableFormatOf(path);
      if (format === undefined) throw new AppError('validation_failed', `Cannot tell the format of ${path}: use a .csv or .xlsx file.`);
      const progress = progressReporter(process.stderr, 'rows read');
      const result = await importFacilities(database, ctx, fs.createReadStream(path), format, { dryRun: options['dry-run'] === true, onProgress: (n) => progress.update(n) });
      progress.done(result.rows);
      for (const e of result.errors) process.stderr.write(`  row ${e.row}, column ${e.column}: ${e.message}\n`);
      out.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} facilities.\n`);
      return result.errorCount > 0 ? 2 : 0;
    }
    case 'katottg': {
      const r = await importKatottg(database, ctx, fs.createReadStream(path));
      out.write(`KATOTTG loaded: ${r.raions} raions, ${r.hromadas} hromadas (areas by level: ${JSON.stringify(r.totalByLevel)}).\n`);
      return 0;
    }
    case 'boundaries': {
      const r = await importBoundaries(database, ctx, await fs.promises.readFile(path, 'utf8'));
      out.write(`Boundaries attached to ${r.matched} areas.\n`);
      return 0;
    }
    case 'area-status': {
      // Row errors are printed by the CLI's error handler (row, column, reason).
      const { importAreaStatuses } = await import('../modules/geography/area-status.import.js');
      const r = await importAreaStatuses(database, ctx, fs.createReadStream(path));
      out.write(`Area statuses: ${r.rows} rows, ${r.created} new, ${r.updated} ended or changed, ${r.unchanged} unchanged.\n`);
      return 0;
    }
    case 'iati': {
      const { importIatiCommand } = await import('../modules/funding/funding.commands.js');
      const iatiOptions = { dryRun: options['dry-run'] === true, skipInvalid: options['skip-invalid'] === true, country: str(options, 'country')?.toUpperCase() };
      return await importIatiCommand(database, ctx, path, iatiCodelistsDir, iatiOptions, out, process.stderr);
    }
    case 'fx': {
      // Row errors are printed by the CLI's error handler (row, column, reason).
      const format = str(options, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'nbu') throw new AppError('validation_failed', `--format must be csv or nbu (got "${format}").`);
      const r = format === 'nbu' ? await importNbuRates(database, ctx, fs.readFileSync(path, 'utf8')) : await importFxRates(database, ctx, fs.createReadStream(path));
      out.write(`Imported ${r.imported} FX rates.\n`);
      return 0;
    }
    case 'products': {
      const { importProductsCommand } = await import('../modules/supply/supply.commands.js');
      return await importProductsCommand(database, ctx, path, options['dry-run'] === true, out, process.stderr);
    }
    case 'status-reports': {
      const { importStatusReportsFile } = await import('../modules/monitoring/status.import.command.js');
      const progress = progressReporter(process.stderr, 'rows read');
      const result = await importStatusReportsFile(database, ctx, path, { mapping: str(options, 'mapping'), form: str(options, 'form'), dryRun: options['dry-run'] === true, onProgress: (n) => progress.update(n) });
      progress.done(result.rows);
      for (const e of result.errors) process.stderr.write(`  row ${e.row}, column ${e.column}: ${e.message}\n`);
      out.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} status reports${result.alreadyImported > 0 ? ` (${result.alreadyImported} already imported, left unchanged)` : ''}.\n`);
      return result.errorCount > 0 ? 2 : 0;
    }
    default:
      throw new AppError('validation_failed', `Unknown import kind "${kind ?? ''}": facilities, products, katottg, boundaries, area-status, fx or status-reports.`);
  }
}
