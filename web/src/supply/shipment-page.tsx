import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Shipment } from '../../../src/modules/supply/shipments.schema.js';
import { ErrorState } from '../app/states.js';
import { LOCALE } from '../i18n/i18n.js';
import { ReceivingPanel } from './receiving-panel.js';
import { ShipmentRules } from './shipment-rules.js';
import { ShipmentStatusActions } from './shipment-status-actions.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { isReceivable, useShipment } from './use-shipment.js';
import { useSupplyFormat } from './use-supply.js';
import { DonorName } from './donor-name.js';

/** One shipment: the notice, its lines and cartons, the donation rules, receipts, and (for writers) receiving. */
export function ShipmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const shipment = useShipment(id);
  if (shipment.isError) return <ErrorState error={shipment.error} onRetry={() => void shipment.refetch()} />;
  const s = shipment.data;
  if (s === undefined) return <p className="muted">{t('app.loading')}</p>;
  const receiving = canWrite && isReceivable(s.status);
  return (
    <article data-testid="shipment-page">
      <p>
        <Link to="/supply/shipments">← {t('supply.shipments.title')}</Link>
      </p>
      <h1>
        {t('supply.shipments.one', { reference: s.donorReference })} <StatusBadge group="shipment" status={s.status} />
      </h1>
      <dl className="details">
        <div>
          <dt>{t('supply.donor')}</dt>
          <dd>
            <DonorName of={s} />
          </dd>
        </div>
        <div>
          <dt>{t('supply.shipments.origin')}</dt>
          <dd>{s.origin}</dd>
        </div>
        <div>
          <dt>{t('supply.shipments.destination')}</dt>
          <dd>
            <Link to={`/supply/stock?locationId=${s.toLocationId}`}>{s.toLocationName}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('supply.shipments.expected')}</dt>
          <dd>{f.date(s.expectedArrival)}</dd>
        </div>
        <div>
          <dt>{t('supply.shipments.notice')}</dt>
          <dd>{s.noticeReceivedAt === null ? t('supply.shipments.noNotice') : f.dateTime(s.noticeReceivedAt)}</dd>
        </div>
        <div>
          <dt>{t('supply.shipments.agreed')}</dt>
          <dd>{f.date(s.recipientAgreedOn)}</dd>
        </div>
        {s.statusReason === null ? null : (
          <div>
            <dt>{t('supply.statusReason')}</dt>
            <dd lang="en">{s.statusReason}</dd>
          </div>
        )}
        {s.receivedAt === null ? null : (
          <div>
            <dt>{t('supply.shipments.receivedAt')}</dt>
            <dd>{f.dateTime(s.receivedAt)}</dd>
          </div>
        )}
      </dl>
      {canWrite ? <ShipmentStatusActions shipment={s} /> : null}
      <ShipmentRules shipment={s} />
      {receiving ? <ReceivingPanel shipment={s} /> : null}
      <Lines shipment={s} />
      <Cartons shipment={s} />
      <Receipts shipment={s} />
    </article>
  );
}

function Lines({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  return (
    <section aria-labelledby="lines-h">
      <h2 id="lines-h">{t('supply.shipments.lines')}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="shipment-lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('supply.product')}</th>
              <th scope="col">{t('supply.lot')}</th>
              <th scope="col">{t('supply.expiry')}</th>
              <th scope="col" className="num">
                {t('supply.shipments.announced')}
              </th>
              <th scope="col" className="num">
                {t('supply.shipments.received')}
              </th>
              <th scope="col" className="num">
                {t('supply.shipments.rejected')}
              </th>
              <th scope="col" className="num">
                {t('supply.shipments.outstanding')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.id} data-line={l.lineNo}>
                <td>{l.lineNo}</td>
                <td>
                  <Link to={`/supply/products/${l.productId}`}>{l.productName}</Link>
                  {l.gtin === null ? null : (
                    <>
                      <br />
                      <code className="muted">{l.gtin}</code>
                    </>
                  )}
                </td>
                <td>{l.lotCode === null ? '—' : <code>{l.lotCode}</code>}</td>
                <td>{f.date(l.expiry)}</td>
                <td className="num">{f.number(l.quantity)}</td>
                <td className="num" data-testid="line-received">
                  {f.number(l.receivedQuantity)}
                </td>
                <td className="num">{f.number(l.rejectedQuantity)}</td>
                <td className="num">{f.number(l.outstandingQuantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cartons({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  if (s.cartons.length === 0) return null;
  return (
    <section aria-labelledby="cartons-h">
      <h2 id="cartons-h">{t('supply.shipments.cartons')}</h2>
      <div className="table-wrap compact">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('supply.shipments.carton')}</th>
              <th scope="col" className="num">
                {t('supply.shipments.weight')}
              </th>
              <th scope="col">{t('supply.shipments.contents')}</th>
            </tr>
          </thead>
          <tbody>
            {s.cartons.map((c) => (
              <tr key={c.cartonNo}>
                <td>{c.cartonNo}</td>
                <td className="num">
                  <Kilograms value={c.weightKg} />
                </td>
                <td>{c.contents.map((x) => t('supply.shipments.lineTimes', { n: x.lineNo, quantity: x.quantity })).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A decimal weight formatted exactly (Intl takes the string, no float), flagged above the 50 kg rule. */
function Kilograms({ value }: { value: string }) {
  const f = useSupplyFormat();
  const { t } = useTranslation();
  const text = new Intl.NumberFormat(LOCALE[f.lang], { maximumFractionDigits: 3 }).format(value as Intl.StringNumericLiteral);
  const heavy = Number(value) > 50;
  return <span className={heavy ? 'bad' : ''}>{t('supply.shipments.kg', { weight: text })}</span>;
}

function Receipts({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  if (s.receipts.length === 0) return null;
  return (
    <section aria-labelledby="receipts-h">
      <h2 id="receipts-h">{t('supply.shipments.receipts')}</h2>
      <ul className="plain" data-testid="receipts">
        {s.receipts.map((r) => (
          <li key={r.id}>
            {f.dateTime(r.receivedAt)} · {r.receivedBy} · {t('supply.shipments.receiptSummary', { lines: f.number(r.lines), quantity: f.number(r.quantity), rejected: f.number(r.rejectedQuantity) })}
            {r.note === null ? null : <span className="muted"> · {r.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
