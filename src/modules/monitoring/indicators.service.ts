import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { EVERYTHING, registryScope, type Scope } from '../access/access.scope.js';
import { resolveArea } from '../geography/geography.service.js';
import { aggregate } from './indicators.compute.js';
import { countOpenFacilities, latestStates } from './indicators.repository.js';
import type { Indicators } from './indicators.schema.js';
import { incidentRowsUpTo } from './incidents.repository.js';
import { endOfDay } from './status.service.js';

/**
 * Indicators for an area (or the country) as of the end of a day; today's figures without a date.
 * The caller's read scope bounds the facilities counted (a facility reporter sees its own).
 */
export async function indicatorsFor(database: Database, visible: Scope, options: { area?: string; asOf?: string }): Promise<Indicators> {
  const areaPath = options.area === undefined ? undefined : (await resolveArea(database.db, options.area, '/query/area')).path;
  const today = new Date().toISOString().slice(0, 10);
  const date = options.asOf ?? today;
  const filter = { visible, date, ...(areaPath === undefined ? {} : { areaPath }), ...(options.asOf === undefined ? {} : { cutoff: endOfDay(options.asOf) }) };
  const [states, facilities, incidents] = await Promise.all([
    latestStates(database.db, filter),
    countOpenFacilities(database.db, filter),
    // Incidents are counted for the area whatever the caller's scope: the figures name no facility.
    incidentRowsUpTo(database.db, endOfDay(date), areaPath),
  ]);
  return aggregate(states, incidents, facilities, date, options.area ?? null);
}

export async function signedInIndicators(database: Database, principal: Principal | null, query: { area?: string; asOf?: string }): Promise<Indicators> {
  return indicatorsFor(database, registryScope(principal), query);
}

/** Public figures: the country or one oblast only, so that no small area singles out a facility. */
export async function publicIndicators(database: Database, query: { oblast?: string; asOf?: string }): Promise<Indicators> {
  return indicatorsFor(database, EVERYTHING, { ...(query.oblast === undefined ? {} : { area: query.oblast }), ...(query.asOf === undefined ? {} : { asOf: query.asOf }) });
}
