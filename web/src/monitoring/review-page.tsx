import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REVIEW_FINDINGS, REVIEW_KINDS, REVIEW_STATES, type ReviewChain, type ReviewItem } from '../../../src/modules/monitoring/review.schema.js';
import { api, ApiError, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { formatDate, formatDateTime } from '../app/format/dates.js';
import { localNameWithLang } from '../app/local-name.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { DecisionLine, ReviewSummary } from './review-parts.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, oblastOptions, useOblasts } from '../facilities/use-areas.js';

const findingText = (t: TFunction, f: ReviewItem['findings'][number], date: string) => t(`monitoring.quality.reasons.${f.reason}`, { date, own: '', other: '', distance: 0 });

/** The reports a correction chain links, oldest first, with each one's state and comment. */
function Chain({ item }: { item: ReviewItem }) {
  const { t, i18n } = useTranslation();
  const chain = useQuery({ queryKey: ['review-chain', item.kind, item.id, item.review.version], queryFn: () => api<ReviewChain>(`/api/v1/reviews/${item.kind}/${item.id}`) });
  if (chain.isError) return <ErrorState error={chain.error} />;
  return (
    <details open data-testid="review-chain">
      <summary>{t('review.chain')}</summary>
      <ol>
        {(chain.data?.items ?? []).map((c) => (
          <li key={c.id} aria-current={c.id === item.id ? 'true' : undefined}>
            {t('review.chainStep', { date: formatDateTime(c.at, i18n.language), state: t(`review.states.${c.review.state}`) })}
            {c.review.comment === null ? null : ` · ${t('review.returnedComment', { comment: c.review.comment })}`}
          </li>
        ))}
      </ol>
    </details>
  );
}

function Decide({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'validate' | 'return') =>
      api(`/api/v1/${item.kind === 'status' ? 'status-reports' : 'incidents'}/${item.id}/review`, { method: 'POST', body: { decision, version: item.review.version, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) } }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['reviews'] }),
  });
  const send = (decision: 'validate' | 'return') => {
    setMissing(decision === 'return' && comment.trim() === '');
    if (decision === 'validate' || comment.trim() !== '') decide.mutate(decision);
  };
  const stale = decide.error instanceof ApiError && decide.error.status === 409;
  return (
    <div>
      <label className="field">
        {t('review.comment')}
        <textarea name="comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={missing} />
      </label>
      {missing ? (
        <p className="error" role="alert">
          {t('review.commentNeeded')}
        </p>
      ) : null}
      <p className="actions">
        <button type="button" onClick={() => send('validate')} disabled={decide.isPending}>
          {t('review.validate')}
        </button>
        <button type="button" className="secondary" onClick={() => send('return')} disabled={decide.isPending}>
          {t('review.return')}
        </button>
      </p>
      {stale ? (
        <p className="error" role="alert">
          {t('review.conflict')}
        </p>
      ) : decide.isError ? (
        <ErrorState error={decide.error} />
      ) : null}
    </div>
  );
}

/** A coordinator's review queue: reports and incidents in their area by kind, state, oblast and data-quality finding. */
export function ReviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, update } = useUrlFilters(['kind', 'state', 'oblast', 'finding'] as const);
  const oblasts = useOblasts();
  // Unreviewed reports by default: the queue's work. "Any state" is an explicit choice.
  const state = filters.state ?? 'new';
  const query = { kind: filters.kind, state: state === 'any' ? undefined : state, oblast: filters.oblast, finding: filters.finding };
  const list = useInfiniteQuery({
    queryKey: ['reviews', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<{ items: ReviewItem[]; nextCursor: string | null }>(`/api/v1/reviews${queryString({ ...query, cursor: pageParam, limit: 20 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h2>{t('review.title')}</h2>
      <p className="muted">{t('review.hint')}</p>
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('review.kind')} name="kind" value={filters.kind} all={t('review.allKinds')} options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`review.kinds.${k}`) }))} onChange={(kind) => update({ kind })} />
        <FilterSelect label={t('review.state')} name="state" value={state === 'any' ? '' : state} all={t('review.allStates')} options={REVIEW_STATES.map((s) => ({ value: s, label: t(`review.states.${s}`) }))} onChange={(s) => update({ state: s === '' ? 'any' : s === 'new' ? undefined : s })} />
        <FilterSelect label={t('review.oblast')} name="oblast" value={filters.oblast} all={t('review.allOblasts')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(oblast) => update({ oblast })} />
        <FilterSelect
          label={t('review.finding')}
          name="finding"
          value={filters.finding}
          all={t('review.allFindings')}
          options={[{ value: 'any', label: t('review.anyFinding') }, ...REVIEW_FINDINGS.map((c) => ({ value: c, label: t(`monitoring.checks.${c}`) }))]}
          onChange={(finding) => update({ finding })}
        />
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState title={t('review.empty')} /> : null}
      {items.map((item) => {
        const name = item.facilityNameUk === null ? null : localNameWithLang({ nameUk: item.facilityNameUk, nameEn: item.facilityNameEn }, lang);
        return (
          <article key={`${item.kind} ${item.id}`} className="notice" data-testid="review-item" data-id={item.id} data-state={item.review.state}>
            <h3>
              {t(`review.kinds.${item.kind}`)} · {formatDateTime(item.at, lang)} ·{' '}
              {name === null || item.facilityId === null ? (
                t('review.area')
              ) : (
                <Link to={`/facilities/${item.facilityId}`} lang={name.lang}>
                  {name.name}
                </Link>
              )}{' '}
              <span className="muted">· {oblastName(oblasts.data?.items, item.oblastIso, lang)}</span>
            </h3>
            <p className="muted">{t('review.reporter', { who: item.reporter })}</p>
            <ReviewSummary item={item} />
            {item.findings.length === 0 ? null : (
              <ul className="chips" data-testid="review-findings">
                {item.findings.map((f) => (
                  <li key={f.reason}>
                    {t(`monitoring.checks.${f.check}`)}: {findingText(t, f, formatDate(item.at, lang))}
                  </li>
                ))}
              </ul>
            )}
            <DecisionLine item={item} />
            {item.review.corrects === null && item.review.correctedBy === null ? null : <Chain item={item} />}
            {item.review.state === 'new' ? <Decide item={item} /> : null}
          </article>
        );
      })}
      {list.hasNextPage ? (
        <button type="button" onClick={() => void list.fetchNextPage()}>
          {t('review.more')}
        </button>
      ) : null}
    </section>
  );
}
