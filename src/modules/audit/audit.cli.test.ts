import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carebridge } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { createFacility } from '../facilities/facilities.service.js';

/** At least 32 characters, as the configuration requires. */
const KEY = 'cli-test-audit-key-0123456789abcdef';

/**
 * `carebridge audit checkpoint` and `carebridge audit verify --checkpoint FILE` as an operator runs them:
 * the real command in a child process, the checkpoint kept in a file outside the database.
 */
for (const dialect of DIALECTS) {
  describe(`carebridge audit on ${dialect}`, () => {
    let testDb: TestDatabase;
    let dir: string;
    const run = (...args: string[]) => carebridge({ DATABASE_URL: testDb.url, CAREBRIDGE_AUDIT_KEY: KEY }, args);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-audit-cli-'));
      for (let i = 0; i < 12; i++) await createFacility(testDb.database, systemContext('t'), buildFacility());
    });
    afterAll(async () => {
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('verify passes against the printed checkpoint on an untouched log, and names the missing range after the last events are deleted', async () => {
      const taken = await run('audit', 'checkpoint');
      expect(taken.code, taken.stderr).toBe(0);
      const head = Number((await testDb.database.db.selectFrom('audit_events').select((e) => e.fn.max('seq').as('head')).executeTakeFirstOrThrow()).head);
      expect(taken.stderr).toContain(`Checkpoint of event ${head} signed and stored`);
      const line = taken.stdout.trim();
      expect(JSON.parse(line)).toMatchObject({ seq: head, hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, mac: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
      const file = path.join(dir, 'checkpoint.json');
      fs.writeFileSync(file, line);

      const intact = await run('audit', 'verify', '--checkpoint', file);
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toContain(`Audit log intact: ${head} events.`);

      // Whoever can write the database deletes the last three events and the checkpoint stored for them.
      await testDb.database.db.deleteFrom('audit_events').where('seq', '>', head - 3).execute();
      await testDb.database.db.deleteFrom('audit_checkpoints').where('seq', '>', head - 3).execute();
      // The database alone now looks whole; the file kept outside does not.
      const alone = await run('audit', 'verify');
      expect(alone.code, alone.stderr).toBe(0);
      const cut = await run('audit', 'verify', '--checkpoint', file);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain(`Audit log BROKEN at event ${head - 2}: events ${head - 2}–${head} are missing: the checkpoint kept outside says the log reached event ${head}.`);
    }, 180_000);

    it('refuses a checkpoint file that does not exist or is not a checkpoint, naming the problem', async () => {
      const missing = await run('audit', 'verify', '--checkpoint', path.join(dir, 'nope.json'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('No such checkpoint file');
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, '{"seq":-1,"hash":"xyz","mac":null,"at":"now"}');
      const malformed = await run('audit', 'verify', '--checkpoint', bad);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('/seq must be a whole number');
      expect(malformed.stderr).toContain('/hash must be 64 lower-case hex digits');
    }, 120_000);
  });
}
