import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Facility, FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { FACILITY_TYPES, TIERS } from '../../../src/modules/facilities/facilities.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { oblastName, oblastOptions, useOblasts } from './use-areas.js';

const column = createColumnHelper<Facility>();
const SORTABLE = { code: 'code', name: 'name_en', beds: 'beds' } as const;

/**
 * The registry as a table. Every filter, the sort and the page live in the URL,
 * so a link reproduces the view; the server filters, sorts and pages.
 */
export function FacilityListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update, paging, clear } = useUrlFilters(['area', 'type', 'tier', 'q', 'status', 'sort'] as const);
  const oblasts = useOblasts();
  const mayImport = hasAnyRole(useSession().data, ['admin', 'coordinator']);
  const sortKey = filters.sort ?? (lang === 'uk' ? 'name_uk' : 'name_en');
  const list = useQuery({
    queryKey: ['facilities', filters, paging.cursor, sortKey],
    queryFn: () => api<FacilityList>(`/api/v1/facilities${queryString({ ...filters, sort: sortKey, cursor: paging.cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
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
      {mayImport ? (
        <p className="actions">
          <Link className="button" to="/facilities/import">
            {t('imports.facilitiesTitle')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('facilities.search')}
          {/* Keyed by the URL's q, so a search from the top bar shows up here too. */}
          <input key={filters.q} type="search" name="q" defaultValue={filters.q} onKeyDown={(e) => e.key === 'Enter' && update({ q: e.currentTarget.value })} onBlur={(e) => e.currentTarget.value !== (filters.q ?? '') && update({ q: e.currentTarget.value })} />
        </label>
        <FilterSelect label={t('facilities.area')} name="area" value={filters.area} all={t('facilities.allAreas')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        <FilterSelect label={t('facilities.type')} name="type" value={filters.type} all={t('facilities.allTypes')} options={FACILITY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))} onChange={(type) => update({ type })} />
        <FilterSelect label={t('facilities.tier')} name="tier" value={filters.tier} all={t('facilities.allTiers')} options={TIERS.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))} onChange={(tier) => update({ tier })} />
        <label>
          {t('facilities.status')}
          <select name="status" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('facilities.statusOpen')}</option>
            <option value="closed">{t('facilities.statusClosed')}</option>
            <option value="all">{t('facilities.statusAll')}</option>
          </select>
        </label>
      </form>
      <ListTable
        query={list}
        testId="facility-table"
        label={t('facilities.title')}
        filtered={[filters.area, filters.type, filters.tier, filters.q, filters.status].some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('facilities.empty')} hint={t('facilities.emptyHint')} onClear={clear} />}
        empty={<EmptyState title={t('facilities.none')} hint={t('facilities.noneHint')} />}
      >
        <ColumnRows
          table={table}
          columnIds
          header={(h, content) => {
            const id = h.column.id;
            if (!(id in SORTABLE)) return { content };
            const active = SORTABLE[id as keyof typeof SORTABLE] === sortColumn || (id === 'name' && sortColumn === 'name_uk');
            return {
              props: { 'aria-sort': active ? (sortKey.startsWith('-') ? 'descending' : 'ascending') : undefined },
              content: (
                <button type="button" className="sort" onClick={() => toggleSort(id as keyof typeof SORTABLE)}>
                  {content}
                  <span aria-hidden="true">{active ? (sortKey.startsWith('-') ? ' ▼' : ' ▲') : ''}</span>
                </button>
              ),
            };
          }}
        />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
