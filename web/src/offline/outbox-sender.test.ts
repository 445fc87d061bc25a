import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { newOutboxRecord, outboxExport, type OutboxRecord, type ReviewNotice } from './outbox-queue.js';
import { sendDue, type BatchAnswer, type OutboxStore, type SyncTransport } from './outbox-sender.js';

/** The outbox kept in memory: the same four operations the IndexedDB store offers in the browser. */
class MemoryStore implements OutboxStore {
  readonly records = new Map<string, OutboxRecord>();
  readonly notices: ReviewNotice[] = [];
  list = async () => [...this.records.values()];
  put = async (r: OutboxRecord) => void this.records.set(r.clientId, r);
  remove = async (id: string) => void this.records.delete(id);
  addNotice = async (n: ReviewNotice) => void this.notices.push(n);
}

const NOW = new Date('2026-03-01T10:00:00.000Z');
const LVIV = 'UA46000000000026241';

// The sender against the real sync endpoint (in-process HTTP over a real database): what the browser's outbox does on reconnect.
for (const dialect of DIALECTS) {
  describe(`the outbox sender against POST /api/v1/sync on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let facility = '';
    let reporter: { id: string; headers: { authorization: string } };
    let admin: { headers: { authorization: string } };
    let calls = 0;

    const transport =
      (headers: Record<string, string>): SyncTransport =>
      async (records) => {
        calls += 1;
        const res = await app.inject({ method: 'POST', url: '/api/v1/sync', headers, payload: { records } });
        const body = res.json<{ results?: BatchAnswer['results']; detail?: string; errors?: BatchAnswer['errors'] }>();
        return { status: res.statusCode, detail: body.detail ?? '', errors: body.errors ?? [], ...(body.results === undefined ? {} : { results: body.results }) };
      };
    // A server that cannot be reached: a real request to a port nobody listens on.
    const unreachable: SyncTransport = async () => {
      calls += 1;
      try {
        await fetch('http://127.0.0.1:9/api/v1/sync', { method: 'POST' });
        return { status: 200, detail: '', errors: [] };
      } catch {
        return { status: 0, detail: '', errors: [] };
      }
    };
    const report = (observedAt: string, extra: Record<string, unknown> = {}) => ({ facilityId: facility, observedAt, buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid', ...extra });
    const record = (kind: OutboxRecord['kind'], body: Record<string, unknown>, clientId?: string) =>
      newOutboxRecord({ kind, body, owner: reporter.id, label: 'test', ...(clientId === undefined ? {} : { clientId }) }, NOW);
    const storeOf = (...records: OutboxRecord[]) => {
      const store = new MemoryStore();
      for (const r of records) store.records.set(r.clientId, r);
      return store;
    };
    const serverReports = async () =>
      (await app.inject({ method: 'GET', url: `/api/v1/status-reports?facility=${facility}&limit=500`, headers: admin.headers })).json<{ items: { id: string; functionality: string }[] }>().items;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
      reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility] });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('delivers waiting records once, even when the same records are sent again', async () => {
      const a = record('status_report', report('2026-02-01T08:00:00Z'));
      const b = record('status_report', report('2026-02-08T08:00:00Z', { functionality: 'partially', functionalityReasons: ['staff'] }));
      const store = storeOf(a, b);
      expect(await sendDue(store, transport(reporter.headers), reporter.id, { now: () => NOW })).toEqual({ sent: 2, review: 0, failed: 0, retry: 0 });
      expect(store.records.size).toBe(0);
      // The phone lost the answer and sends both again: the server answers as before and stores nothing new.
      const again = storeOf(a, b);
      expect(await sendDue(again, transport(reporter.headers), reporter.id, { now: () => NOW })).toEqual({ sent: 2, review: 0, failed: 0, retry: 0 });
      const stored = (await serverReports()).filter((r) => r.id === a.clientId || r.id === b.clientId);
      expect(stored.map((r) => [r.id, r.functionality]).sort()).toEqual([[a.clientId, 'fully'], [b.clientId, 'partially']].sort());
    });

    it('keeps a refused record with the field the server named, and delivers the good ones beside it', async () => {
      const good = record('status_report', report('2026-02-15T08:00:00Z'));
      const bad = record('status_report', report('2026-02-15T09:00:00Z', { buildingCondition: 'wobbly' }));
      const before = (await serverReports()).length;
      const store = storeOf(good, bad);
      expect(await sendDue(store, transport(reporter.headers), reporter.id, { now: () => NOW })).toEqual({ sent: 1, review: 0, failed: 1, retry: 0 });
      expect([...store.records.keys()]).toEqual([bad.clientId]);
      expect(store.records.get(bad.clientId)).toMatchObject({ state: 'failed', error: { status: 400 } });
      expect(store.records.get(bad.clientId)?.error?.errors.map((e) => e.path)).toContain('/buildingCondition');
      expect((await serverReports()).length).toBe(before + 1);
    });

    it('splits a batch the server refuses whole, so one malformed record fails alone', async () => {
      const good = record('status_report', report('2026-02-16T08:00:00Z'));
      const malformed = { ...record('status_report', report('2026-02-16T09:00:00Z')), kind: 'status_update' as OutboxRecord['kind'] };
      const store = storeOf(good, malformed);
      calls = 0;
      expect(await sendDue(store, transport(reporter.headers), reporter.id, { now: () => NOW })).toEqual({ sent: 1, review: 0, failed: 1, retry: 0 });
      expect(calls).toBe(3);
      expect(store.records.get(malformed.clientId)?.state).toBe('failed');
      expect((await serverReports()).some((r) => r.id === good.clientId)).toBe(true);
    });

    it('removes a record the server sent to review and tells the user: a changed body under a used id, a stale facility edit', async () => {
      const first = record('status_report', report('2026-02-20T08:00:00Z'));
      await sendDue(storeOf(first), transport(reporter.headers), reporter.id, { now: () => NOW });
      const changed = record('status_report', report('2026-02-20T08:00:00Z', { functionality: 'not_functioning' }), first.clientId);
      const edited = (await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${facility}`, headers: admin.headers, payload: { version: 1, beds: 130 } })).json<{ version: number }>();
      expect(edited.version).toBe(2);
      const stale = newOutboxRecord({ kind: 'facility_edit', body: { facilityId: facility, baseVersion: 1, changes: { beds: 90 } }, owner: reporter.id, label: 'beds' }, NOW);
      const store = storeOf(changed, stale);
      const summary = await sendDue(store, transport(admin.headers), reporter.id, { now: () => NOW });
      expect(summary).toEqual({ sent: 0, review: 2, failed: 0, retry: 0 });
      expect(store.records.size).toBe(0);
      expect(store.notices.map((n) => n.clientId).sort()).toEqual([changed.clientId, stale.clientId].sort());
      const inbox = (await app.inject({ method: 'GET', url: '/api/v1/sync/inbox', headers: admin.headers })).json<{ items: { clientId: string }[] }>().items;
      expect(inbox.map((e) => e.clientId)).toEqual(expect.arrayContaining([changed.clientId, stale.clientId]));
      // Not last-write-wins: the facility keeps the newer change.
      expect((await app.inject({ method: 'GET', url: `/api/v1/facilities/${facility}`, headers: admin.headers })).json<{ beds: number }>().beds).toBe(130);
    });

    it('keeps records when the server cannot be reached, backs off, and sends them on the next forced try', async () => {
      const r = record('status_report', report('2026-02-22T08:00:00Z'));
      const store = storeOf(r);
      calls = 0;
      expect(await sendDue(store, unreachable, reporter.id, { now: () => NOW, random: () => 1 })).toEqual({ sent: 0, review: 0, failed: 0, retry: 1 });
      expect(store.records.get(r.clientId)).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: NOW.getTime() + 5_000, error: null });
      // Within the back-off nothing is sent; after it, or on reconnect (forced), it is.
      expect(await sendDue(store, transport(reporter.headers), reporter.id, { now: () => new Date(NOW.getTime() + 4_000) })).toEqual({ sent: 0, review: 0, failed: 0, retry: 0 });
      expect(calls).toBe(1);
      expect(await sendDue(store, transport(reporter.headers), reporter.id, { now: () => new Date(NOW.getTime() + 4_000), force: true })).toEqual({ sent: 1, review: 0, failed: 0, retry: 0 });
      expect((await serverReports()).filter((x) => x.id === r.clientId)).toHaveLength(1);
    });

    it('accepts an exported outbox file as it is, and the same file again without a second copy', async () => {
      const r = record('status_report', report('2026-02-24T08:00:00Z'));
      const file = JSON.parse(outboxExport([r])) as { records: unknown[] };
      for (let i = 0; i < 2; i += 1) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/sync', headers: reporter.headers, payload: { records: file.records } });
        expect(res.statusCode, res.body).toBe(202);
        expect(res.json<{ results: { status: number }[] }>().results.map((x) => x.status)).toEqual([202]);
      }
      expect((await serverReports()).filter((x) => x.id === r.clientId)).toHaveLength(1);
    });

    it('leaves records alone while the session has ended, and never sends another user’s records', async () => {
      const r = record('status_report', report('2026-02-23T08:00:00Z'));
      const store = storeOf(r);
      expect(await sendDue(store, transport({ authorization: 'Bearer not-a-token' }), reporter.id, { now: () => NOW })).toEqual({ sent: 0, review: 0, failed: 0, retry: 1 });
      expect(store.records.get(r.clientId)?.state).toBe('waiting');
      calls = 0;
      expect(await sendDue(store, transport(admin.headers), 'someone-else', { now: () => NOW, force: true })).toEqual({ sent: 0, review: 0, failed: 0, retry: 0 });
      expect(calls).toBe(0);
    });
  });
}
