import { defineCommand, dryRunOption, importFile } from '../../cli/command.js';
import { progressReporter } from '../../cli/progress.js';
import { writeRowErrors } from '../../cli/rows.js';
import { importStatusReportsFile } from './status.import.command.js';

export const importStatusReportsCommand = defineCommand({
  name: ['import', 'status-reports'],
  summary: 'import status reports from a survey export (CSV/XLSX, all rows or none)',
  description:
    "status reports from a KoBoToolbox or ODK export (CSV or XLSX, one row per facility visit); `--form` is the XLSForm it was made with (`survey` and `choices` sheets: choice labels are read as their names, unknown choices named with the list's choices); `--mapping` is JSON our field → their column (`group/question`), or `{\"column\": …, \"values\": {their choice: our value}}` to recode; select_multiple as one cell or split 0/1 columns; `_uuid`/`KEY` is the report's id, so importing the same export again changes nothing; every bad row as `row N, column C: reason` with the column as the file spells it, all rows or none (see docs/monitoring.md)",
  arguments: [importFile('the survey export, .csv or .xlsx')],
  options: {
    form: { type: 'string', value: 'XLSFORM.xlsx', help: 'the XLSForm the export was made with: its choice labels are read as their names' },
    mapping: { type: 'string', value: 'FILE.json', help: 'JSON: our field → their column, or {"column": …, "values": {their choice: our value}}' },
    'dry-run': dryRunOption,
  },
  handler: async (args, { open, call, stdout, stderr }) => {
    const { database } = await open();
    const progress = progressReporter(stderr, 'rows read');
    const result = await importStatusReportsFile(database, call, args.file, { mapping: args.mapping, form: args.form, dryRun: args['dry-run'], onChecked: (n) => progress.update(n) });
    progress.done(result.rows);
    writeRowErrors(stderr, result.errors);
    stdout.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} status reports${result.alreadyImported > 0 ? ` (${result.alreadyImported} already imported, left unchanged)` : ''}.\n`);
    return result.errorCount > 0 ? 2 : 0;
  },
});
