import { csvLine } from '../csv.js';

/**
 * HXL CSV: a header row for people, then the hashtag row HXL tools read,
 * then the data. Pure formatting; the caller decides which (public) fields go in.
 * Cells are written by csvLine, so a formula-like text is neutralised (io/csv.ts).
 */
export interface HxlColumn<R> {
  header: string;
  /** HXL hashtag with attributes, e.g. "#value+c_usd". */
  tag: string;
  value: (row: R) => string;
}

/** The two heading rows: names for people, then the hashtags. */
export const hxlHead = <R>(columns: readonly HxlColumn<R>[]): string => csvLine(columns.map((c) => c.header)) + csvLine(columns.map((c) => c.tag));

/** One data row, for writers that stream. */
export const hxlRow = <R>(columns: readonly HxlColumn<R>[], row: R): string => csvLine(columns.map((c) => c.value(row)));

export function hxlCsv<R>(columns: readonly HxlColumn<R>[], rows: readonly R[]): string {
  return hxlHead(columns) + rows.map((r) => hxlRow(columns, r)).join('');
}
