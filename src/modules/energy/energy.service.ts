import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Keyset, PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { editScope, EVERYTHING, hasRole } from '../../scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import { appendAudit } from '../audit/audit.service.js';
import { assertMayEdit, getFacility, openFacilityRows } from '../facilities/facilities.service.js';
import { generatorPage, generatorStatusTotals, type GeneratorUnit } from '../assets/generators.service.js';
import { findProfile, insertOutages, insertProfiles, updateProfile, type ProfileRow } from './energy.repository.js';
import type { AreaOutagesTable } from './energy.tables.js';
import type { FleetFilters, NeedFilters, ProfileUpdate } from './energy.schema.js';
import { energyOfMany, type FacilityEnergy } from './energy.state.js';
import { getPlan, resultOf } from './energy.plans.js';
import { withTransaction } from '../../db/transaction.js';

/** Roles that may read plans (facility reporters see only their own facilities, never a national plan). */
export const PLAN_READERS = ['admin', 'coordinator', 'analyst', 'donor_officer', 'warehouse_officer'] as const;

export async function storeProfiles(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: ProfileRow[]): Promise<void> {
  await insertProfiles(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'create', entity: 'power_profile', entityId: r.facility_id, change: r })));
}

export async function storeOutages(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: AreaOutagesTable[]): Promise<void> {
  await insertOutages(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'set', entity: 'area_outage', entityId: r.oblast_katottg, change: r })));
}

/** One page of the fleet in id order (`page.limit + 1` units after `page.after`), optionally of one status. */
export async function fleetRows(database: Database, filters: FleetFilters, page: PageRequest): Promise<GeneratorUnit[]> {
  return generatorPage(database, { limit: page.limit, ...(filters.status === undefined ? {} : { status: filters.status }), ...(page.after === undefined ? {} : { afterId: page.after.id }) });
}

/** The whole fleet by status: count and rated kW. */
export const fleetTotals = generatorStatusTotals;

/** A facility's energy state, if the caller may read the facility (restricted parts are cut by the presenter). */
export async function facilityEnergy(database: Database, principal: Principal | null, facilityId: string): Promise<FacilityEnergy> {
  const facility = await getFacility(database, principal, facilityId);
  const [state] = await energyOfMany(database.db, [facility], true);
  if (state === undefined) throw new Error('energy state missing');
  return state;
}

/** Sets measured loads (or returns to the estimate) and fuel stock of a facility in the caller's edit scope. */
export async function setProfile(database: Database, ctx: CallContext, facilityId: string, input: ProfileUpdate): Promise<FacilityEnergy> {
  const facility = await getFacility(database, ctx.principal, facilityId);
  assertMayEdit(ctx.principal, facility);
    const critical = input.criticalLoadKw ?? null;
  const essential = input.essentialLoadKw ?? null;
  const errors = [];
  if (critical !== null && essential === null) errors.push({ path: '/essentialLoadKw', message: 'is required with a measured critical load' });
  if (critical !== null && essential !== null && essential < critical) errors.push({ path: '/essentialLoadKw', message: 'must not be below the critical load' });
  if (errors.length > 0) throw invalid(errors);
  const measured = critical !== null;
  await withTransaction(database, async (trx) => {
    const before = await findProfile(trx, facilityId);
    const at = nowIso();
    const row: ProfileRow = {
      facility_id: facilityId,
      critical_load_kw: critical ?? 0,
      essential_load_kw: essential ?? 0,
      load_source: measured ? 'measured' : 'estimated',
      fuel_stock_litres: input.fuelStockLitres,
      created_at: before?.created_at ?? at,
      updated_at: at,
      version: (before?.version ?? 0) + 1,
    };
    if (before === undefined) await insertProfiles(trx, [row]);
    else {
      if (input.version !== before.version) throw new AppError('version_conflict', `The profile is at version ${before.version}; send it as "version".`, { currentVersion: before.version });
      if (!(await updateProfile(trx, facilityId, before.version, row))) throw new AppError('version_conflict', 'The profile was changed by someone else; reload it.');
    }
    await appendAudit(trx, database.kind, ctx, [{ action: before === undefined ? 'create' : 'update', entity: 'power_profile', entityId: facilityId, change: { from: before ?? null, to: row } }]);
  });
  return facilityEnergy(database, ctx.principal, facilityId);
}

/** Every open facility's energy state and, with a plan, the usable kW it would add per facility. */
export async function coverageInputs(database: Database, principal: Principal | null, planId: string | undefined): Promise<{ states: FacilityEnergy[]; added: Map<string, number> | null }> {
  let added: Map<string, number> | null = null;
  if (planId !== undefined) {
    if (!hasRole(principal, PLAN_READERS)) throw new AppError('forbidden', 'Your role may not read allocation plans.');
    added = new Map();
    for (const a of resultOf(await getPlan(database, planId)).assignments) added.set(a.facilityId, (added.get(a.facilityId) ?? 0) + a.usableKw);
  }
  // Aggregates by oblast are public (DESIGN §5), so every open facility counts whoever asks.
  const states = await energyOfMany(database.db, await openFacilityRows(database.db, EVERYTHING));
  return { states, added };
}

/** Most urgent first: priority weight, highest first, ties by facility id. */
export const NEED_ORDER: Keyset<FacilityEnergy> = { key: '-weight', valueOf: (s) => s.priority.weight, idOf: (s) => s.facility.id };

/**
 * Facilities without enough backup in NEED_ORDER, among those the caller may see power status of: the edit
 * scope goes into the query, so nothing restricted is read for others. The deficit is computed, not stored,
 * so the page (`page.limit + 1` states after `page.after`) is cut here rather than in SQL.
 */
export async function facilitiesInNeed(database: Database, principal: Principal | null, filters: NeedFilters, page: PageRequest): Promise<FacilityEnergy[]> {
  const rows = await openFacilityRows(database.db, editScope(principal));
  const inOblast = filters.oblast === undefined ? rows : rows.filter((r) => oblastIsoOfPath(r.area_path) === filters.oblast);
  const needy = (await energyOfMany(database.db, inOblast))
    .filter((s) => s.deficitKw > 0)
    .sort((a, b) => b.priority.weight - a.priority.weight || a.facility.id.localeCompare(b.facility.id));
  const after = page.after;
  const rest = after === undefined ? needy : needy.filter((s) => s.priority.weight < Number(after.value) || (s.priority.weight === Number(after.value) && s.facility.id > after.id));
  return rest.slice(0, page.limit + 1);
}
