import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Keyset, PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { convert, DEFAULT_MAX_RATE_AGE_DAYS, MissingRateError, rateTableOf, type Converted, type RateTable, type RateUsed } from '../../engine/fx/convert.js';
import { formatPlain, isDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { isRealDate } from '../../dates.js';
import { AppError, invalid, type RowError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { checkedRow, inPlace, type ImportRun } from '../../io/import-run.js';
import { readTable, TableFormatError } from '../../io/table-reader.js';
import { appendAudit } from '../audit/audit.service.js';
import { NBU_SOURCE, readNbuRates } from './fx.nbu.js';
import { reconvertForRates } from './rollups.reconvert.js';
import { existingRateKeys, insertFxRates, listFxRates, ratesUntil, type FxRateRow } from './fx.repository.js';
import type { ConvertQuery, FxImportResult, FxRateListFilters } from './fx.schema.js';

/** ISO 4217 as the runtime's ICU knows it: an unknown code is refused, not stored. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

export const isKnownCurrency = (code: string): boolean => ISO_4217.has(code);

const FX_COLUMNS = ['currency', 'date', 'rate_per_usd', 'source'] as const;
const MAX_LISTED_ERRORS = 1000;

function rowProblems(row: number, v: Record<string, string>): RowError[] {
  const out: RowError[] = [];
  const currency = v.currency ?? '';
  if (!isKnownCurrency(currency)) out.push({ row, column: 'currency', message: `"${currency}" is not an ISO 4217 currency code` });
  if (currency === 'USD') out.push({ row, column: 'currency', message: 'USD is the base currency; its rate is 1 by definition' });
  if (!isRealDate(v.date ?? '')) out.push({ row, column: 'date', message: `"${v.date ?? ''}" is not a date (YYYY-MM-DD)` });
  const rate = v.rate_per_usd ?? '';
  if (!isDecimal(rate) || parseDecimal(rate) <= 0n) out.push({ row, column: 'rate_per_usd', message: `"${rate}" is not a positive decimal number (use a dot, no exponent)` });
  if ((v.source ?? '') === '') out.push({ row, column: 'source', message: 'is required: say where the rate comes from' });
  else if ((v.source ?? '').length > 200) out.push({ row, column: 'source', message: 'is longer than 200 characters' });
  return out;
}

/**
 * Imports FX rates from CSV (currency,date,rate_per_usd,source). Every row is
 * checked first; the rates are written all in one transaction, or none.
 * A rate already stored for the same currency and date is refused, not
 * overwritten: converted figures already shown must stay reproducible.
 */
export async function importFxRates(database: Database, ctx: CallContext, input: Readable, run: ImportRun = inPlace(database)): Promise<FxImportResult> {
  const errors: RowError[] = [];
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  const at = nowIso();
  const valid: { row: number; record: FxRateRow }[] = [];
  const rowOfKey = new Map<string, number>();
  let rows = 0;
  try {
    for await (const { row, values } of readTable(input, 'csv', (columns) => {
      for (const c of columns) if (!(FX_COLUMNS as readonly string[]).includes(c)) addError({ row: 1, column: c, message: `unknown column; expected ${FX_COLUMNS.join(', ')}` });
      for (const c of FX_COLUMNS) if (!columns.includes(c)) addError({ row: 1, column: c, message: 'required column is missing' });
    })) {
      rows += 1;
      await checkedRow(run, rows);
      const problems = rowProblems(row, values);
      if (problems.length > 0) {
        problems.forEach(addError);
        continue;
      }
      const key = `${values.currency ?? ''}|${values.date ?? ''}`;
      const first = rowOfKey.get(key);
      if (first !== undefined) {
        addError({ row, column: 'date', message: `duplicate of row ${first} (same currency and date)` });
        continue;
      }
      rowOfKey.set(key, row);
      valid.push({ row, record: { id: newId(), currency: values.currency ?? '', rate_date: values.date ?? '', rate_per_usd: values.rate_per_usd ?? '', source: values.source ?? '', created_at: at } });
    }
  } catch (e) {
    if (e instanceof TableFormatError) throw new AppError('import_failed', e.message, { rowErrors: [{ row: 0, column: '', message: e.message }] });
    throw e;
  }
  if (rows === 0 && errorCount === 0) addError({ row: 2, column: '', message: 'the file has no data rows' });
  return storeRates(database, run, ctx, rows, valid, errors, errorCount, 'date');
}

/**
 * The NBU's official rate JSON (see fx.nbu.ts), stored per USD with the NBU as the source;
 * the same rules as the CSV: every item checked first, all rates or none, a stored rate never overwritten.
 */
export async function importNbuRates(database: Database, ctx: CallContext, input: unknown, run: ImportRun = inPlace(database)): Promise<FxImportResult> {
  const { rates, errors } = readNbuRates(input, isKnownCurrency);
  const at = nowIso();
  const valid = rates.map((r) => ({ row: r.row, record: { id: newId(), currency: r.currency, rate_date: r.date, rate_per_usd: r.ratePerUsd, source: NBU_SOURCE, created_at: at } }));
  const rows = new Set(rates.map((r) => r.row)).size;
  return storeRates(database, run, ctx, rows, valid, errors.slice(0, MAX_LISTED_ERRORS), errors.length, 'exchangedate');
}

/** Refuses rates already stored (figures shown must stay reproducible), then writes all in one transaction or none. */
async function storeRates(database: Database, run: ImportRun, ctx: CallContext, rows: number, valid: { row: number; record: FxRateRow }[], errors: RowError[], errorCount: number, dateColumn: string): Promise<FxImportResult> {
  let count = errorCount;
  const taken = await existingRateKeys(database.db, [...new Set(valid.map((v) => v.record.currency))]);
  for (const v of valid) {
    if (!taken.has(`${v.record.currency}|${v.record.rate_date}`)) continue;
    count += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ row: v.row, column: dateColumn, message: `a ${v.record.currency} rate for ${v.record.rate_date} is already stored` });
  }
  errors.sort((a, b) => a.row - b.row);
  if (count > 0) throw new AppError('import_failed', `${count} problem(s) in the file; nothing was imported.`, { rowErrors: errors });
  const records = valid.map((v) => v.record);
  return run.write(async (trx) => {
    await insertFxRates(trx, records);
    // A rate for a past date changes what the rule picks for the value dates it now governs: those conversions
    // and every total holding them are redone here, so totals always equal recomputation (docs/funding.md).
    const reconverted = await reconvertForRates(trx, database.kind, records);
    await appendAudit(trx, database.kind, ctx, [
      ...records.map((r) => ({ action: 'create', entity: 'fx_rate', entityId: r.id, change: r })),
      ...(reconverted === 0 ? [] : [{ action: 'reconvert', entity: 'transaction_amounts', entityId: records[0]?.id ?? '', change: { transactions: reconverted, rates: records.map((r) => `${r.currency} ${r.rate_date}`) } }]),
    ]);
    return { rows, imported: records.length, errorCount: 0, errors: [] };
  });
}

