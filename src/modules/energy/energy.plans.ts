import type { Kysely } from 'kysely';
import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import type { AllocationPlan, SolveProgress } from '../../engine/allocation/allocation.types.js';
import { validateProblem } from '../../engine/allocation/validate-problem.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, editScope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { openFacilityRows } from '../facilities/facilities.service.js';
import { accessWarnings } from '../geography/access-warning.js';
import { accessOn, unreachableError, type AccessOnDate } from '../geography/area-status.service.js';
import { generatorsByIds, sendGenerators, unassignedGenerators, type GeneratorUnit } from '../assets/generators.service.js';
import { usableKw } from '../../engine/fuel/fuel-model.js';
import { needsStillOpen, uncoveredPowerNeeds } from '../needs/needs.power.js';
import { findPlan, insertPlan, listPlans, plansInStatus, updatePlan, type PlanRow } from './energy.repository.js';
import type { PlanCreate } from './energy.schema.js';
import { energyOfMany } from './energy.state.js';
import { buildProblem, objectiveOf, repairForbidden } from './plan-problem.js';
import { checkShares, explainAssignments, type StoredAssignment, type StoredResult } from './plan-result.js';
import { repairShares } from './plan-shares.js';
import { runSolverInWorker } from './solver-pool.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * Solves in progress in this process. The machine has few cores and each solve takes one for up to its
 * time limit: a second request while one runs is refused (409) rather than queued, so the server stays
 * responsive and the planner sees why.
 */
let solving = 0;
const MAX_CONCURRENT_SOLVES = 1;
/** The running solve's latest progress (objective, proven bound, time), for the planner's screen to poll. */
let progress: (SolveProgress & { startedAt: string }) | null = null;

export const currentSolveProgress = (): (SolveProgress & { startedAt: string }) | null => progress;

async function solveOnce(run: () => Promise<AllocationPlan>): Promise<AllocationPlan> {
  if (solving >= MAX_CONCURRENT_SOLVES) throw new AppError('conflict', 'Another allocation plan is being computed; try again when it is done.');
  solving += 1;
  // No bound is proven yet (Infinity, which the progress route shows as null); the empty plan's objective is 0.
  progress = { phase: 'starting', objective: 0, upperBound: Infinity, elapsed: 0, startedAt: nowIso() };
  try {
    return await run();
  } finally {
    solving -= 1;
    progress = null;
  }
}

/** How a job runs a plan: the solve's progress, and the write transaction in its place (the job records its end in it). */
export interface PlanJobHooks {
  readonly onProgress?: (p: SolveProgress) => void;
  readonly inTransaction?: (write: (trx: Kysely<DB>) => Promise<PlanRow>) => Promise<PlanRow>;
}

export const resultOf = (row: PlanRow): StoredResult => JSON.parse(row.result) as StoredResult;

/**
 * Builds the DESIGN §6 problem from the database (units waiting in warehouses, open facilities in the
 * caller's edit scope with a deficit or an approved generator need in kW, their weights), solves it in a
 * worker, and stores a draft plan with the needs it carries and the need each unit serves.
 * Bad pins or forbidden pairs are refused before solving, naming each; nothing is stored then.
 */
