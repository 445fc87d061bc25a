import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import { makeAjv } from '../../ajv.js';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, type FieldError, type RowError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { readTable, TableFormatError, type TableFormat } from '../../io/table-reader.js';
import { covers, registryScope } from '../access/access.scope.js';
import type { FacilityRow } from '../facilities/facilities.repository.js';
import type { ServiceCode } from '../facilities/facilities.schema.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import { mappingOf, resolveColumns, type ColumnMapping, type MappableField } from './status.import-mapping.js';
import { facilitiesByCode, facilitiesById, storedObservations } from './status.repository.js';
import { StatusReportCreate } from './status.schema.js';
import { reportProblems, reportRow, reportScope, storeCheckedReports } from './status.service.js';

/** A file row before its facility is known: the API's create body without facilityId, so one schema checks both paths. */
const validateRow = makeAjv(false).compile<Omit<StatusReportCreate, 'facilityId'>>(Type.Omit(StatusReportCreate, ['facilityId'], { additionalProperties: false }));

/** Row errors beyond this are counted but not listed: a broken file should not produce a 50 MB answer. */
const MAX_LISTED_ERRORS = 1000;
const CHOICES = /[\s;,|]+/;
const TEXT_FIELDS = ['buildingCondition', 'buildingCause', 'functionality', 'accessibility', 'powerSource', 'water', 'coldChain'] as const;
const NUMBER_FIELDS = ['outageHours7d', 'backupKw', 'fuelLitres', 'rehabBeds', 'therapists', 'psychologists', 'psychiatrists'] as const;

export interface StatusImportResult {
  dryRun: boolean;
  rows: number;
  imported: number;
  errors: RowError[];
  errorCount: number;
}

export interface StatusImportOptions {
  dryRun: boolean;
  /** Our field → the file's column header, over the KoBo-style default (see status.import-mapping.ts). */
  mapping?: unknown;
  onProgress?: (rowsRead: number) => void;
}

const numberCell = (raw: string): number | string => {
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : raw;
};
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/**
 * A visit date without a time (KoBo `today`) is taken as the start of that day, UTC. The streamed XLSX reader
 * skips styles, so a date cell arrives as its serial day number (days since 1899-12-30, time as the fraction).
 */
function timeCell(raw: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return `${raw}T00:00:00.000Z`;
  if (/^\d{5}(\.\d+)?$/.test(raw)) return new Date(EXCEL_EPOCH + Math.round(Number(raw) * 86_400_000)).toISOString();
  return raw;
}

function candidateOf(values: Record<string, string>, columns: ColumnMapping): Record<string, unknown> {
  const cell = (f: MappableField): string => values[columns.field[f] ?? ''] ?? '';
  const c: Record<string, unknown> = {};
  if (cell('observedAt') !== '') c.observedAt = timeCell(cell('observedAt'));
  for (const f of TEXT_FIELDS) if (cell(f) !== '') c[f] = cell(f);
  for (const f of NUMBER_FIELDS) if (cell(f) !== '') c[f] = numberCell(cell(f));
  if (cell('functionalityReasons') !== '') c.functionalityReasons = cell('functionalityReasons').split(CHOICES).filter((s) => s !== '');
  if (cell('accessibilityBarriers') !== '') c.accessibilityBarriers = cell('accessibilityBarriers').split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '');
  const services: Record<string, unknown>[] = [];
  for (const [code, column] of Object.entries(columns.status) as [ServiceCode, string][]) {
    const status = values[column] ?? '';
    if (status === '') continue;
    const reasons = (values[columns.reasons[code] ?? ''] ?? '').split(CHOICES).filter((s) => s !== '');
    services.push(reasons.length > 0 ? { code, status, reasons } : { code, status });
  }
  if (services.length > 0) c.services = services;
  return c;
}

const valueAt = (doc: unknown, pointer: string): unknown =>
  pointer.split('/').slice(1).reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

/** The file column that carries the value at a JSON pointer of the report. */
function columnOf(pointer: string, candidate: Record<string, unknown>, columns: ColumnMapping): string {
  const [, top = '', index, sub] = pointer.split('/');
  if (top === 'services' && index !== undefined) {
    const code = (valueAt(candidate, `/services/${index}/code`) ?? '') as ServiceCode;
    return (sub === 'reasons' ? columns.reasons[code] : undefined) ?? columns.status[code] ?? `service ${code}`;
  }
  if (top === 'facilityId') return columns.field.facilityCode ?? columns.field.facilityId ?? 'facility';
  return columns.field[top as MappableField] ?? top;
}

