import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';
import { systemContext } from '../../src/context.js';
import { createPlan } from '../../src/modules/energy/energy.plans.js';
import { OBLASTS } from '../../src/modules/geography/oblasts.js';
import { appFor } from '../support/api-client.js';
import { DIALECTS, type TestDatabase } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const OBLAST_CENTRES = OBLASTS.map((o) => `${o.centre[0]} ${o.centre[1]}`);

/** Written from DESIGN §5, not from the presenter: who may see a named facility's exact place. */
function maySeeExact(caller: string, oblastIso: string): boolean {
  if (caller === 'admin@demo.carebridge' || caller === 'coordinator@demo.carebridge') return true;
  if (caller === 'coordinator.lviv@demo.carebridge') return oblastIso === 'UA-46';
  return false;
}

const isRounded = (x: number): boolean => Math.abs(x * 10 - Math.round(x * 10)) < 1e-9;

interface Finding {
  exact: number;
  rounded: number;
  leaks: string[];
}

/** Looks through any JSON for facility-shaped objects and GeoJSON points, and checks their coordinates. */
function inspectJson(value: unknown, caller: string, where: string, found: Finding): void {
  if (Array.isArray(value)) {
    for (const v of value) inspectJson(v, caller, where, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const point = (lat: number, lon: number, oblastIso: string, id: string) => {
    const exactHere = !isRounded(lat) || !isRounded(lon);
    if (exactHere) found.exact += 1;
    else found.rounded += 1;
    if (exactHere && !maySeeExact(caller, oblastIso)) found.leaks.push(`${where}: exact coordinates of ${id} (${oblastIso})`);
  };
  if (typeof o.lat === 'number' && typeof o.lon === 'number' && typeof o.oblastIso === 'string') point(o.lat, o.lon, o.oblastIso, String(o.id));
  const geometry = o.geometry as { type?: string; coordinates?: number[] } | undefined;
  const props = o.properties as { oblastIso?: string; id?: string } | undefined;
  if (geometry?.type === 'Point' && Array.isArray(geometry.coordinates) && props?.oblastIso !== undefined) {
    point(geometry.coordinates[1] ?? 0, geometry.coordinates[0] ?? 0, props.oblastIso, String(props.id));
  }
  for (const v of Object.values(o)) inspectJson(v, caller, where, found);
}

/**
 * Energy (issue 7, DESIGN §5): power and fuel status of a named facility, and plan assignments or generators
 * naming one, may reach only callers who may see the facility's restricted fields.
 */
const ENERGY_RESTRICTED = ['backupKw', 'deficitKw', 'fuelStockLitres', 'autonomyHours', 'fuelLitresPerDay'] as const;
const energyFound = { shown: 0, withheld: 0, leaks: [] as string[] };
function inspectEnergy(value: unknown, caller: string, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) inspectEnergy(v, caller, where);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.facilityId === 'string' && typeof o.oblastIso === 'string') {
    const power = ENERGY_RESTRICTED.filter((k) => typeof o[k] === 'number');
    const names = typeof o.generatorId === 'string' || typeof o.serial === 'string';
    if (power.length > 0 || names) {
      energyFound.shown += 1;
      if (!maySeeExact(caller, o.oblastIso)) energyFound.leaks.push(`${where}: ${power.join(', ') || 'assignment'} of facility ${o.facilityId} (${o.oblastIso})`);
    } else if (ENERGY_RESTRICTED.some((k) => k in o)) energyFound.withheld += 1;
  }
  for (const v of Object.values(o)) inspectEnergy(v, caller, where);
}

/**
 * Monitoring (issue 4, DESIGN §5): a named facility's power and fuel status in a status report, and an
 * incident's source and narrative, may reach only callers who may see the facility's restricted fields;
 * the public incident view carries no facility, place or source at all.
 */
