import type { Shape } from '../i18n/en.js';
import type { notificationsEn } from './notifications.messages.js';

/** Japanese texts of notifications.messages.ts (same keys as notificationsEn, checked by the compiler). */
export const notificationsJa: Shape<typeof notificationsEn> = {
  bell: '通知',
  bellUnread: '通知: 未読 {{count}} 件',
  title: '通知',
  none: '新しい通知はありません。回収、配送、あなたのニーズや報告、担当地域に関することがここに表示されます。',
  unread: '未読',
  markRead: '既読にする',
  markAllRead: 'すべて既読にする',
  open: '開く',
  onlyUnread: '未読のみ',
  settings: '通知の設定',
  settingsTitle: '通知の内容と方法',
  settingsHint: '種類ごとに、ここに表示するか、メールで送るかを選べます。メールはサーバーにメール送信が設定されている場合のみ送られます。',
  kind: '内容',
  inApp: 'Carebridge 内',
  email: 'メール',
  digest: 'メールを1日1通にまとめる',
  save: '保存',
  saved: '保存しました。',
  kinds: {
    lot_recalled: '自施設・倉庫で保管中または納入済みのロットの回収',
    shipment_dispatched: '自施設への荷物の配送開始',
    need_approved: '自分のニーズの承認',
    need_rejected: '自分のニーズの却下',
    need_met: '自分のニーズの充足',
    report_returned: '自分の報告の差し戻し',
    action_item_overdue: '自組織のアクション項目の期限切れ',
    sync_refused: '携帯から送信した記録の拒否',
    plan_approved: '担当地域の配分計画の承認',
    stock_low: '自施設の在庫が最低水準を下回った',
    incident_new: '担当地域の新しいインシデント',
  },
};