/** Rates by currency, then date: the cursor holds both in its value, the rate's id as its id. */
export const FX_RATE_ORDER: Keyset<FxRateRow> = { key: 'currency,date', valueOf: (r) => `${r.currency}|${r.rate_date}`, idOf: (r) => r.id };

export async function listFxRateRows(database: Database, query: FxRateListFilters, page: PageRequest): Promise<FxRateRow[]> {
  let after: { currency: string; date: string } | undefined;
  if (page.after !== undefined) {
    const [currency = '', date = ''] = String(page.after.value).split('|');
    after = { currency, date };
  }
  const filter: { currency?: string; from?: string; to?: string } = {};
  if (query.currency !== undefined) filter.currency = query.currency;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  return listFxRates(database.db, filter, after, page.limit);
}

let maxRateAgeDays = DEFAULT_MAX_RATE_AGE_DAYS;

/** Set once at start from CAREBRIDGE_FX_MAX_RATE_AGE_DAYS: past this age a rate used is flagged as stale. */
export function configureFx(options: { maxRateAgeDays: number }): void {
  maxRateAgeDays = options.maxRateAgeDays;
}

/** A stored rate as used for a value date: its age, and stale past the configured limit (set at start). */
export function rateUsed(currency: string, ratePerUsd: string, date: string, source: string, valueDate: string): RateUsed {
  const ageDays = Math.round((Date.parse(`${valueDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  return { currency, ratePerUsd: formatPlain(parseDecimal(ratePerUsd)), date, source, ageDays, stale: ageDays > maxRateAgeDays };
}

/** The stored rates needed to convert between these currencies on dates up to `until`. */
export async function loadRateTable(db: Kysely<DB>, currencies: readonly string[], until: string): Promise<RateTable> {
  const rows = await ratesUntil(db, currencies.filter((c) => c !== 'USD'), until);
  return rateTableOf(
    rows.map((r) => ({ currency: r.currency, date: r.rate_date, ratePerUsd: r.rate_per_usd, source: r.source })),
    maxRateAgeDays,
  );
}

/** Converts one amount, naming the field whose rate is missing instead of assuming 1:1. */
export async function convertAmount(database: Database, query: ConvertQuery): Promise<Converted> {
  const errors = [];
  if (!isKnownCurrency(query.currency)) errors.push({ path: '/currency', message: `"${query.currency}" is not an ISO 4217 currency code` });
  if (!isKnownCurrency(query.to)) errors.push({ path: '/to', message: `"${query.to}" is not an ISO 4217 currency code` });
  if (!isRealDate(query.date)) errors.push({ path: '/date', message: `"${query.date}" is not a date` });
  if (errors.length > 0) throw invalid(errors);
  const table = await loadRateTable(database.db, [query.currency, query.to], query.date);
  try {
    return convert(table, query.amount, query.currency, query.to, query.date);
  } catch (e) {
    if (e instanceof MissingRateError) throw invalid([{ path: e.currency === query.currency ? '/currency' : '/to', message: `${e.message}; import a rate first (carebridge import fx)` }]);
    throw e;
  }
}
