import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { kwFromKva } from '../../engine/fuel/fuel-model.js';
import { covers, editScope } from '../access/access.scope.js';
import { listAreas } from '../geography/geography.repository.js';
import { allOutages, findGeneratorSerials, type GeneratorRow } from './energy.repository.js';
import type { FleetArrival, OutageUpdate } from './energy.schema.js';
import { storeGenerators, storeOutages } from './energy.service.js';

/**
 * Registers units that arrived in a warehouse (a donated package, or units bought): they wait there,
 * status `in_warehouse`, until an executed plan sends them out. Serials are unique across the fleet;
 * a batch with one taken or repeated serial is refused whole, naming it.
 */
export async function registerGenerators(database: Database, ctx: CallContext, input: FleetArrival): Promise<GeneratorRow[]> {
  const seen = new Map<string, number>();
  const errors: { path: string; message: string }[] = [];
  input.units.forEach((u, i) => {
    const first = seen.get(u.serial);
    if (first !== undefined) errors.push({ path: `/units/${i}/serial`, message: `repeats unit ${first}'s serial "${u.serial}"` });
    else seen.set(u.serial, i);
  });
  const taken = new Set(await findGeneratorSerials(database.db, [...seen.keys()]));
  input.units.forEach((u, i) => { if (taken.has(u.serial) && seen.get(u.serial) === i) errors.push({ path: `/units/${i}/serial`, message: `serial "${u.serial}" is already in the fleet` }); });
  if (errors.length > 0) throw invalid(errors);
  const at = nowIso();
  const rows: GeneratorRow[] = input.units.map((u) => ({
    id: newId(), serial: u.serial, product_name: u.productName, rating_kva: u.ratingKva, rating_kw: kwFromKva(u.ratingKva), standby: u.standby ? 1 : 0,
    fuel_type: u.fuelType, tank_litres: u.tankLitres, status: 'in_warehouse', warehouse_name: input.warehouse.name, lat: input.warehouse.lat, lon: input.warehouse.lon,
    facility_id: null, donor_org_id: input.donorOrgId ?? null, installed_at: null, created_at: at, updated_at: at, version: 1,
  }));
  await database.db.transaction().execute((trx) => storeGenerators(trx, database, ctx, rows));
  return rows;
}

/**
 * Sets an oblast's typical outage hours per day (it drives facilities' fuel needs and priority). Coordinators
 * set it for the oblasts they coordinate; the value replaces the previous one, which the audit log keeps.
 */
export async function setOutage(database: Database, ctx: CallContext, oblastIso: string, input: OutageUpdate): Promise<{ oblastIso: string; hoursPerDay: number; updatedAt: string }> {
  const oblast = (await listAreas(database.db, { level: 1 })).find((o) => o.iso3166_2 === oblastIso);
  if (oblast === undefined) throw invalid([{ path: '/oblastIso', message: `no oblast with ISO 3166-2 code ${oblastIso}` }]);
  if (!covers(editScope(ctx.principal), { id: '', area_path: oblast.path })) throw new AppError('forbidden', `You do not coordinate ${oblast.name_en ?? oblast.name_uk}.`);
  const at = nowIso();
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('area_outages').where('oblast_katottg', '=', oblast.katottg).execute();
    await storeOutages(trx, database, ctx, [{ oblast_katottg: oblast.katottg, outage_hours_per_day: input.hoursPerDay, updated_at: at }]);
  });
  return { oblastIso, hoursPerDay: input.hoursPerDay, updatedAt: at };
}

/** Outage hours per oblast, as set (oblasts without a value are left out). */
export async function listOutages(database: Database): Promise<{ oblastIso: string; hoursPerDay: number; updatedAt: string }[]> {
  const iso = new Map((await listAreas(database.db, { level: 1 })).map((a) => [a.katottg, a.iso3166_2]));
  return (await allOutages(database.db))
    .map((o) => ({ oblastIso: iso.get(o.oblast_katottg) ?? '', hoursPerDay: o.outage_hours_per_day, updatedAt: o.updated_at }))
    .filter((o) => o.oblastIso !== '')
    .sort((a, b) => a.oblastIso.localeCompare(b.oblastIso));
}
