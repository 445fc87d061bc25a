import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { contextOf, SIGNED_IN } from '../../http/access-rule.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { acceptedJob } from './jobs.http.js';
import { insertJob } from './jobs.repository.js';
import { configureJobs, failInterruptedJobs, jsonResult, startJob, STOPPED_SENTENCE } from './jobs.runner.js';
import type { Job } from './jobs.schema.js';

type Headers = { authorization: string };

const TestJobBody = Type.Object({
  steps: Type.Integer({ minimum: 0 }),
  stepMs: Type.Integer({ minimum: 0 }),
  /** Ms the write transaction stays open after writing (a slow write, to cancel in the middle of). */
  holdInCommitMs: Type.Optional(Type.Integer({ minimum: 0 })),
  fail: Type.Optional(Type.Union([Type.Literal('sentence'), Type.Literal('bug')])),
});

/**
 * A route as an import route would use the kit: `startJob` with work that counts its steps (progress), honours
 * the signal, and writes one audit event per step in `job.commit` (the rows counted before and after a cancel).
 */
function withTestJobRoute(app: FastifyInstance, testDb: TestDatabase): void {
  app.post('/api/v1/test-jobs', { config: { access: SIGNED_IN }, schema: { body: TestJobBody } }, async (req, reply) => {
    const body = req.body as typeof TestJobBody.static;
    const ctx = contextOf(req);
    const job = await startJob(testDb.database, ctx, 'test_rows', async (job) => {
      for (let i = 0; i < body.steps; i++) {
        await sleep(body.stepMs, undefined, { signal: job.signal });
        job.progress(i + 1, body.steps, 'counting');
      }
      if (body.fail === 'sentence') throw new AppError('validation_failed', 'Row 3 has no facility code; add it and try again.');
      if (body.fail === 'bug') throw new Error('TypeError at secretFunction (/srv/internal.ts:12)');
      await job.commit(
        async (trx) => {
          await appendAudit(trx, testDb.kind, ctx, Array.from({ length: body.steps }, () => ({ action: 'create', entity: 'test_row', entityId: newId(), change: {} })));
          if (body.holdInCommitMs !== undefined) await sleep(body.holdInCommitMs);
          return body.steps;
        },
        (written) => jsonResult({ written }),
      );
      return undefined;
    });
    return acceptedJob(reply, job);
  });
}

