import { useTranslation } from 'react-i18next';
import { EmptyState } from '../app/states.js';

/** The area's pages under its navigation path (placeholder until the area's web part lands). */
export function MonitoringRoutes() {
  const { t } = useTranslation();
  return <EmptyState title={t('monitoring.title')} hint={`${t('app.comingSoon')} ${t('app.comingSoonHint')}`} />;
}
