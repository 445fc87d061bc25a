import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, rolesOnly, scopedTo, SIGNED_IN } from '../../http/access-rule.js';
import { IdParams, problems } from '../../http/common.schema.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import type { AssetStatus } from '../assets/assets.schema.js';
import { changeGeneratorStatus } from '../assets/generators.service.js';
import { listOutages, registerGenerators, setOutage } from './energy.fleet.js';
import { approvePlan, createPlan, currentSolveProgress, discardPlan, executePlan, getPlan, listPlanRows } from './energy.plans.js';
import { acceptedJob, prefersAsync } from '../jobs/jobs.http.js';
import { jsonResult, startJob } from '../jobs/jobs.runner.js';
import { Job } from '../jobs/jobs.schema.js';
import { presentCoverage, presentGenerator, presentPlan, presentProfile } from './energy.presenter.js';
import { Coverage, CoverageQuery, FleetArrival, FleetArrivalResult, FleetFilters, FleetTotals, Outage, OutageList, OutageParams, OutageUpdate, GeneratorAsset, GeneratorStatusChange, NeedFilters, Plan, PlanCreate, PlanDiscard, PlanListFilters, PlanSummary, PlanTransition, PowerProfile, ProfileUpdate, SolveProgressView } from './energy.schema.js';
import { coverageInputs, facilitiesInNeed, facilityEnergy, fleetRows, fleetTotals, NEED_ORDER, PLAN_READERS, setProfile } from './energy.service.js';

// Planners are admins and coordinators (a coordinator plans for, approves and executes within their areas,
// checked by the service). Every signed-in role reads the fleet, profiles and coverage, with named facilities'
// power and fuel status cut by the presenter (DESIGN §5); facility reporters read no plans.
const PLANNERS = rolesOnly('admin', 'coordinator');
const PLAN_READ = rolesOnly(...PLAN_READERS);
const PROFILE_EDITORS = scopedTo(rolesOnly('admin', 'coordinator'), 'facility');
const PROFILE_READERS = scopedTo(SIGNED_IN, 'facility');
const tags = ['energy'];
const errors = problems(404, 409);
/** Before the solver has a plan or a bound it reports ±Infinity or NaN, which JSON cannot carry: "not yet" is null. */
const finiteOrNull = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

