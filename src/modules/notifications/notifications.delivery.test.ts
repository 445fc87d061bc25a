import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { updateUserRecord } from '../access/access.service.js';
import { raiseNotification } from '../events/events.js';
import type { NotificationList, Subscriptions, Webhook, WebhookDelivery } from './notifications.schema.js';
import { notificationHarness, type Harness, type TestUser } from './notifications.testkit.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhooks.signing.js';
import { withTransaction } from '../../db/transaction.js';

const KHARKIV = 'UA63000000000041885';

/** A real SMTP server on a free port that keeps every message it is given. */
async function smtpSink(): Promise<{ url: string; messages: { to: string; raw: string }[]; close(): Promise<void> }> {
  const messages: { to: string; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Reads a message as a mail client would: the decoded subject and text (quoted-printable or base64, UTF-8). */
function readMail(raw: string): { subject: string; text: string; headers: string } {
  const [headers = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const words = (s: string) => s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) => (enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')).toString('utf8'));
  const subject = words(/^subject: (.*)$/im.exec(unfolded)?.[1] ?? '');
  const body = rest.join('\n\n');
  const encoding = /^content-transfer-encoding: (.*)$/im.exec(unfolded)?.[1]?.trim().toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8') : body;
  return { subject, text, headers: unfolded };
}

/** A local HTTP receiver: records each request; answers with the status its `answer` says at the time. */
async function hookReceiver(): Promise<{ url: string; received: { headers: http.IncomingHttpHeaders; body: string }[]; answer: { status: number }; close(): Promise<void> }> {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const answer = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/carebridge`, received, answer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const dialect of DIALECTS) {
  describe(`notification delivery on ${dialect}`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof smtpSink>>;
    let admin: TestUser;
    let coordinator: TestUser;
    let englishCoordinator: TestUser;
    let reporter: TestUser;
    let facility = '';
    const incident = (date: string, headers = reporter.headers) => h.call('POST', '/api/v1/incidents', headers, { occurredAt: `${date}T10:00:00Z`, facilityId: facility, attackTypes: ['heavy_weapons'], certainty: 'confirmed' });

    beforeAll(async () => {
      smtp = await smtpSink();
      h = await notificationHarness(dialect, { smtpUrl: smtp.url });
      admin = await h.user('admin');
      facility = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23, nameUk: 'Харківська лікарня №7', nameEn: 'Kharkiv hospital 7' }))).id;
      coordinator = await h.user('coordinator', { scopeAreas: [KHARKIV] });
      englishCoordinator = await h.user('coordinator', { scopeAreas: [KHARKIV] });
      await updateUserRecord(h.testDb.database, systemContext('test'), englishCoordinator.id, { language: 'en', version: 1 });
      reporter = await h.user('facility_reporter', { scopeFacilities: [facility] });
    }, 60_000);
    afterAll(async () => {
      await h.close();
      await smtp.close();
    });

    it('a write that rolls back leaves no event, so nobody is told anything', async () => {
      const before = (await h.inbox(coordinator)).items.length;
      await expect(
        withTransaction(h.testDb.database, async (trx) => {
          await raiseNotification(trx, systemContext('test'), { kind: 'incident_new', incidentId: '01900000-0000-7000-8000-0000000000b1', occurredAt: '2025-01-01T00:00:00Z', facilityId: facility, areaKatottg: KHARKIV, areaPath: 'UA63000000000041885/' });
          throw new Error('the write failed after raising its event');
        }),
      ).rejects.toThrow('the write failed');
      // A real write refused halfway (a facility outside the reporter's scope) raises nothing either.
      const other = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility())).id;
      await h.call('POST', '/api/v1/incidents', reporter.headers, { occurredAt: '2025-01-02T10:00:00Z', facilityId: other, attackTypes: ['arson'], certainty: 'possible' }, 403);
      const drained = await h.drain();
      expect(drained.events).toBe(0);
      expect((await h.inbox(coordinator)).items.length).toBe(before);
      expect(Number((await h.testDb.database.db.selectFrom('notification_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    });

    it('an email arrives at the SMTP server in Ukrainian for a Ukrainian-speaking user, in English for an English-speaking one', async () => {
      smtp.messages.splice(0);
      await incident('2025-03-04');
      const drained = await h.drain();
      expect(drained.emailsSent).toBe(2);
      const uk = smtp.messages.find((m) => m.to === coordinator.email);
      const en = smtp.messages.find((m) => m.to === englishCoordinator.email);
      expect(uk, 'an email to the Ukrainian-speaking coordinator').toBeDefined();
      const ukMail = readMail(uk?.raw ?? '');
      expect(ukMail.subject).toBe('Carebridge: Новий інцидент');
      expect(ukMail.text).toContain('Повідомлено про інцидент: Харківська лікарня №7, 2025-03-04.');
      expect(ukMail.text).toContain('http://carebridge.test/monitoring/incidents');
      expect(ukMail.headers).toMatch(/content-language: uk/i);
      const enMail = readMail(en?.raw ?? '');
      expect(enMail.subject).toBe('Carebridge: New incident');
      expect(enMail.text).toContain('An incident was reported at Kharkiv hospital 7 on 2025-03-04.');
      // The reporter who recorded it is not a coordinator: no email for them.
      expect(smtp.messages.some((m) => m.to === reporter.email)).toBe(false);
      // Sent once: a second drain sends nothing again.
      expect((await h.drain()).emailsSent).toBe(0);
    });

    it('subscriptions turn a channel off per kind, and the daily digest gathers emails into one message', async () => {
      const subs = await h.call<Subscriptions>('PUT', '/api/v1/notifications/subscriptions', englishCoordinator.headers, { kinds: [{ kind: 'incident_new', inApp: false, email: true }], emailDigest: true });
      expect(subs.emailDigest).toBe(true);
      expect(subs.kinds.find((k) => k.kind === 'incident_new')).toEqual({ kind: 'incident_new', inApp: false, email: true });
      expect(subs.kinds.find((k) => k.kind === 'lot_recalled')).toEqual({ kind: 'lot_recalled', inApp: true, email: true });
      // A kind named twice is refused, and nothing changes.
      await h.call('PUT', '/api/v1/notifications/subscriptions', englishCoordinator.headers, { kinds: [{ kind: 'stock_low', inApp: false, email: false }, { kind: 'stock_low', inApp: true, email: false }] }, 400);
      expect((await h.call<Subscriptions>('GET', '/api/v1/notifications/subscriptions', englishCoordinator.headers)).kinds.find((k) => k.kind === 'stock_low')).toMatchObject({ inApp: true });

      const inAppBefore = (await h.inbox(englishCoordinator)).items.length;
      smtp.messages.splice(0);
      await incident('2025-03-05');
      await incident('2025-03-06');
      const now = new Date();
      await h.drain(now);
      expect((await h.inbox(englishCoordinator)).items.length).toBe(inAppBefore);
      const digests = smtp.messages.filter((m) => m.to === englishCoordinator.email);
      expect(digests).toHaveLength(1);
      const digest = readMail(digests[0]?.raw ?? '');
      expect(digest.subject).toBe('Carebridge: 2 notification(s) today');
      expect(digest.text).toContain('on 2025-03-05');
      expect(digest.text).toContain('on 2025-03-06');
      // The next one waits for the next day's digest.
      await incident('2025-03-07');
      await h.drain(new Date(now.getTime() + 3_600_000));
      expect(smtp.messages.filter((m) => m.to === englishCoordinator.email)).toHaveLength(1);
      await h.drain(new Date(now.getTime() + 25 * 3_600_000));
      expect(smtp.messages.filter((m) => m.to === englishCoordinator.email)).toHaveLength(2);
    });

    it('marks one notification read, or all; another user’s notification is not found', async () => {
      const list = await h.inbox(coordinator);
      expect(list.unreadCount).toBeGreaterThan(1);
      const first = list.items[0];
      const read = await h.call<{ readAt: string | null }>('POST', `/api/v1/notifications/${first?.id}/read`, coordinator.headers);
      expect(read.readAt).not.toBeNull();
      expect((await h.inbox(coordinator)).unreadCount).toBe(list.unreadCount - 1);
      await h.call('POST', `/api/v1/notifications/${first?.id}/read`, englishCoordinator.headers, undefined, 404);
      const all = await h.call<{ marked: number; unreadCount: number }>('POST', '/api/v1/notifications/read-all', coordinator.headers);
      expect(all).toEqual({ marked: list.unreadCount - 1, unreadCount: 0 });
      expect((await h.call<NotificationList>('GET', '/api/v1/notifications?unread=true', coordinator.headers)).items).toEqual([]);
      await h.call('GET', '/api/v1/notifications', { authorization: 'Bearer nope' }, undefined, 401);
    });

    it('a webhook arrives signed; the signature verifies and a tampered body or signature is detected', async () => {
      const receiver = await hookReceiver();
      try {
        await h.call('POST', '/api/v1/webhooks', coordinator.headers, { url: receiver.url, kinds: ['incident_new'] }, 403);
        await h.call('POST', '/api/v1/webhooks', admin.headers, { url: 'file:///etc/passwd', kinds: ['incident_new'] }, 400);
        await h.call('POST', '/api/v1/webhooks', admin.headers, { url: 'http://user:secret@127.0.0.1/x', kinds: ['incident_new'] }, 400);
        expect((await h.call<{ items: Webhook[] }>('GET', '/api/v1/webhooks', admin.headers)).items).toEqual([]);
        const hook = await h.call<Webhook>('POST', '/api/v1/webhooks', admin.headers, { url: receiver.url, kinds: ['incident_new'] }, 201);
        expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
        expect((await h.call<Webhook>('GET', `/api/v1/webhooks/${hook.id}`, admin.headers)).secret).toBeUndefined();
        await h.drain();
        await incident('2025-03-08');
        const now = new Date();
        expect((await h.drain(now)).webhooksDelivered).toBe(1);
        expect(receiver.received).toHaveLength(1);
        const got = receiver.received[0] as (typeof receiver.received)[number];
        const headers = { signature: got.headers[SIGNATURE_HEADER] as string | undefined, timestamp: got.headers[TIMESTAMP_HEADER] as string | undefined };
        const nowSeconds = Math.floor(now.getTime() / 1000);
        expect(verifyWebhook(hook.secret ?? '', headers, got.body, nowSeconds)).toBe(true);
        const body = JSON.parse(got.body) as { kind: string; data: { facilityId: string; occurredAt: string } };
        expect(body).toMatchObject({ kind: 'incident_new', data: { facilityId: facility, occurredAt: '2025-03-08T10:00:00.000Z' } });
        // Tampering with the body, the signature, the timestamp or the secret is detected; so is an old timestamp.
        expect(verifyWebhook(hook.secret ?? '', headers, got.body.replace('2025-03-08', '2025-03-09'), nowSeconds)).toBe(false);
        // One hex digit changed (to another digit: a signature ending in 0 stayed the same when set to 0, one run in 16).
        const signature = headers.signature ?? '';
        const tampered = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
        expect(tampered).not.toBe(signature);
        expect(verifyWebhook(hook.secret ?? '', { ...headers, signature: tampered }, got.body, nowSeconds)).toBe(false);
        expect(verifyWebhook(hook.secret ?? '', { ...headers, timestamp: String(nowSeconds - 1) }, got.body, nowSeconds)).toBe(false);
        expect(verifyWebhook('whsec_other', headers, got.body, nowSeconds)).toBe(false);
        expect(verifyWebhook(hook.secret ?? '', headers, got.body, nowSeconds + 3600)).toBe(false);
        await h.call('DELETE', `/api/v1/webhooks/${hook.id}`, admin.headers, undefined, 204);
      } finally {
        await receiver.close();
      }
    });

    it('a failing webhook is retried with back-off, and its log shows the attempts until it is delivered', async () => {
      const receiver = await hookReceiver();
      try {
        const hook = await h.call<Webhook>('POST', '/api/v1/webhooks', admin.headers, { url: receiver.url, kinds: ['incident_new'] }, 201);
        receiver.answer.status = 500;
        await incident('2025-03-09');
        const t0 = new Date();
        await h.drain(t0);
        const log = async () => (await h.call<{ items: WebhookDelivery[] }>('GET', `/api/v1/webhooks/${hook.id}/deliveries`, admin.headers)).items;
        let [d] = await log();
        expect(d).toMatchObject({ kind: 'incident_new', status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'the receiver answered HTTP 500' });
        expect(Date.parse(d?.nextAttemptAt ?? '') - t0.getTime()).toBe(30_000);
        // Not before its time.
        await h.drain(new Date(t0.getTime() + 10_000));
        expect(receiver.received).toHaveLength(1);
        await h.drain(new Date(t0.getTime() + 31_000));
        [d] = await log();
        expect(d).toMatchObject({ status: 'pending', attempts: 2 });
        expect(Date.parse(d?.nextAttemptAt ?? '') - (t0.getTime() + 31_000)).toBe(120_000);
        receiver.answer.status = 204;
        await h.drain(new Date(t0.getTime() + 200_000));
        [d] = await log();
        expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
        expect(receiver.received).toHaveLength(3);
        // Every attempt carried the same body, each signed at its own time.
        expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);

        // A receiver that never answers well is given up after the last attempt, its error kept.
        receiver.answer.status = 503;
        await incident('2025-03-10');
        let t = t0.getTime() + 300_000;
        for (let i = 0; i < 6; i++) {
          await h.drain(new Date(t));
          t += 7 * 3_600_000;
        }
        [d] = await log();
        expect(d).toMatchObject({ status: 'failed', attempts: 6, lastStatusCode: 503, nextAttemptAt: null });
        await h.call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, coordinator.headers, undefined, 403);
      } finally {
        await receiver.close();
      }
    });
  });
}
