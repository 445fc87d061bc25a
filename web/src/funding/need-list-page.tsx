import { createColumnHelper } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NEED_CATEGORIES, NEED_PRIORITIES, NEED_RAISER_ROLES, NEED_STATUSES } from '../../../src/modules/needs/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastOptions, useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { CoverageBar } from './coverage-bar.js';
import { formatDate } from '../app/format/dates.js';
import { NeedsTabs } from './needs-tabs.js';
import { useFacilityNames, useNeedList, type Needs } from './use-needs.js';

const FILTERS = ['category', 'priority', 'status'] as const;
const column = createColumnHelper<Needs['items'][number]>();

/** Needs as a table, filters and page in the URL; each row shows how much is committed and delivered. */
export function NeedListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const { filters, update, paging, clear } = useUrlFilters([...FILTERS, 'area'] as const);
  const oblasts = useOblasts();
  const list = useNeedList({ ...filters, cursor: paging.cursor });
  const facilityName = useFacilityNames((list.data?.items ?? []).map((n) => n.facilityId), lang);
  const options: Record<(typeof FILTERS)[number], readonly string[]> = { category: NEED_CATEGORIES, priority: NEED_PRIORITIES, status: NEED_STATUSES };
  // Not memoised: the facility names arrive one by one, and the cells follow them.
  const columns = [
    column.accessor('specification', {
      header: () => t('funding.needs.need'),
      cell: (c) => (
        <>
          <Link to={`/needs/${c.row.original.id}`}>{c.getValue()}</Link>
          <br />
          <span className="muted">{t(`funding.needs.categoryValues.${c.row.original.category}`)}</span>
        </>
      ),
    }),
    column.accessor('facilityId', { header: () => t('funding.needs.facility'), cell: (c) => <Link to={`/facilities/${c.getValue()}`}>{facilityName(c.getValue()) ?? t('funding.facilityHidden')}</Link> }),
    column.accessor('priority', { header: () => t('funding.needs.priority'), cell: (c) => <span className={`priority priority-${c.getValue()}`}>{t(`funding.needs.priorityValues.${c.getValue()}`)}</span> }),
    column.accessor('neededBy', { header: () => t('funding.needs.neededBy'), cell: (c) => { const d = c.getValue(); return d === null ? '—' : formatDate(d, lang); } }),
    column.accessor('status', {
      header: () => t('funding.needs.status'),
      cell: (c) => (
        <>
          {t(`funding.needs.statusValues.${c.getValue()}`)}
          {c.row.original.approved ? null : <span className="muted"> · {t('funding.needs.unapproved')}</span>}
        </>
      ),
    }),
    column.display({ id: 'coverage', header: () => t('funding.needs.coverage'), cell: (c) => <CoverageBar need={c.row.original} /> }),
  ];
  const table = useListTable(list.data?.items, columns);
  return (
    <section>
      <h1>{t('funding.needs.title')}</h1>
      <NeedsTabs />
      {hasAnyRole(session.data, NEED_RAISER_ROLES) ? (
        <p>
          <Link className="button" to="/needs/new">
            {t('funding.needs.create')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('funding.needs.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('funding.needs.oblast')} name="area" value={filters.area} all={t('funding.needs.all')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        {FILTERS.map((f) => (
          <FilterSelect key={f} label={t(`funding.needs.${f}`)} name={f} value={filters[f]} all={t('funding.needs.all')} options={options[f].map((v) => ({ value: v, label: t(`funding.needs.${f}Values.${v}`) }))} onChange={(v) => update({ [f]: v })} />
        ))}
      </form>
      <ListTable
        query={list}
        testId="need-table"
        label={t('funding.needs.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('funding.needs.empty')} hint={t('funding.needs.emptyHint')} onClear={clear} />}
        empty={<EmptyState title={t('funding.needs.none')} hint={t('funding.needs.noneHint')} />}
      >
        <ColumnRows table={table} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
