import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { QUALITY_CHECKS, type QualityIssue, type QualityReport } from '../../../src/modules/monitoring/quality.schema.js';
import { api, queryString } from '../api/client.js';
import { formatDate } from '../app/format/dates.js';
import { FilterSelect } from '../app/filter-select.js';
import { localNameWithLang } from '../app/local-name.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

/** A finding in a sentence of the reader's language, from the reason and facts the server gives (never its English detail). */
function findingSentence(t: TFunction, q: QualityIssue, oblast: (iso: string) => string, lang: string): string {
  const date = q.observedAt === null ? '' : formatDate(q.observedAt, lang);
  if (q.reason === 'outside_oblast') {
    const own = oblast(q.oblastIso);
    return q.fallsInOblastIso === null ? t('monitoring.quality.reasons.outside_oblast_nowhere', { own }) : t('monitoring.quality.reasons.outside_oblast', { own, other: oblast(q.fallsInOblastIso) });
  }
  return t(`monitoring.quality.reasons.${q.reason}`, { date, distance: q.distanceM ?? 0 });
}

/** Data-quality findings in the coordinator's area, with the check and the staleness limit in the URL. */
export function QualityPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update } = useUrlFilters(['check', 'staleDays'] as const);
  const oblasts = useOblasts();
  const check = filters.check ?? '';
  const staleDays = filters.staleDays ?? '30';
  const report = useQuery({ queryKey: ['data-quality', check, staleDays], queryFn: () => api<QualityReport>(`/api/v1/data-quality${queryString({ check, staleDays, limit: 500 })}`) });
  const number = new Intl.NumberFormat(LOCALE[lang]);
  const items = report.data?.items ?? [];
  return (
    <section>
      <h2>{t('monitoring.quality.title')}</h2>
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('monitoring.quality.check')} name="check" value={check} all={t('monitoring.quality.allChecks')} options={QUALITY_CHECKS.map((c) => ({ value: c, label: t(`monitoring.checks.${c}`) }))} onChange={(check) => update({ check })} />
        <label>
          {t('monitoring.quality.staleDays')}
          <input type="number" name="staleDays" min={1} max={3650} defaultValue={staleDays} onBlur={(e) => e.currentTarget.value !== staleDays && update({ staleDays: e.currentTarget.value })} onKeyDown={(e) => e.key === 'Enter' && update({ staleDays: e.currentTarget.value })} />
        </label>
      </form>
      {report.isError ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data === undefined ? null : (
        <ul className="chips" data-testid="quality-counts">
          {QUALITY_CHECKS.map((c) => (
            <li key={c} data-check={c}>
              {t(`monitoring.checks.${c}`)}: {number.format(report.data.counts[c] ?? 0)}
            </li>
          ))}
        </ul>
      )}
      {report.isSuccess && items.length === 0 ? <EmptyState title={t('monitoring.quality.empty')} /> : null}
      {items.length === 0 ? null : (
        <div className="table-wrap">
          <table className="data" data-testid="quality-list">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.quality.check')}</th>
                <th scope="col">{t('monitoring.quality.facility')}</th>
                <th scope="col">{t('facilities.oblast')}</th>
                <th scope="col">{t('monitoring.quality.detail')}</th>
                <th scope="col">{t('monitoring.quality.related')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => {
                const name = localNameWithLang(q, lang);
                const related = q.related === null ? null : localNameWithLang(q.related, lang);
                return (
                  <tr key={`${q.check} ${q.reason} ${q.facilityId} ${q.relatedFacilityId ?? ''}`} data-facility={q.facilityId}>
                    <td>{t(`monitoring.checks.${q.check}`)}</td>
                    <td>
                      <Link to={`/facilities/${q.facilityId}`} lang={name.lang}>
                        {name.name}
                      </Link>{' '}
                      <span className="muted">{q.code}</span>
                    </td>
                    <td>{oblastName(oblasts.data?.items, q.oblastIso, lang)}</td>
                    <td>{findingSentence(t, q, (iso) => oblastName(oblasts.data?.items, iso, lang), lang)}</td>
                    <td>
                      {related === null || q.relatedFacilityId === null ? (
                        '—'
                      ) : (
                        <Link to={`/facilities/${q.relatedFacilityId}`} lang={related.lang}>
                          {related.name}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
