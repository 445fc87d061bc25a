import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QUALITY_CHECKS, type QualityReport } from '../../../src/modules/monitoring/quality.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

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
                <th scope="col">{t('facilities.code')}</th>
                <th scope="col">{t('facilities.name')}</th>
                <th scope="col">{t('facilities.oblast')}</th>
                <th scope="col">{t('monitoring.quality.detail')}</th>
                <th scope="col">{t('monitoring.quality.related')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={`${q.check} ${q.facilityId} ${q.relatedFacilityId ?? ''}`}>
                  <td>{t(`monitoring.checks.${q.check}`)}</td>
                  <td>
                    <code>{q.code}</code>
                  </td>
                  <td>
                    <Link to={`/facilities/${q.facilityId}`} lang="en">
                      {q.nameEn}
                    </Link>
                  </td>
                  <td>{oblastName(oblasts.data?.items, q.oblastIso, lang)}</td>
                  <td lang="en">{q.detail}</td>
                  <td>{q.relatedFacilityId === null ? '—' : <Link to={`/facilities/${q.relatedFacilityId}`}>{t('monitoring.quality.open')}</Link>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
