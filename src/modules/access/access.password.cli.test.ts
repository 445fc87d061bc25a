import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carebridge } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { authenticateToken, createToken } from './access.service.js';

/** `carebridge user password` is the reset an operator runs when a password leaked: the user's API tokens may have leaked with it. */
for (const dialect of DIALECTS) {
  describe(`carebridge user password on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
    });
    afterAll(() => testDb.drop());

    it("ends every API token of that user, and only that user's", async () => {
      const user = await userWithToken(testDb.database, 'analyst');
      const second = (await createToken(testDb.database, systemContext('test'), { email: user.email })).token;
      const other = await userWithToken(testDb.database, 'analyst');
      expect(await authenticateToken(testDb.database, user.token)).not.toBeNull();

      const reset = await carebridge({ DATABASE_URL: testDb.url }, ['user', 'password', '--email', user.email, '--password-stdin'], 'a brand new long passphrase\n');
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toContain(`Password set for ${user.email}; 0 session(s) and 2 API token(s) ended.`);
      expect(await authenticateToken(testDb.database, user.token)).toBeNull();
      expect(await authenticateToken(testDb.database, second)).toBeNull();
      expect(await authenticateToken(testDb.database, other.token)).toMatchObject({ email: other.email });
    }, 120_000);
  });
}
