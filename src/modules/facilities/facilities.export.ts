import type { Writable } from 'node:stream';
import { loadExcelJs } from '../../io/exceljs.js';
import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { csvLine } from '../../io/csv.js';
import { areaCodesOf } from '../geography/pcodes.js';
import { FEATURE_COLLECTION_END, FEATURE_COLLECTION_START, pointFeature } from '../../io/geojson.js';
import { EXPORT_COLUMNS } from './facilities.columns.js';
import { facilitiesInBatches, type FacilityFilter } from './facilities.repository.js';
import { presentFacility } from './facilities.presenter.js';
import type { Facility } from './facilities.schema.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

const cellsOf = (f: Facility): (string | number | null)[] => [
  f.code, f.nameUk, f.nameEn, f.type, f.tier, f.ownership, f.areaKatottg, f.lat, f.lon, f.beds, f.staff, f.services.join(';'), f.openedOn,
  f.id, f.oblastIso, f.coordinatePrecision, f.closedOn, f.closedReason, f.updatedAt, f.version,
];

/** Waits for the consumer when it is slower than the database (a slow link must not grow memory). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Both codes a GeoJSON reader may join on: OCHA's P-codes (HDX) and the Ministry's KATOTTG. */
function codesOf(areaKatottg: string): { adm1Pcode: string | null; adm1Katottg: string | null; adm2Pcode: string | null } {
  const codes = areaCodesOf(areaKatottg);
  return { adm1Pcode: codes?.adm1Pcode ?? null, adm1Katottg: codes?.adm1Katottg ?? null, adm2Pcode: codes?.adm2Pcode ?? null };
}

/**
 * Writes the facilities matching a filter in the chosen format, batch by batch.
 * Rows pass through the presenter, so a caller sees exactly the coordinates it may see.
 */
export async function exportFacilities(database: Database, principal: Principal | null, filter: FacilityFilter, format: ExportFormat, out: Writable): Promise<number> {
  let count = 0;
  if (format === 'xlsx') {
    const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('facilities');
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    for await (const batch of facilitiesInBatches(readerOf(database), filter)) {
      for (const row of batch) sheet.addRow(cellsOf(presentFacility(row, principal))).commit();
      count += batch.length;
    }
    sheet.commit();
    await workbook.commit();
    return count;
  }
  if (format === 'csv') await write(out, `\uFEFF${csvLine([...EXPORT_COLUMNS])}`);
  else await write(out, FEATURE_COLLECTION_START);
  for await (const batch of facilitiesInBatches(readerOf(database), filter)) {
    let chunk = '';
    for (const row of batch) {
      const f = presentFacility(row, principal);
      chunk +=
        format === 'csv'
          ? csvLine(cellsOf(f))
          : pointFeature(f.lon, f.lat, { id: f.id, code: f.code, nameUk: f.nameUk, nameEn: f.nameEn, type: f.type, tier: f.tier, beds: f.beds, oblastIso: f.oblastIso, areaKatottg: f.areaKatottg, ...codesOf(f.areaKatottg) }, count === 0);
      count += 1;
    }
    await write(out, chunk);
  }
  if (format === 'geojson') await write(out, FEATURE_COLLECTION_END);
  out.end();
  return count;
}
