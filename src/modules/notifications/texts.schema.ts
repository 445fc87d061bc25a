import { fillTemplate, textLanguage, type TextLanguage } from '../../text-template.js';
import { isSyncReason, namedRecords, syncReasonText } from '../monitoring/sync-reasons.schema.js';
import type { NotificationKind, NotificationParams } from './notifications.schema.js';

export { textLanguage, type TextLanguage };

/**
 * What each notification says, in uk, en and ja: one copy shared by the emails (server) and the notification
 * centre (web/, which may import *.schema files), so both always say the same. `{{name}}` takes a param.
 */
type Texts = Record<NotificationKind, { title: string; body: string }>;

const en: Texts = {
  lot_recalled: { title: 'Lot {{lot}} recalled', body: 'Lot {{lot}} of {{product}} is recalled ({{reason}}). It is held at or was delivered to {{place}}: stop using it.' },
  shipment_dispatched: { title: 'A delivery is on its way', body: 'A delivery from {{donor}} (ref. {{reference}}) is on its way to {{place}}, expected on {{expected}}.' },
  need_approved: { title: 'Need approved', body: 'Your need “{{need}}” ({{quantity}}) for {{facility}} was approved.' },
  need_rejected: { title: 'Need rejected', body: 'Your need “{{need}}” ({{quantity}}) for {{facility}} was rejected: {{reason}}' },
  need_met: { title: 'Need met', body: 'Your need “{{need}}” for {{facility}} is met: {{quantity}} delivered.' },
  report_returned: { title: 'Report returned', body: 'Your report for {{facility}} of {{date}} was returned to you: {{comment}}' },
  action_item_overdue: { title: 'Action item overdue', body: 'An action item of your organisation was due on {{due}}: {{item}}' },
  sync_refused: { title: 'A record was refused', body: 'The server refused a {{record}} sent from your phone: {{reason}}' },
  plan_approved: { title: 'Allocation plan approved', body: 'A generator allocation plan was approved: {{units}} unit(s), {{kw}} kW, for {{facilities}} facility(ies) in your area.' },
  stock_low: { title: 'Stock running low', body: '{{product}} at {{facility}} covers {{months}} month(s), less than the minimum.' },
  incident_new: { title: 'New incident', body: 'An incident was reported at {{place}} on {{date}}.' },
};

const uk: Texts = {
  lot_recalled: { title: 'Партію {{lot}} відкликано', body: 'Партію {{lot}} ({{product}}) відкликано ({{reason}}). Вона зберігається або була доставлена сюди: {{place}}. Припиніть її використання.' },
  shipment_dispatched: { title: 'Поставка в дорозі', body: 'Поставка від {{donor}} (номер {{reference}}) прямує до {{place}}, очікується {{expected}}.' },
  need_approved: { title: 'Потребу схвалено', body: 'Вашу потребу «{{need}}» ({{quantity}}) для {{facility}} схвалено.' },
  need_rejected: { title: 'Потребу відхилено', body: 'Вашу потребу «{{need}}» ({{quantity}}) для {{facility}} відхилено: {{reason}}' },
  need_met: { title: 'Потребу задоволено', body: 'Вашу потребу «{{need}}» для {{facility}} задоволено: доставлено {{quantity}}.' },
  report_returned: { title: 'Звіт повернуто', body: 'Ваш звіт щодо {{facility}} від {{date}} повернуто вам: {{comment}}' },
  action_item_overdue: { title: 'Доручення прострочене', body: 'Доручення вашої організації мало бути виконане до {{due}}: {{item}}' },
  sync_refused: { title: 'Запис відхилено', body: 'Сервер відхилив {{record}}, надісланий з вашого телефону: {{reason}}' },
  plan_approved: { title: 'План розподілу схвалено', body: 'Схвалено план розподілу генераторів: одиниць — {{units}}, {{kw}} кВт, закладів у вашій зоні — {{facilities}}.' },
  stock_low: { title: 'Запас закінчується', body: 'Запасу «{{product}}» у закладі {{facility}} вистачить на {{months}} міс., це менше за мінімум.' },
  incident_new: { title: 'Новий інцидент', body: 'Повідомлено про інцидент: {{place}}, {{date}}.' },
};

const ja: Texts = {
  lot_recalled: { title: 'ロット {{lot}} の回収', body: '{{product}} のロット {{lot}} が回収されました（{{reason}}）。保管先または納入先: {{place}}。使用を中止してください。' },
  shipment_dispatched: { title: '荷物が配送中です', body: '{{donor}} からの荷物（参照番号 {{reference}}）が {{place}} へ配送中です。到着予定日 {{expected}}。' },
  need_approved: { title: 'ニーズが承認されました', body: '{{facility}} のニーズ「{{need}}」（{{quantity}}）が承認されました。' },
  need_rejected: { title: 'ニーズが却下されました', body: '{{facility}} のニーズ「{{need}}」（{{quantity}}）が却下されました: {{reason}}' },
  need_met: { title: 'ニーズが充足されました', body: '{{facility}} のニーズ「{{need}}」が充足されました: {{quantity}} 納入済み。' },
  report_returned: { title: '報告が差し戻されました', body: '{{facility}} の {{date}} の報告が差し戻されました: {{comment}}' },
  action_item_overdue: { title: 'アクション項目の期限切れ', body: '貴組織のアクション項目の期限は {{due}} でした: {{item}}' },
  sync_refused: { title: '記録が拒否されました', body: '携帯から送信した{{record}}がサーバーに拒否されました: {{reason}}' },
  plan_approved: { title: '配分計画が承認されました', body: '発電機の配分計画が承認されました: 担当地域の {{facilities}} 施設に {{units}} 台（{{kw}} kW）。' },
  stock_low: { title: '在庫が少なくなっています', body: '{{facility}} の {{product}} の在庫は {{months}} か月分で、最低水準を下回っています。' },
  incident_new: { title: '新しいインシデント', body: '{{place}} で {{date}} にインシデントが報告されました。' },
};

export const NOTIFICATION_TEXTS: Record<TextLanguage, Texts> = { en, uk, ja };

/**
 * A notification's title and sentence in a language; a record kind is named, never shown as its code. A reason
 * given by code (`reasonCode`) is written in the language; `reason` is then the English text, for a code this
 * copy does not know.
 */
export function notificationText(language: string, kind: NotificationKind, params: NotificationParams): { title: string; body: string } {
  const lang = textLanguage(language);
  const named = namedRecords(lang, params);
  const withReason = isSyncReason(params.reasonCode) ? { ...named, reason: syncReasonText(lang, params.reasonCode, params) } : named;
  const t = NOTIFICATION_TEXTS[lang][kind];
  return { title: fillTemplate(t.title, withReason), body: fillTemplate(t.body, withReason) };
}
