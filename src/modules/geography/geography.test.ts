import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { systemContext } from '../../context.js';
import type { AreaList } from './geography.schema.js';
import { importBoundaries, importKatottg } from './geography.import.js';

const SHARED = '../shared/data/geo';
const codifier = `${SHARED}/katottg-2025-05-16.csv`;

/** The reference list, read from shared/ so the seed can be checked against the facts. */
const reference = fs
  .readFileSync(`${SHARED}/ua-oblast-codes.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [iso, pcode, katottg, nameUk, nameEn, differ] = line.trim().split(',');
    return { iso, pcode, katottg, nameUk, nameEn, differ: differ?.trim() === 'YES' };
  });

for (const dialect of DIALECTS) {
  describe(`geography on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('has the 27 first-level units with ISO, P-code, KATOTTG and both names after migration', async () => {
      const res = await app.inject({ url: '/api/v1/areas?level=1' });
      const items = res.json<AreaList>().items;
      expect(items).toHaveLength(27);
      for (const ref of reference) {
        const area = items.find((a) => a.katottg === ref.katottg);
        expect(area, ref.iso).toMatchObject({ iso3166_2: ref.iso, pcode: ref.pcode, nameUk: ref.nameUk, nameEn: ref.nameEn, level: 1 });
      }
      // The five whose numbers differ must not be derived from each other.
      const differ = reference.filter((r) => r.differ);
      expect(differ.map((r) => r.iso)).toEqual(['UA-09', 'UA-30', 'UA-40', 'UA-43', 'UA-77']);
      for (const r of differ) expect(items.find((a) => a.iso3166_2 === r.iso)?.pcode).not.toBe(r.iso?.replace('-', ''));
    });

    it('imports raions and hromadas from the official codifier, idempotently', async () => {
      const first = await importKatottg(testDb.database, systemContext('t'), fs.createReadStream(codifier));
      expect(first.raions).toBe(136);
      expect(first.hromadas).toBe(1772);
      const again = await importKatottg(testDb.database, systemContext('t'), fs.createReadStream(codifier));
      expect(again.totalByLevel).toEqual({ 1: 27, 2: 136, 3: 1772 });
      const lviv = (await app.inject({ url: '/api/v1/areas?level=2&parent=UA46000000000026241' })).json<AreaList>().items;
      expect(lviv.length).toBe(7);
      expect(lviv.every((a) => a.parentKatottg === 'UA46000000000026241')).toBe(true);
    }, 60_000);

    it('refuses a codifier with bad rows, naming them, and writes nothing', async () => {
      const { Readable } = await import('node:stream');
      const bad = 'h1;h2;h3;h4;h5;cat;name\nUA46000000000026241;UA4602;;;;P;Broken\nUA99000000000000000;UA99020000000000000;;;;P;Nowhere\n';
      const before = await testDb.database.db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await expect(importKatottg(testDb.database, systemContext('t'), Readable.from([bad]))).rejects.toMatchObject({
        extra: { rowErrors: [{ row: 2, column: 'level2' }, { row: 3, column: 'level1' }] },
      });
      const after = await testDb.database.db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('attaches oblast boundaries by ISO code and refuses features it cannot match', async () => {
      const app = await appFor(testDb);
      const shapes = async () => {
        const res = await app.inject({ method: 'GET', url: '/api/v1/areas/boundaries' });
        expect(res.headers['content-type']).toContain('application/geo+json');
        return res.json<{ features: { properties: { iso: string; shape: string }; geometry: { type: string } }[] }>().features;
      };
      // Before boundaries are loaded, anyone gets each oblast's centre, so maps can still colour by area.
      const before = await shapes();
      expect(before).toHaveLength(27);
      expect(new Set(before.map((f) => `${f.properties.shape}/${f.geometry.type}`))).toEqual(new Set(['centre/Point']));
      const text = fs.readFileSync(`${SHARED}/ua-adm1-geoboundaries-simplified.geojson`, 'utf8');
      expect(await importBoundaries(testDb.database, systemContext('t'), text)).toEqual({ matched: 27 });
      const after = await shapes();
      expect(after.find((f) => f.properties.iso === 'UA-30')?.geometry.type).toMatch(/Polygon/);
      expect(after.every((f) => f.properties.shape === 'boundary')).toBe(true);
      await app.close();
      const row = await testDb.database.db.selectFrom('areas').select('geometry').where('iso3166_2', '=', 'UA-30').executeTakeFirstOrThrow();
      expect((JSON.parse(row.geometry ?? '{}') as { type?: string }).type).toMatch(/Polygon/);
      const bad = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { shapeISO: 'XX-1' }, geometry: { type: 'Polygon', coordinates: [] } }] });
      await expect(importBoundaries(testDb.database, systemContext('t'), bad)).rejects.toMatchObject({ code: 'import_failed' });
      await expect(importBoundaries(testDb.database, systemContext('t'), '{not json')).rejects.toMatchObject({ code: 'import_failed' });
    });
  });
}
