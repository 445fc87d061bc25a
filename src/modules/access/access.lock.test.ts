import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { TEST_PASSWORD, userWithToken } from '../../../test/support/factories.js';

for (const dialect of DIALECTS) {
  describe(`locking a user on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Awaited<ReturnType<typeof userWithToken>>;
    const signIn = (email: string) => app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password: TEST_PASSWORD }, remoteAddress: '198.51.100.1' });
    const post = (url: string, headers: Record<string, string>) => app.inject({ method: 'POST', url, headers });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('ends every session and token of the user in one audited action and keeps them out until unlocked', async () => {
      const user = await userWithToken(testDb.database, 'coordinator');
      const session = await signIn(user.email);
      expect(session.statusCode).toBe(201);
      const cookie = { cookie: `cb_session=${session.cookies.find((c) => c.name === 'cb_session')?.value ?? ''}` };
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: cookie })).statusCode).toBe(200);

      const locked = await post(`/api/v1/users/${user.id}/lock`, admin.headers);
      expect(locked.statusCode, locked.body).toBe(200);
      expect(locked.json()).toMatchObject({ user: { id: user.id, disabled: true }, endedSessions: 1, endedTokens: 1 });
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: cookie })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: user.headers })).statusCode).toBe(401);
      expect((await signIn(user.email)).statusCode).toBe(401);
      const audit = await app.inject({ url: `/api/v1/audit?entity=user&entityId=${user.id}`, headers: admin.headers });
      expect(audit.json<{ items: { action: string; change: unknown }[] }>().items[0]).toMatchObject({ action: 'lock', change: { endedSessions: 1, endedTokens: 1 } });

      const unlocked = await post(`/api/v1/users/${user.id}/unlock`, admin.headers);
      expect(unlocked.json()).toMatchObject({ id: user.id, disabled: false });
      expect((await signIn(user.email)).statusCode).toBe(201);
      // What the lock ended stays ended: a leaked token does not come back with the account.
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: user.headers })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: cookie })).statusCode).toBe(401);
    });

    it('is for admins only, not for oneself, and names an unknown user', async () => {
      const coordinator = await userWithToken(testDb.database, 'coordinator');
      const target = await userWithToken(testDb.database, 'analyst');
      for (const action of ['lock', 'unlock']) expect((await post(`/api/v1/users/${target.id}/${action}`, coordinator.headers)).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: target.headers })).statusCode).toBe(200);
      const self = await post(`/api/v1/users/${admin.id}/lock`, admin.headers);
      expect(self.statusCode).toBe(409);
      expect(self.json<{ detail: string }>().detail).toContain('your own account');
      const missing = await post('/api/v1/users/01900000-0000-7000-8000-000000000000/lock', admin.headers);
      expect(missing.statusCode).toBe(404);
    });
  });
}
