import { useTranslation } from 'react-i18next';
import type { AccessStatus } from '../../../src/modules/geography/area-status.schema.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

/**
 * The facility's access status, inherited from its area: "No access: temporarily occupied since …" where the
 * Ministry cannot deliver, a plain tag for hostilities; nothing for government-controlled or unknown.
 */
export function AccessBadge({ access }: { access: AccessStatus | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (access === null || access === undefined || access.status === 'government_controlled') return null;
  const since = new Intl.DateTimeFormat(LOCALE[i18n.language as Language], { dateStyle: 'medium' }).format(new Date(access.since));
  return (
    <p data-testid="access-badge" data-status={access.status}>
      <span className={access.reachable ? 'tag' : 'tag tag-bad'} role="status">
        {t(`facilities.access.${access.status}`, { date: since })}
      </span>{' '}
      <span className="muted">{t('facilities.access.area', { area: access.areaName })}</span>
    </p>
  );
}
