import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';

interface UserPage {
  items: { email: string; memberships: { role: string }[] }[];
  nextCursor: string | null;
}

for (const dialect of DIALECTS) {
  describe(`the user list (listRoute, keyed by email) on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Awaited<ReturnType<typeof userWithToken>>;
    const emails: string[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      emails.push(admin.email);
      for (const role of ['analyst', 'coordinator', 'donor_officer', 'analyst', 'coordinator'] as const) emails.push((await userWithToken(testDb.database, role)).email);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const page = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/users?${query}`, headers: admin.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<UserPage>();
    };

    it('pages through every user in email order, each with their memberships, filtered by q', async () => {
      const seen: UserPage['items'] = [];
      let cursor: string | null = null;
      do {
        const next: UserPage = await page(`limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
        expect(next.items.length).toBeLessThanOrEqual(2);
        seen.push(...next.items);
        cursor = next.nextCursor;
      } while (cursor !== null);
      const listed = seen.map((u) => u.email).filter((e) => emails.includes(e));
      expect(listed).toEqual([...emails].sort());
      expect(seen.find((u) => u.email === admin.email)?.memberships.map((m) => m.role)).toEqual(['admin']);

      const first = await page('q=ANALYST&limit=1');
      expect(first.items.map((u) => u.email)).toEqual([[...emails].filter((e) => e.startsWith('analyst-')).sort()[0]]);
      const second = await page(`q=analyst&limit=1&cursor=${first.nextCursor ?? ''}`);
      expect(second.items.map((u) => u.email)).toEqual([[...emails].filter((e) => e.startsWith('analyst-')).sort()[1]]);
    });

    it('refuses a cursor it did not make, and unknown parameters', async () => {
      const legacy = await app.inject({ url: `/api/v1/users?cursor=${Buffer.from(admin.email).toString('base64url')}`, headers: admin.headers });
      expect(legacy.statusCode).toBe(400);
      expect(legacy.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/cursor');
      const other = await app.inject({ url: '/api/v1/users?sort=name', headers: admin.headers });
      expect(other.statusCode).toBe(400);
      const tooMany = await app.inject({ url: '/api/v1/users?limit=501', headers: admin.headers });
      expect(tooMany.statusCode).toBe(400);
    });
  });
}
