import type { Kysely } from 'kysely';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byColumn, type Keyset, type PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, registryScope, workScope, type Scope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { SERVICES, type ServiceCode } from '../facilities/facilities.schema.js';
import { facilityRowById, getFacility } from '../facilities/facilities.service.js';
import { stateOf } from './indicators.state.js';
import { linkCorrection } from './review.service.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import { advanceCurrent, insertReport, insertReports, latestReport, listReports, type PlacedReport } from './status.repository.js';
import type { StatusReportCreate, StatusReportListFilters } from './status.schema.js';
import { withTransaction } from '../../db/transaction.js';

/** Who may report on a facility: admins and coordinators in their scope, facility reporters for their facilities. */
export const reportScope = (principal: Principal | null): Scope => workScope(principal);

/** End of a calendar day (UTC) as the ISO cutoff for "as of": a report observed that day counts. */
export const endOfDay = (date: string): string => `${date}T23:59:59.999Z`;

const offersDomain = (facility: FacilityRow, offered: readonly ServiceCode[], domain: string, type: string): boolean =>
  facility.type === type || offered.some((c) => SERVICES[c] === domain);

/**
 * Checks a report against its facility: every problem is collected, so the reporter fixes them in one go.
 * A service the facility does not offer can only be "not normally provided"; capacity figures need the service.
 */
export function reportProblems(facility: FacilityRow, input: StatusReportCreate, now = Date.now()): FieldError[] {
  const problems: FieldError[] = [];
  if (facility.closed_on !== null) problems.push({ path: '/facilityId', message: `the facility was closed on ${facility.closed_on}; it takes no reports` });
  const observed = Date.parse(input.observedAt);
  // An hour of slack for clocks on phones in the field.
  if (observed > now + 3_600_000) problems.push({ path: '/observedAt', message: 'must not be in the future' });
  if (facility.opened_on !== null && input.observedAt.slice(0, 10) < facility.opened_on) problems.push({ path: '/observedAt', message: `must not be before the facility opened (${facility.opened_on})` });
  const offered = JSON.parse(facility.services) as ServiceCode[];
  const seen = new Set<string>();
  (input.services ?? []).forEach((s, i) => {
    if (seen.has(s.code)) problems.push({ path: `/services/${i}/code`, message: `${s.code} is reported twice` });
    seen.add(s.code);
    if (!offered.includes(s.code) && s.status !== 'not_normally_provided') {
      problems.push({ path: `/services/${i}/status`, message: `must be not_normally_provided: the facility does not offer ${s.code}` });
    }
    if ((s.status === 'available' || s.status === 'not_normally_provided') && (s.reasons ?? []).length > 0) {
      problems.push({ path: `/services/${i}/reasons`, message: `reasons are for services that are partially or not available, not ${s.status}` });
    }
  });
  const rehab = offersDomain(facility, offered, 'rehabilitation', 'rehabilitation_center');
  const mental = offersDomain(facility, offered, 'mental_health', 'mental_health_center');
  for (const field of ['rehabBeds', 'therapists'] as const) if (input[field] !== undefined && !rehab) problems.push({ path: `/${field}`, message: 'the facility offers no rehabilitation service' });
  for (const field of ['psychologists', 'psychiatrists'] as const) if (input[field] !== undefined && !mental) problems.push({ path: `/${field}`, message: 'the facility offers no mental-health service' });
  return problems;
}

/** The stored row for a validated report. */
export function reportRow(input: StatusReportCreate, reporter: string, at: string, id = newId()): StatusReportsTable {
  return {
    id,
    facility_id: input.facilityId,
    // Normalised so that text comparison orders reports by time whatever offset the client sent.
    observed_at: new Date(input.observedAt).toISOString(),
    reporter,
    building_condition: input.buildingCondition,
    building_cause: input.buildingCause ?? null,
    functionality: input.functionality,
    functionality_reasons: JSON.stringify(input.functionalityReasons ?? []),
    accessibility: input.accessibility,
    accessibility_barriers: JSON.stringify(input.accessibilityBarriers ?? []),
    power_source: input.powerSource,
    outage_hours_7d: input.outageHours7d ?? null,
    backup_kw: input.backupKw ?? null,
    fuel_litres: input.fuelLitres ?? null,
    water: input.water ?? null,
    cold_chain: input.coldChain ?? null,
    services: JSON.stringify((input.services ?? []).map((s) => ({ code: s.code, status: s.status, reasons: s.reasons ?? [] }))),
    rehab_beds: input.rehabBeds ?? null,
    therapists: input.therapists ?? null,
    psychologists: input.psychologists ?? null,
    psychiatrists: input.psychiatrists ?? null,
    created_at: at,
    state: stateOf({ functionality: input.functionality, building_condition: input.buildingCondition, power_source: input.powerSource, services: input.services ?? [] }),
  };
}