function schemaMessage(e: ErrorObject, candidate: Record<string, unknown>): string {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'enum') return `"${String(valueAt(candidate, e.instancePath))}" is not one of: ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
  if (e.keyword === 'type' && ['number', 'integer'].includes(String((e.params as { type: string }).type))) return `"${String(valueAt(candidate, e.instancePath))}" is not a ${(e.params as { type: string }).type === 'integer' ? 'whole ' : ''}number`;
  if (e.keyword === 'format') return `"${String(valueAt(candidate, e.instancePath))}" is not a date (YYYY-MM-DD) or date-time (ISO 8601)`;
  return e.message ?? 'is not valid';
}

interface Pending {
  row: number;
  ref: string;
  candidate: Record<string, unknown>;
}

/**
 * Imports status reports from a survey tool's CSV or XLSX export (one row per facility visit). Rows are read as
 * a stream and checked by the API's schema and reportProblems, so a file row and an API call meet the same rules;
 * a real run writes every row in one transaction or none. Row numbers are as a spreadsheet shows them.
 */
export async function importStatusReports(database: Database, ctx: CallContext, input: Readable, format: TableFormat, options: StatusImportOptions): Promise<StatusImportResult> {
  const mapping = mappingOf(options.mapping);
  const explicit = new Set(options.mapping !== null && typeof options.mapping === 'object' ? Object.keys(options.mapping) : []);
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  let columns: ColumnMapping = { field: {}, status: {}, reasons: {} };
  // With a required column missing every row would repeat the same complaint: the header's errors say it once.
  let headerBroken = false;
  const pending: Pending[] = [];
  let rows = 0;
  try {
    for await (const { row, values } of readTable(input, format, (header) => {
      const resolved = resolveColumns(mapping, explicit, header);
      columns = resolved.columns;
      for (const p of resolved.problems) addError({ row: 1, ...p });
      headerBroken = resolved.problems.length > 0;
    })) {
      rows += 1;
      if (rows % 1000 === 0) options.onProgress?.(rows);
      if (headerBroken) continue;
      const ref = values[columns.field.facilityCode ?? columns.field.facilityId ?? ''] ?? '';
      const candidate = candidateOf(values, columns);
      const seen = new Set<string>();
      if (ref === '') addError({ row, column: columnOf('/facilityId', candidate, columns), message: 'is required' });
      if (!validateRow(candidate)) {
        for (const e of validateRow.errors ?? []) {
          const pointer = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
          const column = columnOf(pointer, candidate, columns);
          if (seen.has(column)) continue;
          seen.add(column);
          addError({ row, column, message: schemaMessage(e, candidate) });
        }
        continue;
      }
      if (ref !== '') pending.push({ row, ref, candidate });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  options.onProgress?.(rows);
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });

  const records = await checkAgainstFacilities(database, ctx, pending, columns, addError);
  errors.sort((a, b) => a.row - b.row);
  const result: StatusImportResult = { dryRun: options.dryRun, rows, imported: 0, errors, errorCount };
  if (errorCount > 0) {
    if (options.dryRun) return result;
    throw new AppError('import_failed', `${errorCount} problem(s) in the file; nothing was imported.`, { rowErrors: errors });
  }
  if (options.dryRun) return result;
  await database.db.transaction().execute((trx) => storeCheckedReports(trx, database, ctx, records));
  return { ...result, imported: records.length };
}

/** The checks that need the facility (who may report on it, what it offers, repeats), all facilities looked up at once. */
async function checkAgainstFacilities(database: Database, ctx: CallContext, pending: readonly Pending[], columns: ColumnMapping, addError: (e: RowError) => void): Promise<StatusReportsTable[]> {
  const byCode = columns.field.facilityCode !== undefined;
  const refs = [...new Set(pending.map((p) => p.ref))];
  const facilities: Map<string, FacilityRow> = byCode ? await facilitiesByCode(database.db, refs) : await facilitiesById(database.db, refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r)));
  const readable = registryScope(ctx.principal);
  const reportable = reportScope(ctx.principal);
  const facilityColumn = columnOf('/facilityId', {}, columns);
  const at = nowIso();
  const actor = actorOf(ctx);
  const records: { row: number; record: StatusReportsTable }[] = [];
  for (const p of pending) {
    const facility = facilities.get(p.ref);
    // A facility the caller may not read is "no such facility", so its existence does not leak.
    if (facility === undefined || !covers(readable, facility)) {
      addError({ row: p.row, column: facilityColumn, message: `no facility with ${byCode ? 'code' : 'id'} "${p.ref}", or it is outside the facilities you may see` });
      continue;
    }
    if (!covers(reportable, facility)) {
      addError({ row: p.row, column: facilityColumn, message: `"${p.ref}" is outside the facilities and areas you report for` });
      continue;
    }
    const report = { ...p.candidate, facilityId: facility.id } as StatusReportCreate;
    const problems: FieldError[] = reportProblems(facility, report);
    for (const problem of problems) addError({ row: p.row, column: columnOf(problem.path, p.candidate, columns), message: problem.message });
    if (problems.length === 0) records.push({ row: p.row, record: reportRow(report, actor, at) });
  }
  // The same visit twice (in the file, or a file imported again) would count twice in the history.
  const first = new Map<string, number>();
  const times = records.map((r) => r.record.observed_at).sort();
  const stored = records.length === 0 ? new Set<string>() : await storedObservations(database.db, [...new Set(records.map((r) => r.record.facility_id))], times[0] ?? '', times[times.length - 1] ?? '');
  const timeColumn = columns.field.observedAt ?? 'observedAt';
  for (const { row, record } of records) {
    const key = `${record.facility_id} ${record.observed_at}`;
    const earlier = first.get(key);
    if (earlier !== undefined) addError({ row, column: timeColumn, message: `the same facility and time as row ${earlier}` });
    else if (stored.has(key)) addError({ row, column: timeColumn, message: 'a report for this facility at this time is already stored' });
    first.set(key, earlier ?? row);
  }
  return records.map((r) => r.record);
}
