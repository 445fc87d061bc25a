import type { Database } from '../../db/database.js';
import { systemContext } from '../../context.js';
import { nowIso } from '../../ids.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { updateAsset } from './assets.repository.js';
import type { AssetStatus } from './assets.schema.js';
import { generatorsByIds, storeGenerators, storeInstalledGenerators, type GeneratorUnit } from './generators.service.js';
import { withTransaction } from '../../db/transaction.js';

let counter = 0;

/** A unit for tests: in a warehouse unless a facility is given; any status may be forced. */
export interface TestUnit {
  serial?: string;
  productName?: string;
  ratingKva?: number;
  standby?: boolean;
  fuelType?: string;
  tankLitres?: number;
  status?: AssetStatus;
  warehouse?: { name: string; lat: number; lon: number };
  facilityId?: string;
  donorOrgId?: string | null;
}

/** Stores units through the service (products, warehouse locations and audit as in production) and returns them in order. */
export async function storeTestGenerators(database: Database, units: readonly TestUnit[]): Promise<GeneratorUnit[]> {
  const ctx = systemContext('test');
  const at = nowIso();
  const ids: string[] = [];
  await withTransaction(database, async (trx) => {
    for (const u of units) {
      const fields = { serial: u.serial ?? `TEST-${process.pid}-${counter++}`, productName: u.productName ?? 'Test genset', ratingKva: u.ratingKva ?? 250, standby: u.standby ?? false, fuelType: u.fuelType ?? 'diesel', tankLitres: u.tankLitres ?? 500 };
      let id: string;
      if (u.facilityId !== undefined) {
        const facility = await facilityRowById(trx, u.facilityId);
        if (facility === undefined) throw new Error(`no facility ${u.facilityId}`);
        [id] = (await storeInstalledGenerators(trx, database, ctx, [{ ...fields, status: u.status ?? 'functioning', facility, installedOn: at.slice(0, 10) }], at)) as [string];
      } else {
        [id] = (await storeGenerators(trx, database, ctx, { warehouse: u.warehouse ?? { name: 'Lviv hub', lat: 49.8, lon: 24.0 }, ...(u.donorOrgId === undefined || u.donorOrgId === null ? {} : { donorOrgId: u.donorOrgId }), units: [fields] }, at)) as [string];
        if (u.status !== undefined && u.status !== 'in_warehouse') await updateAsset(trx, id, null, { status: u.status });
      }
      if (u.facilityId !== undefined && u.donorOrgId !== undefined) await updateAsset(trx, id, null, { donor_org_id: u.donorOrgId });
      ids.push(id);
    }
  });
  const byId = new Map((await generatorsByIds(database.db, ids)).map((g) => [g.id, g]));
  return ids.map((id) => byId.get(id) as GeneratorUnit);
}
