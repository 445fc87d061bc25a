import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { newId, nowIso } from '../../ids.js';
import { generatorsByIds } from '../../modules/assets/generators.service.js';
import { newFacilityRow, storeNewFacilities } from '../../modules/facilities/facilities.service.js';
import { areasByCode, type AreaRef } from '../../modules/geography/geography.service.js';
import { migrateToLatest } from '../migrate.js';
import { withTransaction } from '../transaction.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`migration 0009 (one asset model) on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect, { upTo: '0008-monitoring-review' });
    }, 60_000);
    afterAll(async () => testDb.drop());

    it('moves every generator_assets row into assets with its spec, product and warehouse, keeping ids, and drops the old table', async () => {
      const { database } = testDb;
      const at = nowIso();
      const areas = await areasByCode(database.db, [LVIV, KHARKIV]);
      const [lviv, kharkiv] = [newFacilityRow(buildFacility({ areaKatottg: LVIV }), areas.get(LVIV) as AreaRef, at), newFacilityRow(buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }), areas.get(KHARKIV) as AreaRef, at)] as const;
      await withTransaction(database, (trx) => storeNewFacilities(trx, database, systemContext('test'), [lviv, kharkiv]));
      // The table as 0004 made it is not in today's types.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pre-migration schema
      const old = database.db as unknown as Kysely<any>;
      const row = (over: Record<string, unknown>) => ({
        id: newId(), serial: `MIG-${newId()}`, product_name: 'Diesel generator set 500 kVA', rating_kva: 500, rating_kw: 400, standby: 1, fuel_type: 'diesel', tank_litres: 600, status: 'in_warehouse',
        warehouse_name: 'Lviv logistics hub', lat: 49.8397, lon: 24.0297, facility_id: null, donor_org_id: null, installed_at: null, created_at: at, updated_at: at, version: 3, ...over,
      });
      const units = [
        row({}),
        row({ rating_kva: 1250, rating_kw: 1000, standby: 0, product_name: 'Diesel generator set 1250 kVA' }),
        row({ warehouse_name: 'Dnipro forward warehouse', lat: 48.4647, lon: 35.0462 }),
        row({ status: 'in_transit', warehouse_name: null, lat: null, lon: null, facility_id: kharkiv.id }),
        row({ status: 'functioning', warehouse_name: null, lat: null, lon: null, facility_id: lviv.id, installed_at: '2023-01-15T09:30:00.000Z' }),
      ];
      await old.insertInto('generator_assets').values(units).execute();
      const plan = {
        id: newId(), status: 'executed', request: '{}', problem: JSON.stringify({ generators: [], facilities: [], params: {} }),
        result: JSON.stringify({ assignments: [{ generatorId: units[3]?.id, facilityId: kharkiv.id, facilityAreaPath: kharkiv.area_path, serial: units[3]?.serial, usableKw: 280 }], shareChecks: [], problemSize: { generators: 5, facilities: 2 } }),
        objective: 1, upper_bound: 1, seconds: 0, created_by: 'test', approved_by: 'test', approved_at: at, executed_by: 'test', executed_at: at, created_at: at, updated_at: at, version: 3,
      };
      await old.insertInto('energy_plans').values(plan).execute();

      // 0009 runs first; the migrations after it run on the moved data too.
      expect((await migrateToLatest(database))[0]).toBe('0009-assets');

      const moved = new Map((await generatorsByIds(database.db, units.map((u) => u.id))).map((g) => [g.id, g]));
      expect(moved.size).toBe(units.length);
      for (const u of units) {
        const g = moved.get(u.id);
        expect(g, u.serial).toMatchObject({ serial: u.serial, rating_kva: u.rating_kva, rating_kw: u.rating_kw, standby: u.standby, status: u.status, facility_id: u.facility_id, warehouse_name: u.warehouse_name, lat: u.lat, lon: u.lon, version: u.version, product_name: u.product_name });
      }
      expect(moved.get(units[4]?.id ?? '')?.installed_at).toBe('2023-01-15T00:00:00.000Z');
      expect(moved.get(units[3]?.id ?? '')?.facility_area_path).toBe(kharkiv.area_path);
      // Each model is one generator product; each warehouse one location, placed in the oblast nearest its point.
      const products = await database.db.selectFrom('products').select(['name', 'kind']).where('kind', '=', 'generator').execute();
      expect(products.map((p) => p.name).sort()).toEqual(['Diesel generator set 1250 kVA', 'Diesel generator set 500 kVA']);
      const warehouses = await database.db.selectFrom('locations').select(['name', 'area_katottg', 'kind']).where('kind', '=', 'warehouse').orderBy('name').execute();
      expect(warehouses).toEqual([
        { name: 'Dnipro forward warehouse', area_katottg: 'UA12000000000090473', kind: 'warehouse' },
        { name: 'Lviv logistics hub', area_katottg: LVIV, kind: 'warehouse' },
      ]);
      // The plan still names units that exist.
      const stored = await database.db.selectFrom('energy_plans').select('result').where('id', '=', plan.id).executeTakeFirstOrThrow();
      const ids = (JSON.parse(stored.result) as { assignments: { generatorId: string }[] }).assignments.map((a) => a.generatorId);
      expect(ids.every((id) => moved.has(id))).toBe(true);
      await expect(old.selectFrom('generator_assets').select('id').execute()).rejects.toThrow();
    });
  });
}
