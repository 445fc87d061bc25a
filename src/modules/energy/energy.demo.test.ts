import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAllocationPlan, type CheckProblem } from '../../../test/support/check-allocation-plan.js';
import { DIALECTS, type TestDatabase } from '../../../test/support/databases.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { systemContext } from '../../context.js';
import { createPlan, resultOf } from './energy.plans.js';

for (const dialect of DIALECTS) {
  describe(`energy demo on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createDemoDatabase(dialect, 7);
    }, 120_000);
    afterAll(async () => testDb.drop());

    it('has the Japanese package in warehouses, earlier backup, outage levels, and plans all of it feasibly', async () => {
      const db = testDb.database.db;
      const jica = await db.selectFrom('organizations').select('id').where('iati_org_id', '=', 'XM-DAC-701-8').executeTakeFirstOrThrow();
      const pkg = await db
        .selectFrom('assets')
        .innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id')
        .innerJoin('products', 'products.id', 'assets.product_id')
        .leftJoin('locations', 'locations.id', 'assets.location_id')
        .select(['assets.status', 'generator_specs.rating_kw', 'locations.name as warehouse_name', 'locations.kind as location_kind', 'products.kind as product_kind'])
        .where('assets.donor_org_id', '=', jica.id)
        .execute();
      expect(pkg.every((g) => g.location_kind === 'warehouse' && g.product_kind === 'generator')).toBe(true);
      expect(pkg).toHaveLength(110);
      const mw = pkg.reduce((s, g) => s + g.rating_kw, 0) / 1000;
      expect(mw).toBeGreaterThan(130);
      expect(mw).toBeLessThan(140);
      expect(Math.min(...pkg.map((g) => g.rating_kw))).toBeGreaterThanOrEqual(100);
      expect(Math.max(...pkg.map((g) => g.rating_kw))).toBeLessThanOrEqual(2000);
      const warehouses = new Set(pkg.map((g) => g.warehouse_name));
      expect(warehouses.size).toBeGreaterThanOrEqual(2);
      expect(warehouses.size).toBeLessThanOrEqual(4);
      expect(pkg.every((g) => g.status === 'in_warehouse')).toBe(true);
      const earlier = await db.selectFrom('assets').innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id').select('assets.id').where('assets.facility_id', 'is not', null).where('assets.status', 'in', ['functioning', 'needs_attention']).execute();
      expect(earlier.length).toBeGreaterThan(10);
      const outages = new Map((await db.selectFrom('area_outages').selectAll().execute()).map((o) => [o.oblast_katottg, o.outage_hours_per_day]));
      // Kharkiv (front) is darker than Lviv.
      expect(outages.get('UA63000000000041885') ?? 0).toBeGreaterThan(outages.get('UA46000000000026241') ?? 0);

      // The default limit: with 3 s, a busy CI machine (two workers, a browser beside them) left the bound loose (a 33 % gap).
      const limitSeconds = 10;
      const started = Date.now();
      const row = await createPlan(testDb.database, systemContext('test'), { timeLimitSeconds: limitSeconds });
      // The limit holds: 12 s for reading the facilities and storing the plan, as before.
      expect(Date.now() - started).toBeLessThan((limitSeconds + 12) * 1000);
      const solverPart = resultOf(row).assignments.map((a) => ({ generatorId: a.generatorId, facilityId: a.facilityId }));
      checkAllocationPlan(JSON.parse(row.problem) as CheckProblem, { assignments: solverPart, objective: row.objective, upperBound: row.upper_bound }, 1e-6);
      expect(solverPart.length).toBeGreaterThan(100);
      // The solver's proven gap on the demo is small.
      expect((row.upper_bound - row.objective) / row.upper_bound).toBeLessThan(0.05);
    }, 60_000);
  });
}
