import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.js';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

type Result = { clientId: string; status: number; id: string | null; detail: string | null; errors: { path: string }[] };
type Entry = { id: string; clientId: string; kind: string; reason: string; body: Record<string, unknown>; resolution: string | null; resolvedBy: string | null; note: string | null; resultId: string | null };

for (const dialect of DIALECTS) {
  describe(`offline facility edits and the review inbox on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { headers: { authorization: string } };
    let lvivCoordinator: { headers: { authorization: string } };

    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'facility_history' | 'audit_events' | 'sync_records' | 'sync_inbox' | 'status_reports') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { history: await n('facility_history'), audit: await n('audit_events'), records: await n('sync_records'), inbox: await n('sync_inbox'), reports: await n('status_reports') };
    };
    const sync = async (records: unknown[], headers = admin.headers): Promise<Result[]> => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync', headers, payload: { records } });
      expect(res.statusCode, res.body).toBe(202);
      return res.json<{ results: Result[] }>().results;
    };
    const facility = async (id: string) => (await app.inject({ url: `/api/v1/facilities/${id}`, headers: admin.headers })).json<{ version: number; beds: number; staff: number; nameEn: string }>();
    const newFacility = async (area = LVIV) => (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: area, beds: 10, staff: 20 }) })).json<{ id: string }>().id;
    const inbox = async (query = '', headers = admin.headers) => {
      const res = await app.inject({ url: `/api/v1/sync/inbox${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Entry[] }>().items;
    };
    const resolve = (id: string, payload: Record<string, unknown>, headers = admin.headers) => app.inject({ method: 'POST', url: `/api/v1/sync/inbox/${id}/resolve`, headers, payload });
    const edit = (facilityId: string, baseVersion: number, changes: Record<string, unknown>) => ({ clientId: newId(), kind: 'facility_edit', body: { facilityId, baseVersion, changes } });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      lvivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('applies an edit made on the current version, with history and audit as a PATCH, once', async () => {
      const id = await newFacility();
      const before = await counts();
      const record = edit(id, 1, { beds: 42, nameEn: 'Edited offline' });
      const [first] = await sync([record], lvivCoordinator.headers);
      expect(first).toMatchObject({ status: 202, id });
      expect(await facility(id)).toMatchObject({ version: 2, beds: 42, nameEn: 'Edited offline' });
      const history = (await app.inject({ url: `/api/v1/facilities/${id}/history`, headers: admin.headers })).json<{ items: { version: number; action: string; change: Record<string, unknown> }[] }>().items;
      expect(history.find((h) => h.version === 2)).toMatchObject({ action: 'update', change: { beds: { from: 10, to: 42 } } });
      // Sent again (the phone never saw the answer): the same answer, nothing applied twice, nothing in the inbox.
      const [again] = await sync([record], lvivCoordinator.headers);
      expect(again).toMatchObject({ status: 202, id, detail: 'already received' });
      expect((await facility(id)).version).toBe(2);
      const after = await counts();
      expect(after).toMatchObject({ history: before.history + 1, records: before.records + 1, inbox: before.inbox });
      expect(after.audit).toBeGreaterThan(before.audit);
    });

    it('sends an edit made on a stale version to the inbox naming both versions, never last-write-wins', async () => {
      const id = await newFacility();
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${id}`, headers: admin.headers, payload: { version: 1, beds: 11 } })).statusCode).toBe(200);
      const before = await counts();
      const record = edit(id, 1, { beds: 99 });
      const [stale] = await sync([record]);
      expect(stale).toMatchObject({ status: 409, id });
      expect(stale?.detail).toContain('version 1');
      expect(await facility(id)).toMatchObject({ version: 2, beds: 11 });
      const entries = await inbox();
      const entry = entries.find((e) => e.clientId === record.clientId);
      expect(entry).toMatchObject({ kind: 'facility_edit', resolution: null, body: record.body });
      expect(entry?.reason).toMatch(/version 1.*version 2/);
      // Resent: answered 409 again without a second inbox entry.
      const [resent] = await sync([record]);
      expect(resent).toMatchObject({ status: 409, id });
      expect(await counts()).toMatchObject({ history: before.history, records: before.records + 1, inbox: before.inbox + 1 });
    });

    it('refuses an edit like PATCH would: bad fields named, out of scope, unknown facility; nothing written', async () => {
      const lviv = await newFacility();
      const kharkiv = await newFacility(KHARKIV);
      const before = await counts();
      const results = await sync(
        [edit(lviv, 1, { beds: -1 }), edit(lviv, 1, { code: 'NEW-CODE' }), edit(lviv, 1, { areaKatottg: 'UA99999999999999999' }), edit(kharkiv, 1, { beds: 5 }), edit(newId(), 1, { beds: 5 }), { clientId: newId(), kind: 'facility_edit', body: { facilityId: lviv, changes: {} } }],
        lvivCoordinator.headers,
      );
      expect(results.map((r) => r.status)).toEqual([400, 400, 400, 403, 404, 400]);
      expect(results[0]?.errors.map((e) => e.path)).toEqual(['/changes/beds']);
      expect(results[1]?.errors.map((e) => e.path)).toEqual(['/changes/code']);
      expect(results[2]?.errors.map((e) => e.path)).toEqual(['/areaKatottg']);
      expect(results[5]?.errors.map((e) => e.path)).toEqual(['/baseVersion']);
      expect(await counts()).toEqual(before);
      expect(await facility(lviv)).toMatchObject({ version: 1, beds: 10 });
    });

    it('applies a stale edit on top of the current version when a reviewer says so, once, audited', async () => {
      const id = await newFacility();
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${id}`, headers: admin.headers, payload: { version: 1, staff: 33 } })).statusCode).toBe(200);
      const record = edit(id, 1, { beds: 77 });
      expect((await sync([record], lvivCoordinator.headers))[0]?.status).toBe(409);
      const entry = (await inbox('', lvivCoordinator.headers)).find((e) => e.clientId === record.clientId);
      if (entry === undefined) throw new Error('the stale edit is not in the inbox');
      // A coordinator of another oblast neither sees nor resolves it.
      const kharkivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [KHARKIV] });
      expect((await inbox('', kharkivCoordinator.headers)).map((e) => e.id)).not.toContain(entry.id);
      expect((await resolve(entry.id, { resolution: 'apply' }, kharkivCoordinator.headers)).statusCode).toBe(404);
      const audit = (await counts()).audit;
      const res = await resolve(entry.id, { resolution: 'apply', note: 'checked with the facility' }, lvivCoordinator.headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Entry>()).toMatchObject({ resolution: 'apply', note: 'checked with the facility', resultId: id });
      // Both changes survive: the online one and the reviewed offline one.
      expect(await facility(id)).toMatchObject({ version: 3, staff: 33, beds: 77 });
      expect((await counts()).audit).toBe(audit + 2);
      expect((await resolve(entry.id, { resolution: 'dismiss' }, lvivCoordinator.headers)).statusCode).toBe(409);
      // Resolved entries leave the default list and show under the filter.
      expect((await inbox()).map((e) => e.id)).not.toContain(entry.id);
      expect((await inbox('?status=resolved')).map((e) => e.id)).toContain(entry.id);
      expect((await inbox('?status=all')).map((e) => e.id)).toContain(entry.id);
    });

    it('dismisses an entry without writing, and stores a conflicting report under a new id on apply', async () => {
      const id = await newFacility();
      const report = (functionality: string) => ({ facilityId: id, observedAt: '2025-05-01T08:00:00Z', buildingCondition: 'not_damaged', functionality, accessibility: 'fully', powerSource: 'grid' });
      const clientId = newId();
      expect((await sync([{ clientId, kind: 'status_report', body: report('fully') }]))[0]?.status).toBe(202);
      expect((await sync([{ clientId, kind: 'status_report', body: report('partially') }]))[0]?.status).toBe(409);
      expect((await sync([{ clientId, kind: 'status_report', body: report('not_functioning') }]))[0]?.status).toBe(409);
      const [second, third] = (await inbox()).filter((e) => e.clientId === clientId).reverse();
      if (second === undefined || third === undefined) throw new Error('the conflicting reports are not in the inbox');
      const before = await counts();
      const dismissed = await resolve(third.id, { resolution: 'dismiss', note: 'typo' });
      expect(dismissed.json<Entry>()).toMatchObject({ resolution: 'dismiss', resultId: null });
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
      const applied = await resolve(second.id, { resolution: 'apply' });
      expect(applied.statusCode, applied.body).toBe(200);
      const resultId = applied.json<Entry>().resultId;
      expect(resultId).not.toBe(clientId);
      expect(await counts()).toEqual({ ...before, reports: before.reports + 1, audit: before.audit + 3 });
      const stored = (await app.inject({ url: `/api/v1/status-reports?facility=${id}`, headers: admin.headers })).json<{ items: { id: string; functionality: string }[] }>().items;
      expect(stored.map((r) => [r.id, r.functionality]).sort()).toEqual([[clientId, 'fully'], [resultId, 'partially']].sort());
    });

    it('refuses a bad resolution body, an unknown entry, and an apply the record\'s own rules refuse, writing nothing', async () => {
      const id = await newFacility();
      const record = edit(id, 1, { beds: 5 });
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${id}`, headers: admin.headers, payload: { version: 1, beds: 6 } })).statusCode).toBe(200);
      expect((await sync([record]))[0]?.status).toBe(409);
      const entry = (await inbox()).find((e) => e.clientId === record.clientId);
      if (entry === undefined) throw new Error('missing inbox entry');
      const before = await counts();
      const bad = await resolve(entry.id, { resolution: 'merge' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('resolution');
      expect((await resolve(newId(), { resolution: 'dismiss' })).statusCode).toBe(404);
      // Applying goes through the facility service, which refuses a coordinator's move out of their area.
      const moved = edit(id, 2, { areaKatottg: KHARKIV });
      await testDb.database.db.updateTable('facilities').set({ version: 3 }).where('id', '=', id).execute();
      expect((await sync([moved], lvivCoordinator.headers))[0]?.status).toBe(409);
      const movedEntry = (await inbox('', lvivCoordinator.headers)).find((e) => e.clientId === moved.clientId);
      if (movedEntry === undefined) throw new Error('missing inbox entry');
      const mid = await counts();
      expect((await resolve(movedEntry.id, { resolution: 'apply' }, lvivCoordinator.headers)).statusCode).toBe(403);
      expect(await counts()).toEqual(mid);
      expect(mid).toMatchObject({ history: before.history, audit: before.audit + 1, inbox: before.inbox + 1 });
      expect((await inbox('', lvivCoordinator.headers)).map((e) => e.id)).toContain(movedEntry.id);
    });
  });
}
