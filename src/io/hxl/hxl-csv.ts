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

const line = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The two heading rows: names for people, then the hashtags. */
export const hxlHead = <R>(columns: readonly HxlColumn<R>[]): string => line(columns.map((c) => c.header)) + line(columns.map((c) => c.tag));

/** One data row, for writers that stream. */
export const hxlRow = <R>(columns: readonly HxlColumn<R>[], row: R): string => line(columns.map((c) => c.value(row)));

export function hxlCsv<R>(columns: readonly HxlColumn<R>[], rows: readonly R[]): string {
  return hxlHead(columns) + rows.map((r) => hxlRow(columns, r)).join('');
}
