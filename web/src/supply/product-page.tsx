import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Product } from '../../../src/modules/supply/products.schema.js';
import type { Balance, BalanceList, ProductStock } from '../../../src/modules/supply/stock.schema.js';
import { api } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { MinimumForm } from './minimum-form.js';
import { ProductForm } from './product-form.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat } from './use-supply.js';

/** Lots in first-expiry-first-out order: earliest expiry first, lots without an expiry last. */
const byExpiry = (a: Balance, b: Balance) => (a.expiry ?? '9999-12-31').localeCompare(b.expiry ?? '9999-12-31') || a.lotCode.localeCompare(b.lotCode);

/** One product: what it is, and its stock by location with the lots in the order they should leave. */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const product = useQuery({ queryKey: ['supply', 'products', 'one', id], queryFn: () => api<Product>(`/api/v1/products/${id}`) });
  const stock = useQuery({ queryKey: ['supply', 'products', 'one', id, 'stock'], queryFn: () => api<ProductStock>(`/api/v1/products/${id}/stock`) });
  const lots = useQuery({ queryKey: ['supply', 'stock', { productId: id, all: true }], queryFn: () => api<Static<typeof BalanceList>>(`/api/v1/stock?productId=${id}&limit=500`) });
  if (product.isError) return <ErrorState error={product.error} onRetry={() => void product.refetch()} />;
  const p = product.data;
  if (p === undefined) return <p className="muted">{t('app.loading')}</p>;
  const lotsAt = (locationId: string) => (lots.data?.items ?? []).filter((b) => b.locationId === locationId).sort(byExpiry);
  return (
    <article data-testid="product-page">
      <p>
        <Link to="/supply/products">← {t('supply.products.title')}</Link>
      </p>
      <h1>{p.name}</h1>
      <dl className="details">
        <div>
          <dt>{t('supply.products.kind')}</dt>
          <dd>{t(`supply.kinds.${p.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('supply.products.inn')}</dt>
          <dd>{p.inn ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('supply.products.atc')}</dt>
          <dd>{p.atcCode === null ? '—' : <code>{p.atcCode}</code>}</dd>
        </div>
        <div>
          <dt>{t('supply.products.form')}</dt>
          <dd>{[p.form, p.strength].filter((x) => x !== null).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('supply.products.pack')}</dt>
          <dd>{`${f.number(p.packSize)} × ${p.unit}`}</dd>
        </div>
        <div>
          <dt>GTIN</dt>
          <dd>{p.gtin === null ? '—' : <code>{p.gtin}</code>}</dd>
        </div>
        <div>
          <dt>{t('supply.products.essential')}</dt>
          <dd>{p.essential ? t('supply.products.onList') : t('supply.products.offList')}</dd>
        </div>
      </dl>
      {canWrite ? (
        <details className="disclosure">
          <summary>{t('supply.products.edit')}</summary>
          <ProductForm product={p} />
        </details>
      ) : null}
      {canWrite ? (
        <details className="disclosure">
          <summary>{t('supply.products.minimum')}</summary>
          <MinimumForm productId={p.id} />
        </details>
      ) : null}
      <h2>{t('supply.products.stock', { total: f.number(stock.data?.total ?? 0) })}</h2>
      {stock.isError ? <ErrorState error={stock.error} /> : null}
      {stock.data?.locations.length === 0 ? <EmptyState title={t('supply.products.noStock')} /> : null}
      {(stock.data?.locations ?? []).map((loc) => (
        <div key={loc.locationId} className="table-wrap spaced">
          <table className="data" data-testid="product-stock">
            <caption>
              {loc.name} · {f.number(loc.quantity)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('supply.products.fefo')}</th>
                <th scope="col">{t('supply.lot')}</th>
                <th scope="col">{t('supply.expiry')}</th>
                <th scope="col">{t('supply.status')}</th>
                <th scope="col" className="num">
                  {t('supply.onHand')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lotsAt(loc.locationId).map((b, i) => (
                <tr key={b.lotId}>
                  <td>{i + 1}</td>
                  <td>
                    <Link to={`/supply/lots/${b.lotId}`}>
                      <code>{b.lotCode}</code>
                    </Link>
                  </td>
                  <td>{f.date(b.expiry)}</td>
                  <td>
                    <StatusBadge group="lot" status={b.lotStatus} />
                  </td>
                  <td className="num">{f.number(b.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </article>
  );
}
