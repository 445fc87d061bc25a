import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { editScope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { FACILITY_TYPES } from '../facilities/facilities.schema.js';
import type { ReportingPeriodType, ReportingSchedules, ScheduleUpdate, TypeSchedule } from './completeness.schema.js';
import { deleteOverride, findOverride, insertOverride, listOverrides, updateOverride } from './completeness.repository.js';
import type { ReportingPeriodsTable } from './reporting.tables.js';
import { withTransaction } from '../../db/transaction.js';

/** The server's schedule for facility types without an override (CAREBRIDGE_REPORTING_PERIOD, CAREBRIDGE_REPORTING_DEADLINE_DAYS). */
export interface ScheduleDefaults {
  readonly period: ReportingPeriodType;
  readonly deadlineDays: number;
}

const present = (type: string, row: ReportingPeriodsTable | undefined, defaults: ScheduleDefaults): TypeSchedule =>
  row === undefined
    ? { facilityType: type as TypeSchedule['facilityType'], period: defaults.period, deadlineDays: defaults.deadlineDays, source: 'default', version: null }
    : { facilityType: type as TypeSchedule['facilityType'], period: row.period as ReportingPeriodType, deadlineDays: row.deadline_days, source: 'override', version: row.version };

/** Every facility type's schedule, overridden or default. One query. */
export async function listSchedules(database: Database, defaults: ScheduleDefaults): Promise<ReportingSchedules> {
  const rows = new Map((await listOverrides(database.db)).map((r) => [r.facility_type, r]));
  return { default: { period: defaults.period, deadlineDays: defaults.deadlineDays }, types: FACILITY_TYPES.map((t) => present(t, rows.get(t), defaults)) };
}

/** A schedule applies to the whole country, so only those who edit everywhere may change it. */
function assertNationalEditor(ctx: CallContext): void {
  if (!editScope(ctx.principal).all) {
    throw new AppError('forbidden', 'Reporting periods apply to every facility of a type in the country: only an administrator or a coordinator with national scope may change them.');
  }
}

/** Sets a facility type's own period and deadline (creating the override, or changing it at the version the caller read). */
export async function setSchedule(database: Database, ctx: CallContext, facilityType: string, input: ScheduleUpdate, defaults: ScheduleDefaults): Promise<TypeSchedule> {
  assertNationalEditor(ctx);
  const at = nowIso();
  return withTransaction(database, async (trx) => {
    const current = await findOverride(trx, facilityType);
    if (current === undefined) {
      if (input.version !== undefined) throw new AppError('version_conflict', `Facility type ${facilityType} has no override of its own any more (it follows the default); send no version to create one.`);
      const row: ReportingPeriodsTable = { facility_type: facilityType, period: input.period, deadline_days: input.deadlineDays, created_at: at, updated_at: at, version: 1 };
      await insertOverride(trx, row);
      await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'reporting_period', entityId: facilityType, change: { period: input.period, deadlineDays: input.deadlineDays } }]);
      return present(facilityType, row, defaults);
    }
    if (input.version !== current.version) {
      throw new AppError('version_conflict', `The reporting period of ${facilityType} is at version ${current.version}, not ${input.version ?? 'none'}; reload it.`, { currentVersion: current.version });
    }
    const patch = { period: input.period, deadline_days: input.deadlineDays, updated_at: at, version: current.version + 1 };
    if (!(await updateOverride(trx, facilityType, current.version, patch))) throw new AppError('version_conflict', `The reporting period of ${facilityType} was changed meanwhile; reload it.`);
    await appendAudit(trx, database.kind, ctx, [
      { action: 'update', entity: 'reporting_period', entityId: facilityType, change: { period: { from: current.period, to: input.period }, deadlineDays: { from: current.deadline_days, to: input.deadlineDays } } },
    ]);
    return present(facilityType, { ...current, ...patch }, defaults);
  });
}

/** Removes a type's override: it follows the default schedule again. */
export async function removeSchedule(database: Database, ctx: CallContext, facilityType: string, version: number, defaults: ScheduleDefaults): Promise<TypeSchedule> {
  assertNationalEditor(ctx);
  return withTransaction(database, async (trx) => {
    const current = await findOverride(trx, facilityType);
    if (current === undefined) throw new AppError('not_found', `Facility type ${facilityType} has no override of its own: it already follows the default schedule.`);
    if (!(await deleteOverride(trx, facilityType, version))) {
      throw new AppError('version_conflict', `The reporting period of ${facilityType} is at version ${current.version}, not ${version}; reload it.`, { currentVersion: current.version });
    }
    await appendAudit(trx, database.kind, ctx, [{ action: 'delete', entity: 'reporting_period', entityId: facilityType, change: { period: current.period, deadlineDays: current.deadline_days } }]);
    return present(facilityType, undefined, defaults);
  });
}

/** The schedule each facility type follows: an override, or the default. One query. */
export async function schedulesByType(database: Database, defaults: ScheduleDefaults): Promise<(type: string) => ScheduleDefaults> {
  const rows = new Map((await listOverrides(database.db)).map((r) => [r.facility_type, { period: r.period as ReportingPeriodType, deadlineDays: r.deadline_days }]));
  return (type) => rows.get(type) ?? defaults;
}
