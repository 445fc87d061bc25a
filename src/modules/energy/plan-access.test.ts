import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { nowIso } from '../../ids.js';
import type { AllocationProblem } from '../../engine/allocation/allocation.types.js';
import type { GeneratorUnit } from '../assets/generators.service.js';
import { storeTestGenerators } from '../assets/generators.testkit.js';
import type { Facility } from '../facilities/facilities.schema.js';
import { importAreaStatuses } from '../geography/area-status.import.js';
import type { Plan } from './energy.schema.js';

const CRIMEA = 'UA01000000000013043';
const KHERSON = 'UA65000000000030969';
const DNIPRO = 'UA12000000000090473';
type Headers = { authorization: string };

/** Allocation plans and the areas the Ministry cannot reach (issue 17, item 4). */
for (const dialect of DIALECTS) {
  describe(`allocation plans and area access on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: Headers;
    let crimea: Facility;
    let kherson: Facility;
    let dnipro: Facility;
    let units: GeneratorUnit[];
    const planCount = async () => Number((await testDb.database.db.selectFrom('energy_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const statuses = (csv: string) => importAreaStatuses(testDb.database, systemContext('test'), Readable.from([`katottg,status,from,to\n${csv}`]));

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      const make = async (overrides: Parameters<typeof buildFacility>[0]) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ type: 'regional_hospital', beds: 600, services: ['surgery', 'intensive_care'], ...overrides }) });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Facility>();
      };
      crimea = await make({ areaKatottg: CRIMEA, lat: 44.95, lon: 34.1, nameEn: 'Simferopol hospital' });
      kherson = await make({ areaKatottg: KHERSON, lat: 46.64, lon: 32.61, nameEn: 'Kherson hospital' });
      dnipro = await make({ areaKatottg: DNIPRO, lat: 48.46, lon: 35.04, nameEn: 'Dnipro hospital' });
      const donor = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Донор', nameEn: 'Donor', type: 'bilateral_agency', country: 'JP' } });
      const donorOrgId = donor.json<{ id: string }>().id;
      units = await storeTestGenerators(testDb.database, Array.from({ length: 4 }, () => ({ ratingKva: 500, donorOrgId, warehouse: { name: 'Dnipro hub', lat: 48.45, lon: 35.0 } })));
      await statuses(`${CRIMEA},temporarily_occupied,2014-02-20,\n${KHERSON},active_hostilities,2022-02-24,\n`);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('leaves an occupied facility out of the problem and flags one under active hostilities', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: coordinator, payload: { timeLimitSeconds: 1 } });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json<Plan>();
      const row = await testDb.database.db.selectFrom('energy_plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
      const problem = JSON.parse(row.problem) as AllocationProblem;
      expect(problem.facilities.map((f) => f.id).sort()).toEqual([kherson.id, dnipro.id].sort());
      expect(plan.assignments.some((a) => a.facilityId === crimea.id)).toBe(false);
      const toKherson = plan.assignments.filter((a) => a.facilityId === kherson.id);
      expect(toKherson.length).toBeGreaterThan(0);
      for (const a of toKherson) {
        expect(a.warning).toEqual({
          code: 'active_hostilities',
          since: '2022-02-24',
          area: { katottg: KHERSON, level: 1, name: { uk: expect.stringContaining('Херсон') as string, en: 'Kherson Oblast', ja: 'ヘルソン州' } },
          oblast: null,
        });
      }
      for (const a of plan.assignments.filter((x) => x.facilityId === dnipro.id)) expect(a.warning).toBeUndefined();
    });

    it('refuses a pin to an occupied facility, naming the area, and stores nothing', async () => {
      const before = await planCount();
      const res = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: coordinator, payload: { timeLimitSeconds: 1, pins: [{ generatorId: units[0]?.id, facilityId: crimea.id }] } });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ detail: string }>().detail).toBe('Simferopol hospital: Autonomous Republic of Crimea is temporarily occupied since 2014-02-20: the Ministry cannot deliver there.');
      expect(await planCount()).toBe(before);
    });

    it('refuses to execute a plan whose destination was occupied after planning', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: coordinator, payload: { timeLimitSeconds: 1, pins: [{ generatorId: units[0]?.id, facilityId: dnipro.id }] } });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json<Plan>();
      const approved = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/approve`, headers: coordinator, payload: { version: plan.version } });
      expect(approved.statusCode, approved.body).toBe(200);
      await statuses(`${DNIPRO},temporarily_occupied,${nowIso().slice(0, 10)},\n`);
      const executed = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/execute`, headers: coordinator, payload: { version: plan.version + 1 } });
      expect(executed.statusCode, executed.body).toBe(409);
      expect(executed.json<{ detail: string }>().detail).toMatch(/Dnipro hospital: Dnipropetrovsk Oblast is temporarily occupied since \d{4}-\d{2}-\d{2}: the Ministry cannot deliver there\./);
      const after = await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: coordinator });
      expect(after.json<Plan>().status).toBe('approved');
    });
  });
}
