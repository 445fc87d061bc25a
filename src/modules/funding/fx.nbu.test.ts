import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import type { Static } from '@sinclair/typebox';
import type { Converted as ConvertedSchema, FxRateList as FxRateListSchema } from './fx.schema.js';

type Converted = Static<typeof ConvertedSchema>;
type FxRateList = Static<typeof FxRateListSchema>;

/** Two days of the NBU's official rates, shaped as bank.gov.ua publishes them (UAH per unit). */
const NBU_FILE = [
  { r030: 840, txt: 'Долар США', rate: 41.2834, cc: 'USD', exchangedate: '02.12.2026' },
  { r030: 978, txt: 'Євро', rate: 44.8012, cc: 'EUR', exchangedate: '02.12.2026' },
  { r030: 392, txt: 'Єна', rate: 0.27551, cc: 'JPY', exchangedate: '02.12.2026' },
  { r030: 840, txt: 'Долар США', rate: 41.3, cc: 'USD', exchangedate: '03.12.2026' },
  { r030: 978, txt: 'Євро', rate: 44.9, cc: 'EUR', exchangedate: '03.12.2026' },
];

for (const dialect of DIALECTS) {
  describe(`NBU official rates (${dialect})`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const rates = async () => (await app.inject({ url: '/api/v1/fx-rates?limit=100', headers })).json<FxRateList>().items;
    const importNbu = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/fx-rates/import?format=nbu', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb, { CAREBRIDGE_FX_MAX_RATE_AGE_DAYS: '31' });
      headers = (await userWithToken(testDb.database, 'coordinator')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('refuses a file with an item missing its cc or USD for a day, naming the item and field, and writes nothing', async () => {
      const missingCc = structuredClone(NBU_FILE) as Record<string, unknown>[];
      delete missingCc[1]?.cc;
      const res = await importNbu(missingCc);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ rowErrors: unknown[] }>().rowErrors).toContainEqual({ row: 2, column: 'cc', message: 'is required' });

      const noUsd = NBU_FILE.filter((r) => !(r.cc === 'USD' && r.exchangedate === '03.12.2026'));
      const noUsdRes = await importNbu(noUsd);
      expect(noUsdRes.statusCode).toBe(400);
      expect(noUsdRes.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors[0]?.message).toContain('no USD rate for 2026-12-03');

      const badDate = await importNbu([{ ...NBU_FILE[0], exchangedate: '2026-12-02' }]);
      expect(badDate.json<{ rowErrors: unknown[] }>().rowErrors).toContainEqual({ row: 1, column: 'exchangedate', message: '"2026-12-02" is not a date (dd.mm.yyyy)' });
      expect((await importNbu({ not: 'an array' })).statusCode).toBe(400);
      expect(await rates()).toEqual([]);
    });

    it('stores rates per USD with the NBU as the source, and converts through them exactly', async () => {
      const res = await importNbu(NBU_FILE);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ imported: number }>().imported).toBe(5); // EUR, JPY, UAH on the 2nd; EUR, UAH on the 3rd
      const stored = await rates();
      const of = (currency: string, date: string) => stored.find((r) => r.currency === currency && r.date === date);
      expect(of('UAH', '2026-12-02')?.ratePerUsd).toBe('41.2834');
      // 41.2834 / 44.8012 EUR per USD, to ten decimals.
      expect(of('EUR', '2026-12-02')?.ratePerUsd).toBe('0.9214797818');
      expect(of('JPY', '2026-12-02')?.ratePerUsd).toBe('149.8435628471');
      expect(of('EUR', '2026-12-03')?.source).toBe('National Bank of Ukraine (official rate)');

      const uah = (await app.inject({ url: '/api/v1/fx-rates/convert?amount=44.9&currency=EUR&to=UAH&date=2026-12-03', headers })).json<Converted>();
      // 44.9 EUR at 44.9 UAH per EUR is 2,016.01 UAH, back through USD without losing a cent.
      expect(uah.amount).toBe('2016.01');
      expect(uah.rates.every((r) => !r.stale && r.ageDays === 0)).toBe(true);

      // Importing the same day again is refused, never overwritten.
      const again = await importNbu(NBU_FILE.slice(3));
      expect(again.statusCode).toBe(400);
      expect(again.json<{ rowErrors: { message: string }[] }>().rowErrors[0]?.message).toContain('already stored');
    });

    it('says when a conversion uses a rate older than the configured age', async () => {
      const fresh = (await app.inject({ url: '/api/v1/fx-rates/convert?amount=100&currency=EUR&to=USD&date=2027-01-03', headers })).json<Converted>();
      expect(fresh.rates[0]).toMatchObject({ currency: 'EUR', date: '2026-12-03', ageDays: 31, stale: false });
      const old = (await app.inject({ url: '/api/v1/fx-rates/convert?amount=100&currency=EUR&to=USD&date=2027-02-20', headers })).json<Converted>();
      expect(old.rates[0]).toMatchObject({ currency: 'EUR', date: '2026-12-03', ageDays: 79, stale: true });
    });
  });
}
