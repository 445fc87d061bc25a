import type { Readable } from 'node:stream';
import { compiledOnFirstUse } from '../../ajv.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, type RowError } from '../../errors.js';
import type { ImportResult } from '../../http/common.schema.js';
import { nowIso } from '../../ids.js';
import { checkedRow, inPlace, writeInSteps, type ImportRun } from '../../io/import-run.js';
import { readTable, TableFormatError, type TableFormat } from '../../io/table-reader.js';
import { takenGtins } from './products.repository.js';
import { PRODUCT_COLUMNS, ProductCreate } from './products.schema.js';
import { newProductRow, productProblems, storeNewProducts } from './products.service.js';

const validateCreate = compiledOnFirstUse<ProductCreate>(ProductCreate);
const MAX_LISTED_ERRORS = 1000;
const REQUIRED = ['kind', 'name', 'unit', 'pack_size', 'essential'] as const;
const COLUMN_OF_FIELD: Record<string, string> = { kind: 'kind', name: 'name', inn: 'inn', atcCode: 'atc_code', form: 'form', strength: 'strength', unit: 'unit', packSize: 'pack_size', gtin: 'gtin', essential: 'essential' };

const TRUE = new Set(['yes', 'true', '1', 'так', 'y']);
const FALSE = new Set(['no', 'false', '0', 'ні', 'n', '']);

/** A file row as the API's create body, so one schema validates both paths. */
function candidateOf(v: Record<string, string>): Record<string, unknown> {
  const optional = (s: string | undefined) => (s === undefined || s === '' ? null : s);
  const flag = (v.essential ?? '').toLowerCase();
  return {
    kind: v.kind,
    name: v.name,
    inn: optional(v.inn),
    atcCode: optional(v.atc_code?.toUpperCase()),
    form: optional(v.form),
    strength: optional(v.strength),
    unit: v.unit,
    packSize: /^[0-9]+$/.test(v.pack_size ?? '') ? Number(v.pack_size) : v.pack_size,
    gtin: optional(v.gtin),
    essential: TRUE.has(flag) ? true : FALSE.has(flag) ? false : flag,
  };
}

function rowErrorsOf(row: number, values: Record<string, string>): RowError[] {
  const out = new Map<string, string>();
  for (const e of validateCreate().errors ?? []) {
    const field = e.keyword === 'required' ? String(e.params.missingProperty) : (e.instancePath.split('/')[1] ?? '');
    const column = COLUMN_OF_FIELD[field] ?? field;
    if (out.has(column)) continue;
    const raw = values[column] ?? '';
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'required') message = 'is required';
    else if (column === 'essential') message = `"${raw}" is not yes or no`;
    else if (column === 'pack_size') message = `"${raw}" is not a whole number from 1`;
    else if (column === 'atc_code') message = `"${raw}" is not an ATC code (e.g. J01CA04)`;
    else if (column === 'gtin') message = `"${raw}" is not a GTIN (8, 12, 13 or 14 digits)`;
    else if (e.keyword === 'enum' || e.keyword === 'anyOf') message = column === 'kind' ? `"${raw}" is not one of: medicine, consumable, equipment, generator` : message;
    out.set(column, message);
  }
  return [...out].map(([column, message]) => ({ row, column, message }));
}

/**
 * Imports products from CSV or XLSX. Every row is checked (schema, INN for medicines, GTIN check digit,
 * duplicate GTINs in the file and in the catalogue) before anything is written; then all rows in one transaction.
 */
export async function importProducts(database: Database, ctx: CallContext, input: Readable, format: TableFormat, options: { dryRun: boolean; run?: ImportRun }): Promise<ImportResult> {
  const run = options.run ?? inPlace(database);
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  const valid: { row: number; input: ProductCreate }[] = [];
  const rowOfGtin = new Map<string, number>();
  let rows = 0;
  try {
    for await (const { row, values } of readTable(input, format, (columns) => {
      for (const c of columns) if (!(PRODUCT_COLUMNS as readonly string[]).includes(c)) addError({ row: 1, column: c, message: `unknown column; expected ${PRODUCT_COLUMNS.join(', ')}` });
      for (const c of REQUIRED) if (!columns.includes(c)) addError({ row: 1, column: c, message: 'required column is missing' });
    })) {
      rows += 1;
      await checkedRow(run, rows);
      const candidate = candidateOf(values);
      if (!validateCreate()(candidate)) {
        rowErrorsOf(row, values).forEach(addError);
        continue;
      }
      const problems = productProblems(candidate);
      for (const p of problems) addError({ row, column: COLUMN_OF_FIELD[p.path.slice(1)] ?? p.path, message: p.message });
      if (problems.length > 0) continue;
      const gtin = candidate.gtin === undefined || candidate.gtin === null ? null : candidate.gtin.padStart(14, '0');
      if (gtin !== null) {
        const first = rowOfGtin.get(gtin);
        if (first !== undefined) {
          addError({ row, column: 'gtin', message: `duplicate of row ${first}` });
          continue;
        }
        rowOfGtin.set(gtin, row);
      }
      valid.push({ row, input: candidate });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  run.progress(rows, rows, 'checking');
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });
  const taken = await takenGtins(database.db, [...rowOfGtin.keys()]);
  for (const [gtin, row] of rowOfGtin) if (taken.has(gtin)) addError({ row, column: 'gtin', message: `GTIN ${gtin} is already in the catalogue` });
  errors.sort((a, b) => a.row - b.row);
  const result: ImportResult = { dryRun: options.dryRun, rows, imported: 0, errors, errorCount };
  if (errorCount > 0) {
    if (options.dryRun) return result;
    throw new AppError('import_failed', `${errorCount} problem(s) in the file; nothing was imported.`, { rowErrors: errors });
  }
  if (options.dryRun) return result;
  const at = nowIso();
  const records = valid.map((v) => newProductRow(v.input, at));
  return run.write(async (trx) => {
    await writeInSteps(run, trx, records, (t, step) => storeNewProducts(t, database, ctx, step));
    return { ...result, imported: records.length };
  });
}
