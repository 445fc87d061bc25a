import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { covers, editScope } from '../access/access.scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { generatorsBySerial, listGenerators, updateGenerator, type GeneratorWithArea } from './energy.repository.js';
import type { GeneratorStatusChange } from './energy.schema.js';

/**
 * Records what happened to a unit at its facility: arrival (`installed`, which starts counting it as backup
 * once `installed` or `functioning`), faults and repairs, retirement. Only for units bound for or at a
 * facility in the caller's edit scope; units in a warehouse move only through an executed plan.
 */
export async function changeGeneratorStatus(database: Database, ctx: CallContext, id: string, input: GeneratorStatusChange): Promise<GeneratorWithArea> {
  return database.db.transaction().execute(async (trx) => {
    const [row] = await listGenerators(trx, { limit: 1, id });
    if (row === undefined) throw notFound('generator', id);
    if (row.facility_id === null || row.facility_area_path === null) throw new AppError('conflict', `Unit ${row.serial} is in a warehouse; dispatch it with an executed plan first.`);
    if (!covers(editScope(ctx.principal), { id: row.facility_id, area_path: row.facility_area_path })) throw new AppError('forbidden', 'This unit is at a facility outside the areas you coordinate.');
    if (row.status === 'decommissioned') throw new AppError('conflict', `Unit ${row.serial} is decommissioned.`);
    if (row.version !== input.version) throw new AppError('version_conflict', `The unit is at version ${row.version}, not ${input.version}; reload it.`, { currentVersion: row.version });
    if (row.status === input.status) return row;
    const at = nowIso();
    const patch = { status: input.status, updated_at: at, version: row.version + 1, ...(row.installed_at === null && input.status !== 'decommissioned' ? { installed_at: at } : {}) };
    if (!(await updateGenerator(trx, id, row.version, patch))) throw new AppError('version_conflict', 'The unit was changed by someone else; reload it.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'status', entity: 'generator', entityId: id, change: { status: { from: row.status, to: input.status }, facility_id: row.facility_id } }]);
    return { ...row, ...patch };
  });
}

/** What is wrong with receiving these units at this facility: each must be a fleet unit on its way there. */
export async function generatorArrivalProblems(db: Kysely<DB>, facilityId: string | null, serials: readonly string[], path: string): Promise<FieldError[]> {
  if (serials.length === 0) return [];
  if (facilityId === null) return [{ path, message: 'generators are received at the facility an executed plan sends them to; units arriving in a warehouse are registered in the fleet (POST /api/v1/energy/fleet)' }];
  const bySerial = new Map((await generatorsBySerial(db, serials)).map((g) => [g.serial, g]));
  return serials.flatMap((serial) => {
    const g = bySerial.get(serial);
    if (g === undefined) return [{ path, message: `unit ${serial} is not in the generator fleet` }];
    if (g.status !== 'in_transit' || g.facility_id !== facilityId) return [{ path, message: `unit ${serial} is not on its way to this facility (it is ${g.status})` }];
    return [];
  });
}

/** Installs units received at their facility (checked by generatorArrivalProblems first), in the receipt's transaction. */
export async function installArrivedGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, serials: readonly string[], at: string): Promise<void> {
  const units = await generatorsBySerial(trx, serials);
  for (const g of units) {
    if (!(await updateGenerator(trx, g.id, g.version, { status: 'installed', installed_at: at, updated_at: at, version: g.version + 1 }))) throw new AppError('version_conflict', `Unit ${g.serial} was changed meanwhile; receive it again.`);
  }
  await appendAudit(trx, database.kind, ctx, units.map((g) => ({ action: 'status', entity: 'generator', entityId: g.id, change: { status: { from: g.status, to: 'installed' }, facility_id: g.facility_id, received: true } })));
}
