import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carebridge as runCli, type CliResult } from '../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { buildFacility } from '../../test/support/factories.js';
import { tableChecksums } from '../../test/support/table-checksums.js';
import { systemContext } from '../context.js';
import { createToken, createUser } from '../modules/access/access.service.js';
import { configureAuditSigning } from '../modules/audit/audit.checkpoints.js';
import { verifyAudit } from '../modules/audit/audit.service.js';
import { createFacility } from '../modules/facilities/facilities.service.js';
import { backupDatabase, restoreDatabase, type BackupTarget } from './backup.js';

const KEY = 'backup-test-key-0123456789abcdef0123456789';

const targetOf = (t: TestDatabase): BackupTarget => ({ kind: t.kind, url: t.url, sqlitePath: t.kind === 'sqlite' ? t.url.slice('sqlite:'.length) : undefined });

/** The real command in a child process, as an operator runs it. */
async function carebridge(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return runCli(env, args);
}

for (const dialect of DIALECTS) {
  describe(`backup and restore on ${dialect}`, () => {
    let source: TestDatabase;
    let dir: string;
    const ctx = systemContext('t');
    beforeAll(async () => {
      configureAuditSigning({ key: KEY, every: 5 });
      source = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-backup-'));
      for (let i = 0; i < 25; i++) await createFacility(source.database, ctx, buildFacility());
      await createUser(source.database, ctx, { email: 'backup@example.org', name: 'Backup', memberships: [{ role: 'admin', organizationId: null }], password: 'a long passphrase here' });
      await createToken(source.database, ctx, { email: 'backup@example.org', name: 'script' });
    });
    afterAll(async () => {
      configureAuditSigning({ key: undefined, every: 100 });
      await source.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('round trip: the restored database equals the source table by table, and its audit log verifies', async () => {
      const file = path.join(dir, 'round-trip.bak');
      const seen: number[] = [];
      const { bytes } = await backupDatabase(targetOf(source), file, { onProgress: (done) => seen.push(done) });
      expect(bytes).toBeGreaterThan(0);
      expect(seen.length).toBeGreaterThan(0);
      expect(fs.existsSync(`${file}.partial`)).toBe(false);

      const target = await createTestDatabase(dialect);
      try {
        await restoreDatabase(targetOf(target), file);
        const expected = await tableChecksums(source.database);
        expect(expected.facilities?.rows).toBe(25);
        expect(expected.audit_checkpoints?.rows).toBeGreaterThan(0);
        expect(await tableChecksums(target.database)).toEqual(expected);
        expect(await verifyAudit(target.database.db, { key: KEY })).toMatchObject({ ok: true, checkpoints: { macsChecked: true } });

        // A database with data is refused and left as it was; --force replaces it.
        const before = await tableChecksums(target.database);
        await createFacility(source.database, ctx, buildFacility());
        const newer = path.join(dir, 'newer.bak');
        await backupDatabase(targetOf(source), newer);
        await expect(restoreDatabase(targetOf(target), newer)).rejects.toMatchObject({ code: 'conflict', detail: expect.stringMatching(/^The database is not empty \(.*facilities: 25 rows.*add --force/) as unknown });
        expect(await tableChecksums(target.database)).toEqual(before);
        await restoreDatabase(targetOf(target), newer, { force: true });
        expect(await tableChecksums(target.database)).toEqual(await tableChecksums(source.database));
      } finally {
        await target.drop();
      }
    });

    it('refuses to overwrite a backup, and to restore a file that is not a backup of this kind of database', async () => {
      const file = path.join(dir, 'exists.bak');
      fs.writeFileSync(file, 'not a backup');
      await expect(backupDatabase(targetOf(source), file)).rejects.toMatchObject({ code: 'validation_failed', detail: `${file} already exists: choose another name, or add --force to replace it.` });
      await expect(restoreDatabase(targetOf(source), file)).rejects.toMatchObject({ detail: `${file} is not a Carebridge backup: neither a SQLite database nor a PostgreSQL custom-format dump.` });
      const other = path.join(dir, 'other-kind.bak');
      fs.writeFileSync(other, dialect === 'sqlite' ? 'PGDMP\u0001\u000e' : 'SQLite format 3\u0000');
      await expect(restoreDatabase(targetOf(source), other)).rejects.toMatchObject({ detail: expect.stringContaining('restore it into the kind of database it came from') as unknown });
    });

    if (dialect === 'sqlite') {
      it('takes one consistent snapshot while another connection keeps writing', async () => {
        const file = path.join(dir, 'busy.bak');
        let copying = true;
        let written = 0;
        const writer = (async () => {
          // The server's own connection: it writes between the backup's steps, one request per turn of the event loop.
          while (copying) {
            await new Promise((resolve) => setImmediate(resolve));
            await createFacility(source.database, ctx, buildFacility());
            written += 1;
          }
        })();
        const steps: number[] = [];
        await backupDatabase(targetOf(source), file, { pagesPerStep: 1, onProgress: (done) => steps.push(done) }).finally(() => (copying = false));
        await writer;
        expect(written).toBeGreaterThan(5);
        expect(steps.length).toBeGreaterThan(20);

        const target = await createTestDatabase(dialect);
        try {
          await restoreDatabase(targetOf(target), file);
          const restored = await verifyAudit(target.database.db, { key: KEY });
          expect(restored.ok).toBe(true);
          // A snapshot from the middle of the writes: each facility with its audit event, the same events as the source up to there.
          const creates = await target.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'facility').where('action', '=', 'create').executeTakeFirstOrThrow();
          const facilities = await target.database.db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(Number(facilities.n)).toBe(Number(creates.n));
          const sourceHead = await verifyAudit(source.database.db, { key: KEY });
          expect(sourceHead.headSeq).toBeGreaterThan(restored.headSeq);
          const at = (db: TestDatabase) => db.database.db.selectFrom('audit_events').select('hash').where('seq', '=', restored.headSeq).executeTakeFirstOrThrow();
          expect((await at(target)).hash).toBe((await at(source)).hash);
        } finally {
          await target.drop();
        }
      });
    }

    it('from the command line, with progress, then verifies the restored audit log', async () => {
      const file = path.join(dir, 'cli.bak');
      const backup = await carebridge({ DATABASE_URL: source.url, CAREBRIDGE_AUDIT_KEY: KEY }, 'backup', '--output', file);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(new RegExp(`^Backup of the ${dialect} database written to .*cli\\.bak \\([0-9.]+ MiB\\) in [0-9.]+ s\\.\\n$`));
      expect(backup.stderr).toMatch(dialect === 'sqlite' ? /pages copied \[#+\] (\d+)\/\1\n$/ : /tables dumped \[#+\] (\d+)\/\1\n$/);
      const target = await createTestDatabase(dialect);
      try {
        const restore = await carebridge({ DATABASE_URL: target.url, CAREBRIDGE_AUDIT_KEY: KEY }, 'restore', file);
        expect(restore.code, restore.stderr).toBe(0);
        expect(restore.stdout).toMatch(/Restored .* in [0-9.]+ s\.\nAudit log intact: \d+ events\.\n\d+ signed checkpoint/);
      } finally {
        await target.drop();
      }
      if (dialect === 'postgres') {
        const missing = await carebridge({ DATABASE_URL: source.url, PATH: '/nonexistent' }, 'backup', '--output', path.join(dir, 'no-tool.bak'));
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/^error: pg_dump is not installed \(not found on the PATH\)/);
      }
    });
  });
}
