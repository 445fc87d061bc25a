import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defineCommand, dryRunOption, importFile, outputOption } from '../../cli/command.js';
import { writeRowErrors } from '../../cli/rows.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { importFxRates, importNbuRates } from './fx.service.js';
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
  writeRowErrors(stderr, r.errors);
  for (const w of r.warnings) stderr.write(`  warning: row ${w.row}, column ${w.column}: ${w.message}\n`);
  const counts = `${r.activities} IATI activities, ${r.transactions} transactions; ${r.organizationsCreated} new organisations; ${r.skipped} left out; ${r.warningCount} warning(s)`;
  stdout.write(r.dryRun ? `Dry run: ${counts}, ${r.errorCount} problem(s); nothing written.\n` : `Imported ${counts}.\n`);
  return r.errorCount > 0 ? 2 : 0;
}

// The `carebridge` commands: their handlers call the functions above, which the tests call directly.

export const importFxCommand = defineCommand({
  name: ['import', 'fx'],
  summary: "load FX rates: CSV (currency,date,rate_per_usd,source) or the NBU's official rate JSON (r030,txt,rate,cc,exchangedate); all rows or none",
  description:
    "FX rates: CSV with columns `currency,date,rate_per_usd,source` (units of the currency per 1 USD, decimal with a dot), or (`--format nbu`) the National Bank of Ukraine's official rate JSON as it publishes it (`r030, txt, rate` in UAH per unit, `cc`, `exchangedate` as `dd.mm.yyyy`; stored per USD with the NBU as the source; each day needs its USD rate); bad rows (items) reported as `row N, column C: reason`, all rows or none; a stored rate is never overwritten (see docs/funding.md). The API takes the same JSON at `POST /api/v1/fx-rates/import?format=nbu`",
  arguments: [importFile('the rates file')],
  options: { format: { type: 'string', choices: ['csv', 'nbu'], default: 'csv', help: "csv, or nbu for the National Bank of Ukraine's JSON" } },
  // Row errors are printed by the CLI's error handler (row, column, reason).
  handler: async (args, { open, call, stdout }) => {
    const { database } = await open();
    const r = args.format === 'nbu' ? await importNbuRates(database, call, fs.readFileSync(args.file, 'utf8')) : await importFxRates(database, call, fs.createReadStream(args.file));
    stdout.write(`Imported ${r.imported} FX rates.\n`);
    return 0;
  },
});

export const importIatiCliCommand = defineCommand({
  name: ['import', 'iati'],
  summary: 'import IATI 2.01-2.03 activities whole (all or none, or the valid ones with --skip-invalid; --country keeps one recipient country)',
  description:
    'IATI 2.01–2.03 activities, whole: what our model does not hold is kept verbatim and written back on export (1.0x refused); every problem reported in one pass as `row N (the activity), column (the element, e.g. sector[2]/@code): reason`, warnings (e.g. IATI rule 1.1.21) apart; all activities or none, or with `--skip-invalid` the valid ones; `--country` keeps one recipient country; unknown organisations are created (see docs/funding.md)',
  arguments: [importFile('the IATI activities file', 'FILE.xml')],
  options: {
    'dry-run': dryRunOption,
    'skip-invalid': { type: 'boolean', help: 'import the valid activities and report the others, instead of all or none' },
    country: { type: 'string', value: 'CC', help: 'keep only activities (or transactions) for this recipient country, ISO 3166-1 alpha-2' },
  },
  handler: async (args, { open, call, stdout, stderr }) => {
    const { config, database } = await open();
    const options = { dryRun: args['dry-run'], skipInvalid: args['skip-invalid'], country: args.country?.toUpperCase() };
    return importIatiCommand(database, call, args.file, config.iatiCodelistsDir, options, stdout, stderr);
  },
});

export const exportIatiCliCommand = defineCommand({
  name: ['export', 'iati'],
  summary: 'export projects as IATI 2.03 activity XML (streamed)',
  description:
    'projects as IATI 2.03 activity XML (all, or those reported by the organisation with IATI id REF), streamed; validates against the official XSD (`xmllint --noout --schema ../shared/data/iati-2.03/iati-activities-schema.xsd FILE`)',
  options: { org: { type: 'string', value: 'REF', help: "only the activities this organisation reports (its IATI organisation id)" }, output: outputOption },
  // Public project finance only. The database is closed when the returned promise settles: after the stream is written.
  handler: async (args, { open, stdout, stderr }) => exportIatiCommand((await open()).database, args, stdout, stderr),
});

export const exportHxlCliCommand = defineCommand({
  name: ['export', 'hxl'],
  summary: 'export projects as HXL CSV: 3W, or flows with USD values and rates',
  description:
    'HXL-tagged CSV (hashtag row under the header), streamed, public fields only: `3w` who/what/where of projects; `flows` every transaction with `#value+c_usd` and the rate used (rate, date, source); oblasts by OCHA P-code (`#adm1+code`) with KATOTTG apart (`#adm1+id`)',
  options: { dataset: { type: 'string', choices: HXL_KINDS, required: true, help: 'which table: 3w, or flows' }, output: outputOption },
  handler: async (args, { open, stdout, stderr }) => exportHxlCommand((await open()).database, args, stdout, stderr),
});
