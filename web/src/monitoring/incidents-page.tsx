import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident } from '../../../src/modules/monitoring/incidents.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { NoMatch } from '../app/list-table.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, oblastOptions, useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';

const column = createColumnHelper<Incident>();

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
  const columns = useMemo(
    () => [
      column.accessor('occurredAt', { header: () => t('monitoring.incident.date'), cell: (c) => formatDate(c.getValue(), lang) }),
      column.accessor('oblastIso', { header: () => t('facilities.oblast'), cell: (c) => oblastName(oblasts.data?.items, c.getValue(), lang) }),
      column.accessor('attackTypes', { header: () => t('monitoring.incident.attackTypes'), cell: (c) => c.getValue().map((a) => t(`monitoring.attackTypes.${a}`)).join(', ') }),
      column.display({
        id: 'facility',
        header: () => t('facilities.type'),
        cell: ({ row: { original: i } }) => (i.facilityId === null ? '—' : <Link to={`/facilities/${i.facilityId}`}>{i.facilityType === null ? '—' : t(`types.${i.facilityType}`)}</Link>),
      }),
      column.display({ id: 'killed', header: () => t('monitoring.dashboard.killed'), cell: ({ row: { original: i } }) => i.healthWorkersKilled + i.patientsKilled }),
      column.display({ id: 'injured', header: () => t('monitoring.dashboard.injured'), cell: ({ row: { original: i } }) => i.healthWorkersInjured + i.patientsInjured }),
      column.accessor('certainty', { header: () => t('monitoring.incident.certainty'), cell: (c) => t(`monitoring.certainty.${c.getValue()}`) }),
      column.display({
        id: 'source',
        header: () => t('monitoring.incident.sourceShort'),
        cell: ({ row: { original: i } }) => (i.sourceVisible ? (i.source ?? '—') : <span className="muted">{t('monitoring.incident.restricted')}</span>),
      }),
    ],
    [t, lang, oblasts.data],
  );
  const table = useListTable(items, columns);
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
            <ColumnRows table={table} numeric={['killed', 'injured']} />
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
