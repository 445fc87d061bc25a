import fs from 'node:fs';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { inPlace, rowsChecked } from '../../io/import-run.js';
import { tableFormatOf } from '../../io/table-reader.js';
import type { SurveyForm } from '../../io/xlsform.js';
import { importStatusReports, surveyFormOf, type StatusImportResult } from './status.import.js';

/** Reads a mapping file (our field → their column header), naming the file when it is not JSON. */
async function readMapping(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('validation_failed', `Cannot read the mapping file ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError('validation_failed', `The mapping file ${file} is not JSON: ${(e as Error).message}`, { errors: [{ path: '/mapping', message: 'must be a JSON object: our field → the column header in the file' }] });
  }
}

/** `carebridge import status-reports FILE [--form XLSFORM.xlsx] [--mapping FILE.json] [--dry-run]`: the same import as the API. */
export async function importStatusReportsFile(database: Database, ctx: CallContext, file: string, options: { mapping?: string | undefined; form?: string | undefined; dryRun: boolean; onChecked?: (rows: number) => void }): Promise<StatusImportResult> {
  const format = tableFormatOf(file);
  if (format === undefined) throw new AppError('validation_failed', `Cannot tell the format of ${file}: use a .csv or .xlsx file.`);
  const mapping = options.mapping === undefined ? undefined : await readMapping(options.mapping);
  let form: SurveyForm | undefined;
  if (options.form !== undefined) {
    const content = await fs.promises.readFile(options.form).catch((e: Error) => {
      throw new AppError('validation_failed', `Cannot read the XLSForm ${options.form ?? ''}: ${e.message}`);
    });
    form = await surveyFormOf(content, options.form);
  }
  return importStatusReports(database, ctx, fs.createReadStream(file), format, { dryRun: options.dryRun, mapping, ...(form === undefined ? {} : { form }), run: inPlace(database, rowsChecked((n) => options.onChecked?.(n))) });
}