/** Validates and stores one report inside the caller's transaction (also used by sync). */
export async function storeStatusReport(trx: Kysely<DB>, database: Database, ctx: CallContext, input: StatusReportCreate, id?: string): Promise<{ row: StatusReportsTable; facility: FacilityRow }> {
  const facility = await facilityRowById(trx, input.facilityId);
  // A facility the caller may not read is "not found", so its existence does not leak.
  if (facility === undefined || !covers(registryScope(ctx.principal), facility)) throw notFound('facility', input.facilityId);
  if (!covers(reportScope(ctx.principal), facility)) throw new AppError('forbidden', 'This facility is outside the facilities and areas you report for.');
  const problems = reportProblems(facility, input);
  if (problems.length > 0) throw invalid(problems);
  const row = reportRow(input, actorOf(ctx), nowIso(), id);
  await insertReport(trx, row);
  await advanceCurrent(trx, [{ facility_id: row.facility_id, report_id: row.id, observed_at: row.observed_at, state: row.state }]);
  await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'status_report', entityId: row.id, change: row }]);
  // A correction of a returned report: checked here too, so a wrong reference stores nothing.
  if (input.corrects !== undefined) await linkCorrection(trx, database, ctx, 'status', { id: row.id, facility_id: row.facility_id, area_path: facility.area_path }, input.corrects);
  return { row, facility };
}

export async function createStatusReport(database: Database, ctx: CallContext, input: StatusReportCreate): Promise<PlacedReport> {
  const { row, facility } = await withTransaction(database, (trx) => storeStatusReport(trx, database, ctx, input));
  return { ...row, area_path: facility.area_path };
}

/** Reports newest first, ties by id: the order the status-report list's cursor is bound to. */
export const STATUS_REPORT_ORDER: Keyset<PlacedReport> = byColumn('-observed_at', (r) => r.observed_at);

/** One page of the status reports the caller may read (one row more, so the list knows if more follow). */
export async function listStatusReportRows(database: Database, principal: Principal | null, query: StatusReportListFilters, page: PageRequest): Promise<PlacedReport[]> {
  return listReports(
    database.db,
    {
      visible: registryScope(principal),
      ...(query.facility === undefined ? {} : { facilityId: query.facility }),
      ...(query.from === undefined ? {} : { from: `${query.from}T00:00:00.000Z` }),
      ...(query.to === undefined ? {} : { to: endOfDay(query.to) }),
    },
    page.limit,
    page.after === undefined ? undefined : { value: String(page.after.value), id: page.after.id },
  );
}

/** A facility's status now, or as it was known at the end of a past day. */
export async function facilityStatusAsOf(database: Database, principal: Principal | null, facilityId: string, asOf?: string): Promise<{ facility: FacilityRow; report: StatusReportsTable | undefined }> {
  const facility = await getFacility(database, principal, facilityId);
  const report = await latestReport(database.db, facilityId, asOf === undefined ? undefined : endOfDay(asOf));
  return { facility, report };
}

/**
 * Stores many reports already checked with reportProblems (the importer, the demo loader) in the caller's
 * transaction: the series, each facility's current report, and the audit trail: one event per report, or for
 * generated history (millions of demo rows) one event per batch naming its size and time span.
 */
export async function storeCheckedReports(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: readonly StatusReportsTable[], audit: 'each' | 'batch' = 'each'): Promise<void> {
  await insertReports(trx, database.kind, rows);
  const newest = new Map<string, StatusReportsTable>();
  for (const r of rows) {
    const prev = newest.get(r.facility_id);
    if (prev === undefined || r.observed_at > prev.observed_at || (r.observed_at === prev.observed_at && r.id > prev.id)) newest.set(r.facility_id, r);
  }
  await advanceCurrent(trx, [...newest.values()].map((r) => ({ facility_id: r.facility_id, report_id: r.id, observed_at: r.observed_at, state: r.state })));
  if (audit === 'batch') {
    const times = rows.map((r) => r.observed_at).sort();
    const change = { reports: rows.length, facilities: newest.size, observedFrom: times[0] ?? null, observedTo: times[times.length - 1] ?? null };
    await appendAudit(trx, database.kind, ctx, [{ action: 'create_batch', entity: 'status_report', entityId: rows[0]?.id ?? '', change }]);
    return;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await appendAudit(trx, database.kind, ctx, rows.slice(i, i + 2000).map((r) => ({ action: 'create', entity: 'status_report', entityId: r.id, change: r })));
  }
}
