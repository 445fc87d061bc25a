import type { Readable } from 'node:stream';
import { compiledOnFirstUse } from '../../ajv.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, type RowError } from '../../errors.js';
import type { ImportResult } from '../../http/common.schema.js';
import { nowIso } from '../../ids.js';
import { checkedRow, inPlace, writeInSteps, type ImportRun } from '../../io/import-run.js';
import { readTable, TableFormatError, type TableFormat } from '../../io/table-reader.js';
import { covers, editScope } from '../../scope.js';
import { areasByCode } from '../geography/geography.service.js';
import { OBLASTS } from '../geography/oblasts.js';
import { existingCodes } from './facilities.repository.js';
import { FacilityCreate } from './facilities.schema.js';
import { COLUMN_OF_FIELD, EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, REQUIRED_COLUMNS } from './facilities.columns.js';
import { newFacilityRow, storeNewFacilities } from './facilities.service.js';

const validateCreate = compiledOnFirstUse<FacilityCreate>(FacilityCreate);

/** Row errors beyond this are counted but not listed: a broken file should not produce a 50 MB answer. */
const MAX_LISTED_ERRORS = 1000;

export interface ImportOptions {
  dryRun: boolean;
  /** Where it runs (a request or a command by default, or a job) and where its progress goes. */
  run?: ImportRun;
}

// Files may name an oblast by its ISO 3166-2 code (UA-46); the registry keys areas by KATOTTG.
const KATOTTG_OF_ISO = new Map(OBLASTS.map((o) => [o.iso3166_2, o.katottg]));

const numberCell = (raw: string): number | string => {
  if (raw === '') return raw;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : raw;
};

/** A file row as the API's create body, so one schema validates both paths. */
function candidateOf(values: Record<string, string>): Record<string, unknown> {
  const c: Record<string, unknown> = {
    code: values.code,
    nameUk: values.name_uk,
    nameEn: values.name_en,
    type: values.type,
    tier: values.tier,
    ownership: values.ownership,
    areaKatottg: KATOTTG_OF_ISO.get(values.area ?? '') ?? values.area,
    lat: numberCell(values.lat ?? ''),
    lon: numberCell(values.lon ?? ''),
  };
  if (values.beds !== undefined && values.beds !== '') c.beds = numberCell(values.beds);
  if (values.staff !== undefined && values.staff !== '') c.staff = numberCell(values.staff);
  if (values.services !== undefined && values.services !== '') c.services = values.services.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '');
  if (values.opened_on !== undefined && values.opened_on !== '') c.openedOn = values.opened_on;
  return c;
}

function schemaErrors(row: number, values: Record<string, string>): RowError[] {
  const out = new Map<string, string>();
  for (const e of validateCreate().errors ?? []) {
    const top = `/${e.instancePath.split('/')[1] ?? ''}`;
    const field = e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : top;
    const column = COLUMN_OF_FIELD[field] ?? field.slice(1);
    if (out.has(column)) continue;
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'required') message = 'is required';
    if (e.keyword === 'enum') message = `"${values[column] ?? ''}" is not one of: ${(e.params.allowedValues as string[]).join(', ')}`;
    if (e.keyword === 'type' && e.params.type === 'number') message = 'must be a number';
    if (e.keyword === 'type' && e.params.type === 'integer') message = 'must be a whole number';
    if (e.keyword === 'pattern') message = `"${values[column] ?? ''}" is not in the expected form (${column === 'area' ? 'a KATOTTG code UA + 17 digits, or an oblast ISO code such as UA-46' : String(e.params.pattern)})`;
    out.set(column, message);
  }
  return [...out].map(([column, message]) => ({ row, column, message }));
}

/**
 * Imports facilities from a CSV or XLSX stream. Every row is checked before
 * anything is written; a real run writes all rows in one transaction or none
 * (a cancelled job's too).
 * Row numbers are as a spreadsheet shows them (the header is row 1).
 */
export async function importFacilities(database: Database, ctx: CallContext, input: Readable, format: TableFormat, options: ImportOptions): Promise<ImportResult> {
  const run = options.run ?? inPlace(database);
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  const valid: { row: number; input: FacilityCreate }[] = [];
  const rowOfCode = new Map<string, number>();
  let rows = 0;
  try {
    for await (const { row, values } of readTable(input, format, (columns) => {
      const known = new Set<string>([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
      for (const c of columns) if (!known.has(c)) addError({ row: 1, column: c, message: `unknown column; expected ${IMPORT_COLUMNS.join(', ')}` });
      for (const c of REQUIRED_COLUMNS) if (!columns.includes(c)) addError({ row: 1, column: c, message: 'required column is missing' });
    })) {
      rows += 1;
      await checkedRow(run, rows);
      const candidate = candidateOf(values);
      if (!validateCreate()(candidate)) {
        schemaErrors(row, values).forEach(addError);
        continue;
      }
      const first = rowOfCode.get(candidate.code);
      if (first !== undefined) {
        addError({ row, column: 'code', message: `duplicate of row ${first}` });
        continue;
      }
      rowOfCode.set(candidate.code, row);
      valid.push({ row, input: candidate });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  run.progress(rows, rows, 'checking');
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });

  const areas = await areasByCode(database.db, valid.map((v) => v.input.areaKatottg));
  const taken = await existingCodes(database.db, valid.map((v) => v.input.code));
  const mayEdit = editScope(ctx.principal);
  for (const v of valid) {
    const area = areas.get(v.input.areaKatottg);
    if (area === undefined) addError({ row: v.row, column: 'area', message: `no area with code "${v.input.areaKatottg}"` });
    else if (!covers(mayEdit, { id: '', area_path: area.path })) addError({ row: v.row, column: 'area', message: `"${v.input.areaKatottg}" is outside the areas you coordinate` });
    if (taken.has(v.input.code)) addError({ row: v.row, column: 'code', message: `a facility with code "${v.input.code}" already exists` });
  }
  errors.sort((a, b) => a.row - b.row);
  const result: ImportResult = { dryRun: options.dryRun, rows, imported: 0, errors, errorCount };
  if (errorCount > 0) {
    if (options.dryRun) return result;
    throw new AppError('import_failed', `${errorCount} problem(s) in the file; nothing was imported.`, { rowErrors: errors });
  }
  if (options.dryRun) return result;
  const at = nowIso();
  const records = valid.map((v) => newFacilityRow(v.input, areas.get(v.input.areaKatottg) as NonNullable<ReturnType<typeof areas.get>>, at));
  return run.write(async (trx) => {
    await writeInSteps(run, trx, records, (t, step) => storeNewFacilities(t, database, ctx, step));
    return { ...result, imported: records.length };
  });
}
