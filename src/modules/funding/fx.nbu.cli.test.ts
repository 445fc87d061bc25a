import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carebridge } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';

/**
 * Issue 18 item 7 on the command line: `carebridge import fx --format nbu FILE.json` in a child process, with a
 * file shaped as bank.gov.ua publishes it (UAH per unit; see fx.nbu.test.ts for the API route).
 */
const NBU_FILE = [
  { r030: 840, txt: 'Долар США', rate: 41.2834, cc: 'USD', exchangedate: '02.12.2026' },
  { r030: 978, txt: 'Євро', rate: 44.8012, cc: 'EUR', exchangedate: '02.12.2026' },
  { r030: 392, txt: 'Єна', rate: 0.27551, cc: 'JPY', exchangedate: '02.12.2026' },
];

for (const dialect of DIALECTS) {
  describe(`carebridge import fx --format nbu on ${dialect}`, () => {
    let t: TestDatabase;
    let dir = '';
    const rates = async () => t.database.db.selectFrom('fx_rates').select(['currency', 'rate_date', 'rate_per_usd', 'source']).orderBy('currency').execute();
    const write = (name: string, content: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    };
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-nbu-cli-'));
    });
    afterAll(async () => {
      await t.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a bad file naming the item and field, exit code 2, and stores nothing', async () => {
      const env = { DATABASE_URL: t.url };
      const missingCc = await carebridge(env, ['import', 'fx', '--format', 'nbu', write('missing-cc.json', NBU_FILE.map((r, i) => (i === 1 ? { ...r, cc: undefined } : r)))]);
      expect(missingCc.code).toBe(2);
      expect(missingCc.stderr).toContain('row 2, column cc: is required');
      const truncated = await carebridge(env, ['import', 'fx', '--format', 'nbu', write('truncated.json', JSON.stringify(NBU_FILE).slice(0, 80))]);
      expect(truncated.code).toBe(2);
      expect(truncated.stderr).toMatch(/^error: /);
      expect(await rates()).toEqual([]);
    }, 300_000);

    it('stores the rates per USD with the NBU as the source', async () => {
      const r = await carebridge({ DATABASE_URL: t.url }, ['import', 'fx', '--format', 'nbu', write('rates.json', NBU_FILE)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('Imported 3 FX rates.\n');
      const source = 'National Bank of Ukraine (official rate)';
      // UAH per USD as published; EUR and JPY per USD through the day's UAH rate (41.2834 / 44.8012, 41.2834 / 0.27551), to ten decimals.
      expect(await rates()).toEqual([
        { currency: 'EUR', rate_date: '2026-12-02', rate_per_usd: '0.9214797818', source },
        { currency: 'JPY', rate_date: '2026-12-02', rate_per_usd: '149.8435628471', source },
        { currency: 'UAH', rate_date: '2026-12-02', rate_per_usd: '41.2834', source },
      ]);
    }, 300_000);
  });
}
