import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { checkAllocationPlan, type CheckProblem } from '../../../test/support/check-allocation-plan.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { nowIso } from '../../ids.js';
import type { GeneratorUnit } from '../assets/generators.service.js';
import { storeTestGenerators } from '../assets/generators.testkit.js';
import type { Facility } from '../facilities/facilities.schema.js';
import type { Plan, PowerProfile } from './energy.schema.js';
import { storeOutages } from './energy.service.js';
import type { StoredResult } from './plan-result.js';
import { withTransaction } from '../../db/transaction.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
type Headers = { authorization: string };


for (const dialect of DIALECTS) {
  describe(`energy API on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let coordinator: Headers;
    let lvivCoordinator: Headers;
    let analyst: Headers;
    const lviv: Facility[] = [];
    let kharkiv: Facility;
    const spare: GeneratorUnit[] = [];

    const planCount = async () => Number((await testDb.database.db.selectFrom('energy_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const storedRow = async (id: string) => testDb.database.db.selectFrom('energy_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    /** Every plan the tests make goes through the independent checker, on the problem the solver was given. */
    const check = async (id: string) => {
      const row = await storedRow(id);
      const result = JSON.parse(row.result) as StoredResult;
      const assignments = result.assignments.filter((a) => !a.pinned).map((a) => ({ generatorId: a.generatorId, facilityId: a.facilityId }));
      return { value: checkAllocationPlan(JSON.parse(row.problem) as CheckProblem, { assignments, objective: row.objective, upperBound: row.upper_bound }, 1e-6), result };
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      lvivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      const make = async (overrides: Parameters<typeof buildFacility>[0]) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility(overrides) });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Facility>();
      };
      for (let i = 0; i < 4; i++) lviv.push(await make({ lat: 49.8 + i * 0.05, lon: 24 + i * 0.05, services: i === 0 ? ['surgery', 'intensive_care'] : ['surgery'] }));
      kharkiv = await make({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 });
      // The spare units were donated: executing a plan ships each from its donor.
      const donor = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Донор', nameEn: 'Donor', type: 'bilateral_agency', country: 'JP' } });
      expect(donor.statusCode, donor.body).toBe(201);
      const donorOrgId = donor.json<{ id: string }>().id;
      await storeTestGenerators(testDb.database, [{ status: 'functioning', facilityId: lviv[3]?.id ?? '', ratingKva: 125 }]);
      const units = Array.from({ length: 5 }, (_, i) => ({ ratingKva: i % 2 === 0 ? 250 : 125, standby: i === 4, donorOrgId }));
      spare.push(...(await storeTestGenerators(testDb.database, [...units, { warehouse: { name: 'Kharkiv hub', lat: 50, lon: 36.3 }, donorOrgId }])));
      await withTransaction(testDb.database, async (trx) => {
        await storeOutages(trx, testDb.database, systemContext('test'), [{ oblast_katottg: KHARKIV, outage_hours_per_day: 16, updated_at: nowIso() }]);
      });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('shows a profile with estimated loads, derived backup and weight parts, cutting power and fuel for callers who may not see them', async () => {
      const f = lviv[3] as Facility;
      const put = await app.inject({ method: 'PUT', url: `/api/v1/energy/facilities/${f.id}/profile`, headers: lvivCoordinator, payload: { fuelStockLitres: 1000 } });
      expect(put.statusCode, put.body).toBe(200);
      const p = put.json<PowerProfile>();
      // city_hospital 50 + 0.6 × 120 beds + surgery 40 = 162 kW; backup is the installed 100 kW prime unit.
      expect(p).toMatchObject({ criticalLoadKw: 162, loadSource: 'estimated', backupKw: 100, deficitKw: 62, fuelStockLitres: 1000, restricted: false, version: 1 });
      // 100 kW unit at full output: 0.03 × 100 + 0.25 × 100 = 28 L/h.
      expect(p.autonomyHours).toBeCloseTo(1000 / 28, 0);
      expect(p.priority.parts).toMatchObject({ type: 2.5, beds: 0.6, services: 1, attacks: 0 });

      const measured = await app.inject({ method: 'PUT', url: `/api/v1/energy/facilities/${f.id}/profile`, headers: admin, payload: { criticalLoadKw: 90, essentialLoadKw: 150, fuelStockLitres: 1000, version: 1 } });
      expect(measured.json<PowerProfile>()).toMatchObject({ criticalLoadKw: 90, loadSource: 'measured', deficitKw: 0, version: 2 });
      const stale = await app.inject({ method: 'PUT', url: `/api/v1/energy/facilities/${f.id}/profile`, headers: admin, payload: { fuelStockLitres: 5, version: 1 } });
      expect(stale.statusCode).toBe(409);
      const bad = await app.inject({ method: 'PUT', url: `/api/v1/energy/facilities/${f.id}/profile`, headers: admin, payload: { criticalLoadKw: 90, fuelStockLitres: -1 } });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('/fuelStockLitres');

      const seen = await app.inject({ url: `/api/v1/energy/facilities/${f.id}/profile`, headers: analyst });
      expect(seen.json<PowerProfile>()).toMatchObject({ restricted: true, backupKw: null, deficitKw: null, fuelStockLitres: null, autonomyHours: null, fuelLitresPerDay: null, criticalLoadKw: 90 });
      const outside = await app.inject({ url: `/api/v1/energy/facilities/${kharkiv.id}/profile`, headers: lvivCoordinator });
      expect(outside.json<PowerProfile>()).toMatchObject({ restricted: true, backupKw: null, outageHoursPerDay: 16 });
      expect((await app.inject({ method: 'PUT', url: `/api/v1/energy/facilities/${kharkiv.id}/profile`, headers: lvivCoordinator, payload: { fuelStockLitres: 1 } })).statusCode).toBe(403);

      const fleet = await app.inject({ url: '/api/v1/energy/fleet', headers: analyst });
      const installedSeen = fleet.json<{ items: { status: string; facilityId: string | null; oblastIso: string | null }[] }>().items.find((g) => g.status === 'functioning');
      expect(installedSeen).toMatchObject({ facilityId: null, oblastIso: 'UA-46' });
      const adminFleet = await app.inject({ url: '/api/v1/energy/fleet?limit=2', headers: admin });
      expect(adminFleet.json<{ nextCursor: string | null; totals: { count: number }[] }>().totals.reduce((s, t) => s + t.count, 0)).toBe(7);
    });

    it('lists facilities without enough backup, most urgent first, only within the caller\'s edit scope', async () => {
      type NeedPage = { items: PowerProfile[]; nextCursor: string | null };
      const asLviv = (await app.inject({ url: '/api/v1/energy/facilities', headers: lvivCoordinator })).json<NeedPage>();
      expect(asLviv.items.length).toBeGreaterThan(0);
      expect(asLviv.items.every((p) => p.oblastIso === 'UA-46' && !p.restricted && (p.deficitKw ?? 0) > 0)).toBe(true);
      const weights = asLviv.items.map((p) => p.priority.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      const first = (await app.inject({ url: '/api/v1/energy/facilities?limit=1', headers: admin })).json<NeedPage>();
      const second = (await app.inject({ url: `/api/v1/energy/facilities?limit=1&cursor=${first.nextCursor ?? ''}`, headers: admin })).json<NeedPage>();
      expect(second.items[0]?.facilityId).not.toBe(first.items[0]?.facilityId);
      expect((await app.inject({ url: '/api/v1/energy/facilities?oblast=UA-63', headers: admin })).json<NeedPage>().items.map((p) => p.facilityId)).toEqual([kharkiv.id]);
      expect((await app.inject({ url: '/api/v1/energy/facilities', headers: analyst })).statusCode).toBe(403);
    });

    it('refuses bad pins and forbids naming each item, and stores no plan', async () => {
      const before = await planCount();
      const ghost = '01900000-0000-7000-8000-000000000000';
      const res = await app.inject({
        method: 'POST', url: '/api/v1/energy/plans', headers: coordinator,
        payload: { timeLimitSeconds: 1, pins: [{ generatorId: ghost, facilityId: lviv[0]?.id }], forbidden: [{ generatorId: spare[0]?.id, facilityId: ghost }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
      expect(paths).toEqual(['/pins/0/generatorId', '/forbidden/0/facilityId']);
      const schemaBad = await app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: coordinator, payload: { params: { minLoadRatio: 2 }, extra: 1 } });
      expect(schemaBad.statusCode).toBe(400);
      expect(await planCount()).toBe(before);
    });

    it('refuses a second solve while one runs, rather than queueing workers on a small machine', async () => {
      const post = () => app.inject({ method: 'POST', url: '/api/v1/energy/plans', headers: coordinator, payload: { timeLimitSeconds: 1 } });
      const both = await Promise.all([post(), post()]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const made = both.find((r) => r.statusCode === 201);
      await check(made?.json<Plan>().id ?? '');
    });

    it('plans, explains, hides named assignments from others, approves, executes, and shows coverage before and after', async () => {
      const pinned = spare[1] as GeneratorUnit;
      const forbidden = { generatorId: (spare[0] as GeneratorUnit).id, facilityId: (lviv[0] as Facility).id };
      const res = await app.inject({
        method: 'POST', url: '/api/v1/energy/plans', headers: coordinator,
        payload: { timeLimitSeconds: 2, pins: [{ generatorId: pinned.id, facilityId: kharkiv.id }], forbidden: [forbidden], minOblastShares: [{ oblastIso: 'UA-46', share: 0.5 }, { oblastIso: 'UA-63', share: 0.9 }] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json<Plan>();
      expect(plan.status).toBe('draft');
      const { result } = await check(plan.id);
      expect(result.assignments.some((a) => a.generatorId === forbidden.generatorId && a.facilityId === forbidden.facilityId)).toBe(false);
      expect(plan.assignments.find((a) => a.pinned)).toMatchObject({ generatorId: pinned.id, facilityId: kharkiv.id, oblastIso: 'UA-63' });
      expect(plan.assignedGenerators).toBeGreaterThan(2);
      for (const a of plan.assignments) {
        expect(a.explanation.text).toContain('weight');
        expect(a.explanation.coversKw).toBeLessThanOrEqual(a.explanation.unitKw);
      }
      expect(plan.shareChecks.map((s) => s.oblastIso)).toEqual(['UA-46', 'UA-63']);
      expect(plan.shareChecks[1]?.met).toBe(false);

      const asAnalyst = (await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: analyst })).json<Plan>();
      expect(asAnalyst.assignments).toEqual([]);
      expect(asAnalyst.hiddenAssignments).toBe(plan.assignedGenerators);
      expect(asAnalyst.byOblast.reduce((s, o) => s + o.generators, 0)).toBe(plan.assignedGenerators);
      const asLviv = (await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: lvivCoordinator })).json<Plan>();
      expect(asLviv.assignments.every((a) => a.oblastIso === 'UA-46')).toBe(true);
      const reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkiv.id] })).headers;
      expect((await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: reporter })).statusCode).toBe(403);

      const coverage = await app.inject({ url: `/api/v1/energy/coverage?plan=${plan.id}`, headers: analyst });
      const cov = coverage.json<{ total: { before: { deficitKw: number }; after: { deficitKw: number } } }>();
      expect(cov.total.after.deficitKw).toBeLessThan(cov.total.before.deficitKw);

      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/execute`, headers: coordinator, payload: { version: 1 } })).statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/approve`, headers: lvivCoordinator, payload: { version: 1 } })).statusCode).toBe(403);
      const approved = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/approve`, headers: coordinator, payload: { version: 1 } });
      expect(approved.json<Plan>()).toMatchObject({ status: 'approved', version: 2 });
      const executed = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${plan.id}/execute`, headers: admin, payload: { version: 2 } });
      expect(executed.statusCode, executed.body).toBe(200);
      expect(executed.json<Plan>().status).toBe('executed');
      const moved = await testDb.database.db.selectFrom('assets').select(['id', 'status', 'facility_id', 'shipment_id']).where('id', 'in', plan.assignments.map((a) => a.generatorId)).execute();
      expect(moved.every((g) => g.shipment_id !== null)).toBe(true);
      expect(moved.every((g) => g.status === 'in_transit' && plan.assignments.some((a) => a.generatorId === g.id && a.facilityId === g.facility_id))).toBe(true);
      const audit = await testDb.database.db.selectFrom('audit_events').select('action').where('entity', 'in', ['energy_plan', 'asset']).where('action', 'in', ['create', 'approve', 'execute', 'dispatch']).execute();
      expect(audit.filter((a) => a.action === 'dispatch')).toHaveLength(plan.assignedGenerators);

      // Executing created the shipments: in transit from the warehouses, one line per model with the units' serials.
      const shipments = await testDb.database.db.selectFrom('shipments').selectAll().where('donor_reference', '=', `energy plan ${plan.id}`).execute();
      expect(shipments.length).toBeGreaterThan(0);
      expect(shipments.every((sh) => sh.status === 'in_transit')).toBe(true);
      const shippedLines = await testDb.database.db.selectFrom('shipment_lines').selectAll().where('shipment_id', 'in', shipments.map((sh) => sh.id)).execute();
      expect(shippedLines.flatMap((l) => JSON.parse(l.serials ?? '[]') as string[]).sort()).toEqual(plan.assignments.map((a) => a.serial).sort());

      // Receiving a unit of that shipment at its facility (its serial scanned or typed) installs it.
      const [received, other] = plan.assignments;
      if (received === undefined || other === undefined) throw new Error('the plan assigns at least two units');
      const lineOf = (serial: string) => shippedLines.find((l) => (JSON.parse(l.serials ?? '[]') as string[]).includes(serial)) as (typeof shippedLines)[number];
      const receiptUrl = (serial: string) => `/api/v1/shipments/${lineOf(serial).shipment_id}/receipts`;
      const versionOf = async (serial: string) => (await testDb.database.db.selectFrom('shipments').select('version').where('id', '=', lineOf(serial).shipment_id).executeTakeFirstOrThrow()).version;
      const wrong = await app.inject({ method: 'POST', url: receiptUrl(received.serial), headers: coordinator, payload: { version: await versionOf(received.serial), entries: [{ lineId: lineOf(received.serial).id, quantity: 1, serials: ['NOT-A-UNIT'] }] } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('NOT-A-UNIT is not in the generator fleet');
      const receipt = await app.inject({ method: 'POST', url: receiptUrl(received.serial), headers: coordinator, payload: { version: await versionOf(received.serial), entries: [{ lineId: lineOf(received.serial).id, quantity: 1, serials: [received.serial] }] } });
      expect(receipt.statusCode, receipt.body).toBe(201);
      const unitAfter = await testDb.database.db.selectFrom('assets').select(['status', 'facility_id', 'installed_on', 'location_id']).where('id', '=', received.generatorId).executeTakeFirstOrThrow();
      expect(unitAfter).toMatchObject({ status: 'installed', facility_id: received.facilityId, installed_on: nowIso().slice(0, 10) });
      expect(unitAfter.location_id).not.toBeNull();

      // Arrival recorded by hand: the unit becomes installed and only then counts as the facility's backup.
      const first = plan.assignments.find((a) => !a.pinned && a.generatorId !== received.generatorId) as Plan['assignments'][number];
      const profileOf = async () => (await app.inject({ url: `/api/v1/energy/facilities/${first.facilityId}/profile`, headers: admin })).json<PowerProfile>();
      const backupBefore = (await profileOf()).backupKw ?? 0;
      const version = (await testDb.database.db.selectFrom('assets').select('version').where('id', '=', first.generatorId).executeTakeFirstOrThrow()).version;
      const statusUrl = `/api/v1/energy/fleet/${first.generatorId}/status`;
      expect((await app.inject({ method: 'POST', url: statusUrl, headers: analyst, payload: { status: 'installed', version } })).statusCode).toBe(403);
      const installed = await app.inject({ method: 'POST', url: statusUrl, headers: coordinator, payload: { status: 'installed', version } });
      expect(installed.statusCode, installed.body).toBe(200);
      expect(installed.json<{ status: string; facilityId: string }>()).toMatchObject({ status: 'installed', facilityId: first.facilityId });
      expect((await profileOf()).backupKw).toBeCloseTo(backupBefore + first.usableKw, 0);
      const pinnedUnit = plan.assignments.find((a) => a.pinned) as Plan['assignments'][number];
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/fleet/${pinnedUnit.generatorId}/status`, headers: lvivCoordinator, payload: { status: 'installed', version } })).statusCode).toBe(403);
      const list = await app.inject({ url: '/api/v1/energy/plans?status=executed', headers: analyst });
      expect(list.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toContain(plan.id);
    }, 60_000);
  });
}