const POWER_FIELDS = ['powerSource', 'outageHours7d', 'backupKw', 'fuelLitres'] as const;
const INCIDENT_RESTRICTED = ['source', 'narrative'] as const;
const monitoringFound = { powerShown: 0, powerWithheld: 0, sourceShown: 0, sourceWithheld: 0, leaks: [] as string[] };
function inspectMonitoring(value: unknown, caller: string, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) inspectMonitoring(v, caller, where);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (where.includes('/incidents/public')) {
    for (const k of ['facilityId', 'source', 'narrative', 'lat', 'lon', 'nameEn', 'nameUk', 'areaKatottg']) if (k in o) monitoringFound.leaks.push(`${where}: public incident carries ${k}`);
  }
  if (typeof o.oblastIso === 'string' && typeof o.id === 'string' && 'buildingCondition' in o) {
    const shown = POWER_FIELDS.filter((k) => o[k] !== null && o[k] !== undefined);
    if (shown.length > 0) {
      monitoringFound.powerShown += 1;
      if (!maySeeExact(caller, o.oblastIso)) monitoringFound.leaks.push(`${where}: ${shown.join(', ')} of report ${o.id} (${o.oblastIso})`);
    } else monitoringFound.powerWithheld += 1;
  }
  if (typeof o.oblastIso === 'string' && typeof o.id === 'string' && 'certainty' in o && 'attackTypes' in o) {
    const shown = INCIDENT_RESTRICTED.filter((k) => o[k] !== null && o[k] !== undefined);
    if (shown.length > 0) {
      monitoringFound.sourceShown += 1;
      if (!maySeeExact(caller, o.oblastIso)) monitoringFound.leaks.push(`${where}: ${shown.join(', ')} of incident ${o.id} (${o.oblastIso})`);
    } else monitoringFound.sourceWithheld += 1;
  }
  for (const v of Object.values(o)) inspectMonitoring(v, caller, where);
}

function inspectCsv(text: string, caller: string, where: string, found: Finding): void {
  const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
  for (const r of rows) inspectJson({ lat: Number(r.lat), lon: Number(r.lon), oblastIso: r.oblast_iso, id: r.id }, caller, where, found);
}

/**
 * Read routes whose ids another list gives: a review of a status report reads the report's id, a facility's energy
 * profile the facility's (the planners' list of facilities in need names them by facilityId).
 */
const ID_SOURCE: Record<string, string> = {
  '/api/v1/energy/facilities/:id/profile': '/api/v1/facilities',
  '/api/v1/reviews/status/:id': '/api/v1/status-reports',
  '/api/v1/reviews/incident/:id': '/api/v1/incidents',
  '/api/v1/partners/:id': '/api/v1/organizations',
};

/**
 * For a read route no list feeds (a job's, which only its owner knows): one id of each kind. Every id the crawl
 * had (some 800) cost 6,400 requests per such route for the same 404s.
 */
const firstIdOfEachList = (idsOfList: Map<string, Set<string>>): string[] => [...idsOfList.values()].flatMap((own) => [...own].slice(0, 1));

