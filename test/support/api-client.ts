import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import type { TestDatabase } from './databases.js';

/** The application over a test database, answering in-process (Fastify inject: the full HTTP pipeline, no socket). */
export async function appFor(testDb: TestDatabase, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: testDb.url, CAREBRIDGE_WEB_DIR: '/nonexistent', ...env }, process.cwd());
  return buildApp({ config, database: testDb.database, logger: false });
}
