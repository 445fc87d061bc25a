import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReviewChain, ReviewKind } from '../../../src/modules/monitoring/review.schema.js';
import { api } from '../api/client.js';
import { formatDateTime } from '../app/format/dates.js';
import { DecisionLine } from './review-parts.js';

/**
 * Above a report or incident form opened with ?corrects=: which returned report the new one corrects, and the
 * coordinator's comment, so the reporter knows what to change. The form sends `corrects` with the record.
 */
export function CorrectionNotice({ kind, id }: { kind: ReviewKind; id: string }) {
  const { t, i18n } = useTranslation();
  const chain = useQuery({ queryKey: ['review-chain', kind, id], queryFn: () => api<ReviewChain>(`/api/v1/reviews/${kind}/${id}`) });
  const item = chain.data?.items.find((i) => i.id === id);
  return (
    <div className="notice" role="status" data-testid="correction-notice">
      <p>{t('review.mine.correcting', { date: item === undefined || item.review.decidedAt === null ? '…' : formatDateTime(item.review.decidedAt, i18n.language) })}</p>
      {item === undefined ? null : <DecisionLine item={item} />}
    </div>
  );
}
