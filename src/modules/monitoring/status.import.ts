import type { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import { v5 } from 'uuid';
import type { ErrorObject } from 'ajv';
import { compiledOnFirstUse } from '../../ajv.js';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, type FieldError, type RowError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { checkedRow, inPlace, writeInSteps, type ImportRun } from '../../io/import-run.js';
import { readTable, TableFormatError, type TableFormat } from '../../io/table-reader.js';
import { describeProblem, readXlsForm, XlsFormError, type FormChoice, type SurveyForm } from '../../io/xlsform.js';
import { covers, registryScope } from '../../scope.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import type { ServiceCode } from '../facilities/facilities.schema.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import { checkMappingAgainstForm, headerOf, mappingOf, resolveColumns, type ColumnMapping, type MappableField, type ResolvedColumn } from './status.import-mapping.js';
import { facilitiesByCode, facilitiesById, reportsByIds, storedObservations } from './status.repository.js';
import { type StatusImportResult as StatusImportResultSchema, StatusReportCreate } from './status.schema.js';
import { reportProblems, reportRow, reportScope, storeCheckedReports } from './status.service.js';

/** A file row before its facility is known: the API's create body without facilityId, so one schema checks both paths. */
const rowValidator = compiledOnFirstUse<Omit<StatusReportCreate, 'facilityId'>>(Type.Omit(StatusReportCreate, ['facilityId'], { additionalProperties: false }));

/** Row errors beyond this are counted but not listed: a broken file should not produce a 50 MB answer. */
const MAX_LISTED_ERRORS = 1000;
const CHOICES = /[\s;,|]+/;
const TEXT_FIELDS = ['buildingCondition', 'buildingCause', 'functionality', 'accessibility', 'powerSource', 'water', 'coldChain'] as const;
const NUMBER_FIELDS = ['outageHours7d', 'backupKw', 'fuelLitres', 'rehabBeds', 'therapists', 'psychologists', 'psychiatrists'] as const;

/** What the import answers: the type of the schema its route declares, so the two cannot drift. */
export type StatusImportResult = Static<typeof StatusImportResultSchema>;

export interface StatusImportOptions {
  dryRun: boolean;
  /** Our field → the file's column header, over the KoBo-style default (see status.import-mapping.ts). */
  mapping?: unknown;
  /** The XLSForm the export was made with: choice lists for labels, split select_multiple columns and checks. */
  form?: SurveyForm;
  /** Where it runs (a request or a command by default, or a job) and where its progress goes. */
  run?: ImportRun;
}

const numberCell = (raw: string): number | string => {
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : raw;
};
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/**
 * A visit date without a time (KoBo `today`) is taken as the start of that day, UTC, and a time without a zone
 * (KoBo's `_submission_time`) as UTC. The streamed XLSX reader skips styles, so a date cell arrives as its serial
 * day number (days since 1899-12-30, time as the fraction).
 */
function timeCell(raw: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return `${raw}T00:00:00.000Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw)) return `${raw}Z`;
  if (/^\d{5}(\.\d+)?$/.test(raw)) return new Date(EXCEL_EPOCH + Math.round(Number(raw) * 86_400_000)).toISOString();
  return raw;
}

/** Any submission key becomes a UUID: KoBo's `_uuid` as it is, ODK's `uuid:…` without its prefix, others by UUID v5. */
const KEY_NAMESPACE = 'c5b8a7d2-3f4e-5a61-9b0c-7d8e9f0a1b2c';
function reportIdOf(key: string): string | undefined {
  const k = key.trim().replace(/^uuid:/i, '');
  if (k === '') return undefined;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k) ? k.toLowerCase() : v5(k, KEY_NAMESPACE);
}

type CellProblem = { column: string; message: string };
const SPLIT_ON = new Set(['1', 'true']);
const SPLIT_OFF = new Set(['0', 'false', '']);

/** A choice by its name or, ignoring case, by its name or any label: KoBo exports either. */
function choiceNamed(choices: readonly FormChoice[], text: string): string | undefined {
  const exact = choices.find((c) => c.name === text);
  if (exact !== undefined) return exact.name;
  const t = text.trim().toLowerCase();
  return choices.find((c) => c.name.toLowerCase() === t || c.labels.some((l) => l.trim().toLowerCase() === t))?.name;
}

/**
 * The values of one mapped column in a row: the form's choice names (from names or labels, from one cell or the
 * split 0/1 columns), recoded through the mapping's `values`. Unknown choices are problems naming the column.
 */
function cellValues(values: Record<string, string>, col: ResolvedColumn | undefined, multi: RegExp | undefined, problems: CellProblem[]): string[] {
  if (col === undefined) return [];
  let tokens: string[];
  if (col.header !== undefined) {
    const raw = values[col.header] ?? '';
    if (raw === '') return [];
    const whole = col.choices === undefined ? undefined : choiceNamed(col.choices, raw);
    tokens = whole !== undefined ? [whole] : multi === undefined ? [raw] : raw.split(col.multiple ? /\s+/ : multi).filter((t) => t !== '');
    if (col.choices !== undefined && whole === undefined) {
      const choices = col.choices;
      tokens = tokens.flatMap((t) => {
        const name = choiceNamed(choices, t);
        if (name === undefined) problems.push({ column: col.header ?? '', message: `"${t}" is not a choice of list "${col.question?.list ?? ''}" in the form: ${choices.map((c) => c.name).join(', ')}` });
        return name === undefined ? [] : [name];
      });
    }
  } else {
    tokens = col.split.flatMap((s) => {
      const v = (values[s.header] ?? '').trim().toLowerCase();
      if (!SPLIT_ON.has(v) && !SPLIT_OFF.has(v)) problems.push({ column: s.header, message: `"${values[s.header] ?? ''}" is not 1 or 0 (chosen or not)` });
      return SPLIT_ON.has(v) ? [s.choice] : [];
    });
  }
  return tokens.map((t) => col.values?.[t] ?? t);
}

function candidateOf(values: Record<string, string>, columns: ColumnMapping, problems: CellProblem[]): Record<string, unknown> {
  const one = (col: ResolvedColumn | undefined): string => cellValues(values, col, undefined, problems)[0] ?? '';
  const c: Record<string, unknown> = {};
  const observed = one(columns.field.observedAt) || (values[columns.meta.submittedAt ?? ''] ?? '');
  if (observed !== '') c.observedAt = timeCell(observed);
  for (const f of TEXT_FIELDS) {
    const v = one(columns.field[f]);
    if (v !== '') c[f] = v;
  }
  for (const f of NUMBER_FIELDS) {
    const v = one(columns.field[f]);
    if (v !== '') c[f] = numberCell(v);
  }
  const reasons = cellValues(values, columns.field.functionalityReasons, CHOICES, problems);
  if (reasons.length > 0) c.functionalityReasons = reasons;
  const barriers = cellValues(values, columns.field.accessibilityBarriers, /[;|]/, problems).map((s) => s.trim()).filter((s) => s !== '');
  if (barriers.length > 0) c.accessibilityBarriers = barriers;
  const services: Record<string, unknown>[] = [];
  for (const [code, column] of Object.entries(columns.status) as [ServiceCode, ResolvedColumn][]) {
    const status = one(column);
    if (status === '') continue;
    const why = cellValues(values, columns.reasons[code], CHOICES, problems);
    services.push(why.length > 0 ? { code, status, reasons: why } : { code, status });
  }
  if (services.length > 0) c.services = services;
  return c;
}

const valueAt = (doc: unknown, pointer: string): unknown =>
  pointer.split('/').slice(1).reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

/** The file column (as the file spells it) that carries the value at a JSON pointer of the report. */
function columnOf(pointer: string, candidate: Record<string, unknown>, columns: ColumnMapping): string {
  const [, top = '', index, sub] = pointer.split('/');
  if (top === 'services' && index !== undefined) {
    const code = (valueAt(candidate, `/services/${index}/code`) ?? '') as ServiceCode;
    return (sub === 'reasons' ? headerOf(columns.reasons[code]) : undefined) ?? headerOf(columns.status[code]) ?? `service ${code}`;
  }
  if (top === 'facilityId') return headerOf(columns.field.facilityCode) ?? headerOf(columns.field.facilityId) ?? 'facility';
  if (top === 'observedAt') return headerOf(columns.field.observedAt) ?? columns.meta.submittedAt ?? top;
  return headerOf(columns.field[top as MappableField]) ?? top;
}

function schemaMessage(e: ErrorObject, candidate: Record<string, unknown>): string {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'enum') return `"${String(valueAt(candidate, e.instancePath))}" is not one of: ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
  if (e.keyword === 'type' && ['number', 'integer'].includes(String((e.params as { type: string }).type))) return `"${String(valueAt(candidate, e.instancePath))}" is not a ${(e.params as { type: string }).type === 'integer' ? 'whole ' : ''}number`;
  if (e.keyword === 'format') return `"${String(valueAt(candidate, e.instancePath))}" is not a date (YYYY-MM-DD) or date-time (ISO 8601)`;
  return e.message ?? 'is not valid';
}

/** Reads an XLSForm; its problems come back naming the sheet, row and column (`/form/<sheet>/<row>/<column>`). */
export async function surveyFormOf(content: Buffer, name: string): Promise<SurveyForm> {
  try {
    return await readXlsForm(content);
  } catch (e) {
    if (!(e instanceof XlsFormError)) throw e;
    const errors = e.problems.map((p) => ({ path: ['/form', p.sheet, p.row > 0 ? String(p.row) : '', p.column].filter((s) => s !== '').join('/'), message: describeProblem(p) }));
    throw new AppError('validation_failed', `The XLSForm ${name} cannot be used: ${e.message}`, { errors });
  }
}

interface Pending {
  row: number;
  ref: string;
  candidate: Record<string, unknown>;
  /** The report's id from the submission's UUID (KoBo `_uuid`, ODK `KEY`): importing it again changes nothing. */
  id?: string;
  /** KoBo's `_id`, named in the row's errors so the submission can be found in KoBo. */
  submission?: string;
}

/**
 * Imports status reports from a survey tool's CSV or XLSX export (one row per facility visit). Rows are read as
 * a stream and checked by the API's schema and reportProblems, so a file row and an API call meet the same rules;
 * a real run writes every row in one transaction or none. Row numbers are as a spreadsheet shows them, columns as
 * the file spells them. With the XLSForm, choice labels are read as their names and unknown choices are named.
 */
export async function importStatusReports(database: Database, ctx: CallContext, input: Readable, format: TableFormat, options: StatusImportOptions): Promise<StatusImportResult> {
  const run = options.run ?? inPlace(database);
  const mapping = mappingOf(options.mapping);
  const explicit = new Set(options.mapping !== null && typeof options.mapping === 'object' ? Object.keys(options.mapping) : []);
  if (options.form !== undefined) checkMappingAgainstForm(mapping, explicit, options.form);
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  let columns: ColumnMapping = { field: {}, status: {}, reasons: {}, meta: {} };
  // With a required column missing every row would repeat the same complaint: the header's errors say it once.
  let headerBroken = false;
  const pending: Pending[] = [];
  let rows = 0;
  try {
    const table = readTable(input, format, (header) => {
      const resolved = resolveColumns(mapping, explicit, header, options.form);
      columns = resolved.columns;
      for (const p of resolved.problems) addError({ row: 1, ...p });
      headerBroken = resolved.problems.length > 0;
    }, { keepCase: true });
    for await (const { row, values } of table) {
      rows += 1;
      await checkedRow(run, rows);
      if (headerBroken) continue;
      const submission = values[columns.meta.submissionNumber ?? ''] ?? '';
      const rowError = (column: string, message: string) => addError({ row, column, message: submission === '' ? message : `${message} (submission _id ${submission})` });
      const problems: CellProblem[] = [];
      const facility = columns.field.facilityCode ?? columns.field.facilityId;
      const ref = cellValues(values, facility, undefined, problems)[0] ?? '';
      const candidate = candidateOf(values, columns, problems);
      const seen = new Set<string>();
      for (const p of problems) {
        seen.add(p.column);
        rowError(p.column, p.message);
      }
      if (ref === '' && !seen.has(headerOf(facility) ?? '')) rowError(columnOf('/facilityId', candidate, columns), 'is required');
      if (problems.length > 0) continue;
      const validateRow = rowValidator();
      if (!validateRow(candidate)) {
        for (const e of validateRow.errors ?? []) {
          const pointer = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
          const column = columnOf(pointer, candidate, columns);
          if (seen.has(column)) continue;
          seen.add(column);
          rowError(column, schemaMessage(e, candidate));
        }
        continue;
      }
      const id = reportIdOf(values[columns.meta.key ?? ''] ?? '');
      if (ref !== '') pending.push({ row, ref, candidate, ...(id === undefined ? {} : { id }), ...(submission === '' ? {} : { submission }) });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  run.progress(rows, rows, 'checking');
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });

  const { records, alreadyImported } = await checkAgainstFacilities(database, ctx, pending, columns, addError);
  errors.sort((a, b) => a.row - b.row);
  const result: StatusImportResult = { dryRun: options.dryRun, rows, imported: 0, alreadyImported, errors, errorCount };
  if (errorCount > 0) {
    if (options.dryRun) return result;
    throw new AppError('import_failed', `${errorCount} problem(s) in the file; nothing was imported.`, { rowErrors: errors });
  }
  if (options.dryRun || records.length === 0) return result;
  return run.write(async (trx) => {
    await writeInSteps(run, trx, records, (t, step) => storeCheckedReports(t, database, ctx, step));
    return { ...result, imported: records.length };
  });
}

/**
 * The checks that need the facility (who may report on it, what it offers, repeats), all facilities looked up at
 * once. A submission already stored under its UUID is skipped when it is the same visit, and refused otherwise.
 */
async function checkAgainstFacilities(database: Database, ctx: CallContext, pending: readonly Pending[], columns: ColumnMapping, addError: (e: RowError) => void): Promise<{ records: StatusReportsTable[]; alreadyImported: number }> {
  const byCode = columns.field.facilityCode !== undefined;
  const refs = [...new Set(pending.map((p) => p.ref))];
  const facilities: Map<string, FacilityRow> = byCode ? await facilitiesByCode(database.db, refs) : await facilitiesById(database.db, refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r)));
  const storedById = await reportsByIds(database.db, pending.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  const readable = registryScope(ctx.principal);
  const reportable = reportScope(ctx.principal);
  const facilityColumn = columnOf('/facilityId', {}, columns);
  const keyColumn = columns.meta.key ?? '';
  const timeColumn = columnOf('/observedAt', {}, columns);
  const at = nowIso();
  const actor = actorOf(ctx);
  const records: { row: number; record: StatusReportsTable; submission: string }[] = [];
  const firstById = new Map<string, number>();
  let alreadyImported = 0;
  for (const p of pending) {
    const error = (column: string, message: string) => addError({ row: p.row, column, message: p.submission === undefined ? message : `${message} (submission _id ${p.submission})` });
    const facility = facilities.get(p.ref);
    // A facility the caller may not read is "no such facility", so its existence does not leak.
    if (facility === undefined || !covers(readable, facility)) {
      error(facilityColumn, `no facility with ${byCode ? 'code' : 'id'} "${p.ref}", or it is outside the facilities you may see`);
      continue;
    }
    if (!covers(reportable, facility)) {
      error(facilityColumn, `"${p.ref}" is outside the facilities and areas you report for`);
      continue;
    }
    if (p.id !== undefined) {
      const earlier = firstById.get(p.id);
      if (earlier !== undefined) {
        error(keyColumn, `the same submission as row ${earlier}`);
        continue;
      }
      firstById.set(p.id, p.row);
      const stored = storedById.get(p.id);
      if (stored !== undefined) {
        if (stored.facility_id === facility.id && stored.observed_at === new Date(String(p.candidate.observedAt)).toISOString()) alreadyImported += 1;
        else error(keyColumn, 'this submission was imported before for another facility or time; a correction is a new submission');
        continue;
      }
    }
    const report = { ...p.candidate, facilityId: facility.id } as StatusReportCreate;
    const problems: FieldError[] = reportProblems(facility, report);
    for (const problem of problems) error(columnOf(problem.path, p.candidate, columns), problem.message);
    if (problems.length === 0) records.push({ row: p.row, record: reportRow(report, actor, at, p.id), submission: p.submission ?? '' });
  }
  // The same visit twice (in the file, or a file without submission UUIDs imported again) would count twice.
  const first = new Map<string, number>();
  const times = records.map((r) => r.record.observed_at).sort();
  const stored = records.length === 0 ? new Set<string>() : await storedObservations(database.db, [...new Set(records.map((r) => r.record.facility_id))], times[0] ?? '', times[times.length - 1] ?? '');
  for (const { row, record, submission } of records) {
    const key = `${record.facility_id} ${record.observed_at}`;
    const earlier = first.get(key);
    const suffix = submission === '' ? '' : ` (submission _id ${submission})`;
    if (earlier !== undefined) addError({ row, column: timeColumn, message: `the same facility and time as row ${earlier}${suffix}` });
    else if (stored.has(key)) addError({ row, column: timeColumn, message: `a report for this facility at this time is already stored${suffix}` });
    first.set(key, earlier ?? row);
  }
  return { records: records.map((r) => r.record), alreadyImported };
}
