import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.js';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

type Headers = { headers: { authorization: string } };
type Review = { state: string; version: number; comment: string | null; decidedBy: string | null; corrects: string | null; correctedBy: string | null };
type Item = { kind: string; id: string; facilityId: string | null; oblastIso: string; findings: { check: string; reason: string }[]; review: Review };

for (const dialect of DIALECTS) {
  describe(`review of reports on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let coordinator: Headers;
    let kharkivCoordinator: Headers;
    let reporter: Headers;
    let lviv = '';
    let lvivOther = '';
    let kharkiv = '';
    let minute = 0;

    const at = () => new Date(Date.UTC(2025, 0, 1, 8, (minute += 1))).toISOString();
    const report = async (facilityId: string, who: Headers, extra: Record<string, unknown> = {}) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/status-reports', ...who, payload: { facilityId, observedAt: at(), buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid', ...extra } });
      return res;
    };
    const newReport = async (facilityId: string, who = reporter, extra: Record<string, unknown> = {}) => {
      const res = await report(facilityId, who, extra);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string; reviewState: string }>();
    };
    const decide = (id: string, payload: Record<string, unknown>, who: Headers, kind = 'status-reports') => app.inject({ method: 'POST', url: `/api/v1/${kind}/${id}/review`, ...who, payload });
    const queue = async (query: string, who: Headers = coordinator) => {
      const res = await app.inject({ url: `/api/v1/reviews${query}`, ...who });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Item[]; nextCursor: string | null }>();
    };
    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'report_reviews' | 'audit_events' | 'status_reports') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { reviews: await n('report_reviews'), audit: await n('audit_events'), reports: await n('status_reports') };
    };
    const auditOf = (entityId: string) => testDb.database.db.selectFrom('audit_events').select(['action', 'entity', 'actor', 'change']).where('entity_id', '=', entityId).orderBy('seq').execute();

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      const make = async (area: string) => (await app.inject({ method: 'POST', url: '/api/v1/facilities', ...admin, payload: buildFacility({ areaKatottg: area }) })).json<{ id: string }>().id;
      lviv = await make(LVIV);
      lvivOther = await make(LVIV);
      kharkiv = await make(KHARKIV);
      coordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      kharkivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [KHARKIV] });
      reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [lviv] });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('keeps a returned report and its correction as a chain, with each step audited', async () => {
      const first = await newReport(lviv);
      expect(first.reviewState).toBe('new');
      const returned = await decide(first.id, { decision: 'return', comment: 'Power source says grid, the outage log says otherwise', version: 0 }, coordinator);
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json<{ review: Review }>().review).toMatchObject({ state: 'returned', version: 1, comment: 'Power source says grid, the outage log says otherwise' });
      // The reporter sees what was returned and why.
      const mine = await queue(`?state=returned&facility=${lviv}`, reporter);
      expect(mine.items.map((i) => [i.id, i.review.comment])).toEqual([[first.id, 'Power source says grid, the outage log says otherwise']]);

      const correction = await newReport(lviv, reporter, { powerSource: 'generator', corrects: first.id });
      const chain = (await app.inject({ url: `/api/v1/reviews/status/${correction.id}`, ...reporter })).json<{ items: Item[] }>().items;
      expect(chain.map((i) => [i.id, i.review.state, i.review.corrects, i.review.correctedBy])).toEqual([
        [first.id, 'corrected', null, correction.id],
        [correction.id, 'new', first.id, null],
      ]);
      // The same chain read from its first report; the list of reports shows the states too.
      expect((await app.inject({ url: `/api/v1/reviews/status/${first.id}`, ...coordinator })).json<{ items: Item[] }>().items.map((i) => i.id)).toEqual([first.id, correction.id]);
      const listed = (await app.inject({ url: `/api/v1/status-reports?facility=${lviv}`, ...admin })).json<{ items: { id: string; reviewState: string }[] }>().items;
      expect(Object.fromEntries(listed.map((r) => [r.id, r.reviewState]))).toMatchObject({ [first.id]: 'corrected', [correction.id]: 'new' });

      expect((await auditOf(first.id)).map((e) => e.action)).toEqual(['create', 'return', 'correct']);
      const [, ret] = await auditOf(first.id);
      expect(ret?.actor).not.toBe('system');
      expect(JSON.parse(ret?.change ?? '{}')).toMatchObject({ reviewState: { from: 'new', to: 'returned' } });

      // A second correction of the same report is refused and stores nothing.
      const before = await counts();
      const again = await report(lviv, reporter, { corrects: first.id });
      expect(again.statusCode).toBe(409);
      expect(await counts()).toEqual(before);
      // A correction must be of a returned report of the same facility.
      const other = await report(lvivOther, coordinator, { corrects: correction.id });
      expect(other.statusCode).toBe(400);
      expect(other.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/corrects']);
      expect((await report(lviv, reporter, { corrects: correction.id })).statusCode).toBe(409);
      expect(await counts()).toEqual(before);
    });

    it('lets only coordinators in scope and admins decide: a reporter never validates', async () => {
      const r = await newReport(lviv);
      const analyst = await userWithToken(testDb.database, 'analyst');
      const before = await counts();
      expect((await decide(r.id, { decision: 'validate', version: 0 }, reporter)).statusCode).toBe(403);
      expect((await decide(r.id, { decision: 'validate', version: 0 }, kharkivCoordinator)).statusCode).toBe(403);
      expect((await decide(r.id, { decision: 'validate', version: 0 }, analyst)).statusCode).toBe(403);
      expect(await counts()).toEqual(before);
      const ok = await decide(r.id, { decision: 'validate', version: 0 }, admin);
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await auditOf(r.id)).map((e) => e.action)).toEqual(['create', 'validate']);
    });

    it('answers a return without a comment with a 400 naming the comment, and changes nothing', async () => {
      const r = await newReport(lviv);
      const before = await counts();
      for (const comment of [undefined, '   ']) {
        const res = await decide(r.id, { decision: 'return', version: 0, ...(comment === undefined ? {} : { comment }) }, coordinator);
        expect(res.statusCode).toBe(400);
        const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
        expect(errors.map((e) => e.path)).toEqual(['/comment']);
        expect(errors[0]?.message).toContain('required when returning');
      }
      expect((await decide(r.id, { decision: 'approve', version: 0 }, coordinator)).statusCode).toBe(400);
      expect(await counts()).toEqual(before);
      expect((await queue(`?facility=${lviv}&state=new`)).items.map((i) => i.id)).toContain(r.id);
    });

    it('lets only one of two coordinators decide: the stale decision gets 409', async () => {
      const r = await newReport(lviv);
      const second = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const [a, b] = await Promise.all([decide(r.id, { decision: 'validate', version: 0 }, coordinator), decide(r.id, { decision: 'return', comment: 'Check the date', version: 0 }, second)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const state = (await queue(`?facility=${lviv}`)).items.find((i) => i.id === r.id)?.review;
      expect(state?.version).toBe(1);
      // Deciding again on the version seen before is stale too.
      const late = await decide(r.id, { decision: 'validate', version: 0 }, coordinator);
      expect(late.statusCode).toBe(409);
      expect(late.json<{ currentVersion: number }>().currentVersion).toBe(1);
      expect((await auditOf(r.id)).filter((e) => e.action !== 'create')).toHaveLength(1);
    });

    it('counts only validated reports and incidents when asked for validatedOnly', async () => {
      const area = `?area=${KHARKIV}`;
      const validated = await newReport(kharkiv, admin, { functionality: 'partially', functionalityReasons: ['staff'] });
      expect((await decide(validated.id, { decision: 'validate', version: 0 }, kharkivCoordinator)).statusCode).toBe(200);
      // A newer report not yet validated: the facility counts by its latest validated one.
      await newReport(kharkiv, admin, { functionality: 'not_functioning', functionalityReasons: ['damage'] });
      const incident = async () => (await app.inject({ method: 'POST', url: '/api/v1/incidents', ...admin, payload: { occurredAt: at(), facilityId: kharkiv, attackTypes: ['arson'], certainty: 'probable', patientsInjured: 2 } })).json<{ id: string; reviewState: string }>();
      const kept = await incident();
      await incident();
      expect(kept.reviewState).toBe('new');
      expect((await decide(kept.id, { decision: 'validate', version: 0 }, kharkivCoordinator, 'incidents')).statusCode).toBe(200);
      type Figures = { reporting: number; byFunctionality: Record<string, number>; incidentsByMonth: { incidents: number; injured: number }[] };
      const figures = async (query: string) => (await app.inject({ url: `/api/v1/indicators${query}`, ...admin })).json<Figures>();
      const all = await figures(area);
      const checked = await figures(`${area}&validatedOnly=true`);
      expect(all.byFunctionality).toMatchObject({ not_functioning: 1, partially: 0 });
      expect(checked).toMatchObject({ reporting: 1, byFunctionality: { partially: 1, not_functioning: 0 } });
      expect(all.incidentsByMonth.reduce((s, m) => s + m.incidents, 0)).toBe(2);
      expect(checked.incidentsByMonth).toEqual([expect.objectContaining({ incidents: 1, injured: 2 })]);
      // As of a date, and on the public figures, the same rule.
      expect((await figures(`${area}&validatedOnly=true&asOf=2025-01-02`)).byFunctionality).toMatchObject({ partially: 1, not_functioning: 0 });
      const publicFigures = (await app.inject({ url: '/api/v1/indicators/public?oblast=UA-63&validatedOnly=true' })).json<Figures>();
      expect(publicFigures.reporting).toBe(1);
    });

    it('filters the queue by kind, state, oblast and finding, within the caller’s scope', async () => {
      const contradictory = await newReport(lvivOther, coordinator, { functionality: 'fully', buildingCondition: 'fully_damaged' });
      const incident = (await app.inject({ method: 'POST', url: '/api/v1/incidents', ...admin, payload: { occurredAt: at(), areaKatottg: LVIV, attackTypes: ['threat'], certainty: 'possible' } })).json<{ id: string }>();
      const found = await queue('?finding=contradiction');
      expect(found.items.map((i) => i.id)).toEqual([contradictory.id]);
      expect(found.items[0]?.findings).toEqual([expect.objectContaining({ check: 'contradiction', reason: 'fully_in_destroyed_building' })]);
      expect((await queue('?kind=incident')).items.map((i) => i.id)).toEqual([incident.id]);
      const lvivItems = await queue('?oblast=UA-46&state=new');
      expect(lvivItems.items.every((i) => i.oblastIso === 'UA-46' && i.review.state === 'new')).toBe(true);
      expect(lvivItems.items.map((i) => i.id)).toEqual(expect.arrayContaining([contradictory.id, incident.id]));
      // Another oblast's coordinator sees none of these; a reporter sees only its own facility.
      expect((await queue('', kharkivCoordinator)).items.every((i) => i.oblastIso === 'UA-63')).toBe(true);
      expect((await queue('', reporter)).items.every((i) => i.facilityId === lviv)).toBe(true);
      // Pages follow one another without gaps or repeats.
      const whole = (await queue('?limit=500', admin)).items.map((i) => i.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await queue(`?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`, admin);
        paged.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(paged).toEqual(whole);
      const analyst = await userWithToken(testDb.database, 'analyst');
      expect((await app.inject({ url: '/api/v1/reviews', ...analyst })).statusCode).toBe(403);
    });

    it('takes a correction sent offline through sync, and refuses one of a report that is not returned', async () => {
      const r = await newReport(lviv);
      expect((await decide(r.id, { decision: 'return', comment: 'Wrong day', version: 0 }, coordinator)).statusCode).toBe(200);
      const sync = async (corrects: string) => {
        const clientId = newId();
        const body = { facilityId: lviv, observedAt: at(), buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid', corrects };
        const res = await app.inject({ method: 'POST', url: '/api/v1/sync', ...reporter, payload: { records: [{ clientId, kind: 'status_report', body }] } });
        expect(res.statusCode, res.body).toBe(202);
        return { clientId, result: res.json<{ results: { status: number; id: string | null; detail: string | null }[] }>().results[0] };
      };
      const first = await sync(r.id);
      expect(first.result).toMatchObject({ status: 202, id: first.clientId });
      const chain = (await app.inject({ url: `/api/v1/reviews/status/${r.id}`, ...reporter })).json<{ items: Item[] }>().items;
      expect(chain.map((i) => [i.id, i.review.state])).toEqual([[r.id, 'corrected'], [first.clientId, 'new']]);
      // The phone keeps a refused correction with the reason (422), and nothing is stored.
      const before = await counts();
      const second = await sync(r.id);
      expect(second.result).toMatchObject({ status: 422, id: null });
      expect(second.result?.detail).toContain('Only a returned report can be corrected');
      expect(await counts()).toEqual(before);
    });

    it('reviews and corrects incidents the same way', async () => {
      const post = (extra: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/incidents', ...reporter, payload: { occurredAt: at(), facilityId: lviv, attackTypes: ['looting'], certainty: 'confirmed', ...extra } });
      const first = (await post({})).json<{ id: string }>();
      expect((await decide(first.id, { decision: 'return', comment: 'Which building?', version: 0 }, coordinator, 'incidents')).statusCode).toBe(200);
      const fixed = await post({ corrects: first.id, narrative: 'The pharmacy store room.' });
      expect(fixed.statusCode, fixed.body).toBe(201);
      const chain = (await app.inject({ url: `/api/v1/reviews/incident/${first.id}`, ...reporter })).json<{ items: Item[] }>().items;
      expect(chain.map((i) => [i.kind, i.review.state])).toEqual([['incident', 'corrected'], ['incident', 'new']]);
      expect((await app.inject({ url: `/api/v1/reviews/status/${first.id}`, ...reporter })).statusCode).toBe(404);
    });
  });
}
