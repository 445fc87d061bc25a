import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '../../../src/modules/monitoring/review.schema.js';
import { formatDateTime } from '../app/format/dates.js';

/** What the report says, in words: functionality and building, or the attack and its casualties. */
export function ReviewSummary({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const s = item.summary;
  if (item.kind === 'status') {
    return (
      <p>
        {t(`monitoring.functionality.${s.functionality ?? ''}`)} · {t(`monitoring.building.${s.buildingCondition ?? ''}`)}
      </p>
    );
  }
  return (
    <p>
      {(s.attackTypes ?? []).map((a) => t(`monitoring.attackTypes.${a}`)).join(', ')} · {t(`monitoring.certainty.${s.certainty ?? ''}`)} · {t('review.casualties', { killed: s.killed ?? 0, injured: s.injured ?? 0 })}
    </p>
  );
}

/** The decision on a report in a sentence, with the comment the coordinator wrote. */
export function DecisionLine({ item }: { item: ReviewItem }) {
  const { t, i18n } = useTranslation();
  const r = item.review;
  if (r.decidedAt === null) return <p className="muted">{t(`review.states.${r.state}`)}</p>;
  return (
    <>
      <p>{t('review.decided', { state: t(`review.states.${r.state}`), who: r.decidedBy ?? '', date: formatDateTime(r.decidedAt, i18n.language) })}</p>
      {r.comment === null ? null : <p data-testid="review-comment">{t('review.returnedComment', { comment: r.comment })}</p>}
    </>
  );
}
