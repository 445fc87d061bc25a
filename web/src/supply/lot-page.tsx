import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Lot, LotStatusChange, RecallTrace } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { MoveTable } from './moves-page.js';
import { Field, StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';
import { DonorName } from './donor-name.js';

/** One lot: where it is and has been (the trace), its moves, and for coordinators the recall. */
export function LotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite, canDecide } = useSupplyRoles();
  const trace = useQuery({ queryKey: ['supply', 'lots', id, 'trace'], queryFn: () => api<RecallTrace>(`/api/v1/lots/${id}/trace`) });
  if (trace.isError) return <ErrorState error={trace.error} onRetry={() => void trace.refetch()} />;
  const data = trace.data;
  if (data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const lot = data.lot;
  return (
    <article data-testid="lot-page">
      <p>
        <Link to="/supply/stock">← {t('supply.stock.title')}</Link>
      </p>
      <h1>
        {t('supply.lots.one', { lot: lot.lotCode })} <StatusBadge group="lot" status={lot.status} />
      </h1>
      <dl className="details">
        <div>
          <dt>{t('supply.product')}</dt>
          <dd>
            <Link to={`/supply/products/${lot.productId}`}>{lot.productName}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('supply.expiry')}</dt>
          <dd>{f.date(lot.expiry)}</dd>
        </div>
        <div>
          <dt>GTIN</dt>
          <dd>{lot.gtin === null ? '—' : <code>{lot.gtin}</code>}</dd>
        </div>
        <div>
          <dt>{t('supply.donor')}</dt>
          <dd>
            <DonorName of={lot} />
          </dd>
        </div>
        <div>
          <dt>{t('supply.onHand')}</dt>
          <dd>{f.number(lot.onHand)}</dd>
        </div>
        {lot.shipmentId === null ? null : (
          <div>
            <dt>{t('supply.lots.shipment')}</dt>
            <dd>
              <Link to={`/supply/shipments/${lot.shipmentId}`}>{t('supply.lots.openShipment')}</Link>
            </dd>
          </div>
        )}
        {lot.statusReason === null ? null : (
          <div>
            <dt>{t('supply.statusReason')}</dt>
            <dd>{lot.statusReason}</dd>
          </div>
        )}
      </dl>
      <Trace trace={data} />
      {canWrite ? (
        <p className="actions">
          <Link className="button" to={`/supply/stock/move${queryString({ productId: lot.productId, lotId: lot.id, kind: moveKindFor(lot) })}`}>
            {t('supply.move.open')}
          </Link>
        </p>
      ) : null}
      {canWrite && lot.status !== 'recalled' ? <LotStatusForm lot={lot} /> : null}
      {canDecide && lot.status !== 'recalled' ? <RecallForm lot={lot} /> : null}
      <h2>{t('supply.moves.title')}</h2>
      <MoveTable filters={{ lotId: lot.id }} />
    </article>
  );
}

/** What can still be done with a lot: usable stock moves on; blocked or expired stock is only written off. */
function moveKindFor(lot: Lot): string | undefined {
  const expired = lot.status === 'expired' || (lot.expiry !== null && lot.expiry < new Date().toISOString().slice(0, 10));
  if (expired) return 'expiry_write_off';
  return lot.status === 'available' ? undefined : 'damage';
}

function Trace({ trace }: { trace: RecallTrace }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  return (
    <section aria-labelledby="trace-h">
      <h2 id="trace-h">{trace.lot.status === 'recalled' ? t('supply.lots.recalledAt') : t('supply.lots.trace')}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="lot-trace">
          <thead>
            <tr>
              <th scope="col">{t('supply.location')}</th>
              <th scope="col" className="num">
                {t('supply.onHand')}
              </th>
              <th scope="col" className="num">
                {t('supply.lots.received')}
              </th>
              <th scope="col" className="num">
                {t('supply.lots.consumed')}
              </th>
              <th scope="col" className="num">
                {t('supply.lots.dispatched')}
              </th>
              <th scope="col" className="num">
                {t('supply.lots.writtenOff')}
              </th>
              <th scope="col" className="num">
                {t('supply.lots.counted')}
              </th>
            </tr>
          </thead>
          <tbody>
            {trace.locations.map((l) => (
              <tr key={l.locationId}>
                <td>
                  {l.facilityId === null ? l.name : <Link to={`/facilities/${l.facilityId}`}>{l.name}</Link>} <span className="muted">({t(`supply.locationKind.${l.kind === 'facility' ? 'facility' : 'warehouse'}`)})</span>
                </td>
                <td className="num">{f.number(l.onHand)}</td>
                <td className="num">{f.number(l.received)}</td>
                <td className="num">{f.number(l.consumed)}</td>
                <td className="num">{f.number(l.sentOn)}</td>
                <td className="num">{f.number(l.writtenOff)}</td>
                <td className="num">{f.number(l.counted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecallForm({ lot }: { lot: Lot }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [reason, setReason] = useState('');
  const recall = useMutation({ mutationFn: () => api<RecallTrace>(`/api/v1/lots/${lot.id}/recall`, { method: 'POST', body: { reason: reason.trim() } }), onSuccess: refresh });
  const errors = fieldErrorsOf(recall.error);
  return (
    <form
      className="form-grid danger"
      data-testid="recall-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (window.confirm(t('supply.lots.recallConfirm', { lot: lot.lotCode }))) recall.mutate();
      }}
    >
      <h2 className="span-all">{t('supply.lots.recall')}</h2>
      <p className="span-all muted">{t('supply.lots.recallHint')}</p>
      <Field label={t('supply.lots.recallReason')} error={errors.get('/reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="danger" disabled={recall.isPending}>
          {t('supply.lots.recall')}
        </button>
      </div>
      <FormProblems error={recall.error} fields={['/reason']} />
    </form>
  );
}

const LOT_ACTIONS = ['quarantined', 'available', 'damaged'] as const;

function LotStatusForm({ lot }: { lot: Lot }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const options = LOT_ACTIONS.filter((s) => s !== lot.status);
  const [status, setStatus] = useState<LotStatusChange['status']>(options[0] ?? 'quarantined');
  const [reason, setReason] = useState('');
  const save = useMutation({ mutationFn: (body: LotStatusChange) => api<Lot>(`/api/v1/lots/${lot.id}/status`, { method: 'POST', body }), onSuccess: () => (setReason(''), refresh()) });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ status, reason: reason.trim(), version: lot.version });
      }}
    >
      <Field label={t('supply.lots.setStatus')} error={errors.get('/status')}>
        {(props) => (
          <select {...props} value={status} onChange={(e) => setStatus(e.target.value as LotStatusChange['status'])}>
            {options.map((o) => (
              <option key={o} value={o}>
                {t(`supply.lotStatus.${o}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supply.statusReason')} error={errors.get('/reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.apply')}
        </button>
      </div>
      <FormProblems error={save.error} fields={['/status', '/reason']} />
    </form>
  );
}
