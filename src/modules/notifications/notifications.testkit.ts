import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { loadConfig } from '../../config.js';
import type { DatabaseKind } from '../../config.js';
import { buildApp } from '../../http/app.js';
import type { MembershipCreate, Role } from '../access/access.schema.js';
import type { Notification, NotificationList } from './notifications.schema.js';
import { drainNotifications, runNotificationChecks, type NotificationSettings } from './notifications.worker.js';

export type Headers = { authorization: string };
export interface TestUser {
  id: string;
  email: string;
  headers: Headers;
}

/** An app over a fresh database whose notification worker is off: the test drains the outbox itself. */
export async function notificationHarness(dialect: DatabaseKind, settings: Partial<NotificationSettings['email']> = {}) {
  const testDb: TestDatabase = await createTestDatabase(dialect);
  const config = loadConfig({ DATABASE_URL: testDb.url, CAREBRIDGE_WEB_DIR: '/nonexistent' }, process.cwd());
  const app: FastifyInstance = await buildApp({ config, database: testDb.database, logger: false, notificationWorker: false });
  const notificationSettings: NotificationSettings = { email: { smtpUrl: undefined, from: 'Carebridge <cb@test.example>', publicUrl: 'http://carebridge.test', ...settings }, replenishment: { maxMonths: 3, minMonths: 1 } };
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object, status?: number): Promise<T> => {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (status !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    else expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return (res.body === '' ? undefined : res.json()) as T;
  };
  return {
    testDb,
    app,
    call,
    settings: notificationSettings,
    user: (role: Role, scope: Pick<MembershipCreate, 'scopeAreas' | 'scopeFacilities' | 'organizationId'> = {}): Promise<TestUser> => userWithToken(testDb.database, role, scope),
    drain: (now?: Date) => drainNotifications(testDb.database, notificationSettings, now),
    /** One run of the periodic checks (overdue action items, low stock). */
    checks: (now?: Date) => runNotificationChecks(testDb.database, notificationSettings, now),
    /** What the user's notification centre shows. */
    inbox: (u: TestUser): Promise<NotificationList> => call<NotificationList>('GET', '/api/v1/notifications', u.headers),
    /** The user's notifications of one kind. */
    ofKind: async (u: TestUser, kind: Notification['kind']): Promise<Notification[]> => (await call<NotificationList>('GET', '/api/v1/notifications?limit=500', u.headers)).items.filter((n) => n.kind === kind),
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof notificationHarness>>;
