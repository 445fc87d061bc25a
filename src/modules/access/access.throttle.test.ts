import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { TEST_PASSWORD, userWithToken } from '../../../test/support/factories.js';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/app.js';
import { SignInThrottle } from './access.throttle.js';

interface Attempt {
  ip: string;
  device?: string | undefined;
  forwardedFor?: string;
  forwardedProto?: string;
}

const retryAfter = (res: LightMyRequestResponse): number => Number(res.headers['retry-after']);
const deviceOf = (res: LightMyRequestResponse): string => res.cookies.find((c) => c.name === 'cb_device')?.value ?? '';

for (const dialect of DIALECTS) {
  describe(`sign-in throttling on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let proxied: FastifyInstance;
    // The throttles' clock: the tests wait as long as the server says, without sleeping.
    let now = Date.parse('2026-03-01T08:00:00Z');
    const clock = () => now;
    const wait = (seconds: number) => {
      now += seconds * 1000;
    };

    const attempt = (on: FastifyInstance, email: string, password: string, a: Attempt) =>
      on.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { email, password },
        remoteAddress: a.ip,
        headers: {
          ...(a.device === undefined ? {} : { cookie: `cb_device=${a.device}` }),
          ...(a.forwardedFor === undefined ? {} : { 'x-forwarded-for': a.forwardedFor }),
          ...(a.forwardedProto === undefined ? {} : { 'x-forwarded-proto': a.forwardedProto }),
        },
      });
    const signIn = (email: string, password: string, a: Attempt) => attempt(app, email, password, a);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      const base = { DATABASE_URL: testDb.url, CAREBRIDGE_WEB_DIR: '/nonexistent' };
      app = await buildApp({ config: loadConfig(base), database: testDb.database, logger: false, signInThrottle: new SignInThrottle({ clock }) });
      proxied = await buildApp({ config: loadConfig({ ...base, CAREBRIDGE_TRUST_PROXY: '10.0.0.1' }), database: testDb.database, logger: false, signInThrottle: new SignInThrottle({ clock }) });
    });
    afterAll(async () => {
      await app.close();
      await proxied.close();
      await testDb.drop();
    });

    it('50 failures from other addresses do not stop the owner signing in from an address or a device that signed in before', async () => {
      const owner = await userWithToken(testDb.database, 'analyst');
      const home = await signIn(owner.email, TEST_PASSWORD, { ip: '198.51.100.10' });
      expect(home.statusCode, home.body).toBe(201);
      const device = deviceOf(home);
      expect(home.cookies.find((c) => c.name === 'cb_device')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/sessions' });

      // An attacker spread over many addresses, trying as fast as the server lets them.
      let failures = 0;
      for (let i = 0; failures < 50; i++) {
        const res = await signIn(owner.email, `guess-${i}`, { ip: `203.0.113.${i % 250}` });
        expect([401, 429], res.body).toContain(res.statusCode);
        if (res.statusCode === 401) failures++;
        else wait(retryAfter(res));
      }
      expect((await signIn(owner.email, TEST_PASSWORD, { ip: '198.51.100.10' })).statusCode).toBe(201);
      // A trip: a new address, but the browser that signed in before.
      const travelling = await signIn(owner.email, TEST_PASSWORD, { ip: '192.0.2.77', device });
      expect(travelling.statusCode, travelling.body).toBe(201);
      // A stranger's device on a new address is still held back while the account is under attack.
      const stranger = await signIn(owner.email, TEST_PASSWORD, { ip: '192.0.2.78' });
      expect(stranger.statusCode).toBe(429);
      expect(retryAfter(stranger)).toBeLessThanOrEqual(300);
    }, 180_000);

    it("an attacker behind the owner's own office address only slows the owner, and never on the owner's device", async () => {
      const owner = await userWithToken(testDb.database, 'coordinator');
      const office = '198.51.100.20';
      const first = await signIn(owner.email, TEST_PASSWORD, { ip: office });
      expect(first.statusCode).toBe(201);
      const device = deviceOf(first);

      let failures = 0;
      for (let i = 0; failures < 20; i++) {
        const res = await signIn(owner.email, `guess-${i}`, { ip: office });
        if (res.statusCode === 401) failures++;
        else {
          expect(res.statusCode).toBe(429);
          // A known address is slowed, never refused: the delay stops growing at a minute.
          expect(retryAfter(res)).toBeLessThanOrEqual(60);
          wait(retryAfter(res));
        }
      }
      expect((await signIn(owner.email, TEST_PASSWORD, { ip: office, device })).statusCode).toBe(201);
      const otherBrowser = await signIn(owner.email, TEST_PASSWORD, { ip: office });
      expect(otherBrowser.statusCode).toBe(429);
      wait(retryAfter(otherBrowser));
      expect((await signIn(owner.email, TEST_PASSWORD, { ip: office })).statusCode).toBe(201);
    });

    it('slows brute force from one address with a growing delay, then refuses it, even with the right password', async () => {
      const owner = await userWithToken(testDb.database, 'donor_officer');
      expect((await signIn(owner.email, TEST_PASSWORD, { ip: '198.51.100.30' })).statusCode).toBe(201);
      const attacker = { ip: '203.0.113.250' };
      for (let i = 0; i < 3; i++) expect((await signIn(owner.email, `guess-${i}`, attacker)).statusCode).toBe(401);
      const delays: number[] = [];
      for (let i = 3; i < 10; i++) {
        const slowed = await signIn(owner.email, `guess-${i}`, attacker);
        expect(slowed.statusCode).toBe(429);
        delays.push(retryAfter(slowed));
        wait(retryAfter(slowed));
        expect((await signIn(owner.email, `guess-${i}`, attacker)).statusCode).toBe(401);
      }
      expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64]);
      const refused = await signIn(owner.email, TEST_PASSWORD, attacker);
      expect(refused.statusCode).toBe(429);
      expect(retryAfter(refused)).toBeGreaterThan(10 * 60);
      expect(refused.json<{ detail: string }>().detail).toMatch(/Try again in \d+ minute/);
      // The owner, from where they signed in before, is not affected.
      expect((await signIn(owner.email, TEST_PASSWORD, { ip: '198.51.100.30' })).statusCode).toBe(201);
    });

    it('limits an address by the distinct accounts it fails on, so one mistyping colleague does not block the office', async () => {
      const nat = '198.51.100.50';
      const colleague = await userWithToken(testDb.database, 'warehouse_officer');
      expect((await signIn(colleague.email, TEST_PASSWORD, { ip: nat })).statusCode).toBe(201);
      // Thirty requests on one account from the office address: only that account is slowed.
      for (let i = 0; i < 30; i++) expect([401, 429]).toContain((await signIn('typo@test.example', `guess-${i}`, { ip: nat })).statusCode);
      const newcomer = await userWithToken(testDb.database, 'analyst');
      expect((await signIn(newcomer.email, TEST_PASSWORD, { ip: nat })).statusCode).toBe(201);

      // Spraying over twenty accounts (the mistyped one and 19 more): the address is refused for any further account…
      for (let i = 0; i < 19; i++) expect((await signIn(`spray${i}@test.example`, 'Summer2026!', { ip: nat })).statusCode).toBe(401);
      const late = await userWithToken(testDb.database, 'analyst');
      const refused = await signIn(late.email, TEST_PASSWORD, { ip: nat });
      expect(refused.statusCode).toBe(429);
      // …but not for the people who signed in from it before.
      expect((await signIn(colleague.email, TEST_PASSWORD, { ip: nat })).statusCode).toBe(201);
      expect((await signIn(newcomer.email, TEST_PASSWORD, { ip: nat })).statusCode).toBe(201);
    });

    it('ignores X-Forwarded-For and -Proto from a client that is not the configured proxy', async () => {
      const victim = await userWithToken(testDb.database, 'analyst');
      // Without a configured proxy, and from an address that is not the proxy, each forged address is ignored:
      // the attempts count against the real peer and are slowed after three.
      for (const [on, ip] of [
        [app, '203.0.113.60'],
        [proxied, '10.0.0.2'],
      ] as const) {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) codes.push((await attempt(on, victim.email, `guess-${ip}-${i}`, { ip, forwardedFor: `192.0.2.${100 + i}` })).statusCode);
        expect(codes, ip).toEqual([401, 401, 401, 429, 429]);
      }
      const spoofedHttps = await attempt(proxied, victim.email, TEST_PASSWORD, { ip: '198.51.100.61', forwardedProto: 'https' });
      expect(spoofedHttps.statusCode).toBe(201);
      expect(spoofedHttps.cookies.find((c) => c.name === 'cb_session')?.secure).toBeFalsy();

      // Through the proxy, each client is itself: five different people mistyping are five first failures.
      const other = await userWithToken(testDb.database, 'analyst');
      for (let i = 0; i < 5; i++) expect((await attempt(proxied, other.email, 'not-the-password', { ip: '10.0.0.1', forwardedFor: `192.0.2.${150 + i}` })).statusCode).toBe(401);
      const viaProxy = await attempt(proxied, other.email, TEST_PASSWORD, { ip: '10.0.0.1', forwardedFor: '192.0.2.160', forwardedProto: 'https' });
      expect(viaProxy.statusCode).toBe(201);
      expect(viaProxy.cookies.find((c) => c.name === 'cb_session')?.secure).toBe(true);
    });
  });
}
