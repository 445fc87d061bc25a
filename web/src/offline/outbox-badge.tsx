import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import '../monitoring/monitoring.css';
import { setOutboxOwner } from './outbox-runner.js';
import { useOutbox } from './use-outbox.js';
import { formatDateTime } from '../app/format/dates.js';

/** The top bar's view of the outbox: "offline" when there is no connection, and how many records wait (DESIGN §11). */
export function OutboxBadge({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox();
  useEffect(() => setOutboxOwner(me?.user.id ?? null), [me]);
  if (me === null) return null;
  const failed = outbox.records.filter((r) => r.state === 'failed').length;
  return (
    <Link
      to="/monitoring/outbox"
      className="outbox-badge"
      data-testid="outbox-badge"
      title={outbox.lastSyncAt === null ? t('monitoring.outbox.never') : t('monitoring.outbox.lastSync', { at: formatDateTime(outbox.lastSyncAt, i18n.language) })}
    >
      {outbox.online ? null : <span className="offline">{t('monitoring.outbox.offline')}</span>}
      {/* The name is the visible text and then the counts in words (an aria-label that differs from what is seen fails WCAG 2.5.3). */}
      <span>{t('monitoring.outbox.title')}</span>{' '}
      <span className="count" data-testid="outbox-count">
        {outbox.records.length}
      </span>
      <span className="visually-hidden"> {t('monitoring.outbox.badge', { count: outbox.records.length, failed })}</span>
    </Link>
  );
}
