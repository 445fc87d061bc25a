import type { Readable } from 'node:stream';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { AreaStatusesTable } from '../../db/tables.js';
import { isRealDate } from '../../dates.js';
import { AppError, type RowError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { checkedRow, inPlace, type ImportRun } from '../../io/import-run.js';
import { readTable, TableFormatError } from '../../io/table-reader.js';
import { covers, editScope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { insertAreaStatuses, periodsOfAreas, setAreaStatusEnd } from './area-status.repository.js';
import { ACCESS_STATUSES, type AreaStatusImportResult } from './area-status.schema.js';
import { areasByCode } from './geography.service.js';

const COLUMNS = ['katottg', 'status', 'from', 'to'] as const;
const MAX_LISTED_ERRORS = 1000;

interface Candidate {
  row: number;
  areaCode: string;
  status: string;
  from: string;
  to: string | null;
}

function rowProblems(row: number, v: Record<string, string>): RowError[] {
  const out: RowError[] = [];
  const code = v.katottg ?? '';
  if (!/^UA\d{17}$/.test(code) && !/^UA-\d{2}$/.test(code)) out.push({ row, column: 'katottg', message: `"${code}" is not a KATOTTG code (UA and 17 digits) or an oblast's ISO 3166-2 code` });
  const status = v.status ?? '';
  if (!(ACCESS_STATUSES as readonly string[]).includes(status)) out.push({ row, column: 'status', message: `"${status}" is not one of ${ACCESS_STATUSES.join(', ')}` });
  const from = v.from ?? '';
  if (!isRealDate(from)) out.push({ row, column: 'from', message: `"${from}" is not a date (YYYY-MM-DD)` });
  const to = v.to ?? '';
  if (to !== '' && !isRealDate(to)) out.push({ row, column: 'to', message: `"${to}" is not a date (YYYY-MM-DD); leave it empty while the status is in force` });
  else if (to !== '' && isRealDate(from) && to <= from) out.push({ row, column: 'to', message: `ends on ${to}, not after it starts on ${from}` });
  return out;
}

const overlaps = (a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean =>
  (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);

const periodText = (p: { status: string; from: string; to: string | null }): string => `${p.status} from ${p.from}${p.to === null ? ' (still in force)' : ` to ${p.to}`}`;

/**
 * Imports the official list of territories (CSV: katottg,status,from,to; `to` empty while in force). A row
 * with the area, status and start of a stored period updates that period's end (the list closes a period by
 * adding its end date), so importing the republished list again changes only what changed. Periods of one
 * area may not overlap, in the file or with what is stored. Every problem is reported as row, column, reason;
 * all rows are written in one transaction, or none.
 */
export async function importAreaStatuses(database: Database, ctx: CallContext, input: Readable, run: ImportRun = inPlace(database)): Promise<AreaStatusImportResult> {
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  const candidates: Candidate[] = [];
  let rows = 0;
  try {
    for await (const { row, values } of readTable(input, 'csv', (columns) => {
      for (const c of columns) if (!(COLUMNS as readonly string[]).includes(c)) addError({ row: 1, column: c, message: `unknown column; expected ${COLUMNS.join(', ')}` });
      for (const c of COLUMNS) if (!columns.includes(c)) addError({ row: 1, column: c, message: 'required column is missing' });
    })) {
      rows += 1;
      await checkedRow(run, rows);
      const problems = rowProblems(row, values);
      problems.forEach(addError);
      if (problems.length === 0) candidates.push({ row, areaCode: values.katottg ?? '', status: values.status ?? '', from: values.from ?? '', to: (values.to ?? '') === '' ? null : (values.to ?? null) });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });

  const areas = await areasByCode(database.db, candidates.map((c) => c.areaCode));
  const scope = editScope(ctx.principal);
  const known = candidates.flatMap((c) => {
    const area = areas.get(c.areaCode);
    if (area === undefined) addError({ row: c.row, column: 'katottg', message: `no area with code "${c.areaCode}" (import the KATOTTG codifier first for raions and hromadas)` });
    else if (!covers(scope, { id: '', area_path: area.path })) addError({ row: c.row, column: 'katottg', message: `${c.areaCode} is outside the areas you coordinate` });
    return area === undefined ? [] : [{ ...c, katottg: area.katottg }];
  });
  // Each area's periods as they would be after the import: stored ones, with those the file names by area, status and start replaced.
  const stored = await periodsOfAreas(database.db, known.map((c) => c.katottg));
  const key = (p: { katottg: string; status: string; from: string }) => `${p.katottg}|${p.status}|${p.from}`;
  const storedByKey = new Map(stored.map((s) => [key({ katottg: s.area_katottg, status: s.status, from: s.valid_from }), s]));
  const fileByKey = new Map<string, number>();
  const duplicates = new Set<number>();
  for (const c of known) {
    const first = fileByKey.get(key(c));
    if (first === undefined) fileByKey.set(key(c), c.row);
    else {
      addError({ row: c.row, column: 'from', message: `duplicate of row ${first} (same area, status and start)` });
      duplicates.add(c.row);
    }
  }
  const byArea = new Map<string, { row: number | null; status: string; from: string; to: string | null }[]>();
  for (const s of stored) if (!fileByKey.has(key({ katottg: s.area_katottg, status: s.status, from: s.valid_from }))) byArea.set(s.area_katottg, [...(byArea.get(s.area_katottg) ?? []), { row: null, status: s.status, from: s.valid_from, to: s.valid_to }]);
  for (const c of known.filter((k) => !duplicates.has(k.row))) {
    const others = byArea.get(c.katottg) ?? [];
    const clash = others.find((o) => overlaps(o, c));
    if (clash !== undefined) addError({ row: c.row, column: 'from', message: `overlaps ${clash.row === null ? 'the stored period' : `row ${clash.row}:`} ${periodText(clash)}; an area has one status at a time` });
    byArea.set(c.katottg, [...others, { row: c.row, status: c.status, from: c.from, to: c.to }]);
  }
  errors.sort((a, b) => a.row - b.row);
  if (errorCount > 0) throw new AppError('import_failed', `${errorCount} problem(s) in the file; nothing was imported.`, { rowErrors: errors });

  const at = nowIso();
  const created: AreaStatusesTable[] = [];
  const changed: { before: AreaStatusesTable; to: string | null }[] = [];
  for (const c of known) {
    const existing = storedByKey.get(key(c));
    if (existing === undefined) created.push({ id: newId(), area_katottg: c.katottg, status: c.status, valid_from: c.from, valid_to: c.to, created_at: at, updated_at: at, version: 1 });
    else if (existing.valid_to !== c.to) changed.push({ before: existing, to: c.to });
  }
  const result = { rows, created: created.length, updated: changed.length, unchanged: known.length - created.length - changed.length };
  if (created.length === 0 && changed.length === 0) return result;
  return run.write(async (trx) => {
    await insertAreaStatuses(trx, created);
    for (const ch of changed) await setAreaStatusEnd(trx, ch.before.id, ch.to, at);
    await appendAudit(trx, database.kind, ctx, [
      ...created.map((r) => ({ action: 'create', entity: 'area_status', entityId: r.id, change: { area: r.area_katottg, status: r.status, from: r.valid_from, to: r.valid_to } })),
      ...changed.map((ch) => ({ action: 'update', entity: 'area_status', entityId: ch.before.id, change: { to: { from: ch.before.valid_to, to: ch.to } } })),
    ]);
    return result;
  });
}
