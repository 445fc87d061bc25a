import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from './notifications.schema.js';
import { SYNC_REASON_CODES, syncReasonText } from '../monitoring/sync-reasons.schema.js';
import { NOTIFICATION_TEXTS, notificationText } from './texts.schema.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('notification texts', () => {
  it('say the same thing in uk, en and ja: every kind, the same placeholders, no empty text', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const en = NOTIFICATION_TEXTS.en[kind];
      for (const lang of ['uk', 'ja'] as const) {
        const t = NOTIFICATION_TEXTS[lang][kind];
        expect(t.title.trim(), `${lang} ${kind}`).not.toBe('');
        expect(placeholders(t.title), `${lang} ${kind} title`).toEqual(placeholders(en.title));
        expect(placeholders(t.body), `${lang} ${kind} body`).toEqual(placeholders(en.body));
      }
    }
  });

  it('names a refused record’s kind in the reader’s language, never its code', () => {
    expect(notificationText('uk', 'sync_refused', { record: 'status_report', reason: 'x' }).body).toBe('Сервер відхилив звіт про стан, надісланий з вашого телефону: x');
    expect(notificationText('ja', 'sync_refused', { record: 'stock_count', reason: 'x' }).body).toContain('棚卸');
    expect(notificationText('en', 'sync_refused', { record: 'need', reason: 'x' }).body).not.toContain('{{');
  });

  it('gives every reason a record was kept for review in uk, en and ja, with the same values', () => {
    const values = { baseVersion: 101, currentVersion: 202, serial: 'SN-303', record: 'stock_count' };
    const shown = (text: string) => ['101', '202', 'SN-303', '棚卸', 'stock count', 'підрахунок запасів'].filter((v) => text.includes(v)).length;
    for (const code of SYNC_REASON_CODES) {
      const en = syncReasonText('en', code, values);
      for (const lang of ['uk', 'ja'] as const) {
        const text = syncReasonText(lang, code, values);
        expect(text, `${lang} ${code}`).not.toMatch(/\{\{|^$/);
        expect(text, `${lang} ${code}`).not.toBe(en);
        expect(shown(text), `${lang} ${code}: ${text}`).toBe(shown(en));
      }
      // A notification carrying the code is written from it; the English `reason` beside it is only a fallback.
      expect(notificationText('uk', 'sync_refused', { ...values, record: 'need', reason: 'English', reasonCode: code }).body).not.toContain('English');
    }
    expect(notificationText('uk', 'sync_refused', { record: 'need', reason: 'English', reasonCode: 'a_code_from_a_newer_server' }).body).toContain('English');
  });
});
