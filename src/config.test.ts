import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
  it('reads the reporting schedule: weekly with three days of grace unless told, week or month only', () => {
    expect(loadConfig({}, '/x')).toMatchObject({ reportingPeriod: 'week', reportingDeadlineDays: 3 });
    expect(loadConfig({ CAREBRIDGE_REPORTING_PERIOD: 'month', CAREBRIDGE_REPORTING_DEADLINE_DAYS: '15' }, '/x')).toMatchObject({ reportingPeriod: 'month', reportingDeadlineDays: 15 });
    expect(() => loadConfig({ CAREBRIDGE_REPORTING_PERIOD: 'fortnight', CAREBRIDGE_REPORTING_DEADLINE_DAYS: '-1' }, '/x')).toThrow(/CAREBRIDGE_REPORTING_DEADLINE_DAYS: must be an integer from 0 to 90[\s\S]*CAREBRIDGE_REPORTING_PERIOD: must be week or month/);
  });
});
