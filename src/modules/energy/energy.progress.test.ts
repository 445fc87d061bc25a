import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { loadDemo } from '../../demo/demo.js';
import type { SolveProgressView } from './energy.schema.js';

describe('progress of a plan being solved', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let headers: { authorization: string };
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    await loadDemo(testDb.database, { scale: 'small', seed: 5 });
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
    const solving = app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers, payload: { timeLimitSeconds: 3 } });
    const seen: SolveProgressView[] = [];
    for (let i = 0; i < 100 && !seen.some((p) => p.running && p.phase !== 'starting'); i++) {
      seen.push((await app.inject({ url: '/api/v1/energy/plans/progress', headers })).json<SolveProgressView>());
      await new Promise((r) => setTimeout(r, 50));
    }
    const plan = await solving;
    expect(plan.statusCode, plan.body).toBe(201);
    const running = seen.filter((p) => p.running);
    expect(running.length).toBeGreaterThan(0);
    // The server stayed responsive while solving, and what it reported is a real bound on a real plan.
    const last = running.at(-1);
    if (last?.phase !== 'starting') expect(last?.upperBound ?? 0).toBeGreaterThanOrEqual(last?.objective ?? 0);
    expect((await app.inject({ url: '/api/v1/energy/plans/progress', headers })).json<SolveProgressView>().running).toBe(false);
    const analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    expect((await app.inject({ url: '/api/v1/energy/plans/progress', headers: analyst })).statusCode).toBe(403);
  }, 60_000);
});