export async function createPlan(database: Database, ctx: CallContext, input: PlanCreate, signal?: AbortSignal, hooks: PlanJobHooks = {}): Promise<PlanRow> {
  const db = database.db;
  const facilities = await openFacilityRows(db, editScope(ctx.principal));
  const access = await accessOn(db, nowIso());
  assertPinsReachable(input, facilities, access);
  const states = await energyOfMany(db, facilities);
  const available = await unassignedGenerators(db);
  const needs = await uncoveredPowerNeeds(db, new Set(facilities.map((f) => f.id)));
  const built = buildProblem(input, available, states, new Set(facilities.filter((f) => !access.reachable(f.area_path)).map((f) => f.id)), needs);
  if (built.errors.length > 0) throw invalid(built.errors);
  if (available.length === 0) throw invalid([{ path: '/', message: 'no generator is waiting unassigned in a warehouse: there is nothing to allocate' }]);
  const issues = validateProblem(built.problem);
  if (issues.length > 0) throw invalid(issues.map((i) => ({ path: `/problem/${i.path}`, message: i.message })));
  const { problem } = built;
  const solved: AllocationPlan =
    problem.generators.length === 0 || problem.facilities.length === 0
      ? { assignments: [], objective: 0, upperBound: 0, seconds: 0 }
      : await solveOnce(() => runSolverInWorker(problem, { timeLimitSeconds: input.timeLimitSeconds ?? 10, onProgress: (p) => { progress = progress === null ? null : { ...p, startedAt: progress.startedAt }; hooks.onProgress?.(p); }, ...(signal === undefined ? {} : { signal }) }));
  const forbiddenKeys = new Set((input.forbidden ?? []).map((p) => `${p.generatorId} ${p.facilityId}`));
  const oblastOf = new Map(states.map((s) => [s.facility.id, oblastIsoOfPath(s.facility.area_path)]));
  const unitById = new Map(available.map((g) => [g.id, g]));
  const pinnedKw = new Map<string, number>();
  for (const p of built.pins) {
    const o = oblastOf.get(p.facilityId) ?? '';
    const unit = unitById.get(p.generatorId);
    if (unit !== undefined) pinnedKw.set(o, (pinnedKw.get(o) ?? 0) + usableKw(unit.rating_kw, unit.standby === 1));
  }
  const assignments = repairShares(problem, repairForbidden(problem, solved.assignments, input.forbidden ?? []), oblastOf, pinnedKw, input.minOblastShares ?? [], forbiddenKeys);
  const objective = assignments.length === solved.assignments.length && assignments.every((a, i) => a === solved.assignments[i]) ? solved.objective : objectiveOf(problem, assignments);
  const explained = await flagHostilities(db, explainAssignments(problem, assignments, built.pins, available, states, built.needs), access);
  const result: StoredResult = {
    assignments: explained,
    shareChecks: checkShares(explained, input.minOblastShares),
    problemSize: { generators: problem.generators.length, facilities: problem.facilities.length },
  };
  const at = nowIso();
  const row: PlanRow = {
    id: newId(),
    status: 'draft',
    request: JSON.stringify(input),
    problem: JSON.stringify({ ...problem, needs: built.needs }),
    result: JSON.stringify(result),
    objective,
    upper_bound: Math.max(solved.upperBound, objective),
    seconds: solved.seconds,
    created_by: actorOf(ctx),
    approved_by: null,
    approved_at: null,
    executed_by: null,
    executed_at: null,
    discarded_by: null,
    discarded_at: null,
    discard_reason: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const write = async (trx: Kysely<DB>): Promise<PlanRow> => {
    await insertPlan(trx, row);
    await appendAudit(trx, database.kind, ctx, [
      { action: 'create', entity: 'energy_plan', entityId: row.id, change: { objective, upperBound: row.upper_bound, assignments: explained.length, request: input } },
    ]);
    return row;
  };
  return hooks.inTransaction === undefined ? withTransaction(database, write) : hooks.inTransaction(write);
}

/** A pin to a facility in a temporarily occupied area is refused (409) naming the area: the Ministry cannot deliver there. */
function assertPinsReachable(input: PlanCreate, facilities: readonly FacilityRow[], access: AccessOnDate): void {
  const byId = new Map(facilities.map((f) => [f.id, f]));
  for (const p of input.pins ?? []) {
    const f = byId.get(p.facilityId);
    const status = f === undefined ? null : access.of(f.area_path);
    if (f !== undefined && status !== null && !status.reachable) throw unreachableError(status, f.name_en);
  }
}

/** Units sent to a facility under active hostilities carry a warning for the planner: the code and the area, to be worded by the client. */
async function flagHostilities(db: Kysely<DB>, assignments: StoredAssignment[], access: AccessOnDate): Promise<StoredAssignment[]> {
  const warnings = await accessWarnings(db, assignments.map((a) => access.of(a.facilityAreaPath)));
  return assignments.map((a) => {
    const warning = warnings.get(access.of(a.facilityAreaPath)?.areaKatottg ?? '');
    return warning === undefined ? a : { ...a, warning };
  });
}

export async function getPlan(database: Database, id: string): Promise<PlanRow> {
  const row = await findPlan(database.db, id);
  if (row === undefined) throw notFound('energy plan', id);
  return row;
}

/** Plans newest first, optionally in one status: a page's rows and one more. */
export async function listPlanRows(database: Database, status: string | undefined, page: PageRequest): Promise<PlanRow[]> {
  return listPlans(database.db, { limit: page.limit, ...(status === undefined ? {} : { status }), ...(page.after === undefined ? {} : { beforeId: page.after.id }) });
}

/** A plan moves only when every facility it names is in the caller's edit scope. */
function assertMayDecide(principal: Principal | null, row: PlanRow): void {
  const scope = editScope(principal);
  const outside = resultOf(row).assignments.find((a) => !covers(scope, { id: a.facilityId, area_path: a.facilityAreaPath }));
  if (outside !== undefined) throw new AppError('forbidden', 'This plan sends generators to facilities outside the areas you coordinate.');
}

type Target = 'approved' | 'executed' | 'discarded';
const ACTION: Record<Target, string> = { approved: 'approve', executed: 'execute', discarded: 'discard' };

async function transition(database: Database, ctx: CallContext, id: string, version: number, from: string, to: Target, act: (row: PlanRow, at: string, trx: Kysely<DB>) => Promise<void>, reason: string | null = null): Promise<PlanRow> {
  return withTransaction(database, async (trx) => {
    const row = await findPlan(trx, id);
    if (row === undefined) throw notFound('energy plan', id);
    assertMayDecide(ctx.principal, row);
    if (row.status !== from) throw new AppError('conflict', `The plan is ${row.status}; only a ${from} plan can become ${to}.`);
    if (row.version !== version) throw new AppError('version_conflict', `The plan is at version ${row.version}, not ${version}; reload it.`, { currentVersion: row.version });
    const at = nowIso();
    const who = actorOf(ctx);
    const patch: Partial<PlanRow> =
      to === 'approved' ? { status: to, approved_by: who, approved_at: at } : to === 'executed' ? { status: to, executed_by: who, executed_at: at } : { status: to, discarded_by: who, discarded_at: at, discard_reason: reason };
    if (!(await updatePlan(trx, id, version, { ...patch, updated_at: at, version: version + 1 }))) throw new AppError('version_conflict', 'The plan was changed by someone else; reload it.');
    await act(row, at, trx);
    await appendAudit(trx, database.kind, ctx, [{ action: ACTION[to], entity: 'energy_plan', entityId: id, change: { status: { from, to }, ...(reason === null ? {} : { reason }) } }]);
    return { ...row, ...patch, updated_at: at, version: version + 1 };
  });
}

/**
 * Approving reserves the plan's units. A plan whose units another plan holds (one approved and not yet
 * executed, or one executed since this plan was made) can no longer be approved: 409 naming the units and
 * that plan, so the planner runs a new plan or discards this one.
 */
export async function approvePlan(database: Database, ctx: CallContext, id: string, version: number): Promise<PlanRow> {
  return transition(database, ctx, id, version, 'draft', 'approved', async (row, _at, trx) => {
    await raiseNotification(trx, ctx, { kind: 'plan_approved', planId: row.id });
    const mine = new Map(resultOf(row).assignments.map((a) => [a.generatorId, a.serial]));
    for (const other of await plansInStatus(trx, ['approved', 'executed'])) {
      if (other.id === row.id || (other.status === 'executed' && (other.executed_at ?? '') < row.created_at)) continue;
      const taken = resultOf(other).assignments.filter((a) => mine.has(a.generatorId)).map((a) => a.serial);
      if (taken.length > 0) {
        const when = other.status === 'executed' ? `executed on ${(other.executed_at ?? '').slice(0, 10)}` : `approved on ${(other.approved_at ?? '').slice(0, 10)}`;
        throw new AppError('conflict', `Units ${taken.join(', ')} were taken by plan ${other.id} (${when}); run a new plan or discard this one.`);
      }
    }
  });
}

/** A draft the planner will not use is set aside with a reason; it keeps its record (status discarded) and its units stay free. */
export async function discardPlan(database: Database, ctx: CallContext, id: string, version: number, reason: string): Promise<PlanRow> {
  return transition(database, ctx, id, version, 'draft', 'discarded', async () => undefined, reason.trim());
}

/**
 * Executing dispatches the units: each goes from its warehouse to `in_transit` with the facility as its
 * destination (installation is recorded when it arrives; only installed units count as backup). A unit
 * that left its warehouse since planning makes the whole execution fail, naming it.
 */
export async function executePlan(database: Database, ctx: CallContext, id: string, version: number): Promise<PlanRow> {
  return transition(database, ctx, id, version, 'approved', 'executed', async (row, at, outer) => {
    const assignments = resultOf(row).assignments;
    // An area may have been occupied since the plan was made: nothing is sent there.
    const access = await accessOn(outer, at);
    for (const a of assignments) {
      const status = access.of(a.facilityAreaPath);
      if (status !== null && !status.reachable) throw unreachableError(status, a.facilityName);
    }
    const units = new Map((await generatorsByIds(outer, assignments.map((a) => a.generatorId))).map((g) => [g.id, g]));
    const gone = assignments.filter((a) => { const g = units.get(a.generatorId); return g === undefined || g.status !== 'in_warehouse' || g.facility_id !== null; });
    if (gone.length > 0) throw new AppError('conflict', `These units are no longer waiting in a warehouse: ${gone.map((a) => a.serial).join(', ')}. Run a new plan.`);
    // A unit is sent by its donor, or else by the organisation of whoever executes the plan.
    const sender = ctx.principal?.memberships.find((m) => m.organizationId !== null)?.organizationId ?? null;
    const orphans = assignments.filter((a) => (units.get(a.generatorId)?.donor_org_id ?? sender) === null);
    if (orphans.length > 0) throw new AppError('conflict', `These units have no donor on record and you act for no organisation, so no shipment can say who sends them: ${orphans.map((a) => a.serial).join(', ')}.`);
    // Each line goes to the need its units serve, if that need still takes deliveries (it may have been met or cancelled since).
    const open = await needsStillOpen(outer, assignments.flatMap((a) => (a.needId === undefined || a.needId === null ? [] : [a.needId])));
    const moves = assignments.map((a) => {
      const unit = units.get(a.generatorId) as GeneratorUnit;
      return { unit, facility: { id: a.facilityId, area_path: a.facilityAreaPath }, senderOrgId: (unit.donor_org_id ?? sender) as string, needId: a.needId !== undefined && a.needId !== null && open.has(a.needId) ? a.needId : null };
    });
    await sendGenerators(outer, database, ctx, id, at, moves);
  });
}
