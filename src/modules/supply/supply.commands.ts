import fs from 'node:fs';
import { defineCommand, dryRunOption, importFile } from '../../cli/command.js';
import { writeRowErrors } from '../../cli/rows.js';
import { AppError } from '../../errors.js';
import { tableFormatOf } from '../../io/table-reader.js';
import { reconcileStock } from './ledger.service.js';
import { importProducts } from './products.import.js';

/** Exit 0 when clean, 2 when the file has problems (each printed as row, column, reason). */
export const importProductsCommand = defineCommand({
  name: ['import', 'products'],
  summary: 'import the product catalogue from CSV or XLSX (all rows or none)',
  description:
    'product catalogue (CSV or XLSX): columns `kind,name,inn,atc_code,form,strength,unit,pack_size,gtin,essential`; GTIN check digits verified; every bad row as `row N, column C: reason`, all rows or none (see docs/supply.md)',
  arguments: [importFile('the catalogue, .csv or .xlsx')],
  options: { 'dry-run': dryRunOption },
  handler: async (args, { open, call, stdout, stderr }) => {
    const format = tableFormatOf(args.file);
    if (format === undefined) throw new AppError('validation_failed', `Cannot tell the format of ${args.file}: use a .csv or .xlsx file.`);
    const result = await importProducts((await open()).database, call, fs.createReadStream(args.file), format, { dryRun: args['dry-run'] });
    writeRowErrors(stderr, result.errors);
    stdout.write(result.dryRun ? `Dry run: ${result.rows} rows, ${result.errorCount} problem(s); nothing written.\n` : `Imported ${result.imported} products.\n`);
    return result.errorCount > 0 ? 2 : 0;
  },
});

/** Exit 0 when every balance equals its ledger sum, 1 naming each location × lot that differs. */
export const stockReconcileCommand = defineCommand({
  name: ['stock', 'reconcile'],
  summary: 'prove stock balances equal the ledger (exit 1 naming each difference)',
  description: 'prove every stock balance (location × lot) equals the sum of its ledger moves; exit 1 naming each location and lot that differs',
  handler: async (_args, { open, stdout, stderr }) => {
    const { database } = await open();
    const started = Date.now();
    const r = await reconcileStock(database);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (r.ok) {
      stdout.write(`Stock reconciles: ${r.balances} balances equal the sums of ${r.moves} ledger moves (${seconds} s).\n`);
      return 0;
    }
    for (const d of r.differences) stderr.write(`  location ${d.locationId}, lot ${d.lotId}: balance ${d.balance}, ledger ${d.ledger}\n`);
    stderr.write(`Stock does NOT reconcile: ${r.differences.length}${r.differences.length === 1000 ? '+' : ''} location × lot balance(s) differ from the ledger (${seconds} s).\n`);
    return 1;
  },
});
