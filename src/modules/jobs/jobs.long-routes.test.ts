import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { acceptedJobOf, ASYNC, jobEnded } from '../../../test/support/jobs.js';
import { systemContext } from '../../context.js';
import { storeTestGenerators } from '../assets/generators.testkit.js';
import type { Plan } from '../energy/energy.schema.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { configureJobs } from './jobs.runner.js';
import type { Job } from './jobs.schema.js';

type Headers = { authorization: string };
const LVIV = 'UA46000000000026241';

/** The existing long routes with `Prefer: respond-async`: a job; without it, the answer they always gave. */
for (const dialect of DIALECTS) {
  describe(`long routes as jobs on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let planner: Headers;
    let other: Headers;

    const count = async (table: 'energy_plans' | 'projects') => Number((await testDb.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const accepted = acceptedJobOf;
    const ended = (id: string, headers: Headers): Promise<Job> => jobEnded(app, id, headers);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      configureJobs(testDb.database, { progressEveryMs: 25 });
      await app.ready();
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      planner = (await userWithToken(testDb.database, 'coordinator')).headers;
      other = (await userWithToken(testDb.database, 'coordinator')).headers;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('POST /energy/plans with Prefer: respond-async runs the optimiser as a job: a refusal is its sentence, a plan its result', async () => {
      const plansBefore = await count('energy_plans');
      const refused = accepted(await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: { ...planner, ...ASYNC }, payload: { timeLimitSeconds: 1 } }));
      expect(refused).toMatchObject({ kind: 'energy_plan', status: 'queued' });
      const failed = await ended(refused.id, planner);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/no generator is waiting unassigned in a warehouse/);
      expect(await count('energy_plans')).toBe(plansBefore);

      for (let i = 0; i < 2; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ lat: 49.8 + i * 0.05, lon: 24 + i * 0.05 }) });
        expect(res.statusCode, res.body).toBe(201);
      }
      await storeTestGenerators(testDb.database, [{ ratingKva: 250 }, { ratingKva: 125 }]);
      const job = accepted(await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: { ...planner, ...ASYNC }, payload: { timeLimitSeconds: 2 } }));
      const done = await ended(job.id, planner);
      expect(done, JSON.stringify(done)).toMatchObject({ status: 'succeeded', progress: { total: 2 }, resultUrl: `/api/v1/jobs/${job.id}/result` });
      expect(await count('energy_plans')).toBe(plansBefore + 1);
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: other })).statusCode).toBe(404);
      const result = await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: planner });
      expect(result.statusCode, result.body).toBe(200);
      const plan = result.json<Plan>();
      expect(plan.status).toBe('draft');
      expect(plan.assignments.length).toBeGreaterThan(0);
      const stored = await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: planner });
      expect(stored.json<Plan>()).toMatchObject({ id: plan.id, objective: plan.objective });
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: planner })).statusCode).toBe(410);

      // Cancelled while it runs (the solver's worker takes a moment to start): no plan, no audit event, the solver freed.
      const eventsBefore = Number((await testDb.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'energy_plan').executeTakeFirstOrThrow()).n);
      const cancelled = accepted(await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: { ...planner, ...ASYNC }, payload: { timeLimitSeconds: 5 } }));
      for (let i = 0; i < 200 && (await app.inject({ url: `/api/v1/jobs/${cancelled.id}`, headers: planner })).json<Job>().status === 'queued'; i++) await sleep(5);
      const cancel = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${cancelled.id}`, headers: planner });
      expect(cancel.statusCode, cancel.body).toBe(200);
      let solving = true;
      for (let i = 0; i < 300 && solving; i++) {
        await sleep(20);
        solving = (await app.inject({ url: '/api/v1/energy/plans/progress', headers: planner })).json<{ running: boolean }>().running;
      }
      expect(solving).toBe(false);
      expect(await ended(cancelled.id, planner)).toMatchObject({ status: 'cancelled' });
      expect(await count('energy_plans')).toBe(plansBefore + 1);
      const eventsAfter = Number((await testDb.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'energy_plan').executeTakeFirstOrThrow()).n);
      expect(eventsAfter).toBe(eventsBefore);

      // Without the header the route answers as before: the plan itself, 201.
      const direct = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: planner, payload: { timeLimitSeconds: 1 } });
      expect(direct.statusCode, direct.body).toBe(201);
      expect(direct.headers.location).toBe(`/api/v1/energy/plans/${direct.json<Plan>().id}`);
    }, 90_000);

    it('GET /projects/export/iati with Prefer: respond-async makes the file a job result for a signed-in caller; anonymous callers get the file', async () => {
      const ctx = systemContext('test');
      const jica = (await createOrganization(testDb.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8' })).id;
      const project = await app.inject({
        method: 'POST', url: '/api/v1/projects', headers: admin,
        payload: {
          reportingOrgId: jica, localId: 'JOB-1', title: { en: 'Generators for Lviv' }, description: { en: 'Generators for hospitals in Lviv oblast' }, status: '2', startDate: '2024-05-01', humanitarian: true,
          participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }], locations: { areas: [LVIV], facilities: [] }, budgets: [],
        },
      });
      expect(project.statusCode, project.body).toBe(201);

      const anonymous = await app.inject({ url: '/api/v1/projects/export/iati', headers: ASYNC });
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.headers['content-type']).toMatch(/^application\/xml/);
      const direct = await app.inject({ url: '/api/v1/projects/export/iati', headers: planner });
      expect(direct.statusCode).toBe(200);

      const job = accepted(await app.inject({ url: '/api/v1/projects/export/iati', headers: { ...planner, ...ASYNC } }));
      expect(job.kind).toBe('iati_export');
      const done = await ended(job.id, planner);
      expect(done).toMatchObject({ status: 'succeeded', progress: { done: 1, phase: 'exporting' } });
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: other })).statusCode).toBe(404);
      const file = await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: planner });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toMatch(/^application\/xml/);
      expect(file.body).toContain('<iati-identifier>XM-DAC-701-8-JOB-1</iati-identifier>');
      // The same document as the direct download, but for the time it was generated.
      const undated = (xml: string) => xml.replace(/generated-datetime="[^"]*"/g, '');
      expect(undated(file.body)).toBe(undated(direct.body));
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: planner })).statusCode).toBe(410);
    }, 90_000);
  });
}
