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
      {/* Drawn, not an emoji: the field's phones and Debian's Chromium do not all have an emoji font. */}
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
      </svg>
      {count > 0 ? (
        <span className="count" aria-hidden="true" data-testid="notification-count">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
