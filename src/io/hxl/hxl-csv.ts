/**
 * HXL CSV: a header row for people, then the hashtag row HXL tools read,
 * then the data. Pure formatting; the caller decides which (public) fields go in.
 */
export interface HxlColumn<R> {
  header: string;
  /** HXL hashtag with attributes, e.g. "#value+usd". */
  tag: string;
  value: (row: R) => string;
}

/** Quotes a cell when CSV needs it; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function hxlCsv<R>(columns: readonly HxlColumn<R>[], rows: readonly R[]): string {
  const line = (cells: string[]) => cells.map(csvCell).join(',');
  return [line(columns.map((c) => c.header)), line(columns.map((c) => c.tag)), ...rows.map((r) => line(columns.map((c) => c.value(r))))].join('\r\n') + '\r\n';
}
