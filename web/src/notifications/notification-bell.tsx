import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import './notification-bell.css';
import { useNotifications } from './use-notifications.js';

/** The top bar's bell: how many notifications are unread, opening the notification centre. */
export function NotificationBell({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const unread = useNotifications({ unread: true, limit: 1, enabled: me !== null });
  if (me === null) return null;
  const count = unread.data?.unreadCount ?? 0;
  return (
    <Link to="/notifications" className="notification-bell" data-testid="notification-bell" aria-label={t('notifications.bellUnread', { count })} title={t('notifications.bell')}>
      <span aria-hidden="true">🔔</span>
      {count > 0 ? (
        <span className="count" aria-hidden="true" data-testid="notification-count">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
