import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { systemContext } from '../../context.js';
import { createShipment, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, type Headers } from '../supply/supply.testkit.js';
import type { Need, NeedHistory } from './needs.schema.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`a need's whole life on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let coordinator: Headers;
    let kharkivCoordinator: Headers;
    let reporter: Headers;
    let otherReporter: Headers;
    let officer: Headers;
    let facility = '';
    let kharkivFacility = '';
    const count = async (table: 'needs' | 'need_transitions' | 'need_links') => Number((await testDb.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    const vials = (facilityId: string, extra: object = {}) => ({ facilityId, category: 'medicine', specification: 'Ceftriaxone 1 g powder for injection', quantity: '150', unit: 'vials', priority: 'critical', ...extra });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      facility = (await call('POST', '/api/v1/facilities', admin, buildFacility({ areaKatottg: LVIV }))).json<{ id: string }>().id;
      kharkivFacility = (await call('POST', '/api/v1/facilities', admin, buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }))).json<{ id: string }>().id;
      coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      kharkivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [KHARKIV] })).headers;
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility] })).headers;
      otherReporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility] })).headers;
      officer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('walks a need from submitted to closed short, through edits, a commitment, packs of 10 and rejected vials', async () => {
      // A reporter raises a need for its own facility; "vials" is read as the listed unit "vial".
      const raised = await call('POST', '/api/v1/needs', reporter, vials(facility, { estimate: { unitPrice: '4.20', currency: 'EUR', date: '2024-07-01' } }));
      expect(raised.statusCode, raised.body).toBe(201);
      let need = raised.json<Need>();
      expect(need).toMatchObject({ status: 'submitted', unit: 'vial', raisedByMe: true, estimate: { unitPrice: '4.20', currency: 'EUR', total: '630.00' } });
      // Not for a facility outside its scope (which it cannot even see), and nothing is written.
      const before = await count('needs');
      expect((await call('POST', '/api/v1/needs', reporter, vials(kharkivFacility))).statusCode).toBe(404);
      expect(await count('needs')).toBe(before);

      // The reporter corrects its own need while it waits; a stale version is refused with the current one.
      const edited = await call('PATCH', `/api/v1/needs/${need.id}`, reporter, { version: 1, quantity: '200', reason: 'counted again' });
      expect(edited.statusCode, edited.body).toBe(200);
      need = edited.json<Need>();
      expect(need).toMatchObject({ quantity: '200', version: 2, estimate: { total: '840.00' } });
      const stale = await call('PATCH', `/api/v1/needs/${need.id}`, coordinator, { version: 1, priority: 'high' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json<{ currentVersion: number }>().currentVersion).toBe(2);
      // Another reporter of the same facility did not raise it; a reporter never approves; a coordinator elsewhere cannot see it.
      expect((await call('PATCH', `/api/v1/needs/${need.id}`, otherReporter, { version: 2, priority: 'high' })).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/needs/${need.id}/approve`, reporter, { version: 2 })).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/needs/${need.id}/approve`, kharkivCoordinator, { version: 2 })).statusCode).toBe(403);

      need = (await call('POST', `/api/v1/needs/${need.id}/approve`, coordinator, { version: 2 })).json<Need>();
      expect(need).toMatchObject({ status: 'approved', approved: true, version: 3, uncovered: '200' });
      // Decided: the reporter may no longer change or cancel it.
      expect((await call('PATCH', `/api/v1/needs/${need.id}`, reporter, { version: 3, quantity: '210' })).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/needs/${need.id}/cancel`, reporter, { version: 3, reason: 'changed my mind' })).statusCode).toBe(403);

      // A donor commits 200 vials: nothing is uncovered while they are on their way. A box does not convert to vials.
      const jica = (await createOrganization(testDb.database, systemContext('test'), { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' })).id;
      const project = (await call('POST', '/api/v1/projects', admin, {
        reportingOrgId: jica, localId: 'LIFE-1', title: { en: 'Antibiotics' }, description: { en: 'Antibiotics' }, status: '2', startDate: '2024-01-01', participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }],
      })).json<{ id: string }>().id;
      const commitment = (await call('POST', '/api/v1/transactions', admin, { projectId: project, type: '2', amount: '840', currency: 'EUR', valueDate: '2024-07-01', providerOrgId: jica })).json<{ id: string }>().id;
      const boxes = await call('POST', `/api/v1/needs/${need.id}/links`, admin, { transactionId: commitment, quantity: '2', unit: 'box' });
      expect(boxes.statusCode).toBe(400);
      expect(boxes.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([{ path: '/unit', message: expect.stringMatching(/box.*vial/) as string }]);
      need = (await call('POST', `/api/v1/needs/${need.id}/links`, admin, { transactionId: commitment, quantity: '200', unit: 'vials' })).json<{ need: Need }>().need;
      expect(need).toMatchObject({ status: 'partially_met', committed: '200', uncovered: '0' });

      // 20 packs of 10 arrive: 19 accepted, 1 rejected (broken). The 10 rejected vials are open again.
      const donor = await makeDonor(app, admin);
      const warehouse = await makeWarehouse(app, officer);
      const packs = await makeProduct(app, officer, { name: 'Ceftriaxone 1 g, pack of 10 vials', inn: 'ceftriaxone', atcCode: 'J01DD04', form: 'powder for injection', unit: 'pack', packSize: 10 });
      const single = await makeProduct(app, officer, { name: 'Ceftriaxone 1 g vial', inn: 'ceftriaxone', atcCode: 'J01DD04', form: 'powder for injection', unit: 'vial', packSize: 1 });
      const receive = async (product: { id: string }, announced: number, accepted: number, rejected: number) => {
        const s = await markInTransit(app, officer, await createShipment(app, officer, notice(donor.id, warehouse.id, [{ productId: product.id, quantity: announced, lotCode: `L${announced}`, expiry: monthsFromNow(24), needId: need.id }])));
        const res = await call('POST', `/api/v1/shipments/${s.id}/receipts`, officer, { version: s.version, entries: [{ lineId: (s).lines[0]?.id, quantity: accepted, rejectedQuantity: rejected, rejectReason: 'broken vials' }] });
        expect(res.statusCode, res.body).toBe(201);
        return (await call('GET', `/api/v1/needs/${need.id}`, admin)).json<Need>();
      };
      need = await receive(packs, 20, 19, 1);
      expect(need).toMatchObject({ status: 'partially_met', delivered: '190', rejected: '10', uncovered: '10' });
      // 10 single vials: 8 accepted, 2 rejected. 198 of 200 delivered; the 2 rejected are not hidden.
      need = await receive(single, 10, 8, 2);
      expect(need).toMatchObject({ status: 'partially_met', delivered: '198', rejected: '12', uncovered: '2' });

      // They will not come: closed short with the rest (a different figure is refused), then it counts nothing more.
      expect((await call('POST', `/api/v1/needs/${need.id}/close`, coordinator, { version: need.version, reason: 'supplier has no more', shortQuantity: '3' })).json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/shortQuantity');
      expect((await call('POST', `/api/v1/needs/${need.id}/close`, coordinator, { version: need.version })).statusCode).toBe(400);
      const closed = await call('POST', `/api/v1/needs/${need.id}/close`, coordinator, { version: need.version, reason: 'supplier has no more', shortQuantity: '2' });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json<Need>()).toMatchObject({ status: 'closed', closedShort: '2', uncovered: '0', delivered: '198' });
      expect((await call('POST', `/api/v1/needs/${need.id}/cancel`, coordinator, { version: closed.json<Need>().version, reason: 'too late' })).statusCode).toBe(409);

      // The history shows every step with who, when and why.
      const history = (await call('GET', `/api/v1/needs/${need.id}/history`, reporter)).json<NeedHistory>().items;
      expect(history.map((h) => [h.action, h.toStatus])).toEqual([
        ['submit', 'submitted'], ['edit', 'submitted'], ['approve', 'approved'], ['progress', 'partially_met'], ['close', 'closed'],
      ]);
      expect(history[1]).toMatchObject({ reason: 'counted again', change: { quantity: ['150', '200'] } });
      expect(history[4]).toMatchObject({ reason: 'supplier has no more', fromStatus: 'partially_met', change: { shortQuantity: '2' } });
      expect(history.every((h) => h.actor !== null && h.at.length > 0)).toBe(true);
      const audit = await testDb.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', need.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'approve', 'roll_up', 'close']));
    });

    it('rejects and cancels with a reason, refuses an unknown unit, and writes nothing on a refusal', async () => {
      const unknown = await call('POST', '/api/v1/needs', coordinator, vials(facility, { unit: 'parsecs' }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({ path: '/unit', message: expect.stringContaining('"parsecs" is not a unit on the list') as string });
      const need = (await call('POST', '/api/v1/needs', reporter, vials(facility))).json<Need>();
      const steps = await count('need_transitions');
      expect((await call('POST', `/api/v1/needs/${need.id}/reject`, coordinator, { version: 1 })).statusCode).toBe(400);
      expect((await call('POST', `/api/v1/needs/${need.id}/reject`, kharkivCoordinator, { version: 1, reason: 'not ours' })).statusCode).toBe(403);
      expect(await count('need_transitions')).toBe(steps);
      const rejected = (await call('POST', `/api/v1/needs/${need.id}/reject`, coordinator, { version: 1, reason: 'already covered by the regional stock' })).json<Need>();
      expect(rejected).toMatchObject({ status: 'rejected', uncovered: '0' });
      // The reporter sees the decision and why.
      const seen = (await call('GET', `/api/v1/needs/${need.id}/history`, reporter)).json<NeedHistory>().items.at(-1);
      expect(seen).toMatchObject({ action: 'reject', toStatus: 'rejected', reason: 'already covered by the regional stock' });
      expect((await call('POST', `/api/v1/needs/${need.id}/approve`, coordinator, { version: 2 })).statusCode).toBe(409);

      const mine = (await call('POST', '/api/v1/needs', reporter, vials(facility))).json<Need>();
      const cancelled = await call('POST', `/api/v1/needs/${mine.id}/cancel`, reporter, { version: 1, reason: 'raised twice' });
      expect(cancelled.json<Need>()).toMatchObject({ status: 'cancelled' });
      expect((await call('GET', `/api/v1/needs/${mine.id}`, kharkivCoordinator)).statusCode).toBe(200);
      expect((await call('GET', `/api/v1/needs/${mine.id}/history`, (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkivFacility] })).headers)).statusCode).toBe(404);
    });

    it('refuses a need for a facility in a temporarily occupied area, naming it, and writes nothing', async () => {
      const crimea = 'UA01000000000013043';
      const file = `katottg,status,from,to\n${crimea},temporarily_occupied,2014-02-20,\n`;
      const imported = await app.inject({ method: 'POST', url: '/api/v1/area-statuses/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: file });
      expect(imported.statusCode, imported.body).toBeLessThan(300);
      const occupied = (await call('POST', '/api/v1/facilities', admin, buildFacility({ areaKatottg: crimea, lat: 44.95, lon: 34.1 }))).json<{ id: string }>().id;
      const before = await count('needs');
      const res = await call('POST', '/api/v1/needs', admin, vials(occupied));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ detail: string }>().detail).toMatch(/occupied/);
      expect(await count('needs')).toBe(before);
    });

    it('raises, approves and shows a need in a raion under active hostilities with a warning naming the raion and its oblast', async () => {
      const kherson = 'UA65000000000030969';
      const skadovsk = 'UA65080000000090947';
      // As `import katottg` writes a raion: its Ukrainian name only.
      await testDb.database.db.insertInto('areas').values({ katottg: skadovsk, level: 2, parent_katottg: kherson, path: `${kherson}/${skadovsk}/`, category: 'P', iso3166_2: null, pcode: null, name_uk: 'Скадовський', name_en: null, geometry: null }).execute();
      const file = `katottg,status,from,to\n${skadovsk},active_hostilities,2022-02-24,\n`;
      expect((await app.inject({ method: 'POST', url: '/api/v1/area-statuses/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: file })).statusCode).toBeLessThan(300);
      const atRisk = (await call('POST', '/api/v1/facilities', admin, buildFacility({ areaKatottg: skadovsk, lat: 46.11, lon: 32.91 }))).json<{ id: string }>().id;
      const warning = {
        code: 'active_hostilities',
        since: '2022-02-24',
        area: { katottg: skadovsk, level: 2, name: { uk: 'Скадовський', en: 'Скадовський', ja: 'Скадовський' } },
        oblast: { katottg: kherson, iso3166_2: 'UA-65', name: { uk: expect.stringContaining('Херсон') as string, en: 'Kherson Oblast', ja: 'ヘルソン州' } },
      };
      const raised = await call('POST', '/api/v1/needs', admin, vials(atRisk));
      expect(raised.statusCode, raised.body).toBe(201);
      expect(raised.json<Need>().warning).toEqual(warning);
      const approved = await call('POST', `/api/v1/needs/${raised.json<Need>().id}/approve`, admin, { version: 1 });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json<Need>()).toMatchObject({ status: 'approved', warning });
      expect((await call('GET', `/api/v1/needs/${raised.json<Need>().id}`, admin)).json<Need>().warning).toEqual(warning);
      // Once ended, the need no longer warns; a need elsewhere never did.
      const closed = await call('POST', `/api/v1/needs/${raised.json<Need>().id}/cancel`, admin, { version: 2, reason: 'moved to another facility' });
      expect(closed.json<Need>().warning).toBeUndefined();
      expect((await call('GET', `/api/v1/needs/${raised.json<Need>().id}`, admin)).json<Need>().warning).toBeUndefined();
      const safe = (await call('POST', '/api/v1/needs', admin, vials(facility))).json<Need>();
      expect(safe.warning).toBeUndefined();
      expect((await call('POST', `/api/v1/needs/${safe.id}/approve`, admin, { version: 1 })).json<Need>().warning).toBeUndefined();
    });
  });
}
