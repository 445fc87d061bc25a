import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, TEST_PASSWORD, userWithToken } from '../../../test/support/factories.js';

const cookieOf = (res: LightMyRequestResponse): string => `cb_session=${res.cookies.find((c) => c.name === 'cb_session')?.value ?? ''}`;

for (const dialect of DIALECTS) {
  describe(`sessions, tokens and users on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Awaited<ReturnType<typeof userWithToken>>;
    const signIn = (email: string, password: string, ip = '127.0.0.1') => app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password }, remoteAddress: ip });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('signs in with an httpOnly SameSite=Lax cookie, and unsafe requests need the CSRF token', async () => {
      const coord = await userWithToken(testDb.database, 'coordinator');
      const res = await signIn(coord.email, TEST_PASSWORD);
      expect(res.statusCode, res.body).toBe(201);
      const cookie = res.cookies.find((c) => c.name === 'cb_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const csrf = res.json<{ csrfToken: string }>().csrfToken;
      expect(res.json()).toMatchObject({ user: { email: coord.email }, roles: ['coordinator'] });

      const me = await app.inject({ url: '/api/v1/sessions/current', headers: { cookie: cookieOf(res) } });
      expect(me.statusCode).toBe(200);
      const without = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { cookie: cookieOf(res) }, payload: buildFacility() });
      expect(without.statusCode).toBe(403);
      expect(without.json<{ detail: string }>().detail).toContain('x-csrf-token');
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { cookie: cookieOf(res), 'x-csrf-token': 'guess' }, payload: buildFacility() });
      expect(wrong.statusCode).toBe(403);
      const withToken = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { cookie: cookieOf(res), 'x-csrf-token': csrf }, payload: buildFacility() });
      expect(withToken.statusCode, withToken.body).toBe(201);

      const out = await app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: { cookie: cookieOf(res), 'x-csrf-token': csrf } });
      expect(out.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: { cookie: cookieOf(res) } })).statusCode).toBe(401);
    });

    it('answers a wrong email and a wrong password alike', async () => {
      const user = await userWithToken(testDb.database, 'analyst');
      const unknown = await signIn('nobody@test.example', 'whatever-password', '10.0.0.1');
      const wrong = await signIn(user.email, 'not-the-password', '10.0.0.2');
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json<{ detail: string }>().detail).toBe(wrong.json<{ detail: string }>().detail);
      // Throttling (access.throttle.test.ts) cannot tell them apart either.
      for (let i = 0; i < 3; i++) {
        await signIn('nobody@test.example', 'whatever-password', '10.0.0.1');
        await signIn(user.email, 'not-the-password', '10.0.0.2');
      }
      const [a, b] = [await signIn('nobody@test.example', 'whatever-password', '10.0.0.1'), await signIn(user.email, 'not-the-password', '10.0.0.2')];
      expect([a.statusCode, b.statusCode]).toEqual([429, 429]);
      const detail = (r: LightMyRequestResponse) => r.json<{ detail: string }>().detail.replace(/\d+/g, 'N');
      expect(detail(a)).toBe(detail(b));
    });

    it('ends other sessions and every API token when the password changes, and keeps the current session', async () => {
      const user = await userWithToken(testDb.database, 'donor_officer');
      const a = await signIn(user.email, TEST_PASSWORD, '10.1.0.1');
      const b = await signIn(user.email, TEST_PASSWORD, '10.1.0.2');
      const csrf = a.json<{ csrfToken: string }>().csrfToken;
      const short = await app.inject({ method: 'POST', url: '/api/v1/users/me/password', headers: { cookie: cookieOf(a), 'x-csrf-token': csrf }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
      expect(short.statusCode).toBe(400);
      const badCurrent = await app.inject({ method: 'POST', url: '/api/v1/users/me/password', headers: { cookie: cookieOf(a), 'x-csrf-token': csrf }, payload: { currentPassword: 'wrong-password', newPassword: 'a much better passphrase' } });
      expect(badCurrent.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/currentPassword');
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: user.headers })).statusCode).toBe(200);
      const changed = await app.inject({ method: 'POST', url: '/api/v1/users/me/password', headers: { cookie: cookieOf(a), 'x-csrf-token': csrf }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' } });
      expect(changed.json()).toEqual({ endedSessions: 1, endedTokens: 1 });
      // The token the user had (perhaps in a script that leaked along with the password) stops working.
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: user.headers })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: { cookie: cookieOf(b) } })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/sessions/current', headers: { cookie: cookieOf(a) } })).statusCode).toBe(200);
      expect((await signIn(user.email, 'a much better passphrase', '10.1.0.3')).statusCode).toBe(201);
    });

    it('refuses expired and revoked tokens with 401, and shows a token secret only once', async () => {
      const user = await userWithToken(testDb.database, 'warehouse_officer');
      const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: user.headers, payload: { name: 'scanner', expiresDays: 1 } });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json<{ id: string; token: string }>();
      const listed = await app.inject({ url: '/api/v1/tokens', headers: user.headers });
      expect(listed.body).not.toContain(token);
      expect(listed.body).not.toContain('hash');
      const bearer = { authorization: `Bearer ${token}` };
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: bearer })).statusCode).toBe(200);
      await testDb.database.db.updateTable('api_tokens').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: bearer })).statusCode).toBe(401);

      const second = (await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: user.headers, payload: { name: 'second' } })).json<{ id: string; token: string }>();
      const other = await userWithToken(testDb.database, 'analyst');
      // Someone else's token is not found, not forbidden: its existence is not theirs to learn.
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${second.id}`, headers: other.headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${second.id}`, headers: user.headers })).statusCode).toBe(204);
      expect((await app.inject({ url: '/api/v1/facilities?limit=1', headers: { authorization: `Bearer ${second.token}` } })).statusCode).toBe(401);
    });

    it('lets admins create users with scoped memberships, refusing bad ones field by field, and disable them', async () => {
      const count = async () => Number((await testDb.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const bad = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'x@test.example', name: 'X', memberships: [{ role: 'emperor' }, { role: 'coordinator', scopeAreas: ['UA99000000000000000'] }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/memberships/0/role');
      const badArea = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'y@test.example', name: 'Y', memberships: [{ role: 'coordinator', scopeAreas: ['UA99000000000000000'] }] } });
      expect(badArea.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/memberships/0/scopeAreas/0');
      expect(await count()).toBe(before);

      const made = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'Lviv.Coord@Test.Example', name: 'Львів', password: 'a long enough password', memberships: [{ role: 'coordinator', scopeAreas: ['UA46000000000026241'] }] } });
      expect(made.statusCode, made.body).toBe(201);
      const user = made.json<{ id: string; email: string; version: number; memberships: { scopeAreas: string[] }[] }>();
      expect(user.email).toBe('lviv.coord@test.example');
      expect(user.memberships[0]?.scopeAreas).toEqual(['UA46000000000026241']);
      const disabled = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.headers, payload: { version: user.version, disabled: true } });
      expect(disabled.json()).toMatchObject({ disabled: true });
      expect((await signIn('lviv.coord@test.example', 'a long enough password', '10.3.0.1')).statusCode).toBe(401);
      const audit = await app.inject({ url: `/api/v1/audit?entity=user&entityId=${user.id}`, headers: admin.headers });
      expect(audit.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual(['update', 'create']);
    });
  });
}
