import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { createFacility } from '../facilities/facilities.service.js';
import { carebridge as runCli, type CliResult } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';


/** The real command in a child process, as an operator would run it. */
async function carebridge(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return runCli({ DATABASE_URL: databaseUrl }, args);
}

for (const dialect of DIALECTS) {
  describe(`carebridge import status-reports on ${dialect}`, () => {
    let testDb: TestDatabase;
    let dir = '';
    const reports = async () => Number((await testDb.database.db.selectFrom('status_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-status-cli-'));
      await createFacility(testDb.database, systemContext('test'), buildFacility({ code: 'CLI-STATUS-1', services: ['surgery'] }));
      fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ facilityCode: 'Код', observedAt: 'Дата', buildingCondition: 'Будівля', functionality: 'Робота', accessibility: 'Доступ', powerSource: 'Живлення', 'services.surgery': 'Хірургія' }));
      fs.writeFileSync(path.join(dir, 'good.csv'), 'Код;Дата;Будівля;Робота;Доступ;Живлення;Хірургія\nCLI-STATUS-1;2025-03-01;not_damaged;fully;fully;grid;available\n');
      fs.writeFileSync(path.join(dir, 'bad.csv'), 'Код;Дата;Будівля;Робота;Доступ;Живлення;Хірургія\nCLI-STATUS-1;2025-03-08;not_damaged;fully;fully;grid;available\nCLI-STATUS-1;2025-03-15;rubble;fully;fully;grid;available\n');
      fs.writeFileSync(path.join(dir, 'broken.json'), '{"facilityCode": ');
    }, 60_000);
    afterAll(async () => {
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports with a mapping file, names bad rows on stderr with exit code 2, and writes nothing then', async () => {
      const mapping = path.join(dir, 'mapping.json');
      const bad = await carebridge(testDb.url, 'import', 'status-reports', path.join(dir, 'bad.csv'), '--mapping', mapping);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('row 3, column Будівля: "rubble" is not one of');
      expect(await reports()).toBe(0);
      const dry = await carebridge(testDb.url, 'import', 'status-reports', path.join(dir, 'good.csv'), '--mapping', mapping, '--dry-run');
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('Dry run: 1 rows, 0 problem(s); nothing written.');
      expect(await reports()).toBe(0);
      const good = await carebridge(testDb.url, 'import', 'status-reports', path.join(dir, 'good.csv'), '--mapping', mapping);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain('Imported 1 status reports.');
      expect(await reports()).toBe(1);
      const broken = await carebridge(testDb.url, 'import', 'status-reports', path.join(dir, 'good.csv'), '--mapping', path.join(dir, 'broken.json'));
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('is not JSON');
      expect(await reports()).toBe(1);
    }, 120_000);
  });
}