export function energyRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/energy/fleet',
      access: SIGNED_IN,
      tags,
      filters: FleetFilters,
      item: GeneratorAsset,
      // The route has always declared the module's whole error map; kept so its responses stay as documented.
      problems: [404, 409],
      keyset: 'id',
      load: ({ filters }, page) => fleetRows(database, filters, page),
      present: (rows, { principal }) => rows.map((r) => presentGenerator(r, principal)),
      // The totals count the whole fleet, whatever the page or filter, so the overview needs no second call.
      besides: {
        fields: FleetTotals,
        // Grouped from stored statuses, which only ever hold an asset status; the cast names that.
        load: async () => ({ totals: (await fleetTotals(database)).map((t) => ({ ...t, status: t.status as AssetStatus })) }),
      },
    });

    // Units arriving in a warehouse are registered by planners and warehouse officers.
    app.post('/api/v1/energy/fleet', { config: { access: rolesOnly('admin', 'coordinator', 'warehouse_officer') }, schema: { tags, body: FleetArrival, response: { 201: FleetArrivalResult, ...errors } } }, async (req, reply) => {
      const rows = await registerGenerators(database, contextOf(req), req.body);
      return reply.code(201).send({ items: rows.map((r) => presentGenerator(r, req.principal)) });
    });

    // Outage hours per oblast are area-level figures (not about a named facility): every signed-in role reads them.
    app.get('/api/v1/energy/outages', { config: { access: SIGNED_IN }, schema: { tags, response: { 200: OutageList, ...errors } } }, async () => ({ items: await listOutages(database) }));

    app.put('/api/v1/energy/outages/:oblastIso', { config: { access: PLANNERS }, schema: { tags, params: OutageParams, body: OutageUpdate, response: { 200: Outage, ...errors } } }, async (req) =>
      setOutage(database, contextOf(req), req.params.oblastIso, req.body),
    );

    app.post('/api/v1/energy/fleet/:id/status', { config: { access: PLANNERS }, schema: { tags, params: IdParams, body: GeneratorStatusChange, response: { 200: GeneratorAsset, ...errors } } }, async (req) =>
      presentGenerator(await changeGeneratorStatus(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    // Named facilities with their power status: only planners, and only within their edit scope (in the query).
    listRoute(app, {
      url: '/api/v1/energy/facilities',
      access: PLANNERS,
      tags,
      filters: NeedFilters,
      item: PowerProfile,
      // The route has always declared the module's whole error map; kept so its responses stay as documented.
      problems: [404, 409],
      keyset: NEED_ORDER,
      load: ({ filters, principal }, page) => facilitiesInNeed(database, principal, filters, page),
      present: (states, { principal }) => states.map((s) => presentProfile(s, principal)),
    });

    app.get('/api/v1/energy/facilities/:id/profile', { config: { access: PROFILE_READERS }, schema: { tags, params: IdParams, response: { 200: PowerProfile, ...errors } } }, async (req) =>
      presentProfile(await facilityEnergy(database, req.principal, req.params.id), req.principal),
    );

    app.put('/api/v1/energy/facilities/:id/profile', { config: { access: PROFILE_EDITORS }, schema: { tags, params: IdParams, body: ProfileUpdate, response: { 200: PowerProfile, ...errors } } }, async (req) =>
      presentProfile(await setProfile(database, contextOf(req), req.params.id, req.body), req.principal),
    );

    app.get('/api/v1/energy/coverage', { config: { access: SIGNED_IN }, schema: { tags, querystring: CoverageQuery, response: { 200: Coverage, ...errors } } }, async (req) => {
      const { states, added } = await coverageInputs(database, req.principal, req.query.plan);
      return { planId: req.query.plan ?? null, ...presentCoverage(states, added) };
    });

    app.post('/api/v1/energy/plans', { config: { access: PLANNERS }, schema: { tags, body: PlanCreate, response: { 201: Plan, 202: Job, ...errors } } }, async (req, reply) => {
      // Prefer: respond-async: a job at once (202 + Location); its progress is the solve's seconds of its time limit.
      if (prefersAsync(req)) {
        const ctx = contextOf(req);
        const { principal, body } = req;
        const limit = body.timeLimitSeconds ?? 10;
        const job = await startJob(database, ctx, 'energy_plan', async (job) => {
          job.progress(0, limit, 'preparing');
          await createPlan(database, ctx, body, job.signal, {
            onProgress: (p) => job.progress(Math.min(limit, Math.floor(p.elapsed)), limit, p.phase),
            inTransaction: (write) => job.commit(write, (row) => jsonResult(presentPlan(row, principal))),
          });
          return undefined;
        });
        return acceptedJob(reply, job);
      }
      // A caller who goes away cancels the solve rather than leaving a worker busy.
      const controller = new AbortController();
      reply.raw.once('close', () => { if (!reply.raw.writableFinished) controller.abort(); });
      const row = await createPlan(database, contextOf(req), req.body, controller.signal);
      return reply.code(201).header('location', `/api/v1/energy/plans/${row.id}`).send(presentPlan(row, req.principal));
    });

    app.get('/api/v1/energy/plans/progress', { config: { access: PLANNERS }, schema: { tags, response: { 200: SolveProgressView, ...errors } } }, async () => {
      const p = currentSolveProgress();
      return p === null
        ? { running: false, phase: null, objective: null, upperBound: null, elapsedSeconds: null, startedAt: null }
        : { running: true, phase: p.phase, objective: finiteOrNull(p.objective), upperBound: finiteOrNull(p.upperBound), elapsedSeconds: finiteOrNull(p.elapsed), startedAt: p.startedAt };
    });

    listRoute(app, {
      url: '/api/v1/energy/plans',
      access: PLAN_READ,
      tags,
      filters: PlanListFilters,
      item: PlanSummary,
      // The module's whole error map, as the route has always declared it.
      problems: [404, 409],
      keyset: '-id',
      load: ({ filters }, page) => listPlanRows(database, filters.status, page),
      present: (rows, { principal }) => rows.map((r) => presentPlan(r, principal)),
    });

    app.get('/api/v1/energy/plans/:id', { config: { access: PLAN_READ }, schema: { tags, params: IdParams, response: { 200: Plan, ...errors } } }, async (req) =>
      presentPlan(await getPlan(database, req.params.id), req.principal),
    );

    app.post('/api/v1/energy/plans/:id/approve', { config: { access: PLANNERS }, schema: { tags, params: IdParams, body: PlanTransition, response: { 200: Plan, ...errors } } }, async (req) =>
      presentPlan(await approvePlan(database, contextOf(req), req.params.id, req.body.version), req.principal),
    );

    app.post('/api/v1/energy/plans/:id/discard', { config: { access: PLANNERS }, schema: { tags, params: IdParams, body: PlanDiscard, response: { 200: Plan, ...errors } } }, async (req) =>
      presentPlan(await discardPlan(database, contextOf(req), req.params.id, req.body.version, req.body.reason), req.principal),
    );

    app.post('/api/v1/energy/plans/:id/execute', { config: { access: PLANNERS }, schema: { tags, params: IdParams, body: PlanTransition, response: { 200: Plan, ...errors } } }, async (req) =>
      presentPlan(await executePlan(database, contextOf(req), req.params.id, req.body.version), req.principal),
    );
  };
}
