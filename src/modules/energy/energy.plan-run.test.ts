import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import type { TestDatabase } from '../../../test/support/databases.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { userWithToken } from '../../../test/support/factories.js';
import { acceptedJobOf, ASYNC, jobEnded } from '../../../test/support/jobs.js';
import type { Job } from '../jobs/jobs.schema.js';
import type { SolveProgressView } from './energy.schema.js';
import { checkAllocationPlan } from '../../../test/support/check-allocation-plan.js';

describe('running a plan: progress, and a minimum share per oblast', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let headers: { authorization: string };
  beforeAll(async () => {
    testDb = await createDemoDatabase('sqlite', 5);
    app = await appFor(testDb);
    headers = (await userWithToken(testDb.database, 'coordinator')).headers;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });

  it('is reported while the solver runs in its worker, and cleared when the plan is stored', async () => {
    const idle = (await app.inject({ url: '/api/v1/energy/plans/progress', headers })).json<SolveProgressView>();
    expect(idle.running).toBe(false);
    let finished = false;
    const solving = app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers, payload: { timeLimitSeconds: 3 } }).finally(() => { finished = true; });
    const seen: SolveProgressView[] = [];
    while (!finished) {
      const res = await app.inject({ url: '/api/v1/energy/plans/progress', headers });
      expect(res.statusCode, res.body).toBe(200);
      seen.push(res.json<SolveProgressView>());
      await new Promise((r) => setTimeout(r, 50));
    }
    const plan = await solving;
    expect(plan.statusCode, plan.body).toBe(201);
    const running = seen.filter((p) => p.running);
    expect(running.length).toBeGreaterThan(0);
    // The server stayed responsive while solving, and what it reported is a real bound on a real plan.
    // A bound not yet proven is null ("not yet"), never a number below the plan's objective.
    for (const p of running) if (p.upperBound !== null && p.objective !== null) expect(p.upperBound).toBeGreaterThanOrEqual(p.objective * (1 - 1e-9));
    expect(running.some((p) => p.objective !== null)).toBe(true);
    // Progress moves during the solve: the time advances, the plan never gets worse, the bound never looser. (The demo
    // solve takes about a second, too short to count reports between phase changes reliably: the solver's tests do.)
    const solved = running.filter((p) => p.phase !== 'starting');
    expect(new Set(solved.map((p) => p.elapsedSeconds)).size, JSON.stringify(solved)).toBeGreaterThanOrEqual(3);
    solved.forEach((p, i) => {
      const prev = solved[i - 1];
      if (prev === undefined) return;
      expect(p.elapsedSeconds!).toBeGreaterThanOrEqual(prev.elapsedSeconds!);
      expect(p.objective!).toBeGreaterThanOrEqual(prev.objective! * (1 - 1e-9));
      if (p.upperBound !== null && prev.upperBound !== null) expect(p.upperBound).toBeLessThanOrEqual(prev.upperBound * (1 + 1e-9));
    });
    expect((await app.inject({ url: '/api/v1/energy/plans/progress', headers })).json<SolveProgressView>().running).toBe(false);
    const analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    expect((await app.inject({ url: '/api/v1/energy/plans/progress', headers: analyst })).statusCode).toBe(403);
  }, 60_000);

  it('as a job, shows the phases of the solver and whole seconds of the time limit, never going back', async () => {
    const job = acceptedJobOf(await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: { ...headers, ...ASYNC }, payload: { timeLimitSeconds: 4 } }));
    const seen: Job[] = [];
    expect((await jobEnded(app, job.id, headers, seen)).status).toBe('succeeded');
    // The demo solve converges in about a second, so whole seconds barely move here; the reports between
    // phase changes are checked above (the progress route gets the same reports) and in the solver's tests.
    const solving = seen.filter((j) => j.status === 'running' && j.progress.phase !== 'preparing').map((j) => j.progress);
    expect(solving.length).toBeGreaterThan(0);
    for (const p of solving) {
      expect(p.total).toBe(4);
      expect(['starting', 'greedy', 'local search', 'bound', 'guided plan', 'exact']).toContain(p.phase);
    }
    solving.forEach((p, i) => { if (i > 0) expect(p.done).toBeGreaterThanOrEqual(solving[i - 1]!.done); });
  }, 60_000);

  it('meets a minimum share per oblast in the stored plan, which stays feasible', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers, payload: { timeLimitSeconds: 2, minOblastShares: [{ oblastIso: 'UA-46', share: 0.25 }] } });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json<{ id: string; shareChecks: { oblastIso: string; share: number; met: boolean }[]; objective: number; upperBound: number }>();
    expect(plan.shareChecks).toEqual([expect.objectContaining({ oblastIso: 'UA-46', met: true })]);
    expect(plan.shareChecks[0]?.share).toBeGreaterThanOrEqual(0.25);
    const row = await testDb.database.db.selectFrom('energy_plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.problem) as Parameters<typeof checkAllocationPlan>[0];
    const assignments = (JSON.parse(row.result) as { assignments: { generatorId: string; facilityId: string; pinned: boolean }[] }).assignments.filter((a) => !a.pinned);
    checkAllocationPlan(stored, { assignments, objective: plan.objective, upperBound: plan.upperBound }, 1e-6);
  }, 60_000);
});
