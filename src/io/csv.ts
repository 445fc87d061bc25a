/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with
 * =, +, -, @, a tab or a carriage return may be run as a formula when the file is
 * opened in a spreadsheet. We write such a text cell with a leading ' (which
 * spreadsheets show as text) and our CSV reader takes that ' off again, so our
 * own exports import back unchanged.
 *
 * To keep that round trip exact, a text that already begins with one or more '
 * followed by a formula character gets one more ': the reader removes exactly one,
 * and only in front of such a run, so "'Tis" or "'s-Hertogenbosch" stay as written.
 *
 * A plain decimal number (-12.5, -5.00) is left alone, whether it came to us as
 * a number or as a decimal string (money is a string, DESIGN §4): it cannot be a
 * formula, and prefixing it would turn a number into text in every spreadsheet
 * and change the value for every other reader of the file.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The text as it must be written to a CSV cell so no spreadsheet runs it. */
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text);

/** The inverse of neutraliseFormula, for a cell read from a CSV file. */
export const restoreFormula = (cell: string): string => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);

/** One cell (RFC 4180): formulas neutralised; commas, quotes and line breaks quoted. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of cells (see csvCell), ending in CRLF. */
export const csvLine = (values: readonly (string | number | null | undefined)[]): string => `${values.map(csvCell).join(',')}\r\n`;
