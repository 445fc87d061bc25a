import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExpiryAlerts, LowStockAlerts, NeedsWaiting } from '../../../src/modules/supply/stock.schema.js';
import { api } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat } from './use-supply.js';

const WINDOWS = [30, 60, 90] as const;

/** What needs attention: lots about to expire, stock below its minimum, approved needs that stock in a warehouse could meet. */
export function SupplyOverviewPage() {
  const { t } = useTranslation();
  const { canWrite } = useSupplyRoles();
  return (
    <section>
      <h1>{t('supply.overview.title')}</h1>
      <nav aria-label={t('supply.overview.quickLinks')}>
        <ul className="quick-links">
          <li>
            <Link to="/supply/shipments?status=in_transit">{t('supply.overview.receive')}</Link>
          </li>
          <li>
            <Link to="/supply/stock">{t('supply.overview.stock')}</Link>
          </li>
          {canWrite ? (
            <li>
              <Link to="/supply/stock/dispatch">{t('supply.overview.dispatch')}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/supply/products">{t('supply.overview.catalogue')}</Link>
          </li>
          <li>
            <Link to="/supply/assets?maintenance=due">{t('supply.overview.maintenanceDue')}</Link>
          </li>
        </ul>
      </nav>
      <ExpirySection />
      <LowStockSection />
      <NeedsWaitingSection />
    </section>
  );
}

function ExpirySection() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(90);
  const alerts = useQuery({ queryKey: ['supply', 'alerts', 'expiry', days], queryFn: () => api<ExpiryAlerts>(`/api/v1/stock/alerts/expiry?days=${days}`) });
  return (
    <section aria-labelledby="expiry-h" data-testid="expiry-alerts">
      <h2 id="expiry-h">{t('supply.overview.expiring')}</h2>
      <fieldset className="segmented">
        <legend>{t('supply.overview.window')}</legend>
        {WINDOWS.map((d) => (
          <label key={d}>
            <input type="radio" name="expiry-window" value={d} checked={days === d} onChange={() => setDays(d)} />
            {t('supply.overview.withinDays', { days: d })}
          </label>
        ))}
      </fieldset>
      {alerts.isError ? <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
      {alerts.data?.locations.length === 0 ? <EmptyState title={t('supply.overview.noneExpiring', { days })} /> : null}
      {(alerts.data?.locations ?? []).map((loc) => (
        <div key={loc.locationId} className="table-wrap spaced">
          <table className="data">
            <caption>{loc.name}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supply.product')}</th>
                <th scope="col">{t('supply.lot')}</th>
                <th scope="col">{t('supply.expiry')}</th>
                <th scope="col" className="num">
                  {t('supply.overview.daysLeft')}
                </th>
                <th scope="col" className="num">
                  {t('supply.quantity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {loc.lots.map((lot) => (
                <tr key={lot.lotId} className={`band-${lot.band}`}>
                  <td>
                    <Link to={`/supply/products/${lot.productId}`}>{lot.productName}</Link>
                  </td>
                  <td>
                    <Link to={`/supply/lots/${lot.lotId}`}>
                      <code>{lot.lotCode}</code>
                    </Link>
                  </td>
                  <td>{f.date(lot.expiry)}</td>
                  <td className="num">
                    <span className="band">{t('supply.overview.days', { days: f.number(lot.daysLeft) })}</span>
                  </td>
                  <td className="num">{f.number(lot.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function LowStockSection() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const low = useQuery({ queryKey: ['supply', 'alerts', 'low'], queryFn: () => api<LowStockAlerts>('/api/v1/stock/alerts/low') });
  return (
    <section aria-labelledby="low-h" data-testid="low-stock">
      <h2 id="low-h">{t('supply.overview.low')}</h2>
      {low.isError ? <ErrorState error={low.error} onRetry={() => void low.refetch()} /> : null}
      {low.data?.items.length === 0 ? (
        <EmptyState title={t('supply.overview.noneLow')} />
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('supply.location')}</th>
                <th scope="col">{t('supply.product')}</th>
                <th scope="col" className="num">
                  {t('supply.overview.minimum')}
                </th>
                <th scope="col" className="num">
                  {t('supply.onHand')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(low.data?.items ?? []).map((i) => (
                <tr key={`${i.locationId}-${i.productId}`}>
                  <td>{i.locationName}</td>
                  <td>
                    <Link to={`/supply/products/${i.productId}`}>{i.productName}</Link>
                  </td>
                  <td className="num">{f.number(i.minimum)}</td>
                  <td className="num bad">{f.number(i.onHand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NeedsWaitingSection() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const needs = useQuery({ queryKey: ['supply', 'alerts', 'needs'], queryFn: () => api<NeedsWaiting>('/api/v1/stock/alerts/needs-waiting') });
  return (
    <section aria-labelledby="needs-h" data-testid="needs-waiting">
      <h2 id="needs-h">{t('supply.overview.needsWaiting')}</h2>
      <p className="muted">{t('supply.overview.needsWaitingHint')}</p>
      {needs.isError ? <ErrorState error={needs.error} onRetry={() => void needs.refetch()} /> : null}
      {needs.data?.items.length === 0 ? (
        <EmptyState title={t('supply.overview.noneWaiting')} />
      ) : (
        <ul className="plain cards">
          {(needs.data?.items ?? []).map((n) => (
            <li key={n.needId}>
              <Link to={`/needs/${n.needId}`}>{n.productName}</Link> · {t('supply.overview.needed', { quantity: n.needed })}
              <ul>
                {n.warehouses.map((w) => (
                  <li key={w.locationId}>{t('supply.overview.availableAt', { name: w.name, quantity: f.number(w.available) })}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
