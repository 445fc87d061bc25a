import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import type { AuditCheckpointsTable, AuditEventsTable, DB } from '../../db/tables.js';
import { createFacility } from '../facilities/facilities.service.js';
import { configureAuditSigning, type AuditCheckpoint } from './audit.checkpoints.js';
import { hashOf } from './audit.hash.js';
import { takeCheckpoint, verifyAudit } from './audit.service.js';

const KEY = 'k'.repeat(16) + '0123456789abcdef0123';
const EVERY = 7;

/** What an attacker with write access to the database (but not the key) does to hide a change. */
async function recomputeFrom(db: Kysely<DB>, fromSeq: number): Promise<void> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq - 1).orderBy('seq').execute();
  let prev = rows[0]?.hash ?? '';
  for (const row of rows.slice(1)) {
    const { hash: _hash, prev_hash: _prev, ...rest } = row;
    const hash = hashOf(prev, { ...rest, seq: Number(rest.seq) });
    await db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
}

for (const dialect of DIALECTS) {
  describe(`audit chain on ${dialect}`, () => {
    let testDb: TestDatabase;
    let db: Kysely<DB>;
    let events: AuditEventsTable[];
    let checkpoints: AuditCheckpointsTable[];
    /** The head as `carebridge audit checkpoint` printed it, kept outside the database. */
    let outside: AuditCheckpoint;
    let head: number;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      db = testDb.database.db;
      configureAuditSigning({ key: KEY, every: EVERY });
      for (let i = 0; i < 30; i++) await createFacility(testDb.database, systemContext('t'), buildFacility());
      outside = await takeCheckpoint(testDb.database, KEY);
      head = outside.seq;
      events = (await db.selectFrom('audit_events').selectAll().orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
      checkpoints = (await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
    });
    // Each case tampers with the intact log of beforeAll.
    beforeEach(async () => {
      await db.deleteFrom('audit_events').execute();
      await db.deleteFrom('audit_checkpoints').execute();
      for (let i = 0; i < events.length; i += 100) await db.insertInto('audit_events').values(events.slice(i, i + 100)).execute();
      await db.insertInto('audit_checkpoints').values(checkpoints).execute();
    });
    afterAll(async () => {
      configureAuditSigning({ key: undefined, every: 100 });
      await testDb.drop();
    });

    it('signs a checkpoint every N events and on demand, and verifies intact with or without the file', async () => {
      expect(head).toBeGreaterThanOrEqual(30);
      expect(checkpoints.map((c) => c.seq)).toEqual([...Array.from({ length: Math.floor(head / EVERY) }, (_, i) => (i + 1) * EVERY), ...(head % EVERY === 0 ? [] : [head])]);
      expect(outside.mac).toMatch(/^[0-9a-f]{64}$/);
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: true, count: head, headSeq: head, checkpoints: { stored: checkpoints.length, latestSeq: head, macsChecked: true } });
      expect(await verifyAudit(db, { key: KEY, external: outside })).toMatchObject({ ok: true, external: { seq: head, signed: true, macChecked: true } });
      const keyless = await verifyAudit(db);
      expect(keyless).toMatchObject({ ok: true, checkpoints: { macsChecked: false } });
      expect(keyless.assurance).toMatch(/CAREBRIDGE_AUDIT_KEY is not set.*not that the log is complete at its end/);
    });

    it('a failed write leaves no event', async () => {
      await expect(createFacility(testDb.database, systemContext('t'), buildFacility({ areaKatottg: 'UA99000000000000000' }))).rejects.toMatchObject({ code: 'validation_failed' });
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: true, count: head });
    });

    it('1. one field altered: names the event', async () => {
      await db.updateTable('audit_events').set({ change: '{"name_en":"Forged"}' }).where('seq', '=', 7).execute();
      expect(await verifyAudit(db, { key: KEY, external: outside })).toMatchObject({ ok: false, brokenSeq: 7, reason: 'event 7 was altered (hash mismatch)' });
    });

    it('2. actor altered: names the event', async () => {
      await db.updateTable('audit_events').set({ actor: 'someone-else@example.org' }).where('seq', '=', 8).execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: 8, reason: 'event 8 was altered (hash mismatch)' });
    });

    it('3. a middle event deleted: names it', async () => {
      await db.deleteFrom('audit_events').where('seq', '=', 9).execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: 9, missing: { from: 9, to: 9 }, reason: 'event 9 is missing (the next present is event 10)' });
    });

    it('4. two events swapped: names the first', async () => {
      const [a, b] = events.filter((e) => e.seq === 11 || e.seq === 12);
      if (a === undefined || b === undefined) throw new Error('setup');
      await sql`update audit_events set seq = -1 where seq = 11`.execute(db);
      await db.updateTable('audit_events').set({ ...a, seq: 12 }).where('seq', '=', 12).execute();
      await db.updateTable('audit_events').set({ ...b, seq: 11 }).where('seq', '=', -1).execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: 11, reason: 'event 11 does not link to event 10 (removed, reordered or swapped)' });
    });

    it('5. the last event deleted: the stored checkpoint names it; with that checkpoint deleted too, only the file outside does', async () => {
      await db.deleteFrom('audit_events').where('seq', '=', head).execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: head, missing: { from: head, to: head }, reason: `event ${head} is missing: the checkpoint stored in the database says the log reached event ${head}` });
      await db.deleteFrom('audit_checkpoints').where('seq', '>', head - 1).execute();
      // The database alone now looks whole: that is what the file kept outside is for.
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: true, count: head - 1 });
      expect(await verifyAudit(db, { key: KEY, external: outside })).toMatchObject({ ok: false, brokenSeq: head, missing: { from: head, to: head }, reason: `event ${head} is missing: the checkpoint kept outside says the log reached event ${head}` });
    });

    it('6. the last 10 deleted: names the missing range', async () => {
      await db.deleteFrom('audit_events').where('seq', '>', head - 10).execute();
      const missing = { from: head - 9, to: head };
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: head - 9, missing, reason: `events ${head - 9}–${head} are missing: the checkpoint stored in the database says the log reached event ${head}` });
      await db.deleteFrom('audit_checkpoints').where('seq', '>', head - 10).execute();
      expect(await verifyAudit(db, { key: KEY, external: outside })).toMatchObject({ ok: false, brokenSeq: head - 9, missing, reason: `events ${head - 9}–${head} are missing: the checkpoint kept outside says the log reached event ${head}` });
    });

    it('7. an event altered and every hash after it recomputed: the next signed checkpoint names the range', async () => {
      await db.updateTable('audit_events').set({ actor: 'someone-else@example.org' }).where('seq', '=', 10).execute();
      await recomputeFrom(db, 10);
      const altered = { from: EVERY + 1, to: 2 * EVERY };
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: 2 * EVERY, altered, reason: `event ${2 * EVERY} differs from the checkpoint stored for it: one of events ${altered.from}–${altered.to} was altered and every hash after it recomputed` });
      // Without the key the stored checkpoints are still compared (they were not touched here).
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenSeq: 2 * EVERY, altered });

      // Re-pointing the stored checkpoint at the new hash needs the key: its MAC no longer verifies.
      const forged = (await db.selectFrom('audit_events').select('hash').where('seq', '=', 2 * EVERY).executeTakeFirstOrThrow()).hash;
      await db.updateTable('audit_checkpoints').set({ hash: forged }).where('seq', '=', 2 * EVERY).execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: false, brokenSeq: 2 * EVERY, reason: `the checkpoint stored for event ${2 * EVERY} has no valid MAC: it was forged or edited in the database, or made with another CAREBRIDGE_AUDIT_KEY` });

      // Deleting every stored checkpoint leaves the file kept outside.
      await db.deleteFrom('audit_checkpoints').execute();
      expect(await verifyAudit(db, { key: KEY })).toMatchObject({ ok: true });
      expect(await verifyAudit(db, { key: KEY, external: outside })).toMatchObject({ ok: false, brokenSeq: head, altered: { from: 1, to: head }, reason: `event ${head} differs from the checkpoint kept outside: one of events 1–${head} was altered and every hash after it recomputed` });
    });

    it('answers the verdict over HTTP to an admin, with the checkpoint fields', async () => {
      const app = await appFor(testDb, { CAREBRIDGE_AUDIT_KEY: KEY, CAREBRIDGE_AUDIT_CHECKPOINT_EVERY: String(EVERY) });
      try {
        const admin = await userWithToken(testDb.database, 'admin');
        const intact = await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin.headers });
        expect(intact.statusCode).toBe(200);
        expect(intact.json()).toMatchObject({ ok: true, checkpoints: { macsChecked: true }, external: null, assurance: expect.stringMatching(/signed checkpoint/) as unknown });
        await db.deleteFrom('audit_events').where('seq', '>', 28).execute();
        const cut = (await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin.headers })).json<{ ok: boolean; missing: { from: number; to: number }; headSeq: number }>();
        expect(cut).toMatchObject({ ok: false, headSeq: 28, brokenSeq: 29, missing: { from: 29 } });
        expect(cut.missing.to).toBeGreaterThanOrEqual(head);
      } finally {
        await app.close();
        configureAuditSigning({ key: KEY, every: EVERY });
      }
    });

    it('refuses a checkpoint file whose MAC does not match', async () => {
      expect(await verifyAudit(db, { key: KEY, external: { ...outside, seq: head + 5 } })).toMatchObject({ ok: false, reason: "the checkpoint file's MAC does not match: the file was edited, or made with another CAREBRIDGE_AUDIT_KEY" });
      // Without the key an unsigned file is still compared, and the verdict says what that is worth.
      const unsigned = await verifyAudit(db, { external: { ...outside, seq: head + 5, mac: null } });
      expect(unsigned).toMatchObject({ ok: false, missing: { from: head + 1, to: head + 5 } });
      expect(unsigned.assurance).toMatch(/unsigned: it covers the log up to event/);
    });
  });
}
