import fs from 'node:fs';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { tableFormatOf } from '../../io/table-reader.js';
import { reconcileStock } from './ledger.service.js';
import { importProducts } from './products.import.js';

/** `carebridge import products FILE [--dry-run]`: exit 0 when clean, 2 when the file has problems (each printed as row, column, reason). */
export async function importProductsCommand(database: Database, ctx: CallContext, path: string, dryRun: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const format = tableFormatOf(path);
  if (format === undefined) throw new AppError('validation_failed', `Cannot tell the format of ${path}: use a .csv or .xlsx file.`);
  const result = await importProducts(database, ctx, fs.createReadStream(path), format, { dryRun });
  for (const e of result.errors) err.write(`  row ${e.row}, column ${e.column}: ${e.message}\n`);
  out.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} products.\n`);
  return result.errorCount > 0 ? 2 : 0;
}

/** `carebridge stock reconcile`: exit 0 when every balance equals its ledger sum, 1 naming each location × lot that differs. */
export async function stockReconcileCommand(database: Database, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const started = Date.now();
  const r = await reconcileStock(database);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.ok) {
    out.write(`Stock reconciles: ${r.balances} balances equal the sums of ${r.moves} ledger moves (${seconds} s).\n`);
    return 0;
  }
  for (const d of r.differences) err.write(`  location ${d.locationId}, lot ${d.lotId}: balance ${d.balance}, ledger ${d.ledger}\n`);
  err.write(`Stock does NOT reconcile: ${r.differences.length}${r.differences.length === 1000 ? '+' : ''} location × lot balance(s) differ from the ledger (${seconds} s).\n`);
  return 1;
}
