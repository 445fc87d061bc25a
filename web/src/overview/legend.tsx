import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../facilities/facility-categories.js';

/** One legend for the map and the charts: every colour with its label. */
export function Legend() {
  const { t } = useTranslation();
  return (
    <figure className="legend">
      <figcaption>{t('overview.legend')}</figcaption>
      <ul>
        {(Object.keys(CATEGORIES) as Category[]).map((c) => (
          <li key={c}>
            <span className="swatch" style={{ background: CATEGORIES[c] }} aria-hidden="true" />
            {t(`categories.${c}`)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
