import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The two views of needs: the list and the gap analysis. */
export function NeedsTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('funding.needs.views')}>
      <NavLink to="/needs" end>
        {t('funding.needs.list')}
      </NavLink>
      <NavLink to="/needs/gaps">{t('funding.needs.gaps')}</NavLink>
    </nav>
  );
}
