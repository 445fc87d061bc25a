import type { Shape } from '../i18n/en.js';
import type { notificationsEn } from './notifications.messages.js';

/** Ukrainian texts of notifications.messages.ts (same keys as notificationsEn, checked by the compiler). */
export const notificationsUk: Shape<typeof notificationsEn> = {
  bell: 'Сповіщення',
  bellUnread: 'Сповіщення: непрочитаних — {{count}}',
  title: 'Сповіщення',
  none: 'Нічого нового. Тут з’являтимуться відкликання, поставки, ваші потреби та звіти, а також те, що стосується вашої зони.',
  unread: 'Непрочитане',
  markRead: 'Позначити прочитаним',
  markAllRead: 'Позначити все прочитаним',
  open: 'Відкрити',
  onlyUnread: 'Лише непрочитані',
  settings: 'Налаштування сповіщень',
  settingsTitle: 'Про що й як вас сповіщати',
  settingsHint: 'Для кожного виду виберіть, чи показувати його тут і чи надсилати електронною поштою. Лист надсилається, лише якщо на сервері налаштовано пошту.',
  kind: 'Що',
  inApp: 'У Carebridge',
  email: 'Електронною поштою',
  digest: 'Збирати листи в одне повідомлення на день',
  save: 'Зберегти',
  saved: 'Збережено.',
  kinds: {
    lot_recalled: 'Відкликано партію, що зберігається або була доставлена до мого закладу чи складу',
    shipment_dispatched: 'Поставка прямує до мого закладу',
    need_approved: 'Мою потребу схвалено',
    need_rejected: 'Мою потребу відхилено',
    need_met: 'Мою потребу задоволено',
    report_returned: 'Мій звіт повернуто',
    action_item_overdue: 'Доручення моєї організації прострочене',
    sync_refused: 'Запис, надісланий з мого телефону, відхилено',
    plan_approved: 'Схвалено план розподілу в моїй зоні',
    stock_low: 'Запас у моєму закладі нижчий за мінімум',
    incident_new: 'Новий інцидент у моїй зоні',
  },
};
