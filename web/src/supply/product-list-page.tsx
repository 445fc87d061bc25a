import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRODUCT_KINDS, type Product } from '../../../src/modules/supply/products.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { Pager } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, useUrlFilters, type Products } from './use-supply.js';

const column = createColumnHelper<Product>();

/** The catalogue: search by name, INN, ATC code or GTIN; filter by kind and the essential list. */
export function ProductListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const { filters, update } = useUrlFilters(['q', 'kind', 'essential'] as const);
  const list = useQuery({ queryKey: ['supply', 'products', filters], queryFn: () => api<Products>(`/api/v1/products${queryString({ ...filters, limit: 50 })}`), placeholderData: (previous) => previous });
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
        <label>
          {t('supply.products.kind')}
          <select value={filters.kind ?? ''} onChange={(e) => update({ kind: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            {PRODUCT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`supply.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supply.products.essential')}
          <select value={filters.essential ?? ''} onChange={(e) => update({ essential: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            <option value="true">{t('supply.products.onList')}</option>
            <option value="false">{t('supply.products.offList')}</option>
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.items.length === 0 ? (
        <EmptyState title={t('supply.products.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="product-table" aria-busy={list.isFetching}>
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
                  {g.headers.map((h) => (
                    <th key={h.id} scope="col">
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursor={filters.cursor} nextCursor={list.data?.nextCursor} onPage={(cursor) => update({ cursor })} />
    </section>
  );
}
