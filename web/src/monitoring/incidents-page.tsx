import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident } from '../../../src/modules/monitoring/incidents.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { NoMatch } from '../app/list-table.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, oblastOptions, useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';

/** Incidents in the caller's read scope, newest first, with area and date filters in the URL. */
export function IncidentsPage({ canRecord }: { canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update, clear } = useUrlFilters(['area', 'from', 'to'] as const);
  const oblasts = useOblasts();
  const list = useInfiniteQuery({
    queryKey: ['incidents', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<{ items: Incident[]; nextCursor: string | null }>(`/api/v1/incidents${queryString({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h2>{t('monitoring.incident.listTitle')}</h2>
      {canRecord ? (
        <p>
          <Link className="button" to="/monitoring/incidents/new">
            {t('monitoring.incident.new')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('facilities.area')} name="area" value={filters.area} all={t('facilities.allAreas')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        <label>
          {t('monitoring.incident.from')}
          <input type="date" name="from" value={filters.from ?? ''} onChange={(e) => update({ from: e.target.value })} />
        </label>
        <label>
          {t('monitoring.incident.to')}
          <input type="date" name="to" value={filters.to ?? ''} onChange={(e) => update({ to: e.target.value })} />
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? Object.values(filters).some((v) => v !== undefined) ? <NoMatch title={t('monitoring.incident.empty')} onClear={clear} /> : <EmptyState title={t('monitoring.incident.none')} /> : null}
      {items.length === 0 ? null : (
        <div className="table-wrap">
          <table className="data" data-testid="incident-list">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.incident.date')}</th>
                <th scope="col">{t('facilities.oblast')}</th>
                <th scope="col">{t('monitoring.incident.attackTypes')}</th>
                <th scope="col">{t('facilities.type')}</th>
                <th scope="col" className="num">{t('monitoring.dashboard.killed')}</th>
                <th scope="col" className="num">{t('monitoring.dashboard.injured')}</th>
                <th scope="col">{t('monitoring.incident.certainty')}</th>
                <th scope="col">{t('monitoring.incident.sourceShort')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>{formatDate(i.occurredAt, lang)}</td>
                  <td>{oblastName(oblasts.data?.items, i.oblastIso, lang)}</td>
                  <td>{i.attackTypes.map((a) => t(`monitoring.attackTypes.${a}`)).join(', ')}</td>
                  <td>{i.facilityId === null ? '—' : <Link to={`/facilities/${i.facilityId}`}>{i.facilityType === null ? '—' : t(`types.${i.facilityType}`)}</Link>}</td>
                  <td className="num">{i.healthWorkersKilled + i.patientsKilled}</td>
                  <td className="num">{i.healthWorkersInjured + i.patientsInjured}</td>
                  <td>{t(`monitoring.certainty.${i.certainty}`)}</td>
                  <td>{i.sourceVisible ? (i.source ?? '—') : <span className="muted">{t('monitoring.incident.restricted')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage ? (
        <p>
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {t('monitoring.incident.more')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
