import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { checkAllocationPlan, type CheckProblem } from '../../../test/support/check-allocation-plan.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { storeTestGenerators } from '../assets/generators.testkit.js';
import type { Facility } from '../facilities/facilities.schema.js';
import type { Need } from '../needs/needs.schema.js';
import type { Plan, PowerProfile } from './energy.schema.js';
import type { PlanNeed } from './plan-problem.js';
import type { StoredAssignment } from './plan-result.js';

type Headers = { authorization: string };

/** Allocation plans meet needs (issue 17, item 3). */
for (const dialect of DIALECTS) {
  describe(`allocation plans and generator needs on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let coordinator: Headers;
    let analyst: Headers;
    let donorOrgId: string;
    let covered: Facility;
    let bare: Facility;

    const post = async <T>(url: string, headers: Headers, payload: unknown, status: number): Promise<T> => {
      const res = await app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
      expect(res.statusCode, res.body).toBe(status);
      return res.json<T>();
    };
    const storedPlan = async (id: string) => testDb.database.db.selectFrom('energy_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const needOf = async (id: string) => (await app.inject({ url: `/api/v1/needs/${id}`, headers: admin })).json<Need>();

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      const make = async (nameEn: string, lat: number) => post<Facility>('/api/v1/facilities', admin, buildFacility({ nameEn, lat, lon: 24.03 }), 201);
      // A hospital whose installed 1000 kW unit covers its estimated critical load: no profile deficit at all.
      covered = await make('Covered hospital', 49.84);
      bare = await make('Bare hospital', 49.86);
      await storeTestGenerators(testDb.database, [{ facilityId: covered.id, ratingKva: 1250 }]);
      donorOrgId = (await post<{ id: string }>('/api/v1/organizations', admin, { nameUk: 'Донор', nameEn: 'Donor', type: 'bilateral_agency', country: 'JP' }, 201)).id;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('gives a unit to a facility with an approved generator need, and receiving it meets the need in kW', async () => {
      const profile = (await app.inject({ url: `/api/v1/energy/facilities/${covered.id}/profile`, headers: admin })).json<PowerProfile>();
      expect(profile.deficitKw).toBe(0);
      const raised = await post<Need>('/api/v1/needs', coordinator, { facilityId: covered.id, category: 'generator', specification: '500 kW for the new surgical block', quantity: '500', unit: 'kW', priority: 'critical' }, 201);
      const need = await post<Need>(`/api/v1/needs/${raised.id}/approve`, coordinator, { version: raised.version }, 200);
      const [unit] = await storeTestGenerators(testDb.database, [{ ratingKva: 1050, donorOrgId }]);
      if (unit === undefined) throw new Error('no unit stored');

      const plan = await post<Plan>('/api/v1/energy/plans', coordinator, { timeLimitSeconds: 1 }, 201);
      // The problem gives the facility a deficit of the need's 500 kW with its own priority weight, and records the need it carries.
      const row = await storedPlan(plan.id);
      const problem = JSON.parse(row.problem) as CheckProblem & { needs: PlanNeed[] };
      const inProblem = problem.facilities.find((f) => f.id === covered.id);
      expect(inProblem).toBeDefined();
      expect((inProblem?.criticalLoadKw ?? 0) - (inProblem?.backupKw ?? 0)).toBeCloseTo(500, 6);
      expect(inProblem?.weight).toBe(profile.priority.weight);
      expect(problem.needs).toEqual([{ needId: need.id, facilityId: covered.id, specification: '500 kW for the new surgical block', uncoveredKw: 500 }]);
      const assignments = (JSON.parse(row.result) as { assignments: StoredAssignment[] }).assignments;
      checkAllocationPlan(problem, { assignments: assignments.filter((a) => !a.pinned), objective: row.objective, upperBound: row.upper_bound }, 1e-6);
      const served = plan.assignments.find((a) => a.facilityId === covered.id);
      expect(served).toMatchObject({ generatorId: unit.id, usableKw: 840, needId: need.id, needSpecification: '500 kW for the new surgical block' });
      expect(served?.explanation.text).toContain('meets the need "500 kW for the new surgical block"');
      // Readers without access to the facility's power data see no assignment, so no need either.
      expect((await app.inject({ url: `/api/v1/energy/plans/${plan.id}`, headers: analyst })).json<Plan>().assignments).toEqual([]);

      const approved = await post<Plan>(`/api/v1/energy/plans/${plan.id}/approve`, coordinator, { version: plan.version }, 200);
      await post<Plan>(`/api/v1/energy/plans/${plan.id}/execute`, coordinator, { version: approved.version }, 200);
      // Executing links the unit's shipment line to the need and commits its kW there: the gap counts it on its way.
      const line = await testDb.database.db.selectFrom('shipment_lines').innerJoin('shipments', 'shipments.id', 'shipment_lines.shipment_id').select(['shipment_lines.id', 'shipment_lines.shipment_id', 'shipment_lines.need_id', 'shipment_lines.serials', 'shipments.version']).where('shipments.donor_reference', '=', `energy plan ${plan.id}`).executeTakeFirstOrThrow();
      expect(line.need_id).toBe(need.id);
      expect(await needOf(need.id)).toMatchObject({ status: 'partially_met', committed: '840', delivered: '0', uncovered: '0' });

      await post(`/api/v1/shipments/${line.shipment_id}/receipts`, coordinator, { version: line.version, entries: [{ lineId: line.id, quantity: 1, serials: [unit.serial] }] }, 201);
      const met = await needOf(need.id);
      expect(met).toMatchObject({ status: 'met', delivered: '840', uncovered: '0' });
      expect(Number(met.delivered)).toBeGreaterThanOrEqual(Number(met.quantity));
      const links = await testDb.database.db.selectFrom('need_links').select(['source_kind', 'stage', 'quantity', 'source_unit']).where('need_id', '=', need.id).orderBy('created_at').execute();
      expect(links.map((l) => [l.source_kind, l.stage, l.quantity])).toEqual([['shipment_line', 'committed', '840'], ['receipt', 'delivered', '840']]);

      // A met need no longer draws units: the next plan leaves the facility out.
      await storeTestGenerators(testDb.database, [{ ratingKva: 250, donorOrgId }]);
      const next = await post<Plan>('/api/v1/energy/plans', coordinator, { timeLimitSeconds: 1 }, 201);
      expect(JSON.parse((await storedPlan(next.id)).problem)).toMatchObject({ needs: [] });
      expect(next.assignments.some((a) => a.facilityId === covered.id)).toBe(false);
      await post(`/api/v1/energy/plans/${next.id}/discard`, coordinator, { version: next.version, reason: 'superseded by the tests' }, 200);
    }, 60_000);

    it('refuses to approve a plan whose units a later plan took, and discards a draft with its reason, audited', async () => {
      const first = await post<Plan>('/api/v1/energy/plans', coordinator, { timeLimitSeconds: 1 }, 201);
      const later = await post<Plan>('/api/v1/energy/plans', coordinator, { timeLimitSeconds: 1 }, 201);
      const shared = first.assignments.filter((a) => later.assignments.some((b) => b.generatorId === a.generatorId));
      expect(shared.length).toBeGreaterThan(0);
      expect(shared.every((a) => a.facilityId === bare.id)).toBe(true);
      await post<Plan>(`/api/v1/energy/plans/${later.id}/approve`, admin, { version: later.version }, 200);

      const refused = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${first.id}/approve`, headers: coordinator, payload: { version: first.version } });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json<{ detail: string }>().detail).toBe(`Units ${shared.map((a) => a.serial).join(', ')} were taken by plan ${later.id} (approved on ${new Date().toISOString().slice(0, 10)}); run a new plan or discard this one.`);
      expect((await storedPlan(first.id)).status).toBe('draft');

      // Only planners discard, with a real reason, and only a draft.
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${first.id}/discard`, headers: analyst, payload: { version: first.version, reason: 'not mine' } })).statusCode).toBe(403);
      const blank = await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${first.id}/discard`, headers: coordinator, payload: { version: first.version, reason: '   ' } });
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('reason');
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${later.id}/discard`, headers: coordinator, payload: { version: later.version + 1, reason: 'too late' } })).statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${first.id}/discard`, headers: coordinator, payload: { version: first.version + 5, reason: 'stale' } })).statusCode).toBe(409);

      const discarded = await post<Plan>(`/api/v1/energy/plans/${first.id}/discard`, coordinator, { version: first.version, reason: 'Its units went to a later plan' }, 200);
      expect(discarded).toMatchObject({ status: 'discarded', discardReason: 'Its units went to a later plan', version: first.version + 1 });
      expect(discarded.discardedAt).not.toBeNull();
      expect(discarded.discardedBy).toMatch(/^coordinator-/);
      const audit = await testDb.database.db.selectFrom('audit_events').select(['action', 'change']).where('entity', '=', 'energy_plan').where('entity_id', '=', first.id).where('action', '=', 'discard').execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(String(audit[0]?.change))).toMatchObject({ status: { from: 'draft', to: 'discarded' }, reason: 'Its units went to a later plan' });
      // It keeps its record and is listed as discarded; it can no longer be approved.
      const list = (await app.inject({ url: '/api/v1/energy/plans?status=discarded', headers: analyst })).json<{ items: { id: string }[] }>();
      expect(list.items.map((p) => p.id)).toContain(first.id);
      expect((await app.inject({ method: 'POST', url: `/api/v1/energy/plans/${first.id}/approve`, headers: coordinator, payload: { version: discarded.version } })).statusCode).toBe(409);
    }, 60_000);
  });
}
