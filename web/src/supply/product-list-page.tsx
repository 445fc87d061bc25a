import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRODUCT_KINDS, type Product } from '../../../src/modules/supply/products.schema.js';
import { api, queryString } from '../api/client.js';
import { ColumnRows } from '../app/column-rows.js';
import { FilterSelect } from '../app/filter-select.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, type Products } from './use-supply.js';

const column = createColumnHelper<Product>();

/** The catalogue: search by name, INN, ATC code or GTIN; filter by kind and the essential list. */
export function ProductListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const { filters, update, paging, clear } = useUrlFilters(['q', 'kind', 'essential'] as const);
  const list = useQuery({ queryKey: ['supply', 'products', filters, paging.cursor], queryFn: () => api<Products>(`/api/v1/products${queryString({ ...filters, cursor: paging.cursor, limit: 50 })}`), placeholderData: (previous) => previous });
  const columns = useMemo(
    () => [
      column.accessor('name', { header: () => t('supply.products.name'), cell: (c) => <Link to={`/supply/products/${c.row.original.id}`}>{c.getValue()}</Link> }),
      column.accessor('inn', { header: () => t('supply.products.inn'), cell: (c) => c.getValue() ?? '—' }),
      column.accessor('atcCode', { header: () => t('supply.products.atc'), cell: (c) => (c.getValue() === null ? '—' : <code>{c.getValue()}</code>) }),
      column.accessor('kind', { header: () => t('supply.products.kind'), cell: (c) => t(`supply.kinds.${c.getValue()}`) }),
      column.accessor('packSize', { header: () => t('supply.products.pack'), cell: (c) => `${f.number(c.getValue())} × ${c.row.original.unit}` }),
      column.accessor('gtin', { header: () => 'GTIN', cell: (c) => (c.getValue() === null ? '—' : <code>{c.getValue()}</code>) }),
      column.accessor('essential', { header: () => t('supply.products.essential'), cell: (c) => (c.getValue() ? t('supply.yes') : t('supply.no')) }),
    ],
    [t, f],
  );
  const table = useReactTable({ data: list.data?.items ?? [], columns, getCoreRowModel: getCoreRowModel(), manualPagination: true });
  return (
    <section>
      <h1>{t('supply.products.title')}</h1>
      {canWrite ? (
        <p className="actions">
          <Link className="button" to="/supply/products/new">
            {t('supply.products.create')}
          </Link>
          <Link className="button" to="/supply/products/import">
            {t('supply.products.import')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('supply.products.search')}
          <input key={filters.q} type="search" name="q" defaultValue={filters.q} onKeyDown={(e) => e.key === 'Enter' && update({ q: e.currentTarget.value })} onBlur={(e) => e.currentTarget.value !== (filters.q ?? '') && update({ q: e.currentTarget.value })} />
        </label>
        <FilterSelect label={t('supply.products.kind')} name="kind" value={filters.kind} all={t('supply.all')} options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`supply.kinds.${k}`) }))} onChange={(kind) => update({ kind })} />
        <label>
          {t('supply.products.essential')}
          <select value={filters.essential ?? ''} onChange={(e) => update({ essential: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            <option value="true">{t('supply.products.onList')}</option>
            <option value="false">{t('supply.products.offList')}</option>
          </select>
        </label>
      </form>
      <ListTable
        query={list}
        testId="product-table"
        label={t('supply.products.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('supply.products.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.products.none')} hint={t('supply.products.noneHint')} />}
      >
        <ColumnRows table={table} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
