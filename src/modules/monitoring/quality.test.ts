import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { createFacility } from '../facilities/facilities.service.js';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { similarNames } from './quality.checks.js';
import type { QualityIssue } from './quality.schema.js';
import { createStatusReport } from './status.service.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

describe('name similarity', () => {
  it('ignores case, punctuation and one typo, not different numbers of words', () => {
    expect(similarNames('Лікарня №3, м. Львів', 'лікарня № 3 м Львів')).toBe(true);
    expect(similarNames('Cardiology Centre', 'Cardiolgy Centre')).toBe(true);
    expect(similarNames('City hospital 1', 'Children hospital')).toBe(false);
  });
});

for (const dialect of DIALECTS) {
  describe(`data quality on ${dialect}`, () => {
    let testDb: TestDatabase;
    const ctx = systemContext('test');
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      const make = async (name: string, overrides: Parameters<typeof buildFacility>[0]) => (await createFacility(testDb.database, ctx, buildFacility({ nameEn: name, nameUk: name, ...overrides }))).id;
      ids.a = await make('Sambir District Hospital', { lat: 49.52, lon: 23.2 });
      ids.b = await make('Sambir district hospital.', { lat: 49.524, lon: 23.203 });
      ids.far = await make('Sambir District Hospital', { lat: 49.7, lon: 23.2 });
      // Inside the schema's bounding box, but in Moldova.
      ids.moldova = await make('Border clinic', { lat: 47.0, lon: 28.8 });
      ids.kharkiv = await make('Kharkiv clinic', { areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 });
      const base = { accessibility: 'fully', powerSource: 'grid' } as const;
      await createStatusReport(testDb.database, ctx, { ...base, facilityId: ids.a, observedAt: new Date().toISOString(), buildingCondition: 'fully_damaged', functionality: 'fully' });
      await createStatusReport(testDb.database, ctx, { ...base, facilityId: ids.b, observedAt: '2024-01-01T00:00:00Z', buildingCondition: 'not_damaged', functionality: 'fully' });
      await createStatusReport(testDb.database, ctx, { ...base, facilityId: ids.far, observedAt: new Date().toISOString(), buildingCondition: 'not_damaged', functionality: 'fully' });
    }, 60_000);
    afterAll(async () => {
      await testDb.drop();
    });

    it('finds stale, outside-the-country, duplicate and contradictory facilities in the caller\'s scope', async () => {
      const app = await appFor(testDb);
      try {
        const admin = await userWithToken(testDb.database, 'admin');
        const res = await app.inject({ url: '/api/v1/data-quality?staleDays=30', headers: admin.headers });
        expect(res.statusCode, res.body).toBe(200);
        const items = res.json<{ items: QualityIssue[] }>().items;
        const of = (check: string) => items.filter((i) => i.check === check).map((i) => i.facilityId).sort();
        expect(of('stale')).toEqual([ids.b, ids.moldova, ids.kharkiv].sort());
        expect(of('outside_country')).toEqual([ids.moldova]);
        const dup = items.filter((i) => i.check === 'likely_duplicate');
        expect(dup.map((d) => [d.facilityId, d.relatedFacilityId].sort())).toEqual([[ids.a, ids.b].sort()]);
        expect(items.filter((i) => i.check === 'contradiction').map((i) => [i.facilityId, i.detail])).toEqual([[ids.a, expect.stringContaining('fully functioning in a fully damaged building')]]);
        // The reason and its facts, so the interface says it in the user's language and names the other facility.
        const contradiction = items.find((i) => i.check === 'contradiction');
        expect([contradiction?.reason, /^\d{4}-\d{2}-\d{2}$/.test(contradiction?.observedAt ?? '')]).toEqual(['fully_in_destroyed_building', true]);
        expect([dup[0]?.reason, typeof dup[0]?.distanceM, dup[0]?.related?.code]).toEqual(['similar_name', 'number', items.find((i) => i.facilityId === dup[0]?.relatedFacilityId)?.code]);
        expect(items.filter((i) => i.check === 'outside_country').map((i) => i.reason)).toEqual(['outside_country']);
        const lviv = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
        const scoped = (await app.inject({ url: '/api/v1/data-quality', headers: lviv.headers })).json<{ items: { facilityId: string }[] }>().items;
        expect(scoped.some((i) => i.facilityId === ids.kharkiv)).toBe(false);
        const analyst = await userWithToken(testDb.database, 'analyst');
        expect((await app.inject({ url: '/api/v1/data-quality', headers: analyst.headers })).statusCode).toBe(403);
      } finally {
        await app.close();
      }
    });
  });
}
