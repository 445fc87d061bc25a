import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PG_TEMPLATE_PREFIX, pgUrl } from './databases.js';

/**
 * Once per `vitest run`: a folder where test files share what is costly to build (the demo database,
 * the bundled CLI; see run-once.ts), removed at the end with the PostgreSQL template databases built into it.
 */
export function setup(project: TestProject): () => Promise<void> {
  const id = `${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-run-'));
  project.provide('carebridgeRunDir', dir);
  project.provide('carebridgeRunId', id);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgUrl === undefined) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      const left = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${PG_TEMPLATE_PREFIX}${id}%`]);
      for (const { datname } of left.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
