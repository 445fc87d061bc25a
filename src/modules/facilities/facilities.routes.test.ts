import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Facility, FacilityList } from './facilities.schema.js';

for (const dialect of DIALECTS) {
  describe(`facilities API on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let analyst: { authorization: string };

    const counts = async () => {
      const db = testDb.database.db;
      const f = await db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const h = await db.selectFrom('facility_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const a = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { facilities: Number(f.n), history: Number(h.n), audit: Number(a.n) };
    };
    const create = async (overrides: Parameters<typeof buildFacility>[0] = {}) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: coordinator, payload: buildFacility(overrides) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Facility>();
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('creates, reads, updates with optimistic concurrency and closes a facility, keeping its history', async () => {
      const created = await create({ nameUk: 'Лікарня Святого Луки', nameEn: 'St Luke hospital' });
      expect(created.version).toBe(1);
      expect(created.coordinatePrecision).toBe('exact');
      expect(created.oblastIso).toBe('UA-46');

      const read = await app.inject({ headers: analyst, url: `/api/v1/facilities/${created.id}` });
      expect(read.statusCode).toBe(200);
      // Below coordinator-in-scope, coordinates are rounded to 0.1° (DESIGN §5); anonymous callers see no facility at all.
      expect((await app.inject({ url: `/api/v1/facilities/${created.id}` })).statusCode).toBe(401);
      expect(read.json<Facility>()).toMatchObject({ lat: 49.8, lon: 24, coordinatePrecision: 'rounded' });

      const updated = await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${created.id}`, headers: coordinator, payload: { version: 1, beds: 150, services: ['surgery'] } });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json<Facility>()).toMatchObject({ beds: 150, version: 2, services: ['surgery'] });

      const stale = await app.inject({ method: 'PATCH', url: `/api/v1/facilities/${created.id}`, headers: coordinator, payload: { version: 1, beds: 10 } });
      expect(stale.statusCode).toBe(409);
      expect(stale.headers['content-type']).toContain('application/problem+json');
      expect(stale.json()).toMatchObject({ status: 409, currentVersion: 2 });

      const closed = await app.inject({ method: 'POST', url: `/api/v1/facilities/${created.id}/close`, headers: coordinator, payload: { version: 2, closedOn: '2024-03-01', reason: 'destroyed by shelling' } });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json<Facility>()).toMatchObject({ closedOn: '2024-03-01', version: 3 });

      const history = await app.inject({ url: `/api/v1/facilities/${created.id}/history`, headers: coordinator });
      const items = history.json<{ items: { version: number; action: string; change: Record<string, { from: unknown; to: unknown }> }[] }>().items;
      expect(items.map((i) => i.action)).toEqual(['create', 'update', 'close']);
      expect(items[1]?.change.beds).toEqual({ from: 120, to: 150 });
      expect(items[2]?.change.closed_on).toEqual({ from: null, to: '2024-03-01' });

      // A closed facility is still readable but leaves the default (open) list.
      const list = await app.inject({ headers: analyst, url: `/api/v1/facilities?q=${encodeURIComponent('святого луки')}` });
      expect(list.json<FacilityList>().items).toHaveLength(0);
      const all = await app.inject({ headers: analyst, url: `/api/v1/facilities?status=all&q=${encodeURIComponent('СВЯТОГО ЛУКИ')}` });
      expect(all.json<FacilityList>().items.map((f) => f.id)).toEqual([created.id]);
    });

    it('refuses bad input with every failing field named, and writes nothing', async () => {
      const before = await counts();
      const cases: { payload: unknown; paths: string[] }[] = [
        { payload: { nameUk: 'x' }, paths: ['/code', '/nameEn', '/type', '/tier', '/ownership', '/areaKatottg', '/lat', '/lon'] },
        { payload: buildFacility({ beds: 'many' as unknown as number, lat: 'north' as unknown as number }), paths: ['/beds', '/lat'] },
        { payload: buildFacility({ type: 'castle' as never }), paths: ['/type'] },
        { payload: { ...buildFacility(), colour: 'red' }, paths: ['/colour'] },
        { payload: buildFacility({ lat: 10 }), paths: ['/lat'] },
        { payload: buildFacility({ services: ['sorcery' as never] }), paths: ['/services/0'] },
      ];
      for (const c of cases) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: coordinator, payload: c.payload as object });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
        for (const p of c.paths) expect(paths, JSON.stringify(c.payload)).toContain(p);
      }
      const unknownArea = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: coordinator, payload: buildFacility({ areaKatottg: 'UA99000000000000000' }) });
      expect(unknownArea.statusCode).toBe(400);
      expect(unknownArea.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/areaKatottg');
      const malformed = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { ...coordinator, 'content-type': 'application/json' }, payload: '{"code": "A1",' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ status: 400, title: 'The body is not valid JSON' });
      const huge = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { ...coordinator, 'content-type': 'application/json' }, payload: JSON.stringify({ ...buildFacility(), nameEn: 'x'.repeat(2_000_000) }) });
      expect(huge.statusCode).toBe(413);
      expect(huge.body).not.toContain('at ');
      const badPatch = await app.inject({ method: 'PATCH', url: '/api/v1/facilities/01900000-0000-7000-8000-000000000000', headers: coordinator, payload: { beds: -1 } });
      expect(badPatch.statusCode).toBe(400);
      expect(badPatch.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['/beds', '/version']);
      expect(await counts()).toEqual(before);
    });

    it('answers unknown ids and routes with 404, and keeps writes to permitted roles', async () => {
      const before = await counts();
      const missing = await app.inject({ headers: analyst, url: '/api/v1/facilities/01900000-0000-7000-8000-000000000000' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ status: 404, title: 'Not found' });
      expect((await app.inject({ headers: analyst, url: '/api/v1/facilities/not-a-uuid' })).statusCode).toBe(400);
      expect((await app.inject({ headers: analyst, url: '/api/v1/nothing-here' })).statusCode).toBe(404);
      const anonymous = await app.inject({ method: 'POST', url: '/api/v1/facilities', payload: buildFacility() });
      expect(anonymous.statusCode).toBe(401);
      const forbidden = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: analyst, payload: buildFacility() });
      expect(forbidden.statusCode).toBe(403);
      const badToken = await app.inject({ url: '/api/v1/facilities', headers: { authorization: 'Bearer cb_nope' } });
      expect(badToken.statusCode).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('gives anonymous callers only the public summary by oblast and type', async () => {
      await create({ type: 'blood_center', areaKatottg: 'UA05000000000010236' });
      expect((await app.inject({ url: '/api/v1/facilities' })).statusCode).toBe(401);
      const summary = await app.inject({ url: '/api/v1/facilities/summary' });
      expect(summary.statusCode).toBe(200);
      const items = summary.json<{ items: { oblastIso: string; type: string; count: number }[] }>().items;
      expect(items).toContainEqual({ oblastIso: 'UA-05', type: 'blood_center', count: 1 });
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(['count', 'oblastIso', 'type']);
    });

    it('filters by area with its sub-areas, type, tier and text, sorts, and pages with a cursor', async () => {
      const tag = `P${Date.now().toString(36)}`;
      const made: Facility[] = [];
      for (let i = 0; i < 7; i++) {
        made.push(await create({ nameEn: `${tag} clinic ${i}`, nameUk: `${tag} клініка ${i}`, beds: 10 * (i % 4), type: i % 2 === 0 ? 'maternity' : 'ambulatory', areaKatottg: i < 5 ? 'UA46000000000026241' : 'UA63000000000041885' }));
      }
      const page = async (query: string) => (await app.inject({ headers: analyst, url: `/api/v1/facilities?q=${tag}&${query}` })).json<FacilityList>();
      expect((await page('area=UA-46')).items).toHaveLength(5);
      expect((await page('area=UA63000000000041885')).items).toHaveLength(2);
      expect((await page('type=maternity')).items.every((f) => f.type === 'maternity')).toBe(true);
      expect((await page('type=maternity&type=ambulatory')).items).toHaveLength(7);
      expect((await page('tier=tertiary')).items).toHaveLength(0);
      const byBeds = (await page('sort=-beds')).items.map((f) => f.beds);
      expect(byBeds).toEqual([...byBeds].sort((a, b) => b - a));

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: FacilityList = await page(`sort=beds&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
        seen.push(...res.items.map((f) => f.id));
        cursor = res.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      const bad = await app.inject({ headers: analyst, url: `/api/v1/facilities?sort=beds&cursor=garbage` });
      expect(bad.statusCode).toBe(400);
    });

    it('reads several facilities by id in one request, within the caller’s scope only', async () => {
      const lviv = await create({ areaKatottg: 'UA46000000000026241' });
      const kharkiv = await create({ areaKatottg: 'UA63000000000041885' });
      const closed = await create({ areaKatottg: 'UA46000000000026241' });
      const shut = await app.inject({ method: 'POST', url: `/api/v1/facilities/${closed.id}/close`, headers: coordinator, payload: { version: 1, closedOn: '2024-03-01', reason: 'destroyed by shelling' } });
      expect(shut.statusCode, shut.body).toBe(200);
      const unknown = '01900000-0000-7000-8000-0000000000ee';
      const named = [lviv.id, kharkiv.id, closed.id, unknown];
      const ids = async (headers: { authorization: string }, extra = '') => {
        const res = await app.inject({ headers, url: `/api/v1/facilities?${named.map((id) => `id=${id}`).join('&')}&status=all${extra}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<FacilityList>().items.map((f) => f.id).sort();
      };
      // An unknown id is simply not there; a closed facility is there when the status filter allows it.
      expect(await ids(analyst)).toEqual([lviv.id, kharkiv.id, closed.id].sort());
      const open = await app.inject({ headers: analyst, url: `/api/v1/facilities?id=${lviv.id}&id=${closed.id}` });
      expect(open.json<FacilityList>().items.map((f) => f.id)).toEqual([lviv.id]);
      // One id alone is a list of one.
      const one = await app.inject({ headers: analyst, url: `/api/v1/facilities?id=${kharkiv.id}` });
      expect(one.json<FacilityList>().items.map((f) => f.id)).toEqual([kharkiv.id]);

      // Naming a facility does not reach past the scope: a reporter gets only its own, a Lviv coordinator's work list only Lviv's.
      const reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [lviv.id] })).headers;
      expect(await ids(reporter)).toEqual([lviv.id]);
      const lvivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: ['UA46000000000026241'] })).headers;
      expect(await ids(lvivCoordinator, '&scope=work')).toEqual([lviv.id, closed.id].sort());

      const refused = async (query: string) => {
        const res = await app.inject({ headers: analyst, url: `/api/v1/facilities?${query}` });
        expect(res.statusCode, res.body).toBe(400);
        return res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
      };
      expect(await refused(`id=${lviv.id}&id=not-a-uuid`)).toEqual(['/querystring/id/1']);
      const tooMany = Array.from({ length: 101 }, (_, i) => `id=01900000-0000-7000-8000-${i.toString().padStart(12, '0')}`).join('&');
      expect(await refused(tooMany)).toEqual(['/querystring/id']);
    });

    it('finds facilities in a raion when the filter names its oblast (sub-areas included)', async () => {
      await testDb.database.db
        .insertInto('areas')
        .values({ katottg: 'UA46020000000051776', level: 2, parent_katottg: 'UA46000000000026241', path: 'UA46000000000026241/UA46020000000051776/', category: 'P', iso3166_2: null, pcode: null, name_uk: 'Тестовий', name_en: null, geometry: null })
        .execute();
      const tag = `R${Date.now().toString(36)}`;
      await create({ nameEn: `${tag} raion clinic`, areaKatottg: 'UA46020000000051776' });
      const inOblast = (await app.inject({ headers: analyst, url: `/api/v1/facilities?q=${tag}&area=UA-46` })).json<FacilityList>();
      expect(inOblast.items).toHaveLength(1);
      const inRaion = (await app.inject({ headers: analyst, url: `/api/v1/facilities?q=${tag}&area=UA46020000000051776` })).json<FacilityList>();
      expect(inRaion.items).toHaveLength(1);
      const elsewhere = (await app.inject({ headers: analyst, url: `/api/v1/facilities?q=${tag}&area=UA-63` })).json<FacilityList>();
      expect(elsewhere.items).toHaveLength(0);
    });

    it('replays a write sent twice with the same Idempotency-Key, and refuses the key with another body', async () => {
      const before = await counts();
      const key = '01900000-0000-7000-8000-0000000000aa';
      const body = buildFacility();
      const first = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { ...coordinator, 'idempotency-key': key }, payload: body });
      const second = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { ...coordinator, 'idempotency-key': key }, payload: body });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.headers['idempotent-replay']).toBe('true');
      expect(second.json<Facility>().id).toBe(first.json<Facility>().id);
      const other = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: { ...coordinator, 'idempotency-key': key }, payload: buildFacility() });
      expect(other.statusCode).toBe(409);
      expect((await counts()).facilities).toBe(before.facilities + 1);
    });

    it('exports CSV, GeoJSON and XLSX, with coordinates rounded for those who may not see them exactly', async () => {
      const f = await create({ nameEn: 'Export, "quoted" hospital', lat: 50.12345, lon: 30.54321, areaKatottg: 'UA32000000000030281' });
      const csv = await app.inject({ headers: analyst, url: '/api/v1/facilities/export?format=csv&area=UA-32' });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('"Export, ""quoted"" hospital"');
      expect(csv.body).toContain(',50.1,30.5,');
      const exact = await app.inject({ url: '/api/v1/facilities/export?format=csv&area=UA-32', headers: coordinator });
      expect(exact.body).toContain(',50.12345,30.54321,');
      const geo = await app.inject({ headers: analyst, url: '/api/v1/facilities/export?format=geojson&area=UA-32' });
      const fc = geo.json<{ type: string; features: { geometry: { coordinates: number[] }; properties: { id: string } }[] }>();
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.find((x) => x.properties.id === f.id)?.geometry.coordinates).toEqual([30.5, 50.1]);
      // Both codes a reader joins on: OCHA's P-code (HDX) and KATOTTG (the Ministry's registers).
      expect(fc.features.find((x) => x.properties.id === f.id)?.properties).toMatchObject({ adm1Pcode: 'UA32', adm1Katottg: 'UA32000000000030281' });
      const xlsx = await app.inject({ headers: analyst, url: '/api/v1/facilities/export?format=xlsx&area=UA-32' });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });
}
