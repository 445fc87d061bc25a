import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Facility, FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { FACILITY_TYPES, TIERS } from '../../../src/modules/facilities/facilities.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { oblastName, useOblasts } from './use-areas.js';

const column = createColumnHelper<Facility>();
const SORTABLE = { code: 'code', name: 'name_en', beds: 'beds' } as const;

/**
 * The registry as a table. Every filter, the sort and the page live in the URL,
 * so a link reproduces the view; the server filters, sorts and pages.
 */
export function FacilityListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const oblasts = useOblasts();
  const filters = { area: params.get('area') ?? '', type: params.get('type') ?? '', tier: params.get('tier') ?? '', q: params.get('q') ?? '', status: params.get('status') ?? '', sort: params.get('sort') ?? '' };
  // Cursors of the pages before this one, so "previous" works with keyset paging.
  // '-' stands for the first page, which has no cursor.
  const trailParam = params.get('trail') ?? '';
  const trail = trailParam === '' ? [] : trailParam.split('~');
  const cursor = params.get('cursor') ?? undefined;
  const sortKey = filters.sort === '' ? (lang === 'uk' ? 'name_uk' : 'name_en') : filters.sort;
  const list = useQuery({
    queryKey: ['facilities', filters, cursor, sortKey],
    queryFn: () => api<FacilityList>(`/api/v1/facilities${queryString({ ...filters, sort: sortKey, cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  // Start from the address bar, not this render's copy: two quick changes (oblast, then type) must both land,
  // and React Router hands functional updates the rendered parameters, not the latest ones.
  const update = (changes: Record<string, string | undefined>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      // Any change of filter or sort starts again at the first page.
      if (!('cursor' in changes)) {
        next.delete('cursor');
        next.delete('trail');
      }
      return next;
    });
  const number = useMemo(() => new Intl.NumberFormat(LOCALE[lang]), [lang]);
  const columns = useMemo(
    () => [
      column.accessor('code', { header: () => t('facilities.code'), cell: (c) => <code>{c.getValue()}</code> }),
      column.accessor((f) => (lang === 'uk' ? f.nameUk : f.nameEn), { id: 'name', header: () => t('facilities.name'), cell: (c) => <Link to={`/facilities/${c.row.original.id}`}>{c.getValue()}</Link> }),
      column.accessor('type', { header: () => t('facilities.type'), cell: (c) => t(`types.${c.getValue()}`) }),
      column.accessor('oblastIso', { header: () => t('facilities.oblast'), cell: (c) => oblastName(oblasts.data?.items, c.getValue(), lang) }),
      column.accessor('beds', { header: () => t('facilities.beds'), cell: (c) => number.format(c.getValue()) }),
      column.accessor('closedOn', { id: 'status', header: () => t('facilities.status'), cell: (c) => (c.getValue() === null ? t('facilities.open') : t('facilities.closed')) }),
    ],
    [t, lang, number, oblasts.data],
  );
  const table = useReactTable({ data: list.data?.items ?? [], columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true });
  const sortColumn = sortKey.replace(/^-/, '');
  const toggleSort = (id: keyof typeof SORTABLE) => {
    const col = id === 'name' && lang === 'uk' ? 'name_uk' : SORTABLE[id];
    update({ sort: sortColumn === col && !sortKey.startsWith('-') ? `-${col}` : col });
  };
  return (
    <section>
      <h1>{t('facilities.title')}</h1>
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('facilities.search')}
          {/* Keyed by the URL's q, so a search from the top bar shows up here too. */}
          <input key={filters.q} type="search" name="q" defaultValue={filters.q} onKeyDown={(e) => e.key === 'Enter' && update({ q: e.currentTarget.value })} onBlur={(e) => e.currentTarget.value !== filters.q && update({ q: e.currentTarget.value })} />
        </label>
        <label>
          {t('facilities.area')}
          <select name="area" value={filters.area} onChange={(e) => update({ area: e.target.value })}>
            <option value="">{t('facilities.allAreas')}</option>
            {(oblasts.data?.items ?? []).map((a) => (
              <option key={a.katottg} value={a.iso3166_2 ?? a.katottg}>
                {lang === 'uk' ? a.nameUk : (a.nameEn ?? a.nameUk)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('facilities.type')}
          <select name="type" value={filters.type} onChange={(e) => update({ type: e.target.value })}>
            <option value="">{t('facilities.allTypes')}</option>
            {FACILITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`types.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('facilities.tier')}
          <select name="tier" value={filters.tier} onChange={(e) => update({ tier: e.target.value })}>
            <option value="">{t('facilities.allTiers')}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tiers.${tier}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('facilities.status')}
          <select name="status" value={filters.status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('facilities.statusOpen')}</option>
            <option value="closed">{t('facilities.statusClosed')}</option>
            <option value="all">{t('facilities.statusAll')}</option>
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data !== undefined && list.data.items.length === 0 ? (
        <EmptyState title={t('facilities.empty')} hint={t('facilities.emptyHint')} action={<button type="button" onClick={() => setParams(new URLSearchParams())}>{t('facilities.clear')}</button>} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="facility-table" aria-busy={list.isFetching}>
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
                  {g.headers.map((h) => {
                    const id = h.column.id;
                    const sortable = id in SORTABLE;
                    const active = sortable && (SORTABLE[id as keyof typeof SORTABLE] === sortColumn || (id === 'name' && sortColumn === 'name_uk'));
                    return (
                      <th key={h.id} scope="col" data-column={id} aria-sort={active ? (sortKey.startsWith('-') ? 'descending' : 'ascending') : undefined}>
                        {sortable ? (
                          <button type="button" className="sort" onClick={() => toggleSort(id as keyof typeof SORTABLE)}>
                            {flexRender(h.column.columnDef.header, h.getContext())}
                            <span aria-hidden="true">{active ? (sortKey.startsWith('-') ? ' ▼' : ' ▲') : ''}</span>
                          </button>
                        ) : (
                          flexRender(h.column.columnDef.header, h.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} data-column={cell.column.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* One page only: no pager to distract. */}
      {trail.length === 0 && list.data?.nextCursor === null ? null : (
        <nav className="pager" aria-label={t('facilities.page', { page: trail.length + 1 })}>
          <button type="button" disabled={trail.length === 0} onClick={() => update({ cursor: trail.at(-1) === '-' ? undefined : trail.at(-1), trail: trail.slice(0, -1).join('~') })}>
            {t('facilities.previous')}
          </button>
          <span>{t('facilities.page', { page: trail.length + 1 })}</span>
          <button
            type="button"
            disabled={list.data?.nextCursor === null || list.data === undefined}
            onClick={() => update({ cursor: list.data?.nextCursor ?? undefined, trail: [...trail, cursor ?? '-'].join('~') })}
          >
            {t('facilities.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
