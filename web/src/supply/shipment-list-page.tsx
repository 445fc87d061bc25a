import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SHIPMENT_STATUSES, type ShipmentList } from '../../../src/modules/supply/shipments.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useLocations, useSupplyFormat } from './use-supply.js';
import { locationName } from './location-name.js';
import { DonorName } from './donor-name.js';

const FILTERS = ['status', 'toLocationId'] as const;

const column = createColumnHelper<Static<typeof ShipmentList>['items'][number]>();

/** Shipments with status and destination filters; in-transit ones are where receiving starts. */
export function ShipmentListPage() {
  const { t, i18n } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const { filters, update, paging, clear } = useUrlFilters(FILTERS);
  const locations = useLocations();
  const list = useQuery({
    queryKey: ['supply', 'shipments', filters, paging.cursor],
    queryFn: () => api<Static<typeof ShipmentList>>(`/api/v1/shipments${queryString({ ...filters, cursor: paging.cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(
    () => [
      column.accessor('donorReference', {
        header: () => t('supply.shipments.reference'),
        cell: (c) => (
          <>
            <Link to={`/supply/shipments/${c.row.original.id}`}>
              <code>{c.getValue()}</code>
            </Link>
            <br />
            <span className="muted">{c.row.original.origin}</span>
          </>
        ),
      }),
      column.display({ id: 'donor', header: () => t('supply.donor'), cell: (c) => <DonorName of={c.row.original} /> }),
      column.accessor('toLocationName', { header: () => t('supply.shipments.destination') }),
      column.accessor('expectedArrival', { header: () => t('supply.shipments.expected'), cell: (c) => f.date(c.getValue()) }),
      column.accessor('status', { header: () => t('supply.status'), cell: (c) => <StatusBadge group="shipment" status={c.getValue()} /> }),
    ],
    [t, f],
  );
  const table = useListTable(list.data?.items, columns);
  return (
    <section>
      <h1>{t('supply.shipments.title')}</h1>
      {canWrite ? (
        <p>
          <Link className="button" to="/supply/shipments/new">
            {t('supply.shipments.create')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('supply.status')} name="status" value={filters.status} all={t('supply.all')} options={SHIPMENT_STATUSES.map((s) => ({ value: s, label: t(`supply.shipmentStatus.${s}`) }))} onChange={(status) => update({ status })} />
        <FilterSelect label={t('supply.shipments.destination')} name="toLocationId" value={filters.toLocationId} all={t('supply.all')} options={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: locationName(l, i18n.language) }))} onChange={(toLocationId) => update({ toLocationId })} />
      </form>
      <ListTable
        query={list}
        testId="shipment-table"
        label={t('supply.shipments.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('supply.shipments.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.shipments.none')} hint={t('supply.shipments.noneHint')} />}
      >
        <ColumnRows table={table} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
