import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { carebridge } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';

/**
 * Issue 18 item 1, the IATI import's options as users call them: `?skipInvalid=true` and `?country=` on
 * POST /api/v1/projects/import/iati, and `carebridge import iati FILE --skip-invalid --country XX` in a child
 * process. Read with real files published by others: UNDP's one Gabon activity, refused by the schema (a
 * `condition` without `@type`), and the Netherlands' 13 activities, one of them for Ukraine.
 */
const UNDP = path.resolve('../shared/data/interop/iati/undp-gabon-error_at_70076.xml');
const NL = path.resolve('../shared/data/interop/iati/nl-dgis-example_203_file.xml');
const CONDITION = { row: 1, column: 'conditions[1]/condition[41]/@type', message: 'activity XM-DAC-41114-PROJECT-00042420: is required by the IATI schema (condition without type)' };
const NL_UKRAINE = 'XM-DAC-7-PPR-28250';

const identifiers = async (t: TestDatabase) => (await t.database.db.selectFrom('projects').select('iati_identifier').execute()).map((p) => p.iati_identifier);
const organizations = async (t: TestDatabase) => (await t.database.db.selectFrom('organizations').select('id').execute()).length;

for (const dialect of DIALECTS) {
  describe(`IATI import options on ${dialect}`, () => {
    let api: TestDatabase;
    let cli: TestDatabase;
    let app: FastifyInstance;
    let post: (query: string, file: string) => Promise<{ statusCode: number; body: string; json: <T>() => T }>;
    beforeAll(async () => {
      api = await createTestDatabase(dialect);
      cli = await createTestDatabase(dialect);
      app = await appFor(api);
      const { headers } = await userWithToken(api.database, 'admin');
      post = (query, file) => app.inject({ method: 'POST', url: `/api/v1/projects/import/iati${query}`, headers: { ...headers, 'content-type': 'application/xml' }, payload: fs.readFileSync(file, 'utf8') });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await api.drop();
      await cli.drop();
    });

    it('API: refuses the UNDP file naming its condition; ?skipInvalid=true reports it and imports the rest (none); ?country= leaves other countries out', async () => {
      const orgsBefore = await organizations(api);
      const refused = await post('', UNDP);
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ rowErrors: unknown[] }>().rowErrors).toEqual([CONDITION]);
      expect(await post('?skipInvalid=true', UNDP).then((r) => r.json<unknown>())).toMatchObject({ dryRun: false, activities: 0, skipped: 1, errorCount: 1, errors: [CONDITION] });
      // The activity is for Gabon: with ?country=UA it is left out unread, so the file has nothing to refuse.
      expect(await post('?country=UA', UNDP).then((r) => r.json<unknown>())).toMatchObject({ activities: 0, skipped: 1, errorCount: 0, errors: [] });
      expect(await post('?skipInvalid=true&country=GA', UNDP).then((r) => r.json<unknown>())).toMatchObject({ activities: 0, skipped: 1, errorCount: 1, errors: [CONDITION] });
      expect([await identifiers(api), await organizations(api)]).toEqual([[], orgsBefore]);

      const ukraine = await post('?skipInvalid=true&country=ua', NL);
      expect(ukraine.statusCode, ukraine.body).toBe(200);
      expect(ukraine.json()).toMatchObject({ activities: 1, skipped: 12, errorCount: 0 });
      expect(await identifiers(api)).toEqual([NL_UKRAINE]);
      const notACode = await post('?country=Ukraine', NL);
      expect(notACode.statusCode).toBe(400);
      expect(await identifiers(api)).toEqual([NL_UKRAINE]);
    }, 120_000);

    it('CLI: carebridge import iati FILE --skip-invalid --country XX, as an operator runs it', async () => {
      const env = { DATABASE_URL: cli.url };
      const refused = await carebridge(env, ['import', 'iati', UNDP]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('1 problem(s) in the IATI file; nothing was imported. Add --skip-invalid');
      expect(refused.stderr).toContain(`row 1, column ${CONDITION.column}: ${CONDITION.message}`);

      const skipped = await carebridge(env, ['import', 'iati', UNDP, '--skip-invalid', '--country', 'GA']);
      expect(skipped.code).toBe(2);
      expect(skipped.stderr).toContain(`row 1, column ${CONDITION.column}: ${CONDITION.message}`);
      expect(skipped.stdout).toContain('Imported 0 IATI activities, 0 transactions; 0 new organisations; 1 left out;');

      const otherCountry = await carebridge(env, ['import', 'iati', UNDP, '--skip-invalid', '--country', 'UA']);
      expect(otherCountry.code, otherCountry.stderr).toBe(0);
      expect(otherCountry.stderr).not.toContain('condition');
      expect(otherCountry.stdout).toContain('Imported 0 IATI activities, 0 transactions; 0 new organisations; 1 left out;');
      expect([await identifiers(cli), await organizations(cli)]).toEqual([[], 0]);

      const ukraine = await carebridge(env, ['import', 'iati', NL, '--skip-invalid', '--country', 'ua']);
      expect(ukraine.code, ukraine.stderr).toBe(0);
      expect(ukraine.stdout).toMatch(/^Imported 1 IATI activities, \d+ transactions; [1-9]\d* new organisations; 12 left out;/);
      expect(await identifiers(cli)).toEqual([NL_UKRAINE]);
    }, 300_000);
  });
}
