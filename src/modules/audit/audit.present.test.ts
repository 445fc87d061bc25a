import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, TEST_PASSWORD, userWithToken } from '../../../test/support/factories.js';
import type { AuditEvent } from './audit.schema.js';

for (const dialect of DIALECTS) {
  describe(`the audit log names its actors on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('gives each event its user by name with their roles, a sign-in its user, and the system as the system', async () => {
      const admin = await userWithToken(testDb.database, 'admin');
      const coord = await userWithToken(testDb.database, 'coordinator');
      const created = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: coord.headers, payload: buildFacility() });
      expect(created.statusCode, created.body).toBe(201);
      const signIn = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: coord.email, password: TEST_PASSWORD } });
      expect(signIn.statusCode, signIn.body).toBe(201);

      const list = await app.inject({ url: '/api/v1/audit?limit=500', headers: admin.headers });
      expect(list.statusCode, list.body).toBe(200);
      const events = list.json<{ items: AuditEvent[] }>().items;
      const facility = events.find((e) => e.entity === 'facility' && e.action === 'create');
      expect([facility?.actorKind, facility?.actorName, facility?.actorRoles]).toEqual(['user', 'coordinator', ['coordinator']]);
      // A sign-in is logged under the request's id (there is no principal yet): the reader still sees who.
      const session = events.find((e) => e.action === 'sign_in');
      expect(session?.actor).not.toBe(coord.email);
      expect([session?.actorKind, session?.actorName]).toEqual(['user', 'coordinator']);
      // The test users were made by systemContext('test'): the system, with no person's name.
      const made = events.find((e) => e.entity === 'user' && e.entityId === coord.id);
      expect([made?.actorKind, made?.actorName, made?.actorRoles]).toEqual(['system', null, []]);
    });

    it('pages newest first through the cursor, within the filter, to the end', async () => {
      const admin = await userWithToken(testDb.database, 'admin');
      const all = (await app.inject({ url: '/api/v1/audit?entity=user', headers: admin.headers })).json<{ items: AuditEvent[]; nextCursor: string | null }>();
      expect(all.items.length).toBeGreaterThan(2);
      expect(all.items.length).toBeLessThanOrEqual(100);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/audit?entity=user&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = (await app.inject({ url, headers: admin.headers })).json<{ items: AuditEvent[]; nextCursor: string | null }>();
        seen.push(...page.items.map((e) => e.seq));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(all.items.map((e) => e.seq));
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
    });
  });
}
