import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { restoreFormula } from './csv.js';
import { loadExcelJs } from './exceljs.js';

export type TableFormat = 'csv' | 'xlsx';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column name. */
export interface TableRow {
  row: number;
  values: Record<string, string>;
}

export class TableFormatError extends Error {}

/** Survey imports name columns as the file spells them (`hf/Functionality`); most readers compare lower-cased. */
const caseOf = (header: string, keepCase: boolean): string => (keepCase ? header : header.toLowerCase());

/** Guesses the format from a file name or a MIME type. */
export function tableFormatOf(nameOrType: string): TableFormat | undefined {
  const s = nameOrType.toLowerCase();
  if (s.endsWith('.csv') || s.startsWith('text/csv') || s.startsWith('text/plain')) return 'csv';
  if (s.endsWith('.xlsx') || s.includes('spreadsheetml')) return 'xlsx';
  return undefined;
}

/** Streams a CSV (UTF-8, optional BOM, comma or semicolon) as rows keyed by header. */
async function* csvRows(input: Readable, delimiter: string, keepCase: boolean): AsyncGenerator<TableRow, string[]> {
  const parser = input.pipe(parse({ bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, trim: true, info: true }));
  let header: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === undefined) {
        header = record.record.map((h) => caseOf(h.trim(), keepCase));
        continue;
      }
      const values: Record<string, string> = {};
      // Our CSV writer puts a ' before formula-like text (io/csv.ts); take it off again.
      header.forEach((h, i) => (values[h] = restoreFormula(record.record[i] ?? '')));
      yield { row: record.info.lines, values };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new TableFormatError(`CSV is malformed${err.lines === undefined ? '' : ` at line ${err.lines}`}: ${err.message}`);
  }
  return header ?? [];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value).trim();
}

/** Streams the first worksheet of an XLSX workbook as rows keyed by header. */
async function* xlsxRows(input: Readable, keepCase: boolean): AsyncGenerator<TableRow, string[]> {
  const reader = new (await loadExcelJs()).stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let header: string[] | undefined;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (header === undefined) {
          header = cells.map((h) => caseOf(h, keepCase));
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        const values: Record<string, string> = {};
        header.forEach((h, i) => (values[h] = cells[i] ?? ''));
        yield { row: row.number, values };
      }
      break;
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw e;
    throw new TableFormatError(`The XLSX file cannot be read: ${(e as Error).message}`);
  }
  return header ?? [];
}

/**
 * Reads a table without holding it in memory. The first row is the header;
 * the header names (lower-cased unless keepCase) are passed to onHeader before any data row.
 */
export async function* readTable(input: Readable, format: TableFormat, onHeader?: (columns: string[]) => void, options: { keepCase?: boolean } = {}): AsyncGenerator<TableRow> {
  const keepCase = options.keepCase ?? false;
  const rows = format === 'csv' ? csvRowsDetectingDelimiter(input, keepCase) : xlsxRows(input, keepCase);
  let announced = false;
  for (;;) {
    const next = await rows.next();
    if (next.done === true) {
      if (!announced) onHeader?.(next.value);
      return;
    }
    if (!announced) {
      onHeader?.(Object.keys(next.value.values));
      announced = true;
    }
    yield next.value;
  }
}

/** Ukrainian spreadsheets often export with ";"; look at the first line to choose. */
async function* csvRowsDetectingDelimiter(input: Readable, keepCase: boolean): AsyncGenerator<TableRow, string[]> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  const head = first.done === true ? '' : first.value.toString();
  const firstLine = head.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rest = Readable.from((async function* () {
    if (first.done !== true) yield first.value;
    for (;;) {
      const n = await iterator.next();
      if (n.done === true) return;
      yield n.value;
    }
  })());
  return yield* csvRows(rest, delimiter, keepCase);
}
