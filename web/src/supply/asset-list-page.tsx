import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ASSET_KINDS, ASSET_STATUSES, type AssetList } from '../../../src/modules/assets/assets.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyFormat } from './use-supply.js';

const column = createColumnHelper<Static<typeof AssetList>['items'][number]>();

/** Equipment and generators in service: status, rating of generators, and when maintenance is due (the due/overdue filter is the work list). */
export function AssetListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { filters, update, paging, clear } = useUrlFilters(['status', 'maintenance', 'kind'] as const);
  const list = useQuery({
    queryKey: ['supply', 'assets', filters, paging.cursor],
    queryFn: () => api<Static<typeof AssetList>>(`/api/v1/assets${queryString({ ...filters, cursor: paging.cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(
    () => [
      column.accessor('serial', {
        header: () => t('supply.assets.serial'),
        cell: (c) => (
          <Link to={`/supply/assets/${c.row.original.id}`}>
            <code>{c.getValue()}</code>
          </Link>
        ),
      }),
      column.accessor('productName', { header: () => t('supply.product') }),
      column.accessor('generator', { header: () => t('supply.assets.rating'), cell: (c) => (c.getValue() === null ? '—' : `${f.number(c.getValue()?.ratingKw ?? 0)} kW`) }),
      column.accessor('status', { header: () => t('supply.status'), cell: (c) => <StatusBadge group="asset" status={c.getValue()} /> }),
      column.accessor('installedOn', { header: () => t('supply.assets.installed'), cell: (c) => f.date(c.getValue()) }),
      column.accessor('nextMaintenanceDue', {
        header: () => t('supply.assets.nextDue'),
        cell: (c) => (
          <>
            {f.date(c.getValue())} {c.row.original.maintenanceState === null ? null : <StatusBadge group="maintenance" status={c.row.original.maintenanceState} />}
          </>
        ),
      }),
    ],
    [t, f],
  );
  const table = useListTable(list.data?.items, columns);
  return (
    <section>
      <h1>{t('supply.assets.title')}</h1>
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('supply.status')} name="status" value={filters.status} all={t('supply.all')} options={ASSET_STATUSES.map((s) => ({ value: s, label: t(`supply.assetStatus.${s}`) }))} onChange={(status) => update({ status })} />
        <FilterSelect label={t('supply.assets.assetKind')} name="kind" value={filters.kind} all={t('supply.all')} options={ASSET_KINDS.map((k) => ({ value: k, label: t(`supply.assets.assetKinds.${k}`) }))} onChange={(kind) => update({ kind })} />
        <label>
          {t('supply.assets.maintenance')}
          <select value={filters.maintenance ?? ''} onChange={(e) => update({ maintenance: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            <option value="due">{t('supply.assets.dueOrOverdue')}</option>
            <option value="overdue">{t('supply.maintenanceStatus.overdue')}</option>
          </select>
        </label>
      </form>
      <ListTable
        query={list}
        testId="asset-table"
        label={t('supply.assets.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('supply.assets.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.assets.none')} hint={t('supply.assets.noneHint')} />}
      >
        <ColumnRows table={table} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
