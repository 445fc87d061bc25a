import { systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../ids.js';
import type { MembershipCreate, Role } from '../modules/access/access.schema.js';
import { createUser } from '../modules/access/access.service.js';
import { countFacilityRecords, newFacilityRow, storeNewFacilities } from '../modules/facilities/facilities.service.js';
import { isInsideUkraine } from '../modules/geography/country-outline.js';
import { OBLAST_NAMES_JA } from '../modules/geography/area-names.schema.js';
import { areasByCode } from '../modules/geography/geography.service.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import { newOrganizationRow, storeNewOrganizations } from '../modules/organizations/organizations.service.js';
import { DEMO_ORGANIZATIONS } from './demo-organizations.js';
import { demoAreaOf, loadAccessDemo, storeDemoRaions } from './demo-access.js';
import { loadEnergyDemo } from './demo-energy.js';
import { checkpointAfterBatch } from '../db/bulk-load.js';
import { silentProgress, type DemoProgress } from './demo-progress.js';
import { demoFacilities } from './demo-facilities.js';
import { loadFundingDemo } from './demo-funding.js';
import { loadMonitoringDemo } from './demo-monitoring.js';
import { loadPartnershipsDemo } from './demo-partnerships.js';
import { loadSupplyDemo } from './demo-supply.js';
import { Random } from './random.js';

export const DEMO_SCALES = { small: 1500, national: 30000 } as const;
export type DemoScale = keyof typeof DEMO_SCALES;

export interface DemoAccount {
  email: string;
  role: Role;
  scope: string;
}

export interface DemoSummary {
  organizations: number;
  facilities: number;
  accounts: DemoAccount[];
}

/** Shared by every demo account; printed at start. Demo data only, never created otherwise. */
export const DEMO_PASSWORD = 'carebridge-demo';

/** Facilities written per transaction: 30,000 facilities with their history and audit events are hundreds of MB. */
const FACILITY_BATCH = 5000;

/**
 * Writes the demo data set through the same service functions as the API (history and audit included), capability
 * by capability, each in batches of bounded size (a checkpoint after each on SQLite, demo-load.ts): a load that
 * fails leaves part of the data, and the demo then refuses that database (it has facilities); start from a new one.
 * `progress` hears of each capability's step.
 */
export async function loadDemo(database: Database, options: { scale: DemoScale; seed: number; progress?: DemoProgress }): Promise<DemoSummary> {
  const progress = options.progress ?? silentProgress;
  if ((await countFacilityRecords(database)) > 0) throw new Error('The database already has facilities; the demo loads only into an empty database.');
  const ctx = systemContext('demo');
  const random = new Random(options.seed);
  const at = nowIso();
  const orgs = DEMO_ORGANIZATIONS.map((o) => newOrganizationRow(o, at));
  const ministry = orgs[0];
  const departments = OBLASTS.map((o) =>
    newOrganizationRow({ nameUk: `Департамент охорони здоров’я: ${o.nameUk}`, nameEn: `Health Department, ${o.nameEn}`, nameJa: `${OBLAST_NAMES_JA[o.iso3166_2] ?? o.nameEn}保健局`, type: 'regional_health_dept', country: 'UA', parentId: ministry?.id ?? null }, at),
  );
  // Facilities in the occupied part of an oblast go to an occupied raion (demo-access.ts); the department is the oblast's.
  await storeDemoRaions(database, ctx);
  const facilities = demoFacilities(DEMO_SCALES[options.scale], random, isInsideUkraine).map((f) => ({ ...f, oblast: f.areaKatottg, areaKatottg: demoAreaOf(f.areaKatottg, f.lat, f.lon) }));
  const areas = await areasByCode(database.db, facilities.map((f) => f.areaKatottg));
  const deptByArea = new Map(OBLASTS.map((o, i) => [o.katottg, departments[i]?.id ?? null]));
  const rows = facilities.map(({ oblast, ...f }) => {
    const area = areas.get(f.areaKatottg);
    if (area === undefined) throw new Error(`Demo area ${f.areaKatottg} is missing; run the migrations first.`);
    return newFacilityRow({ ...f, operatorOrgId: deptByArea.get(oblast) ?? null }, area, at);
  });
  const facilitiesStep = progress('facilities', rows.length);
  await database.db.transaction().execute((trx) => storeNewOrganizations(trx, database, ctx, [...orgs, ...departments]));
  for (let i = 0; i < rows.length; i += FACILITY_BATCH) {
    await database.db.transaction().execute((trx) => storeNewFacilities(trx, database, ctx, rows.slice(i, i + FACILITY_BATCH)));
    await checkpointAfterBatch(database);
    facilitiesStep.update(Math.min(i + FACILITY_BATCH, rows.length));
  }
  facilitiesStep.done(rows.length);
  await step(progress, 'access status', () => loadAccessDemo(database, ctx));
  await loadMonitoringDemo(database, ctx, random, rows, options.scale, progress);
  await step(progress, 'energy', () => loadEnergyDemo(database, ctx, random, rows, options.scale));
  await loadFundingDemo(database, ctx, random, rows, options.scale, progress);
  await loadSupplyDemo(database, ctx, random, rows, options.scale, progress);
  await step(progress, 'partnerships', () => loadPartnershipsDemo(database, ctx, random, rows, options.scale));
  const accountsStep = progress('accounts');
  const lviv = OBLASTS.find((o) => o.iso3166_2 === 'UA-46');
  const jica = orgs.find((o) => o.iati_org_id === 'XM-DAC-701-8');
  const reported = rows.find((r) => r.type === 'district_hospital');
  const accounts: (DemoAccount & { membership: MembershipCreate })[] = [
    { email: 'admin@demo.carebridge', role: 'admin', scope: 'all', membership: { role: 'admin', organizationId: ministry?.id ?? null } },
    { email: 'coordinator@demo.carebridge', role: 'coordinator', scope: 'all of Ukraine', membership: { role: 'coordinator', organizationId: ministry?.id ?? null } },
    { email: 'coordinator.lviv@demo.carebridge', role: 'coordinator', scope: 'Lviv oblast', membership: { role: 'coordinator', organizationId: departments[OBLASTS.indexOf(lviv as (typeof OBLASTS)[number])]?.id ?? null, scopeAreas: [lviv?.katottg ?? ''] } },
    { email: 'analyst@demo.carebridge', role: 'analyst', scope: 'all', membership: { role: 'analyst', organizationId: ministry?.id ?? null } },
    { email: 'donor@demo.carebridge', role: 'donor_officer', scope: 'JICA', membership: { role: 'donor_officer', organizationId: jica?.id ?? null } },
    { email: 'reporter@demo.carebridge', role: 'facility_reporter', scope: reported?.name_en ?? '', membership: { role: 'facility_reporter', scopeFacilities: [reported?.id ?? ''] } },
    { email: 'warehouse@demo.carebridge', role: 'warehouse_officer', scope: 'all', membership: { role: 'warehouse_officer' } },
  ];
  for (const a of accounts) await createUser(database, ctx, { email: a.email, name: a.email.split('@')[0] ?? a.email, language: 'uk', password: DEMO_PASSWORD, memberships: [a.membership] });
  accountsStep.done(accounts.length);
  return { organizations: orgs.length + departments.length, facilities: rows.length, accounts: accounts.map(({ email, role, scope }) => ({ email, role, scope })) };
}

/** A capability written in a few small transactions: one step, done when it is. */
async function step(progress: DemoProgress, capability: string, load: () => Promise<void>): Promise<void> {
  const s = progress(capability);
  await load();
  s.done(1);
}
