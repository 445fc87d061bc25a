import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';

describe('configuration', () => {
  it('defaults to the SQLite file under ./data and port 8080 on localhost', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ databaseKind: 'sqlite', sqlitePath: '/srv/app/data/carebridge.db', port: 8080, host: '127.0.0.1' });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('recognises PostgreSQL URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }, '/x')).toMatchObject({ databaseKind: 'postgres', sqlitePath: undefined });
  });
  it('lists every problem at once', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', CAREBRIDGE_LOG_LEVEL: 'loud' }, '/x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toHaveLength(3);
      expect((e as ConfigError).problems.join('\n')).toMatch(/DATABASE_URL[\s\S]*PORT[\s\S]*CAREBRIDGE_LOG_LEVEL/);
    }
  });
  it('syncs SQLite at every commit unless told otherwise: full by default, normal on request, nothing else', () => {
    expect(loadConfig({}, '/x').sqliteSynchronous).toBe('full');
    expect(loadConfig({ CAREBRIDGE_SQLITE_SYNCHRONOUS: 'normal' }, '/x').sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ CAREBRIDGE_SQLITE_SYNCHRONOUS: 'off' }, '/x')).toThrow(/CAREBRIDGE_SQLITE_SYNCHRONOUS: must be full or normal \(got "off"\)/);
  });
  it('opens SQLite from the default configuration in WAL mode with synchronous=FULL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-config-'));
    const c = loadConfig({}, dir);
    const database = openDatabase({ url: c.databaseUrl, kind: c.databaseKind, sqlitePath: c.sqlitePath, sqliteSynchronous: c.sqliteSynchronous });
    try {
      // SQLite numbers the levels: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
      expect((await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db)).rows).toEqual([{ synchronous: 2 }]);
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)).rows).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads the reporting schedule: weekly with three days of grace unless told, week or month only', () => {
    expect(loadConfig({}, '/x')).toMatchObject({ reportingPeriod: 'week', reportingDeadlineDays: 3 });
    expect(loadConfig({ CAREBRIDGE_REPORTING_PERIOD: 'month', CAREBRIDGE_REPORTING_DEADLINE_DAYS: '15' }, '/x')).toMatchObject({ reportingPeriod: 'month', reportingDeadlineDays: 15 });
    expect(() => loadConfig({ CAREBRIDGE_REPORTING_PERIOD: 'fortnight', CAREBRIDGE_REPORTING_DEADLINE_DAYS: '-1' }, '/x')).toThrow(/CAREBRIDGE_REPORTING_DEADLINE_DAYS: must be an integer from 0 to 90[\s\S]*CAREBRIDGE_REPORTING_PERIOD: must be week or month/);
  });
});
