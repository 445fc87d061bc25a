import fs from 'node:fs';
import { once } from 'node:events';
import { defineCommand, dryRunOption, importFile, outputOption } from '../../cli/command.js';
import { progressReporter } from '../../cli/progress.js';
import { writeRowErrors } from '../../cli/rows.js';
import { AppError } from '../../errors.js';
import { inPlace, rowsChecked } from '../../io/import-run.js';
import { tableFormatOf } from '../../io/table-reader.js';
import { EVERYTHING } from '../../scope.js';
import { EXPORT_FORMATS, exportFacilities } from './facilities.export.js';
import { importFacilities } from './facilities.import.js';

export const importFacilitiesCommand = defineCommand({
  name: ['import', 'facilities'],
  summary: 'import facilities from CSV or XLSX (all rows or none)',
  description:
    'CSV or XLSX (UTF-8, Cyrillic; `,` or `;`); every bad row is reported as `row N, column C: reason` (the header is row 1) and nothing is written unless every row is good',
  arguments: [importFile('the facilities file, .csv or .xlsx')],
  options: { 'dry-run': dryRunOption },
  handler: async (args, { open, call, stdout, stderr }) => {
    const format = tableFormatOf(args.file);
    if (format === undefined) throw new AppError('validation_failed', `Cannot tell the format of ${args.file}: use a .csv or .xlsx file.`);
    const { database } = await open();
    const progress = progressReporter(stderr, 'rows read');
    const result = await importFacilities(database, call, fs.createReadStream(args.file), format, { dryRun: args['dry-run'], run: inPlace(database, rowsChecked((n) => progress.update(n))) });
    progress.done(result.rows);
    writeRowErrors(stderr, result.errors);
    stdout.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} facilities.\n`);
    return result.errorCount > 0 ? 2 : 0;
  },
});

export const exportFacilitiesCommand = defineCommand({
  name: ['export'],
  summary: 'export facilities (stdout when no --output)',
  description: 'all facilities, streamed; the CSV imports back',
  arguments: [{ name: 'format', choices: EXPORT_FORMATS, help: 'the file format' }],
  options: { output: outputOption },
  handler: async (args, { open, stdout, stderr }) => {
    const { database } = await open();
    const stream = args.output === undefined ? stdout : fs.createWriteStream(args.output);
    // The command line exports what the public may see of each facility (rounded coordinates).
    const n = await exportFacilities(database, null, { status: 'all', visible: EVERYTHING }, args.format, stream);
    if (args.output !== undefined) {
      if (!stream.writableFinished) await once(stream, 'finish');
      stderr.write(`Exported ${n} facilities to ${args.output}.\n`);
    }
    return 0;
  },
});
