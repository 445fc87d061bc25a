import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from './notifications.schema.js';
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
});
