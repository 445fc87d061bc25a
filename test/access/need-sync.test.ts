import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { appFor } from '../support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildFacility, userWithToken } from '../support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
/** The tables raising a need writes: "nothing written" is "all counts equal". */
type Table = 'needs' | 'need_transitions' | 'audit_events' | 'sync_records' | 'sync_inbox';

type Headers = { authorization: string };
type Result = { clientId: string; status: number; id: string | null; detail: string | null; errors: { path: string; message: string }[] };

/**
 * A facility reporter raises a need offline (issue 17 item 1): the `need` sync kind goes through the needs
 * service under the phone's UUID, with the same rule as POST /needs (its own facilities only), idempotently.
 */
for (const dialect of DIALECTS) {
  describe(`a need raised offline on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let reporter: Headers;
    let own = '';
    let other = '';

    const counts = async (): Promise<Record<Table, number>> => {
      const db = testDb.database.db;
      const n = async (t: Table) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { needs: await n('needs'), need_transitions: await n('need_transitions'), audit_events: await n('audit_events'), sync_records: await n('sync_records'), sync_inbox: await n('sync_inbox') };
    };
    const sync = async (records: unknown[], headers: Headers = reporter): Promise<Result[]> => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync', headers, payload: { records } });
      expect(res.statusCode, res.body).toBe(202);
      return res.json<{ results: Result[] }>().results;
    };
    const need = (facilityId: string, quantity = '10') => ({ facilityId, category: 'medicine', specification: 'Insulin glargine 100 IU/ml', quantity, unit: 'vials', priority: 'high' });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      const facility = async (area: string) => (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: area }) })).json<{ id: string }>().id;
      own = await facility(LVIV);
      other = await facility(KHARKIV);
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [own] })).headers;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('stores a need once under the phone UUID when it is sent twice, submitted and raised by the reporter', async () => {
      const clientId = newId();
      const before = await counts();
      const first = await sync([{ clientId, kind: 'need', body: need(own) }]);
      expect(first).toEqual([{ clientId, status: 202, id: clientId, detail: null, errors: [] }]);
      const after = await counts();
      expect(after).toMatchObject({ needs: before.needs + 1, need_transitions: before.need_transitions + 1, sync_records: before.sync_records + 1, sync_inbox: before.sync_inbox });

      const again = await sync([{ clientId, kind: 'need', body: need(own) }]);
      expect(again).toEqual([{ clientId, status: 202, id: clientId, detail: 'already received', errors: [] }]);
      expect(await counts()).toEqual(after);

      const stored = await app.inject({ url: `/api/v1/needs/${clientId}`, headers: reporter });
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toMatchObject({ id: clientId, facilityId: own, status: 'submitted', quantity: '10', unit: 'vial', delivered: '0' });
      const listed = (await app.inject({ url: `/api/v1/needs?facilityId=${own}`, headers: reporter })).json<{ items: { id: string }[] }>().items.map((n) => n.id);
      expect(listed.filter((id) => id === clientId)).toHaveLength(1);
    });

    it('keeps a changed body under a used UUID for review; the coordinator applies it as a new need', async () => {
      const clientId = newId();
      expect((await sync([{ clientId, kind: 'need', body: need(own) }]))[0]?.status).toBe(202);
      const before = await counts();
      const [changed] = await sync([{ clientId, kind: 'need', body: need(own, '25') }]);
      expect(changed).toMatchObject({ clientId, status: 409, id: clientId });
      expect(changed?.detail).toContain('review inbox');
      expect(await counts()).toMatchObject({ needs: before.needs, sync_inbox: before.sync_inbox + 1 });
      expect((await app.inject({ url: `/api/v1/needs/${clientId}`, headers: reporter })).json()).toMatchObject({ quantity: '10' });

      const coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      const entry = (await app.inject({ url: '/api/v1/sync/inbox', headers: coordinator })).json<{ items: { id: string; kind: string; clientId: string; facilityId: string }[] }>().items.find((e) => e.clientId === clientId);
      expect(entry).toMatchObject({ kind: 'need', facilityId: own });
      const applied = await app.inject({ method: 'POST', url: `/api/v1/sync/inbox/${entry?.id}/resolve`, headers: coordinator, payload: { resolution: 'apply' } });
      expect(applied.statusCode, applied.body).toBe(200);
      const resultId = applied.json<{ resultId: string }>().resultId;
      expect(resultId).not.toBe(clientId);
      expect((await app.inject({ url: `/api/v1/needs/${resultId}`, headers: coordinator })).json()).toMatchObject({ facilityId: own, quantity: '25', status: 'submitted' });
    });

    it('refuses a need for another facility as POST /needs does (404) and a unit off the list, with nothing written', async () => {
      const before = await counts();
      const online = await app.inject({ method: 'POST', url: '/api/v1/needs', headers: reporter, payload: need(other) });
      // Another facility is not even visible to the reporter: "not found", so its existence does not leak.
      expect(online.statusCode, online.body).toBe(404);
      const [outside, badUnit] = await sync([
        { clientId: newId(), kind: 'need', body: need(other) },
        { clientId: newId(), kind: 'need', body: { ...need(own), unit: 'buckets' } },
      ]);
      expect(outside).toMatchObject({ status: 404, id: null, detail: online.json<{ detail: string }>().detail });
      expect(badUnit).toMatchObject({ status: 400, id: null });
      expect(badUnit?.errors.map((e) => e.path)).toEqual(['/unit']);
      expect(await counts()).toEqual(before);
    });
  });
}
