import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { acceptedJobOf, ASYNC, jobEnded } from '../../../test/support/jobs.js';
import { systemContext } from '../../context.js';
import { csvLine } from '../../io/csv.js';
import { inPlace } from '../../io/import-run.js';
import { configureJobs } from '../jobs/jobs.runner.js';
import type { Job } from '../jobs/jobs.schema.js';
import { IMPORT_COLUMNS } from './facilities.columns.js';
import { importFacilities } from './facilities.import.js';

const HEADER = csvLine([...IMPORT_COLUMNS]);
const fileOf = (n: number, prefix: string): string => {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(csvLine([`${prefix}-${i}`, `Лікарня ${i}`, `Hospital ${i}`, 'ambulatory', 'primary', 'communal', 'UA-46', 49.8, 24.0, 10, 10, 'pharmacy', '2001-05-01']));
  return lines.join('');
};

/** A facility import as a job (Prefer: respond-async): progress as it goes, a cancel that writes nothing, row errors kept for the owner. */
for (const dialect of DIALECTS) {
  describe(`facility import as a job on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let other: { authorization: string };
    const counts = async () => ({
      facilities: Number((await testDb.database.db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      audit: Number((await testDb.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const importJob = async (body: string, query = ''): Promise<Job> =>
      acceptedJobOf(await app.inject({ method: 'POST', url: `/api/v1/facilities/import${query}`, headers: { ...coordinator, ...ASYNC, 'content-type': 'text/csv' }, payload: body }));

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      configureJobs(testDb.database, { progressEveryMs: 20 });
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      other = (await userWithToken(testDb.database, 'coordinator')).headers;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('30,000 rows: rows checked advance while it runs, and a cancel leaves the registry and the audit log as they were', async () => {
      const before = await counts();
      const job = await importJob(fileOf(30_000, 'CANCEL'));
      expect(job).toMatchObject({ kind: 'facility_import', status: 'queued' });
      const seen: number[] = [];
      let current = job;
      while (current.status === 'queued' || (current.status === 'running' && current.progress.done < 5000)) {
        await new Promise((r) => setTimeout(r, 20));
        current = (await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: coordinator })).json<Job>();
        if (current.progress.phase === 'checking') seen.push(current.progress.done);
      }
      expect(current.status, JSON.stringify(current)).toBe('running');
      expect(new Set(seen).size, `rows checked as polled: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const cancel = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${job.id}`, headers: coordinator });
      expect(cancel.statusCode, cancel.body).toBe(200);
      const end = await jobEnded(app, job.id, coordinator);
      expect(end).toMatchObject({ status: 'cancelled', error: 'The job was cancelled.', resultUrl: null });
      expect(await counts()).toEqual(before);
    }, 120_000);

    it('a good file: rows written reach the total, the result is the import\'s answer, fetched once by its owner only', async () => {
      const before = await counts();
      const job = await importJob(fileOf(2500, 'GOOD'));
      const states: Job[] = [];
      const end = await jobEnded(app, job.id, coordinator, states);
      expect(end).toMatchObject({ status: 'succeeded', progress: { done: 2500, total: 2500, phase: 'writing' } });
      expect((await counts()).facilities).toBe(before.facilities + 2500);
      expect((await app.inject({ url: String(end.resultUrl), headers: other })).statusCode).toBe(404);
      const result = await app.inject({ url: String(end.resultUrl), headers: coordinator });
      expect(result.json()).toEqual({ dryRun: false, rows: 2500, imported: 2500, errorCount: 0, errors: [] });
      expect((await app.inject({ url: String(end.resultUrl), headers: coordinator })).statusCode).toBe(410);
    }, 120_000);

    it('a refused file fails with its sentence, and its result is the problem with every row error, as the request would have answered', async () => {
      const before = await counts();
      const file = fileOf(1500, 'REFUSED').replace('REFUSED-700,Лікарня 700,Hospital 700,ambulatory', 'REFUSED-700,Лікарня 700,Hospital 700,castle');
      const direct = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...coordinator, 'content-type': 'text/csv' }, payload: file });
      expect(direct.statusCode).toBe(400);
      const end = await jobEnded(app, (await importJob(file)).id, coordinator);
      expect(end).toMatchObject({ status: 'failed', error: '1 problem(s) in the file; nothing was imported.' });
      const problem = await app.inject({ url: String(end.resultUrl), headers: coordinator });
      expect(problem.statusCode).toBe(400);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problem.json()).toEqual(direct.json());
      expect(problem.json<{ rowErrors: { row: number; column: string }[] }>().rowErrors.map((e) => [e.row, e.column])).toEqual([[702, 'type']]);
      expect(await counts()).toEqual(before);

      // A dry run as a job: the same findings as its result, nothing written.
      const dry = await jobEnded(app, (await importJob(file, '?dryRun=true')).id, coordinator);
      expect(dry.status).toBe('succeeded');
      expect((await app.inject({ url: String(dry.resultUrl), headers: coordinator })).json()).toMatchObject({ dryRun: true, rows: 1500, imported: 0, errorCount: 1 });
      expect(await counts()).toEqual(before);
    }, 120_000);

    it('a cancel while rows are being written rolls every step back', async () => {
      const before = await counts();
      const controller = new AbortController();
      const run = {
        ...inPlace(testDb.database),
        signal: controller.signal,
        progress: (done: number, _total: number | null, phase: string) => {
          if (phase === 'writing' && done >= 2000) controller.abort();
        },
      };
      const rows = Readable.from([fileOf(5000, 'MIDWRITE')]);
      await expect(importFacilities(testDb.database, systemContext('t'), rows, 'csv', { dryRun: false, run })).rejects.toMatchObject({ name: 'AbortError' });
      expect(await counts()).toEqual(before);
    }, 120_000);
  });
}
