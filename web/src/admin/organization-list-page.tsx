import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ORGANIZATION_TYPES } from '../../../src/modules/organizations/organizations.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { localNameWithLang } from '../app/local-name.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import type { Organizations } from '../funding/use-funding.js';

const FILTERS = ['type', 'q'] as const;
const column = createColumnHelper<Organizations['items'][number]>();

/** Every organisation, named in the reader's language, filtered by type and name (in the URL), each opening its form. */
export function OrganizationListPage() {
  const { t, i18n } = useTranslation();
  const { filters, update, paging, clear } = useUrlFilters(FILTERS);
  // The form comes back here with what it saved, to say so.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const list = useQuery({
    queryKey: ['organizations', 'list', filters, paging.cursor],
    queryFn: () => api<Organizations>(`/api/v1/organizations${queryString({ ...filters, cursor: paging.cursor, limit: 100 })}`),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(
    () => [
      column.display({
        id: 'name',
        header: () => t('organizations.name'),
        cell: (c) => {
          // A Japanese reader sees the English name where there is no Japanese one: marked with its language.
          const name = localNameWithLang(c.row.original, i18n.language);
          return (
            <Link to={`/admin/organizations/${c.row.original.id}`} lang={name.lang}>
              {name.name}
            </Link>
          );
        },
      }),
      column.accessor('type', { header: () => t('organizations.type'), cell: (c) => t(`organizations.types.${c.getValue()}`) }),
      column.accessor('country', { header: () => t('organizations.country'), cell: (c) => c.getValue() ?? '—' }),
      column.accessor('iatiOrgId', { header: () => t('organizations.iatiOrgId'), cell: (c) => (c.getValue() === null ? '—' : <code>{c.getValue()}</code>) }),
    ],
    [t, i18n.language],
  );
  const table = useListTable(list.data?.items, columns);
  const filtered = filters.type !== undefined || filters.q !== undefined;
  return (
    <section>
      <h1>{t('organizations.title')}</h1>
      <p className="muted">{t('organizations.intro')}</p>
      {notice === undefined ? null : (
        <p className="ok" role="status" data-testid="organization-saved">
          {notice}
        </p>
      )}
      <p>
        <Link className="button" to="/admin/organizations/new">
          {t('organizations.create')}
        </Link>
      </p>
      <form className="filters" aria-label={t('organizations.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('organizations.type')} name="type" value={filters.type} all={t('organizations.allTypes')} options={ORGANIZATION_TYPES.map((type) => ({ value: type, label: t(`organizations.types.${type}`) }))} onChange={(type) => update({ type })} />
        <label>
          {t('organizations.search')}
          <input name="q" type="search" maxLength={100} value={filters.q ?? ''} onChange={(e) => update({ q: e.target.value })} />
        </label>
      </form>
      <ListTable query={list} testId="organization-table" label={t('organizations.title')} filtered={filtered} onClear={clear} empty={<EmptyState title={t('organizations.empty')} hint={t('organizations.emptyHint')} />}>
        <ColumnRows table={table} rowData={() => ({ 'data-testid': 'organization-row' })} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
