import { useTranslation } from 'react-i18next';
import type { AccessStatus } from '../../../src/modules/geography/area-status.schema.js';
import { formatDate } from '../app/format/dates.js';

/**
 * The facility's access status, inherited from its area: "No access: temporarily occupied since …" where the
 * Ministry cannot deliver, a plain tag for hostilities; nothing for government-controlled or unknown.
 */
export function AccessBadge({ access }: { access: AccessStatus | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (access === null || access === undefined || access.status === 'government_controlled') return null;
  const since = formatDate(access.since, i18n.language);
  return (
    <p data-testid="access-badge" data-status={access.status}>
      <span className={access.reachable ? 'tag' : 'tag tag-bad'} role="status">
        {t(`facilities.access.${access.status}`, { date: since })}
      </span>{' '}
      <span className="muted">{t('facilities.access.area', { area: access.areaName })}</span>
    </p>
  );
}
