import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.js';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`offline sync on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { headers: { authorization: string } };
    let facility = '';

    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'status_reports' | 'incidents' | 'sync_records' | 'sync_inbox') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { reports: await n('status_reports'), incidents: await n('incidents'), records: await n('sync_records'), inbox: await n('sync_inbox') };
    };
    const report = (observedAt: string, functionality = 'fully') => ({ facilityId: facility, observedAt, buildingCondition: 'not_damaged', functionality, accessibility: 'fully', powerSource: 'grid' });
    const sync = async (records: unknown[], headers: Record<string, string> = admin.headers) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync', headers, payload: { records } });
      expect(res.statusCode, res.body).toBe(202);
      return res.json<{ results: { clientId: string; status: number; id: string | null; errors: { path: string }[] }[] }>().results;
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('stores a batch once when it is sent twice, answering the first result again', async () => {
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility] });
      const batch = [
        { clientId: newId(), kind: 'status_report', body: report('2025-04-01T08:00:00Z') },
        { clientId: newId(), kind: 'status_report', body: report('2025-04-08T08:00:00Z', 'partially') },
      ];
      const before = await counts();
      const first = await sync(batch, reporter.headers);
      expect(first.map((r) => [r.status, r.id])).toEqual(batch.map((b) => [202, b.clientId]));
      // Keys in another order are the same body.
      const reordered = batch.map((b) => ({ body: Object.fromEntries(Object.entries(b.body).reverse()), kind: b.kind, clientId: b.clientId }));
      const second = await sync(reordered, reporter.headers);
      expect(second).toEqual(first.map((r) => ({ ...r, detail: 'already received' })));
      expect(await counts()).toEqual({ ...before, reports: before.reports + 2, records: before.records + 2 });
    });

    it('answers 409 for a changed body under a known client id and keeps it in the review inbox', async () => {
      const clientId = newId();
      expect((await sync([{ clientId, kind: 'status_report', body: report('2025-05-01T08:00:00Z') }]))[0]?.status).toBe(202);
      const before = await counts();
      const changed = await sync([{ clientId, kind: 'status_report', body: report('2025-05-01T08:00:00Z', 'not_functioning') }]);
      expect(changed[0]).toMatchObject({ clientId, status: 409, id: clientId });
      expect(await counts()).toEqual({ ...before, inbox: before.inbox + 1 });
      const inbox = await app.inject({ url: '/api/v1/sync/inbox', headers: admin.headers });
      expect(inbox.json<{ items: { clientId: string; facilityId: string; body: { functionality: string } }[] }>().items[0]).toMatchObject({ clientId, facilityId: facility, body: { functionality: 'not_functioning' } });
      // The inbox is for coordinators of the place.
      const kharkiv = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [KHARKIV] });
      expect((await app.inject({ url: '/api/v1/sync/inbox', headers: kharkiv.headers })).json<{ items: unknown[] }>().items).toEqual([]);
      const lviv = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      expect((await app.inject({ url: '/api/v1/sync/inbox', headers: lviv.headers })).json<{ items: unknown[] }>().items).toHaveLength(1);
    });

    it('stores the good records of a batch and reports the bad one by its client id', async () => {
      const good = [newId(), newId()];
      const bad = newId();
      const unknownFacility = newId();
      const before = await counts();
      const results = await sync([
        { clientId: good[0], kind: 'status_report', body: report('2025-06-01T08:00:00Z') },
        { clientId: bad, kind: 'status_report', body: { ...report('2025-06-02T08:00:00Z'), functionality: 'sort_of' } },
        { clientId: unknownFacility, kind: 'status_report', body: { ...report('2025-06-02T08:00:00Z'), facilityId: '01900000-0000-7000-8000-000000000000' } },
        { clientId: good[1], kind: 'incident', body: { occurredAt: '2025-06-03T00:00:00Z', facilityId: facility, attackTypes: ['threat'], certainty: 'possible' } },
      ]);
      expect(results.map((r) => [r.clientId, r.status])).toEqual([[good[0], 202], [bad, 400], [unknownFacility, 404], [good[1], 202]]);
      expect(results[1]?.errors.map((e) => e.path)).toEqual(['/functionality']);
      expect(await counts()).toEqual({ ...before, reports: before.reports + 1, incidents: before.incidents + 1, records: before.records + 2 });
      // Fixed and sent again under the same id, the refused record is stored.
      const retry = await sync([{ clientId: bad, kind: 'status_report', body: report('2025-06-02T08:00:00Z') }]);
      expect(retry[0]?.status).toBe(202);
    });

    it('applies each kind\'s own rules: a facility reporter records attacks on its own facility only', async () => {
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility] });
      const other = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: KHARKIV }) })).json<{ id: string }>().id;
      const attack = (facilityId: string) => ({ clientId: newId(), kind: 'incident', body: { occurredAt: '2025-06-03T00:00:00Z', facilityId, attackTypes: ['threat'], certainty: 'possible' } });
      const before = await counts();
      const results = await sync([attack(facility), attack(other)], reporter.headers);
      expect(results.map((r) => r.status)).toEqual([202, 403]);
      expect(await counts()).toEqual({ ...before, incidents: before.incidents + 1, records: before.records + 1 });
    });
  });
}
