import type { Kysely } from 'kysely';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byColumn, type Keyset, type PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, EVERYTHING, registryScope, workScope, type Scope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { resolveArea } from '../geography/geography.service.js';
import { insertIncidents, listIncidents } from './incidents.repository.js';
import type { IncidentCreate, IncidentListFilters } from './incidents.schema.js';
import type { IncidentsTable } from './monitoring.tables.js';
import { linkCorrection } from './review.service.js';
import { endOfDay } from './status.service.js';
import { withTransaction } from '../../db/transaction.js';

/** Validates and stores one incident inside the caller's transaction (also used by sync). */
export async function storeIncident(trx: Kysely<DB>, database: Database, ctx: CallContext, input: IncidentCreate, id = newId()): Promise<IncidentsTable> {
  const problems: FieldError[] = [];
  if ((input.facilityId === undefined) === (input.areaKatottg === undefined)) problems.push({ path: '/facilityId', message: 'name either a facility or an area (areaKatottg), not both or neither' });
  if (Date.parse(input.occurredAt) > Date.now() + 3_600_000) problems.push({ path: '/occurredAt', message: 'must not be in the future' });
  if (problems.length > 0) throw invalid(problems);
  let place: { facility_id: string | null; facility_type: string | null; area_katottg: string; area_path: string };
  if (input.facilityId !== undefined) {
    const facility = await facilityRowById(trx, input.facilityId);
    if (facility === undefined) throw invalid([{ path: '/facilityId', message: `no facility with id "${input.facilityId}"` }]);
    place = { facility_id: facility.id, facility_type: facility.type, area_katottg: facility.area_katottg, area_path: facility.area_path };
  } else {
    const area = await resolveArea(trx, input.areaKatottg ?? '', '/areaKatottg');
    place = { facility_id: null, facility_type: null, area_katottg: area.katottg, area_path: area.path };
  }
  if (!covers(workScope(ctx.principal), { id: place.facility_id ?? '', area_path: place.area_path })) throw new AppError('forbidden', 'This incident is outside the facilities and areas you report for.');
  const row: IncidentsTable = {
    id,
    occurred_at: new Date(input.occurredAt).toISOString(),
    ...place,
    attack_types: JSON.stringify(input.attackTypes),
    resources_affected: JSON.stringify(input.resourcesAffected ?? []),
    health_workers_killed: input.healthWorkersKilled ?? 0,
    health_workers_injured: input.healthWorkersInjured ?? 0,
    patients_killed: input.patientsKilled ?? 0,
    patients_injured: input.patientsInjured ?? 0,
    certainty: input.certainty,
    source: input.source ?? null,
    narrative: input.narrative ?? null,
    reporter: actorOf(ctx),
    created_at: nowIso(),
  };
  await insertIncidents(trx, [row]);
  await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'incident', entityId: row.id, change: row }]);
  await raiseNotification(trx, ctx, { kind: 'incident_new', incidentId: row.id, occurredAt: row.occurred_at, facilityId: row.facility_id, areaKatottg: row.area_katottg, areaPath: row.area_path });
  if (input.corrects !== undefined) await linkCorrection(trx, database, ctx, 'incident', { id: row.id, facility_id: row.facility_id, area_path: row.area_path }, input.corrects);
  return row;
}

export async function createIncident(database: Database, ctx: CallContext, input: IncidentCreate): Promise<IncidentsTable> {
  return withTransaction(database, (trx) => storeIncident(trx, database, ctx, input));
}

/** A page of incidents: in the caller's read scope (partner view), or all of them for the public view. */
/** Incidents newest first, ties by id: the order both incident lists' cursors are bound to. */
export const INCIDENT_ORDER: Keyset<IncidentsTable> = byColumn('-occurred_at', (r) => r.occurred_at);

/** One page of incidents (one row more, so the list knows if more follow), for the partner or the public view. */
export async function listIncidentRows(database: Database, principal: Principal | null, query: IncidentListFilters, view: 'partner' | 'public', page: PageRequest): Promise<IncidentsTable[]> {
  // The public view's fields are public for every incident (DESIGN §5), so it needs no scope.
  const visible: Scope = view === 'public' ? EVERYTHING : registryScope(principal);
  return listIncidents(
    database.db,
    {
      visible,
      ...(query.area === undefined ? {} : { areaPath: (await resolveArea(database.db, query.area, '/query/area')).path }),
      ...(query.from === undefined ? {} : { from: `${query.from}T00:00:00.000Z` }),
      ...(query.to === undefined ? {} : { to: endOfDay(query.to) }),
    },
    page.limit,
    page.after === undefined ? undefined : { value: String(page.after.value), id: page.after.id },
  );
}

/** Stores incidents generated for the demo (already valid and placed) with their audit events, in the caller's transaction. */
export async function storeCheckedIncidents(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: readonly IncidentsTable[]): Promise<void> {
  await insertIncidents(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'create', entity: 'incident', entityId: r.id, change: r })));
}
