import { useTranslation } from 'react-i18next';
import { EmptyState } from '../app/states.js';

/** The area's pages under its navigation path (placeholder until the area's web part lands). */
export function NeedsRoutes() {
  const { t } = useTranslation();
  return <EmptyState title={t('funding.title')} hint={`${t('app.comingSoon')} ${t('app.comingSoonHint')}`} />;
}
