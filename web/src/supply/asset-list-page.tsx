import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ASSET_STATUSES, type AssetList } from '../../../src/modules/supply/assets.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { Pager, StatusBadge } from './supply-bits.js';
import { useSupplyFormat, useUrlFilters } from './use-supply.js';

/** Equipment in service: status, and when maintenance is due (the due/overdue filter is the work list). */
export function AssetListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { filters, update } = useUrlFilters(['status', 'maintenance'] as const);
  const list = useQuery({
    queryKey: ['supply', 'assets', filters],
    queryFn: () => api<Static<typeof AssetList>>(`/api/v1/assets${queryString({ ...filters, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  return (
    <section>
      <h1>{t('supply.assets.title')}</h1>
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('supply.status')}
          <select value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            {ASSET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`supply.assetStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supply.assets.maintenance')}
          <select value={filters.maintenance ?? ''} onChange={(e) => update({ maintenance: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            <option value="due">{t('supply.assets.dueOrOverdue')}</option>
            <option value="overdue">{t('supply.maintenanceStatus.overdue')}</option>
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.items.length === 0 ? (
        <EmptyState title={t('supply.assets.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="asset-table" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('supply.assets.serial')}</th>
                <th scope="col">{t('supply.product')}</th>
                <th scope="col">{t('supply.status')}</th>
                <th scope="col">{t('supply.assets.installed')}</th>
                <th scope="col">{t('supply.assets.nextDue')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/supply/assets/${a.id}`}>
                      <code>{a.serial}</code>
                    </Link>
                  </td>
                  <td>{a.productName}</td>
                  <td>
                    <StatusBadge group="asset" status={a.status} />
                  </td>
                  <td>{f.date(a.installedOn)}</td>
                  <td>
                    {f.date(a.nextMaintenanceDue)} {a.maintenanceState === null ? null : <StatusBadge group="maintenance" status={a.maintenanceState} />}
                  </td>
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
