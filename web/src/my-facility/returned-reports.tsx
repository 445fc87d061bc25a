import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewItem } from '../../../src/modules/monitoring/review.schema.js';
import { api, queryString } from '../api/client.js';
import { formatDateTime } from '../app/format/dates.js';
import { DecisionLine, ReviewSummary } from '../monitoring/review-parts.js';

/**
 * Reports of this facility a coordinator returned, with their comment and a way to send the correction: the
 * report form opened with ?corrects=, whose new report links to the returned one. Nothing shows when none is.
 */
export function ReturnedReports({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const returned = useQuery({
    queryKey: ['reviews', 'returned', facilityId],
    queryFn: () => api<{ items: ReviewItem[] }>(`/api/v1/reviews${queryString({ state: 'returned', facility: facilityId, limit: 50 })}`),
  });
  const items = returned.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="mf-returned" data-testid="returned-reports">
      <h2 id="mf-returned">{t('review.mine.title')}</h2>
      <p className="muted">{t('review.mine.hint')}</p>
      <ul className="mf-cards">
        {items.map((item) => (
          <li key={item.id} className="mf-card" data-id={item.id}>
            <p>
              <strong>{t(`review.kinds.${item.kind}`)}</strong> · {formatDateTime(item.at, i18n.language)}
            </p>
            <ReviewSummary item={item} />
            <DecisionLine item={item} />
            <Link className="button" to={`${item.kind === 'status' ? '/monitoring/report' : '/monitoring/incidents/new'}${queryString({ facility: facilityId, corrects: item.id })}`}>
              {t('review.mine.correct')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
