import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Balance, BalanceList } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { ColumnRows } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { LocationSelect, ProductPicker } from './pickers.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { ReplenishmentPanel } from './replenishment-panel.js';
import { useLocations, useSupplyFormat } from './use-supply.js';

const column = createColumnHelper<Balance>();
const FILTERS = ['locationId', 'productId', 'lotId', 'includeEmpty'] as const;

/** Stock on hand by location × lot; filters in the URL; each lot opens its page (trace, recall). */
export function StockPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const { filters, update, paging, clear } = useUrlFilters(FILTERS);
  const list = useQuery({
    queryKey: ['supply', 'stock', filters, paging.cursor],
    queryFn: () => api<Static<typeof BalanceList>>(`/api/v1/stock${queryString({ ...filters, cursor: paging.cursor, limit: 100 })}`),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(
    () => [
      column.accessor('locationName', { header: () => t('supply.location') }),
      column.accessor('productName', { header: () => t('supply.product'), cell: (c) => <Link to={`/supply/products/${c.row.original.productId}`}>{c.getValue()}</Link> }),
      column.accessor('lotCode', {
        header: () => t('supply.lot'),
        cell: (c) => (
          <Link to={`/supply/lots/${c.row.original.lotId}`}>
            <code>{c.getValue()}</code>
          </Link>
        ),
      }),
      column.accessor('expiry', { header: () => t('supply.expiry'), cell: (c) => f.date(c.getValue()) }),
      column.accessor('lotStatus', { header: () => t('supply.status'), cell: (c) => <StatusBadge group="lot" status={c.getValue()} /> }),
      column.accessor('quantity', { header: () => t('supply.onHand'), cell: (c) => f.number(c.getValue()) }),
    ],
    [t, f],
  );
  const table = useReactTable({ data: list.data?.items ?? [], columns, getCoreRowModel: getCoreRowModel(), manualPagination: true });
  // A facility's stock page also says what it should order.
  const facilityId = useLocations().data?.items.find((l) => l.id === filters.locationId)?.facilityId ?? null;
  return (
    <section>
      <h1>{t('supply.stock.title')}</h1>
      {canWrite ? (
        <p className="actions">
          <Link className="button" to="/supply/stock/dispatch">
            {t('supply.stock.dispatch')}
          </Link>
          <Link className="button" to="/supply/stock/count">
            {t('supply.stock.count')}
          </Link>
          <Link className="button" to={`/supply/stock/move${queryString({ from: filters.locationId, productId: filters.productId, lotId: filters.lotId })}`}>
            {t('supply.move.open')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <LocationSelect label={t('supply.location')} value={filters.locationId ?? ''} empty={t('supply.all')} onChange={(locationId) => update({ locationId })} />
        <ProductPicker label={t('supply.product')} value={filters.productId ?? ''} empty={t('supply.all')} onChange={(productId) => update({ productId })} />
        <label className="check">
          <input type="checkbox" checked={filters.includeEmpty === 'true'} onChange={(e) => update({ includeEmpty: e.target.checked ? 'true' : undefined })} />
          {t('supply.stock.includeEmpty')}
        </label>
        {filters.lotId === undefined ? null : (
          <button type="button" onClick={() => update({ lotId: undefined })}>
            {t('supply.stock.allLots')}
          </button>
        )}
      </form>
      <ListTable
        query={list}
        testId="stock-table"
        label={t('supply.stock.title')}
        filtered={filters.locationId !== undefined || filters.productId !== undefined || filters.lotId !== undefined}
        noMatch={<NoMatch title={t('supply.stock.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.stock.none')} hint={t('supply.stock.noneHint')} />}
      >
        <ColumnRows table={table} numeric={['quantity']} rowData={(b) => ({ 'data-lot': b.lotCode })} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
      {facilityId === null ? null : <ReplenishmentPanel facilityId={facilityId} />}
    </section>
  );
}
