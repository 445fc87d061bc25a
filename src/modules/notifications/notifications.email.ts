import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import { dueDigests, dueEmails, markDigestSent, setEmailState, type DueEmail } from './notifications.repository.js';
import type { NotificationKind, NotificationParams } from './notifications.schema.js';
import { errorLine, MAX_ATTEMPTS, retryAt } from './notifications.backoff.js';
import { notificationText, textLanguage, type TextLanguage } from './texts.schema.js';

export interface EmailSettings {
  /** CAREBRIDGE_SMTP_URL; undefined: nothing is sent. */
  readonly smtpUrl: string | undefined;
  readonly from: string;
  /** Where the web app is reached, for the links in emails (CAREBRIDGE_PUBLIC_URL). */
  readonly publicUrl: string;
}

const CHROME: Record<TextLanguage, { hello: string; open: string; footer: string; digest: string }> = {
  en: { hello: 'Hello {{name}},', open: 'Open', footer: 'You receive this because of your role in Carebridge. Choose what you receive under your name → Notifications.', digest: 'Carebridge: {{count}} notification(s) today' },
  uk: { hello: 'Вітаємо, {{name}}!', open: 'Відкрити', footer: 'Ви отримуєте цей лист через вашу роль у Carebridge. Виберіть, що отримувати: ваше ім’я → Сповіщення.', digest: 'Carebridge: сповіщень за день — {{count}}' },
  ja: { hello: '{{name}} 様', open: '開く', footer: 'Carebridge でのあなたの役割に基づいてお送りしています。受け取る内容は、名前 → 通知 で選べます。', digest: 'Carebridge: 本日の通知 {{count}} 件' },
};

const transports = new Map<string, Transporter>();
const transportFor = (url: string): Transporter => {
  let t = transports.get(url);
  if (t === undefined) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
};

function lineOf(row: DueEmail, settings: EmailSettings): { title: string; text: string } {
  const { title, body } = notificationText(row.user_language, row.kind as NotificationKind, JSON.parse(row.params) as NotificationParams);
  const link = row.link === null ? '' : `\n${CHROME[textLanguage(row.user_language)].open}: ${settings.publicUrl}${row.link}`;
  return { title, text: `${body}${link}` };
}

const letter = (row: DueEmail, lines: string[]): string => {
  const chrome = CHROME[textLanguage(row.user_language)];
  return `${chrome.hello.replace('{{name}}', row.user_name)}\n\n${lines.join('\n\n')}\n\n-- \n${chrome.footer}\n`;
};

/**
 * Sends the emails that are due, one message per notification, in the recipient's language; then the daily
 * digests (one message with every notification gathered since the last one). A failure is retried with back-off
 * and, after the last attempt, marked failed with its error. Nothing happens without CAREBRIDGE_SMTP_URL.
 */
export async function sendDueEmails(database: Database, settings: EmailSettings, now: Date): Promise<{ sent: number; failed: number }> {
  if (settings.smtpUrl === undefined) return { sent: 0, failed: 0 };
  const transport = transportFor(settings.smtpUrl);
  let sent = 0;
  let failed = 0;
  const fail = async (rows: DueEmail[], e: unknown) => {
    failed += rows.length;
    for (const row of rows) {
      const attempts = row.email_attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS.email;
      await setEmailState(database.db, [row.id], { email_attempts: attempts, email_error: errorLine(e), email_next_at: giveUp ? null : retryAt(now, attempts), ...(giveUp ? { email_state: 'failed' } : {}) });
    }
  };
  for (const row of await dueEmails(database.db, now.toISOString(), 100)) {
    const { title, text } = lineOf(row, settings);
    try {
      await transport.sendMail({ from: settings.from, to: row.user_email, subject: `Carebridge: ${title}`, text: letter(row, [text]), headers: { 'content-language': textLanguage(row.user_language) } });
      await setEmailState(database.db, [row.id], { email_state: 'sent', email_attempts: row.email_attempts + 1, email_error: null, email_next_at: null });
      sent += 1;
    } catch (e) {
      await fail([row], e);
    }
  }
  const byUser = new Map<string, DueEmail[]>();
  for (const row of await dueDigests(database.db, new Date(now.getTime() - 24 * 3_600_000).toISOString(), now.toISOString())) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  for (const [userId, rows] of byUser) {
    const first = rows[0] as DueEmail;
    const lines = rows.map((r) => {
      const l = lineOf(r, settings);
      return `• ${l.title}\n${l.text}`;
    });
    try {
      const subject = CHROME[textLanguage(first.user_language)].digest.replace('{{count}}', String(rows.length));
      await transport.sendMail({ from: settings.from, to: first.user_email, subject, text: letter(first, lines), headers: { 'content-language': textLanguage(first.user_language) } });
      await setEmailState(database.db, rows.map((r) => r.id), { email_state: 'sent', email_error: null, email_next_at: null });
      await markDigestSent(database.db, userId, now.toISOString());
      sent += rows.length;
    } catch (e) {
      // The digest waits with back-off too (it is never given up: the day's news still matter tomorrow).
      failed += rows.length;
      const attempts = first.email_attempts + 1;
      await setEmailState(database.db, rows.map((r) => r.id), { email_error: errorLine(e), email_attempts: attempts, email_next_at: retryAt(now, attempts) });
    }
  }
  return { sent, failed };
}
