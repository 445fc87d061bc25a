import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { EVERYTHING, registryScope, type Scope } from '../../scope.js';
import { accessOn } from '../geography/area-status.service.js';
import { resolveArea } from '../geography/geography.service.js';
import { aggregate } from './indicators.compute.js';
import { openFacilitiesByArea, latestStates } from './indicators.repository.js';
import type { Indicators } from './indicators.schema.js';
import { incidentRowsUpTo } from './incidents.repository.js';
import { endOfDay } from './status.service.js';

/**
 * Indicators for an area (or the country) as of the end of a day; today's figures without a date.
 * The caller's read scope bounds the facilities counted (a facility reporter sees its own). Facilities in an area
 * temporarily occupied on the date are counted apart as "no access": they are not expected to report, so they are
 * neither in the open facilities nor in any figure of reports (their last reports from before stay in the series).
 */
export async function indicatorsFor(database: Database, visible: Scope, options: { area?: string; asOf?: string; validatedOnly?: boolean }): Promise<Indicators> {
  const areaPath = options.area === undefined ? undefined : (await resolveArea(database.db, options.area, '/query/area')).path;
  const today = new Date().toISOString().slice(0, 10);
  const date = options.asOf ?? today;
  const validatedOnly = options.validatedOnly ?? false;
  const filter = { visible, date, validatedOnly, ...(areaPath === undefined ? {} : { areaPath }), ...(options.asOf === undefined ? {} : { cutoff: endOfDay(options.asOf) }) };
  // The heavy reads go to the replica when DATABASE_READ_URL is set (docs/operations.md).
  const reader = readerOf(database);
  const [states, open, access, incidents] = await Promise.all([
    latestStates(reader, filter),
    openFacilitiesByArea(reader, filter),
    accessOn(reader, date),
    // Incidents are counted for the area whatever the caller's scope: the figures name no facility.
    incidentRowsUpTo(reader, endOfDay(date), areaPath, validatedOnly),
  ]);
  const sum = (rows: readonly { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  const reachable = open.filter((r) => access.reachable(r.areaPath));
  return aggregate(states.filter((s) => access.reachable(s.areaPath)), incidents, sum(reachable), sum(open) - sum(reachable), date, options.area ?? null);
}

export async function signedInIndicators(database: Database, principal: Principal | null, query: { area?: string; asOf?: string; validatedOnly?: boolean }): Promise<Indicators> {
  return indicatorsFor(database, registryScope(principal), query);
}

/** Public figures: the country or one oblast only, so that no small area singles out a facility. */
export async function publicIndicators(database: Database, query: { oblast?: string; asOf?: string; validatedOnly?: boolean }): Promise<Indicators> {
  return indicatorsFor(database, EVERYTHING, { ...(query.oblast === undefined ? {} : { area: query.oblast }), ...(query.asOf === undefined ? {} : { asOf: query.asOf }), validatedOnly: query.validatedOnly ?? false });
}
