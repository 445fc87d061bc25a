import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo } from '../../src/demo/demo.js';
import { demoTemplate } from './demo-database.js';
import { currentRun } from './run-once.js';
import { buildApp } from '../../src/http/app.js';

/**
 * A real HTTP server on a random port over a fresh SQLite file, serving the
 * built web app from web/dist: what a user gets from `npm start`.
 */
export async function startAppServer(options: { demo?: 'small' | false; webDir?: string } = {}): Promise<{ url: string; databaseUrl: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-app-'));
  const file = path.join(dir, 'app.db');
  const databaseUrl = `sqlite:${file}`;
  // The demo is loaded once per run and copied (demo-database.ts); a file run without the global setup loads its own.
  const copyDemo = options.demo !== false && (await currentRun()) !== undefined;
  if (copyDemo) {
    const { sqliteFile } = (await demoTemplate('sqlite', 1)).template;
    if (sqliteFile === undefined) throw new Error('the demo template has no SQLite file');
    fs.copyFileSync(sqliteFile, file);
  }
  const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', CAREBRIDGE_LOG_LEVEL: 'warn', ...(options.webDir === undefined ? {} : { CAREBRIDGE_WEB_DIR: options.webDir }) }, process.cwd());
  const database = openDatabase({ url: config.databaseUrl, kind: config.databaseKind, sqlitePath: config.sqlitePath, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(database);
  if (options.demo !== false && !copyDemo) await loadDemo(database, { scale: 'small', seed: 1 });
  const app = await buildApp({ config, database, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    databaseUrl,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
