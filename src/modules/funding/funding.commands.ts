import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { exportIati } from './projects.export.js';
import { exportHxl, HXL_KINDS, type HxlKind } from './projects.hxl.js';
import { importIati, type IatiImportOptions } from './projects.import.js';

/** Where a CLI export goes: a file (written through a stream, so memory stays flat) or standard output. */
async function writeOut(stream: Readable, output: string | undefined, stdout: Writable): Promise<void> {
  if (output === undefined) {
    // Standard output is not ended: the process keeps using it.
    await pipeline(stream, stdout, { end: false });
    return;
  }
  await pipeline(stream, fs.createWriteStream(output));
}

/** `carebridge export iati [--org REF] [--output FILE]` */
export async function exportIatiCommand(database: Database, options: { org?: string | undefined; output?: string | undefined }, stdout: Writable, stderr: Writable): Promise<number> {
  const { stream, activities } = await exportIati(database, options.org, new Date().toISOString());
  await writeOut(stream, options.output, stdout);
  if (options.output !== undefined) stderr.write(`Exported ${activities()} IATI activities to ${options.output}.\n`);
  return 0;
}

/** `carebridge export hxl --dataset 3w|flows [--output FILE]` */
export async function exportHxlCommand(database: Database, options: { dataset?: string | undefined; output?: string | undefined }, stdout: Writable, stderr: Writable): Promise<number> {
  const dataset = options.dataset ?? '';
  if (!(HXL_KINDS as readonly string[]).includes(dataset)) throw new AppError('validation_failed', `--dataset must be one of ${HXL_KINDS.join(', ')} (got "${dataset}").`);
  const { stream, rows } = await exportHxl(database, dataset as HxlKind);
  await writeOut(stream, options.output, stdout);
  if (options.output !== undefined) stderr.write(`Exported ${rows()} HXL rows (${dataset}) to ${options.output}.\n`);
  return 0;
}

/**
 * `carebridge import iati FILE [--dry-run] [--skip-invalid] [--country CC]`: all activities or none unless
 * --skip-invalid; a refusal's problems are printed by the CLI's error handler, a dry run's and skipped ones' here.
 */
export async function importIatiCommand(database: Database, ctx: CallContext, file: string, codelistsDir: string, options: IatiImportOptions, stdout: Writable, stderr: Writable): Promise<number> {
  await fs.promises.access(file, fs.constants.R_OK);
  const r = await importIati(database, ctx, () => fs.createReadStream(file), codelistsDir, options);
  for (const e of r.errors) stderr.write(`  row ${e.row}, column ${e.column}: ${e.message}\n`);
  for (const w of r.warnings) stderr.write(`  warning: row ${w.row}, column ${w.column}: ${w.message}\n`);
  const counts = `${r.activities} IATI activities, ${r.transactions} transactions; ${r.organizationsCreated} new organisations; ${r.skipped} left out; ${r.warningCount} warning(s)`;
  stdout.write(r.dryRun ? `Dry run: ${counts}, ${r.errorCount} problem(s); nothing written.\n` : `Imported ${counts}.\n`);
  return r.errorCount > 0 ? 2 : 0;
}
