import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { databaseStats } from '../db/stats.repository.js';
import { statsText } from './stats-command.js';

const run = promisify(execFile);

for (const dialect of DIALECTS) {
  describe(`carebridge stats on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      // A table made large on purpose, so its size and rows must stand out above the empty ones.
      await testDb.database.db.insertInto('fx_rates').values(Array.from({ length: 2000 }, (_, i) => ({ id: `r${i}`, currency: 'EUR', rate_date: `${2000 + Math.floor(i / 365)}-01-${String((i % 28) + 1).padStart(2, '0')}-${i}`, rate_per_usd: '0.9', source: 'x'.repeat(200), created_at: '2024-01-01T00:00:00Z' }))).execute();
    });
    afterAll(async () => {
      await testDb.drop();
    });

    it('reports every table with its exact row count and its size, the largest first', async () => {
      const stats = await databaseStats(testDb.database);
      const fx = stats.tables.find((t) => t.table === 'fx_rates');
      expect(fx?.rows).toBe(2000);
      // 2,000 rows of more than 200 bytes: at least 400 KB with the unique index.
      expect(fx?.bytes).toBeGreaterThan(400_000);
      expect(stats.tables.find((t) => t.table === 'transactions')?.rows).toBe(0);
      expect(stats.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['facilities', 'audit_events', 'funding_rollups']));
      expect(stats.tables[0]?.bytes).toBeGreaterThanOrEqual(fx?.bytes ?? 0);
      expect(stats.totalBytes).toBeGreaterThanOrEqual(stats.tables.reduce((n, t) => n + t.bytes, 0));
      expect(statsText(stats)).toMatch(/^fx_rates\s+2000\s+\d+\.\d\s+\d+\.\d%$/m);
    });

    it('is a command of the CLI', async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), 'stats'], { env: { ...process.env, DATABASE_URL: testDb.url } });
      expect(stdout).toMatch(/^table\s+rows\s+MiB\s+share$/m);
      expect(stdout).toMatch(/^fx_rates\s+2000\s/m);
      expect(stdout).toMatch(new RegExp(`Database \\(${dialect}\\) takes [0-9.]+ MiB in all`));
    }, 60_000);
  });
}
