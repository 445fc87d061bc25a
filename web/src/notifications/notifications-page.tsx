import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Notification } from '../../../src/modules/notifications/notifications.schema.js';
import { notificationText } from '../../../src/modules/notifications/texts.schema.js';
import { formatDateTime } from '../app/format/dates.js';
import { EmptyState } from '../app/states.js';
import './notifications.css';
import { useMarkRead, useNotifications } from './use-notifications.js';

/** The notification centre: newest first, unread marked; opening one marks it read and goes to what it is about. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const list = useNotifications({ unread: onlyUnread, limit: 100 });
  const markRead = useMarkRead();
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    if (n.link !== null) void navigate(n.link);
  };
  const items = list.data?.items ?? [];
  return (
    <section className="notifications-page">
      <h1>{t('notifications.title')}</h1>
      <div className="notifications-actions">
        <label>
          <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} /> {t('notifications.onlyUnread')}
        </label>
        <button type="button" onClick={() => markRead.mutate('all')} disabled={(list.data?.unreadCount ?? 0) === 0 || markRead.isPending}>
          {t('notifications.markAllRead')}
        </button>
        <Link to="/notifications/settings">{t('notifications.settings')}</Link>
      </div>
      {list.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {list.isError ? <p role="alert">{t('app.errorTitle')}</p> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState title={t('notifications.none')} /> : null}
      <ul className="notification-list" data-testid="notification-list">
        {items.map((n) => {
          const text = notificationText(i18n.language, n.kind, n.params);
          return (
            <li key={n.id} className={n.readAt === null ? 'unread' : ''} data-testid="notification">
              <div className="notification-head">
                <strong>{text.title}</strong>
                {n.readAt === null ? <span className="badge">{t('notifications.unread')}</span> : null}
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
              </div>
              <p>{text.body}</p>
              <div className="notification-buttons">
                {n.link !== null ? (
                  <button type="button" onClick={() => open(n)}>
                    {t('notifications.open')}
                  </button>
                ) : null}
                {n.readAt === null ? (
                  <button type="button" className="secondary" onClick={() => markRead.mutate(n.id)} disabled={markRead.isPending}>
                    {t('notifications.markRead')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
