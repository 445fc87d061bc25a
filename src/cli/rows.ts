import type { RowError } from '../errors.js';

/** A problem in a row of a file, as the CLI prints every one: `  row N, column C: reason` (a user's script may grep it). */
export const rowErrorLine = (e: RowError): string => `  row ${e.row}, column ${e.column}: ${e.message}\n`;

export function writeRowErrors(stream: NodeJS.WritableStream, errors: readonly RowError[]): void {
  for (const e of errors) stream.write(rowErrorLine(e));
}
