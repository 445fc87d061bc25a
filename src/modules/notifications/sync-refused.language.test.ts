import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { newId } from '../../ids.js';
import { notificationHarness, type Harness, type TestUser } from './notifications.testkit.js';
import { notificationText } from './texts.schema.js';

const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`a dismissed record's reason in its sender's language on ${dialect}`, () => {
    let h: Harness;
    let admin: TestUser;
    let sender: TestUser;
    let facility = '';

    /** A facility edit made on version 1 after the facility moved to 2: kept for review, then dismissed by the admin. */
    const dismissedStaleEdit = async (note?: string) => {
      const record = { clientId: newId(), kind: 'facility_edit', body: { facilityId: facility, baseVersion: 1, changes: { beds: 7 } } };
      const sent = await h.call<{ results: { status: number; detail: string }[] }>('POST', '/api/v1/sync', sender.headers, { records: [record] });
      expect(sent.results[0]?.status).toBe(409);
      const entry = (await h.call<{ items: { id: string; clientId: string }[] }>('GET', '/api/v1/sync/inbox', admin.headers)).items.find((e) => e.clientId === record.clientId);
      await h.call('POST', `/api/v1/sync/inbox/${entry?.id}/resolve`, admin.headers, { resolution: 'dismiss', ...(note === undefined ? {} : { note }) });
      await h.drain();
      const told = await h.ofKind(sender, 'sync_refused');
      return { detail: sent.results[0]?.detail ?? '', notification: told[0] };
    };

    beforeAll(async () => {
      h = await notificationHarness(dialect);
      admin = await h.user('admin');
      facility = (await h.call<{ id: string; version: number }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: LVIV }))).id;
      await h.call('PATCH', `/api/v1/facilities/${facility}`, admin.headers, { beds: 12, version: 1 });
      // A user's language is Ukrainian unless they chose another.
      sender = await h.user('coordinator', { scopeAreas: [LVIV] });
    }, 60_000);
    afterAll(() => h.close());

    it('tells a Ukrainian sender why in Ukrainian, a Japanese reader in Japanese, never in the server English', async () => {
      const { detail, notification } = await dismissedStaleEdit();
      // The phone's answer and the reviewer's inbox keep the English.
      expect(detail).toBe('the edit was made on version 1, but the facility is now at version 2; sent to the review inbox');
      expect(notification?.params).toMatchObject({ record: 'facility_edit', reasonCode: 'stale_facility_edit', baseVersion: 1, currentVersion: 2 });
      const params = notification?.params ?? {};
      expect(notificationText('uk', 'sync_refused', params).body).toBe('Сервер відхилив зміну закладу, надісланий з вашого телефону: зміну зроблено у версії 1, але заклад уже у версії 2');
      expect(notificationText('ja', 'sync_refused', params).body).toBe('携帯から送信した施設の変更がサーバーに拒否されました: バージョン 1 に対して変更されましたが、施設は現在バージョン 2 です');
      expect(notificationText('en', 'sync_refused', params).body).toBe('The server refused a facility change sent from your phone: the edit was made on version 1, but the facility is now at version 2');
      for (const language of ['uk', 'ja']) expect(notificationText(language, 'sync_refused', params).body).not.toMatch(/version|edit/);
    });

    it("keeps a coordinator's note as written: a person's words are not translated", async () => {
      const { notification } = await dismissedStaleEdit('ліжка вже оновлено вручну');
      expect(notification?.params).not.toHaveProperty('reasonCode');
      expect(notificationText('uk', 'sync_refused', notification?.params ?? {}).body).toBe('Сервер відхилив зміну закладу, надісланий з вашого телефону: ліжка вже оновлено вручну');
      expect(notificationText('ja', 'sync_refused', notification?.params ?? {}).body).toContain('ліжка вже оновлено вручну');
    });
  });
}
