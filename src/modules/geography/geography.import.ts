import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { AreasTable } from '../../db/tables.js';
import { AppError, type RowError } from '../../errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { countAreasByLevel, listAreas, setGeometry, upsertAreas } from './geography.repository.js';
import { withTransaction } from '../../db/transaction.js';

const CODE = /^UA\d{17}$/;

/**
 * Loads raions (category P) and hromadas (H) from the official KATOTTG
 * codifier (";"-separated, columns level1..level4, extra level, category,
 * name). Settlements and city districts are not areas here. Running it again
 * with the same file changes nothing.
 */
export async function importKatottg(database: Database, ctx: CallContext, input: Readable): Promise<{ raions: number; hromadas: number; totalByLevel: Record<number, number> }> {
  const oblasts = new Set((await listAreas(database.db, { level: 1 })).map((a) => a.katottg));
  const rows: AreasTable[] = [];
  const errors: RowError[] = [];
  const parser = input.pipe(parse({ delimiter: ';', bom: true, from_line: 2, relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const [l1 = '', l2 = '', l3 = '', , , category = '', rawName = ''] = record.map((c) => c.trim());
      if (category !== 'P' && category !== 'H') continue;
      const line = info.lines;
      const own = category === 'P' ? l2 : l3;
      if (!CODE.test(l1)) errors.push({ row: line, column: 'level1', message: `"${l1}" is not a KATOTTG code` });
      else if (!oblasts.has(l1)) errors.push({ row: line, column: 'level1', message: `unknown first-level unit ${l1}` });
      if (!CODE.test(own)) errors.push({ row: line, column: category === 'P' ? 'level2' : 'level3', message: `"${own}" is not a KATOTTG code` });
      if (category === 'H' && !CODE.test(l2)) errors.push({ row: line, column: 'level2', message: `"${l2}" is not a KATOTTG code` });
      if (rawName === '') errors.push({ row: line, column: 'name', message: 'is empty' });
      const level = category === 'P' ? 2 : 3;
      const parent = category === 'P' ? l1 : l2;
      rows.push({ katottg: own, level, parent_katottg: parent, path: category === 'P' ? `${l1}/${l2}/` : `${l1}/${l2}/${l3}/`, category, iso3166_2: null, pcode: null, name_uk: rawName, name_en: null, geometry: null });
    }
  } catch (e) {
    throw new AppError('import_failed', `The codifier file cannot be read: ${(e as Error).message}`);
  }
  if (errors.length > 0) throw new AppError('import_failed', `${errors.length} problem(s) in the codifier; nothing was imported.`, { rowErrors: errors.slice(0, 1000) });
  // Raions before hromadas, so every parent exists when its children arrive.
  rows.sort((a, b) => a.level - b.level);
  await withTransaction(database, async (trx) => {
    await upsertAreas(trx, rows);
    await appendAudit(trx, database.kind, ctx, [{ action: 'import', entity: 'areas', entityId: 'katottg', change: { rows: rows.length } }]);
  });
  return {
    raions: rows.filter((r) => r.level === 2).length,
    hromadas: rows.filter((r) => r.level === 3).length,
    totalByLevel: await countAreasByLevel(database.db),
  };
}

const firstString = (...values: unknown[]): string | undefined => values.find((v): v is string => typeof v === 'string');

interface Feature {
  type?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

/**
 * Attaches oblast polygons from a GeoJSON FeatureCollection. Each feature is
 * matched by ISO 3166-2 (shapeISO, iso3166_2, ISO) or OCHA P-code (pcode,
 * ADM1_PCODE); a feature that matches nothing is an error, and nothing is written.
 */
export async function importBoundaries(database: Database, ctx: CallContext, text: string): Promise<{ matched: number }> {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    throw new AppError('import_failed', `The file is not valid JSON: ${(e as Error).message}`);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new AppError('import_failed', 'The file must be a GeoJSON FeatureCollection.');
  const oblasts = await listAreas(database.db, { level: 1 });
  const byIso = new Map(oblasts.map((o) => [o.iso3166_2, o.katottg]));
  const byPcode = new Map(oblasts.map((o) => [o.pcode, o.katottg]));
  const errors: RowError[] = [];
  const updates: [string, string][] = [];
  (doc.features as Feature[]).forEach((f, i) => {
    const p = f.properties ?? {};
    const iso = firstString(p.shapeISO, p.iso3166_2, p.ISO);
    const pcode = firstString(p.pcode, p.ADM1_PCODE);
    const katottg = (iso === undefined ? undefined : byIso.get(iso)) ?? (pcode === undefined ? undefined : byPcode.get(pcode));
    const gtype = f.geometry?.type;
    if (katottg === undefined) errors.push({ row: i, column: 'properties', message: `feature ${i} has no known ISO 3166-2 or P-code (got ${iso ?? pcode ?? 'none'})` });
    else if (gtype !== 'Polygon' && gtype !== 'MultiPolygon') errors.push({ row: i, column: 'geometry', message: `feature ${i} must be a Polygon or MultiPolygon` });
    else updates.push([katottg, JSON.stringify(f.geometry)]);
  });
  if (errors.length > 0) throw new AppError('import_failed', `${errors.length} feature(s) cannot be matched; nothing was imported.`, { rowErrors: errors });
  await withTransaction(database, async (trx) => {
    for (const [katottg, geometry] of updates) await setGeometry(trx, katottg, geometry);
    await appendAudit(trx, database.kind, ctx, [{ action: 'import', entity: 'areas', entityId: 'boundaries', change: { features: updates.length } }]);
  });
  return { matched: updates.length };
}
