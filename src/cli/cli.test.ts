import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carebridge as runCli, type CliResult } from '../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { TEST_PASSWORD, userWithToken } from '../../test/support/factories.js';

/** Runs the real command in a child process, as a user's script would. */
async function carebridge(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return runCli({ DATABASE_URL: databaseUrl }, args);
}

/** The same, with text on standard input (as `printf … | carebridge …`). */
async function carebridgeWithInput(databaseUrl: string, input: string, ...args: string[]): Promise<CliResult> {
  return runCli({ DATABASE_URL: databaseUrl }, args, input);
}

for (const dialect of DIALECTS) {
  describe(`carebridge CLI on ${dialect}`, () => {
    let testDb: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-cli-'));
    });
    afterAll(async () => {
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('loads the demo deterministically, exports it, and refuses to load it twice', async () => {
      const demo = await carebridge(testDb.url, 'demo', '--scale', 'small', '--seed', '7');
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toMatch(/1500 facilities/);
      const out = path.join(dir, 'f.geojson');
      const exp = await carebridge(testDb.url, 'export', 'geojson', '--output', out);
      expect(exp.code, exp.stderr).toBe(0);
      const fc = JSON.parse(fs.readFileSync(out, 'utf8')) as { features: { geometry: { coordinates: [number, number] }; properties: { type: string } }[] };
      expect(fc.features).toHaveLength(1500);
      // On Ukraine's territory (the export rounds to 0.1°, so allow that much at the border), every type of DESIGN §4 present.
      const { isInsideUkraine } = await import('../modules/geography/country-outline.js');
      const nearUkraine = (lat: number, lon: number) => [-0.06, 0, 0.06].some((dy) => [-0.06, 0, 0.06].some((dx) => isInsideUkraine(lat + dy, lon + dx)));
      const abroad = fc.features.filter((f) => !nearUkraine(f.geometry.coordinates[1], f.geometry.coordinates[0]));
      expect(abroad).toEqual([]);
      expect(new Set(fc.features.map((f) => f.properties.type)).size).toBe(14);
      const again = await carebridge(testDb.url, 'demo');
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already has facilities/);
    }, 180_000);

    it('imports facilities from a file with row errors on stderr, exit code 2 and nothing written', async () => {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, 'code,name_uk,name_en,type,tier,ownership,area,lat,lon\nOK-1,Лікарня,Hospital,ambulatory,primary,communal,UA-46,49.8,24\nBAD-1,Лікарня,Hospital,ambulatory,primary,communal,UA-46,91,24\n');
      const res = await carebridge(testDb.url, 'import', 'facilities', file);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('row 3, column lat');
      const n = await testDb.database.db.selectFrom('facilities').select('id').where('code', '=', 'OK-1').execute();
      expect(n).toHaveLength(0);
      const missing = await carebridge(testDb.url, 'import', 'facilities', path.join(dir, 'nope.csv'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('No such file');
    }, 180_000);

    it('creates a user and prints a token alone on the last line; the token authenticates; audit verifies', async () => {
      expect((await carebridge(testDb.url, 'user', 'create', '--email', 'ops@moh.example', '--role', 'coordinator')).code).toBe(0);
      const bad = await carebridge(testDb.url, 'user', 'create', '--email', 'x@moh.example', '--role', 'emperor');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('/role');
      const tok = await carebridge(testDb.url, 'token', 'create', '--email', 'ops@moh.example', '--expires-days', '30');
      expect(tok.code, tok.stderr).toBe(0);
      const last = tok.stdout.trim().split('\n').at(-1) ?? '';
      expect(last).toMatch(/^cb_[A-Za-z0-9_-]{40,}$/);
      const { authenticateToken } = await import('../modules/access/access.service.js');
      expect(await authenticateToken(testDb.database, last)).toMatchObject({ email: 'ops@moh.example', memberships: [{ role: 'coordinator' }] });
      const audit = await carebridge(testDb.url, 'audit', 'verify');
      expect(audit.code).toBe(0);
      expect(audit.stdout).toMatch(/intact: \d+ events/);
      // Passwords come on standard input, never on the command line.
      const { signIn } = await import('../modules/access/access.sessions.js');
      const { SignInThrottle } = await import('../modules/access/access.throttle.js');
      const login = (password: string) => signIn(testDb.database, new SignInThrottle(), { email: 'pw@moh.example', password, address: '127.0.0.1', requestId: 't' });
      expect((await carebridgeWithInput(testDb.url, 'a long passphrase one\n', 'user', 'create', '--email', 'pw@moh.example', '--role', 'analyst', '--password-stdin')).code).toBe(0);
      await expect(login('a long passphrase one')).resolves.toMatchObject({ principal: { email: 'pw@moh.example' } });
      expect((await carebridgeWithInput(testDb.url, 'a second long passphrase\n', 'user', 'password', '--email', 'pw@moh.example', '--password-stdin')).code).toBe(0);
      await expect(login('a long passphrase one')).rejects.toMatchObject({ code: 'unauthenticated' });
      await expect(login('a second long passphrase')).resolves.toMatchObject({ principal: { email: 'pw@moh.example' } });
      // Stored at the full cost (N=2^15, 32 MiB): the suite's own cheaper cost (test/support/setup.ts) stays in the tests.
      const stored = await testDb.database.db.selectFrom('users').select('password_hash').where('email', '=', 'pw@moh.example').executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      const short = await carebridgeWithInput(testDb.url, 'short\n', 'user', 'password', '--email', 'pw@moh.example', '--password-stdin');
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('12 characters');
      const unknown = await carebridge(testDb.url, 'frobnicate');
      expect(unknown.code).toBe(2);
    }, 180_000);

    it('locks a user (every session and token ended, sign-in refused) and unlocks them', async () => {
      const { email, token } = await userWithToken(testDb.database, 'analyst');
      const { authenticateToken } = await import('../modules/access/access.service.js');
      const { signIn } = await import('../modules/access/access.sessions.js');
      const { SignInThrottle } = await import('../modules/access/access.throttle.js');
      const login = () => signIn(testDb.database, new SignInThrottle(), { email, password: TEST_PASSWORD, address: '127.0.0.1', requestId: 't' });
      await login();
      expect(await authenticateToken(testDb.database, token)).not.toBeNull();

      const locked = await carebridge(testDb.url, 'user', 'lock', '--email', email);
      expect(locked.code, locked.stderr).toBe(0);
      expect(locked.stdout).toContain('1 session(s) and 1 API token(s) ended');
      expect(await authenticateToken(testDb.database, token)).toBeNull();
      await expect(login()).rejects.toMatchObject({ code: 'unauthenticated' });
      const unlocked = await carebridge(testDb.url, 'user', 'unlock', '--email', email);
      expect(unlocked.code, unlocked.stderr).toBe(0);
      await expect(login()).resolves.toMatchObject({ principal: { email } });
      expect(await authenticateToken(testDb.database, token)).toBeNull();

      const missing = await carebridge(testDb.url, 'user', 'lock', '--email', 'nobody@moh.example');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('No user with email nobody@moh.example');
      expect((await carebridge(testDb.url, 'user', 'lock')).stderr).toContain('Usage: carebridge user lock --email E');
    }, 180_000);
  });
}
