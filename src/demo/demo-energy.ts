import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { estimateLoads } from '../engine/fuel/load-estimate.js';
import { nowIso } from '../ids.js';
import { storeGenerators, storeInstalledGenerators, type GeneratorArrival } from '../modules/assets/generators.service.js';
import type { ProfileRow } from '../modules/energy/energy.repository.js';
import { storeOutages, storeProfiles } from '../modules/energy/energy.service.js';
import type { AreaOutagesTable } from '../modules/energy/energy.tables.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

/**
 * The Japanese package: 110 units, ≈137 MW nameplate, 100–2,000 kW each, as [kVA, count]. Sizes are
 * the usual commercial kVA ratings; kW = 0.8 × kVA.
 */
const PACKAGE: readonly (readonly [kva: number, count: number])[] = [
  [125, 4], [250, 5], [500, 6], [800, 8], [1000, 10], [1250, 12], [1500, 17], [2000, 20], [2500, 28],
];

/** Where the package waits on arrival: three national hubs. */
const WAREHOUSES = [
  { name: 'Lviv logistics hub', lat: 49.8397, lon: 24.0297 },
  { name: 'Kyiv central warehouse', lat: 50.4501, lon: 30.5234 },
  { name: 'Dnipro forward warehouse', lat: 48.4647, lon: 35.0462 },
] as const;

/** Oblasts near the front line (and the occupied ones): the grid there is attacked most. */
const FRONT = new Set(['UA-14', 'UA-63', 'UA-23', 'UA-65', 'UA-59', 'UA-48', 'UA-12', 'UA-09']);

/** Typical outage hours/day: 12 near the front, 4 elsewhere, × 1.5 in winter (Nov–Mar: heating load, strikes on generation). */
export function demoOutageHours(iso: string, month: number): number {
  const winter = month >= 11 || month <= 3 ? 1.5 : 1;
  return Math.min(20, (FRONT.has(iso) ? 12 : 4) * winter);
}

const HOSPITALS = new Set(['regional_hospital', 'city_hospital', 'district_hospital', 'maternity', 'children_hospital', 'rehabilitation_center', 'mental_health_center', 'emergency_center', 'blood_center']);

/** Demo data of the energy capability, written after the facilities exist. */
export async function loadEnergyDemo(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], _scale: DemoScale): Promise<void> {
  const at = nowIso();
  const jica = await database.db.selectFrom('organizations').select('id').where('iati_org_id', '=', 'XM-DAC-701-8').executeTakeFirst();
  // Each unit is an asset of its model's generator product; the package waits in the hubs' warehouse locations.
  const unit = (kva: number, serial: string) => ({ serial, productName: `Diesel generator set ${kva} kVA`, ratingKva: kva, standby: random.next() < 0.4, fuelType: 'diesel', tankLitres: Math.round(kva * 1.2) });
  type Unit = ReturnType<typeof unit>;
  const arrivals = new Map<string, GeneratorArrival & { units: Unit[] }>();
  let n = 0;
  for (const [kva, count] of PACKAGE) {
    for (let k = 0; k < count; k++) {
      const w = random.pick(WAREHOUSES);
      const arrival = arrivals.get(w.name) ?? { warehouse: w, donorOrgId: jica?.id, units: [] as Unit[] };
      arrivals.set(w.name, arrival);
      arrival.units.push(unit(kva, `JP-GEN-${String(++n).padStart(4, '0')}`));
    }
  }
  const installed: Parameters<typeof storeInstalledGenerators>[3][number][] = [];
  // Some hospitals already have backup from earlier donations: a unit sized near their critical load.
  const profiles: ProfileRow[] = [];
  let earlier = 0;
  for (const f of facilities) {
    if (!HOSPITALS.has(f.type)) continue;
    const estimate = estimateLoads({ type: f.type, beds: f.beds, services: JSON.parse(f.services) as string[] });
    const measured = random.next() < 0.3;
    const critical = measured ? Math.round(estimate.criticalLoadKw * (0.8 + random.next() * 0.4)) : estimate.criticalLoadKw;
    profiles.push({
      facility_id: f.id, critical_load_kw: measured ? critical : 0, essential_load_kw: measured ? Math.round(critical * 1.5) : 0, load_source: measured ? 'measured' : 'estimated',
      fuel_stock_litres: Math.round(random.next() * critical * 0.3 * 48), created_at: at, updated_at: at, version: 1,
    });
    if (random.next() < 0.2) {
      const kva = Math.max(30, Math.round((critical * random.int(40, 110)) / 100 / 0.8 / 10) * 10);
      const status = random.next() < 0.15 ? 'needs_attention' : 'functioning';
      installed.push({ ...unit(kva, `OLD-GEN-${String(++earlier).padStart(5, '0')}`), status, facility: f, installedOn: '2023-01-15' });
    }
  }
  const month = Number(at.slice(5, 7));
  const outages: AreaOutagesTable[] = OBLASTS.map((o) => ({ oblast_katottg: o.katottg, outage_hours_per_day: demoOutageHours(o.iso3166_2, month), updated_at: at }));
  await database.db.transaction().execute(async (trx) => {
    await storeOutages(trx, database, ctx, outages);
    await storeProfiles(trx, database, ctx, profiles);
    for (const arrival of arrivals.values()) await storeGenerators(trx, database, ctx, arrival, at);
    await storeInstalledGenerators(trx, database, ctx, installed, at);
  });
}
