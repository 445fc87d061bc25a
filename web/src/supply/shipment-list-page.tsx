import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SHIPMENT_STATUSES, type ShipmentList } from '../../../src/modules/supply/shipments.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { Pager, StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useLocations, useSupplyFormat, useUrlFilters } from './use-supply.js';

const FILTERS = ['status', 'toLocationId'] as const;

/** Shipments with status and destination filters; in-transit ones are where receiving starts. */
export function ShipmentListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const { filters, update } = useUrlFilters(FILTERS);
  const locations = useLocations();
  const list = useQuery({
    queryKey: ['supply', 'shipments', filters],
    queryFn: () => api<Static<typeof ShipmentList>>(`/api/v1/shipments${queryString({ ...filters, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
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
        <label>
          {t('supply.status')}
          <select name="status" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            {SHIPMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`supply.shipmentStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supply.shipments.destination')}
          <select name="toLocationId" value={filters.toLocationId ?? ''} onChange={(e) => update({ toLocationId: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            {(locations.data?.items ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.items.length === 0 ? (
        <EmptyState title={t('supply.shipments.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="shipment-table" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('supply.shipments.reference')}</th>
                <th scope="col">{t('supply.donor')}</th>
                <th scope="col">{t('supply.shipments.destination')}</th>
                <th scope="col">{t('supply.shipments.expected')}</th>
                <th scope="col">{t('supply.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/supply/shipments/${s.id}`}>
                      <code>{s.donorReference}</code>
                    </Link>
                    <br />
                    <span className="muted">{s.origin}</span>
                  </td>
                  <td>{s.donorName}</td>
                  <td>{s.toLocationName}</td>
                  <td>{f.date(s.expectedArrival)}</td>
                  <td>
                    <StatusBadge group="shipment" status={s.status} />
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
