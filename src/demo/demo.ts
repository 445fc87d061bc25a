import { systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../ids.js';
import { countFacilityRecords, newFacilityRow, storeNewFacilities } from '../modules/facilities/facilities.service.js';
import { areasByCode } from '../modules/geography/geography.service.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import { newOrganizationRow, storeNewOrganizations } from '../modules/organizations/organizations.service.js';
import { DEMO_ORGANIZATIONS } from './demo-organizations.js';
import { demoFacilities } from './demo-facilities.js';
import { Random } from './random.js';

export const DEMO_SCALES = { small: 1500, national: 30000 } as const;
export type DemoScale = keyof typeof DEMO_SCALES;

export interface DemoSummary {
  organizations: number;
  facilities: number;
}

/**
 * Writes the demo data set through the same service functions as the API
 * (history and audit included), in one transaction: all of it or none.
 */
export async function loadDemo(database: Database, options: { scale: DemoScale; seed: number }): Promise<DemoSummary> {
  if ((await countFacilityRecords(database)) > 0) throw new Error('The database already has facilities; the demo loads only into an empty database.');
  const ctx = systemContext('demo');
  const random = new Random(options.seed);
  const at = nowIso();
  const orgs = DEMO_ORGANIZATIONS.map((o) => newOrganizationRow(o, at));
  const ministry = orgs[0];
  const departments = OBLASTS.map((o) =>
    newOrganizationRow({ nameUk: `Департамент охорони здоров’я: ${o.nameUk}`, nameEn: `Health Department, ${o.nameEn}`, type: 'regional_health_dept', country: 'UA', parentId: ministry?.id ?? null }, at),
  );
  const facilities = demoFacilities(DEMO_SCALES[options.scale], random);
  const areas = await areasByCode(database.db, facilities.map((f) => f.areaKatottg));
  const deptByArea = new Map(OBLASTS.map((o, i) => [o.katottg, departments[i]?.id ?? null]));
  const rows = facilities.map((f) => {
    const area = areas.get(f.areaKatottg);
    if (area === undefined) throw new Error(`Demo area ${f.areaKatottg} is missing; run the migrations first.`);
    return newFacilityRow({ ...f, operatorOrgId: deptByArea.get(f.areaKatottg) ?? null }, area, at);
  });
  await database.db.transaction().execute(async (trx) => {
    await storeNewOrganizations(trx, database, ctx, [...orgs, ...departments]);
    await storeNewFacilities(trx, database, ctx, rows);
  });
  return { organizations: orgs.length + departments.length, facilities: rows.length };
}