for (const dialect of DIALECTS) {
  describe(`no restricted field leaks on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let callers: { email: string; headers: Record<string, string> }[] = [];

    beforeAll(async () => {
      const { demo, ...created } = await createDemoDatabase(dialect, 7);
      testDb = created;
      // A plan, so plan routes have named assignments to withhold.
      await createPlan(testDb.database, systemContext('test'), { timeLimitSeconds: 2 });
      app = await appFor(testDb);
      callers = [{ email: 'anonymous', headers: {} }];
      for (const account of demo.accounts) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: account.email, password: DEMO_PASSWORD } });
        expect(res.statusCode, res.body).toBe(201);
        const cookie = res.cookies.find((c) => c.name === 'cb_session');
        callers.push({ email: account.email, headers: { cookie: `cb_session=${cookie?.value ?? ''}` } });
      }
    }, 120_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('crawls every list and read endpoint as every role and finds no exact coordinates where they may not be seen', async () => {
      const gets = app.declaredRoutes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'));
      let responses = 0;
      const totals: Finding = { exact: 0, rounded: 0, leaks: [] };
      for (const caller of callers) {
        // Ids from every list, and per list: a read route is tried with the ids of its own list (…/assets/:id with the
        // ids /assets listed), which are the ones that answer 200; ID_SOURCE and firstIdOfEachList feed the rest.
        const idsOfList = new Map<string, Set<string>>();
        const visit = async (url: string) => {
          const res = await app.inject({ url, headers: caller.headers });
          responses += 1;
          // On SQLite a request never waits for I/O, so without a pause the crawl would hold the worker's event loop
          // for its whole length and vitest's own messages to the worker would time out.
          if (responses % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
          if (res.statusCode !== 200) return;
          const type = String(res.headers['content-type'] ?? '');
          if (type.includes('text/csv')) inspectCsv(res.body, caller.email, url, totals);
          else if (type.includes('spreadsheetml')) return;
          // Open-data IATI XML names no facility; the only points it carries are oblasts' public centres.
          else if (type.includes('application/xml')) for (const [, pos] of res.body.matchAll(/<pos>([^<]*)<\/pos>/g)) expect(OBLAST_CENTRES, `${url}: <pos>${pos ?? ''}`).toContain(pos);
          else {
            const json = res.json<unknown>();
            inspectJson(json, caller.email, url, totals);
            // Generators in the asset list carry the same restricted link to their facility as the energy fleet.
            if (url.includes('/energy/') || url.includes('/assets')) inspectEnergy(json, caller.email, url);
            inspectMonitoring(json, caller.email, url);
            const items = (json as { items?: { id?: unknown }[] }).items;
            if (Array.isArray(items)) {
              const list = url.split('?')[0] ?? url;
              const own = idsOfList.get(list) ?? new Set<string>();
              idsOfList.set(list, own);
              for (const it of items.slice(0, 25)) {
                if (typeof it.id !== 'string') continue;
                own.add(it.id);
              }
            }
          }
        };
        for (const r of gets.filter((g) => !g.url.includes(':'))) {
          await visit(r.url);
          if (r.url === '/api/v1/facilities') {
            await visit(`${r.url}?area=UA-46&limit=100`);
            await visit(`${r.url}?area=UA-63&limit=100`);
          }
          if (r.url.endsWith('/export')) for (const f of ['csv', 'geojson']) await visit(`${r.url}?format=${f}`);
        }
        for (const r of gets.filter((g) => g.url.includes(':id'))) {
          const list = ID_SOURCE[r.url] ?? r.url.slice(0, r.url.indexOf('/:id'));
          for (const id of idsOfList.get(list) ?? firstIdOfEachList(idsOfList)) await visit(r.url.replace(':id', id));
        }
      }
      expect(totals.leaks.slice(0, 5)).toEqual([]);
      expect(energyFound.leaks.slice(0, 5)).toEqual([]);
      expect(monitoringFound.leaks.slice(0, 5)).toEqual([]);
      expect(monitoringFound.powerShown).toBeGreaterThan(10);
      expect(monitoringFound.powerWithheld).toBeGreaterThan(10);
      expect(monitoringFound.sourceShown).toBeGreaterThan(5);
      expect(monitoringFound.sourceWithheld).toBeGreaterThan(5);
      expect(energyFound.shown).toBeGreaterThan(10);
      expect(energyFound.withheld).toBeGreaterThan(10);
      // The crawl must have seen both kinds, or it proves nothing.
      expect(totals.exact).toBeGreaterThan(100);
      expect(totals.rounded).toBeGreaterThan(100);
      console.info(`monitoring on ${dialect}: power shown ${monitoringFound.powerShown} / withheld ${monitoringFound.powerWithheld}, incident sources shown ${monitoringFound.sourceShown} / withheld ${monitoringFound.sourceWithheld}`);
      console.info(`leak crawl on ${dialect}: ${responses} responses from ${callers.length} callers, ${totals.exact + totals.rounded} coordinates checked`);
    }, 300_000);
  });
}
