import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { covers, editScope } from '../../scope.js';
import { oblastRows } from '../geography/geography.service.js';
import { registerGenerators as registerUnits, type GeneratorUnit } from '../assets/generators.service.js';
import { allOutages, deleteOutage } from './energy.repository.js';
import type { FleetArrival, OutageUpdate } from './energy.schema.js';
import { storeOutages } from './energy.service.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * Registers units that arrived in a warehouse (a donated package, or units bought): they become assets of
 * generator products waiting at that warehouse location, status `in_warehouse`, until an executed plan sends
 * them out (the assets capability owns them; docs/energy.md).
 */
export async function registerGenerators(database: Database, ctx: CallContext, input: FleetArrival): Promise<GeneratorUnit[]> {
  return registerUnits(database, ctx, input);
}

/**
 * Sets an oblast's typical outage hours per day (it drives facilities' fuel needs and priority). Coordinators
 * set it for the oblasts they coordinate; the value replaces the previous one, which the audit log keeps.
 */
export async function setOutage(database: Database, ctx: CallContext, oblastIso: string, input: OutageUpdate): Promise<{ oblastIso: string; hoursPerDay: number; updatedAt: string }> {
  const oblast = (await oblastRows(database.db)).find((o) => o.iso3166_2 === oblastIso);
  if (oblast === undefined) throw invalid([{ path: '/oblastIso', message: `no oblast with ISO 3166-2 code ${oblastIso}` }]);
  if (!covers(editScope(ctx.principal), { id: '', area_path: oblast.path })) throw new AppError('forbidden', `You do not coordinate ${oblast.name_en ?? oblast.name_uk}.`);
  const at = nowIso();
  await withTransaction(database, async (trx) => {
    await deleteOutage(trx, oblast.katottg);
    await storeOutages(trx, database, ctx, [{ oblast_katottg: oblast.katottg, outage_hours_per_day: input.hoursPerDay, updated_at: at }]);
  });
  return { oblastIso, hoursPerDay: input.hoursPerDay, updatedAt: at };
}

/** Outage hours per oblast, as set (oblasts without a value are left out). */
export async function listOutages(database: Database): Promise<{ oblastIso: string; hoursPerDay: number; updatedAt: string }[]> {
  const iso = new Map((await oblastRows(database.db)).map((a) => [a.katottg, a.iso3166_2]));
  return (await allOutages(database.db))
    .map((o) => ({ oblastIso: iso.get(o.oblast_katottg) ?? '', hoursPerDay: o.outage_hours_per_day, updatedAt: o.updated_at }))
    .filter((o) => o.oblastIso !== '')
    .sort((a, b) => a.oblastIso.localeCompare(b.oblastIso));
}