for (const dialect of DIALECTS) {
  describe(`job resources on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let owner: Headers;
    let other: Headers;
    let admin: Headers;
    let ownerId: string;

    const written = async () =>
      Number((await testDb.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'test_row').executeTakeFirstOrThrow()).n);
    const start = async (payload: typeof TestJobBody.static, on = app) => {
      const res = await on.inject({ method: 'POST', url: '/api/v1/test-jobs', headers: owner, payload });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers.location).toBe(`/api/v1/jobs/${res.json<Job>().id}`);
      return res.json<Job>();
    };
    const read = async (id: string, headers: Headers = owner, on = app) => {
      const res = await on.inject({ url: `/api/v1/jobs/${id}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Job>();
    };
    const until = async (id: string, done: (j: Job) => boolean, on = app): Promise<Job> => {
      for (let i = 0; i < 400; i++) {
        const j = await read(id, owner, on);
        if (done(j)) return j;
        await sleep(10);
      }
      throw new Error(`job ${id} never reached the state awaited`);
    };
    const ended = (j: Job) => j.status !== 'queued' && j.status !== 'running';

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      withTestJobRoute(app, testDb);
      configureJobs(testDb.database, { progressEveryMs: 25 });
      // Compiles every route's schemas now, not inside the first test's time.
      await app.ready();
      const ownerUser = await userWithToken(testDb.database, 'coordinator');
      owner = ownerUser.headers;
      ownerId = ownerUser.id;
      other = (await userWithToken(testDb.database, 'coordinator')).headers;
      admin = (await userWithToken(testDb.database, 'admin')).headers;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('reports progress that advances while the job runs, then hands its result to its owner once and to nobody else', async () => {
      const before = await written();
      const job = await start({ steps: 100, stepMs: 20 });
      expect(job).toMatchObject({ kind: 'test_rows', status: 'queued', progress: { done: 0, total: null, phase: 'queued' }, resultUrl: null });
      const first = await until(job.id, (j) => j.progress.done >= 3);
      expect(first).toMatchObject({ status: 'running', progress: { total: 100, phase: 'counting' } });
      await sleep(200);
      const second = await read(job.id);
      expect(second.status).toBe('running');
      expect(second.progress.done).toBeGreaterThan(first.progress.done);

      // Nobody but the owner learns the job exists: another user and an admin get 404, as for an unknown id.
      for (const headers of [other, admin]) {
        for (const [method, url] of [['GET', `/api/v1/jobs/${job.id}`], ['GET', `/api/v1/jobs/${job.id}/result`], ['DELETE', `/api/v1/jobs/${job.id}`]] as const) {
          const res = await app.inject({ method, url, headers });
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.json<{ detail: string }>().detail).toBe(`No job with id "${job.id}".`);
        }
      }
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}` })).statusCode).toBe(401);
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result` })).statusCode).toBe(401);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${job.id}` })).statusCode).toBe(401);
      // Before the end there is no result yet.
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: owner })).statusCode).toBe(409);

      const done = await until(job.id, ended);
      expect(done).toMatchObject({ status: 'succeeded', error: null, resultUrl: `/api/v1/jobs/${job.id}/result`, resultFetchedAt: null });
      expect(await written()).toBe(before + 100);

      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: other })).statusCode).toBe(404);
      expect((await app.inject({ method: 'HEAD', url: `/api/v1/jobs/${job.id}/result`, headers: owner })).statusCode).not.toBe(200);
      const result = await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: owner });
      expect(result.statusCode, result.body).toBe(200);
      expect(result.headers['content-type']).toMatch(/^application\/json/);
      expect(result.json()).toEqual({ written: 100 });
      const again = await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: owner });
      expect(again.statusCode).toBe(410);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.json<{ detail: string }>().detail).toMatch(/fetched at .* and is handed out only once/);
      const after = await read(job.id);
      expect(after.resultUrl).toBeNull();
      expect(after.resultFetchedAt).not.toBeNull();
      // The stored result is cleared once handed out.
      const row = await testDb.database.db.selectFrom('jobs').select('result').where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(row.result).toBeNull();
    }, 90_000);

    it('cancel leaves nothing written and the job says it was cancelled', async () => {
      const before = await written();
      const job = await start({ steps: 60, stepMs: 20 });
      await until(job.id, (j) => j.progress.done >= 3);
      const cancel = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${job.id}`, headers: owner });
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(cancel.json<Job>()).toMatchObject({ status: 'cancelled', error: 'The job was cancelled.' });
      // Long enough for the work to have reached its write had it gone on (60 × 20 ms).
      await sleep(1500);
      expect(await written()).toBe(before);
      const seen = await read(job.id);
      expect(seen.status).toBe('cancelled');
      expect(seen.progress.done).toBeLessThan(60);
      expect((await app.inject({ url: `/api/v1/jobs/${job.id}/result`, headers: owner })).json<{ detail: string }>().detail).toBe('This job was cancelled, so it has no result.');
      // Cancelling again answers the same; a finished job cannot be cancelled.
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${job.id}`, headers: owner })).json<Job>().status).toBe('cancelled');
      const quick = await start({ steps: 1, stepMs: 0 });
      await until(quick.id, ended);
      const late = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${quick.id}`, headers: owner });
      expect(late.statusCode).toBe(409);
      expect(late.json<{ detail: string }>().detail).toMatch(/already finished/);
    }, 90_000);

    it('a cancel and the job\'s write exclude each other: never half written', async () => {
      const before = await written();
      const job = await start({ steps: 5, stepMs: 0, holdInCommitMs: 1000 });
      // All steps done: the work is in its write transaction (read from memory: on SQLite the one connection is the job's).
      await until(job.id, (j) => j.progress.done === 5);
      const cancel = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${job.id}`, headers: owner });
      const end = await until(job.id, ended);
      // The cancel reaches the job while its transaction is open (on SQLite too: the caller's sign-in is read on a
      // connection of its own), aborts it, and the transaction rolls back before the commit.
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(end.status).toBe('cancelled');
      await sleep(1200);
      expect(await written()).toBe(before);
    }, 90_000);

    it('one user may run three jobs at once; a fourth is refused with a sentence until one ends', async () => {
      const three = [await start({ steps: 200, stepMs: 20 }), await start({ steps: 200, stepMs: 20 }), await start({ steps: 200, stepMs: 20 })];
      const fourth = await app.inject({ method: 'POST', url: '/api/v1/test-jobs', headers: owner, payload: { steps: 1, stepMs: 0 } });
      expect(fourth.statusCode).toBe(409);
      expect(fourth.json<{ detail: string }>().detail).toBe('You already have 3 jobs running; wait for one to finish or cancel one, then try again.');
      // Another user is not held back by them.
      expect((await app.inject({ method: 'POST', url: '/api/v1/test-jobs', headers: other, payload: { steps: 0, stepMs: 0 } })).statusCode).toBe(202);
      for (const j of three) expect((await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${j.id}`, headers: owner })).statusCode).toBe(200);
      // Cancelled work ends at its next step; then the owner may start again.
      let again = 409;
      for (let i = 0; i < 100 && again === 409; i++) {
        await sleep(20);
        const res = await app.inject({ method: 'POST', url: '/api/v1/test-jobs', headers: owner, payload: { steps: 0, stepMs: 0 } });
        again = res.statusCode;
      }
      expect(again).toBe(202);
    }, 90_000);

    it('a failed job reports its sentence, and never a stack', { timeout: 30_000 }, async () => {
      const sentence = await start({ steps: 2, stepMs: 0, fail: 'sentence' });
      expect(await until(sentence.id, ended)).toMatchObject({ status: 'failed', error: 'Row 3 has no facility code; add it and try again.', resultUrl: null });
      const bug = await start({ steps: 0, stepMs: 0, fail: 'bug' });
      const failed = await until(bug.id, ended);
      expect(failed.status).toBe('failed');
      expect(failed.error).toBe('The job failed because of an error on the server; try again, and tell an administrator if it fails again.');
      const res = await app.inject({ url: `/api/v1/jobs/${bug.id}/result`, headers: owner });
      expect(res.statusCode).toBe(409);
      expect(res.body).not.toContain('secretFunction');
    });

    it('a result nobody fetched within a day is cleared by the sweep and then answers 410 with a sentence; a younger one is kept', async () => {
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
      const finished = async (h: number) => {
        const id = newId();
        await insertJob(testDb.database.db, {
          id, kind: 'test_rows', owner_user_id: ownerId, status: 'succeeded', progress_done: 3, progress_total: 3, progress_phase: 'counting',
          error: null, result: '{"written":3}', result_type: 'application/json', result_fetched_at: null, created_at: hoursAgo(h), started_at: hoursAgo(h), finished_at: hoursAgo(h),
        });
        return id;
      };
      const stored = async (id: string) => (await testDb.database.db.selectFrom('jobs').select('result').where('id', '=', id).executeTakeFirstOrThrow()).result;
      const old = await finished(25);
      const young = await finished(23);
      const unswept = await finished(30);
      // Past its day a result is refused even before a sweep has cleared it.
      const early = await app.inject({ url: `/api/v1/jobs/${unswept}/result`, headers: owner });
      expect(early.statusCode, early.body).toBe(410);
      expect(await stored(unswept)).toBeNull();

      // The start-up sweep (buildApp calls it) clears the old result and keeps the young one.
      await failInterruptedJobs(testDb.database);
      expect(await stored(old)).toBeNull();
      expect(await stored(young)).toBe('{"written":3}');
      expect((await read(old)).resultUrl).toBeNull();
      const gone = await app.inject({ url: `/api/v1/jobs/${old}/result`, headers: owner });
      expect(gone.statusCode).toBe(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.json<{ title: string; detail: string }>()).toMatchObject({ title: 'The result has expired' });
      expect(gone.json<{ detail: string }>().detail).toMatch(/kept for a day and nobody fetched it, so it was cleared\. Run the job again/);
      expect(early.json<{ detail: string }>().detail).toBe(gone.json<{ detail: string }>().detail.replace(/finished at [^;]+/, `finished at ${(await read(unswept)).finishedAt ?? ''}`));

      const kept = await app.inject({ url: `/api/v1/jobs/${young}/result`, headers: owner });
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json()).toEqual({ written: 3 });
    }, 30_000);

    it('a job left running by a stopped server is failed at the next start; a server that stops fails its own', async () => {
      // As a crash leaves it: running, with progress, and nothing in this process running it.
      const orphan = newId();
      await insertJob(testDb.database.db, {
        id: orphan, kind: 'test_rows', owner_user_id: ownerId, status: 'running', progress_done: 7, progress_total: 40, progress_phase: 'counting',
        error: null, result: null, result_type: null, result_fetched_at: null, created_at: nowIso(), started_at: nowIso(), finished_at: null,
      });
      expect((await read(orphan)).status).toBe('running');
      const restarted = await appFor(testDb);
      withTestJobRoute(restarted, testDb);
      expect(await read(orphan, owner, restarted)).toMatchObject({ status: 'failed', error: STOPPED_SENTENCE, progress: { done: 7, total: 40 } });

      // A job this process runs is not failed by another start's sweep; stopping the server fails it and writes nothing.
      const before = await written();
      const live = await start({ steps: 100, stepMs: 20 }, restarted);
      await until(live.id, (j) => j.progress.done >= 2, restarted);
      // What the next start runs (buildApp calls it): a third app would cost seconds on a busy machine for the same call.
      expect(await failInterruptedJobs(testDb.database)).toBe(0);
      expect((await read(live.id, owner, restarted)).status).toBe('running');
      await restarted.close();
      expect(await read(live.id)).toMatchObject({ status: 'failed', error: STOPPED_SENTENCE });
      await sleep(100);
      expect(await written()).toBe(before);
    }, 150_000);
  });
}
