import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAjv } from '../ajv.js';
import { appFor } from '../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../test/support/factories.js';
import type { FieldError } from '../errors.js';
import { fieldErrors } from './validation.js';

const Body = Type.Object({
  amount: Type.String({ pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,6})?$' }),
  code: Type.String({ pattern: '^UA[0-9]{17}$' }),
  beds: Type.Integer({ minimum: 0 }),
  name: Type.String({ minLength: 1 }),
});

function problemsOf(body: unknown): FieldError[] {
  const validate = makeAjv(false).compile(Body);
  validate(body);
  return fieldErrors(validate.errors ?? [], 'body');
}

describe('field errors from the schema', () => {
  it('name the rule and its bound, and never show a regular expression', () => {
    const problems = problemsOf({ amount: '12,50', code: 'x', beds: -1 });
    expect(problems).toEqual([
      { path: '/name', message: 'is required', rule: 'required' },
      { path: '/amount', message: 'must be a number such as 1234.50 (digits, a dot before the decimals)', rule: 'pattern', limit: 'decimal' },
      { path: '/code', message: 'is not in the expected form', rule: 'pattern', limit: 'code' },
      { path: '/beds', message: 'must be >= 0', rule: 'minimum', limit: 0 },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/\^|\$"/);
  });
});

for (const dialect of DIALECTS) {
  describe(`a 400 carries each field's rule on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await testDb.drop();
    });

    it('keeps rule and limit in the problem the client receives', async () => {
      const app = await appFor(testDb);
      try {
        const admin = await userWithToken(testDb.database, 'admin');
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: { ...buildFacility(), beds: -3, areaKatottg: 'nowhere' } });
        expect(res.statusCode).toBe(400);
        const errors = res.json<{ errors: FieldError[] }>().errors;
        expect(errors.find((e) => e.path === '/beds')).toMatchObject({ rule: 'minimum', limit: 0 });
        expect(errors.find((e) => e.path === '/areaKatottg')).toMatchObject({ rule: 'pattern', limit: 'code', message: 'is not in the expected form' });
      } finally {
        await app.close();
      }
    });
  });
}
