import { useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DispatchCreate, DispatchResult, Picking } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { LocationSelect, ProductPicker } from './pickers.js';
import { Field } from './supply-bits.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

const FIELDS = ['/fromLocationId', '/toLocationId', '/productId', '/quantity', '/reason'];

/** Dispatch from a location to another: the server proposes lots first-expiry-first-out and never a blocked or expired lot. */
export function DispatchPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const refresh = useSupplyRefresh();
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [productId, setProductId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const qty = Number(quantity);
  const ready = from !== '' && productId !== '' && Number.isInteger(qty) && qty > 0;
  const picking = useQuery({
    queryKey: ['supply', 'picking', from, productId, qty],
    queryFn: () => api<Picking>(`/api/v1/stock/picking${queryString({ locationId: from, productId, quantity: qty })}`),
    enabled: ready,
  });
  const dispatch = useMutation({ mutationFn: (body: DispatchCreate) => api<Static<typeof DispatchResult>>('/api/v1/stock/dispatches', { method: 'POST', body }), onSuccess: refresh });
  const errors = fieldErrorsOf(dispatch.error);
  return (
    <section>
      <p>
        <Link to="/supply/stock">← {t('supply.stock.title')}</Link>
      </p>
      <h1>{t('supply.dispatch.title')}</h1>
      <form
        className="form-grid"
        data-testid="dispatch-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          dispatch.mutate({ fromLocationId: from, toLocationId: to, productId, quantity: quantity.trim() === '' ? Number.NaN : qty, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
        }}
      >
        <Field label={t('supply.dispatch.from')} error={errors.get('/fromLocationId')}>
          {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={from} empty={t('supply.choose')} onChange={setFrom} />}
        </Field>
        <ProductPicker label={t('supply.product')} value={productId} empty={t('supply.choose')} onChange={setProductId} error={errors.get('/productId')} />
        <Field label={t('supply.quantity')} error={errors.get('/quantity')}>
          {(props) => <input {...props} type="number" inputMode="numeric" min={1} step={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
        </Field>
        <Field label={t('supply.dispatch.to')} error={errors.get('/toLocationId')}>
          {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={to} empty={t('supply.choose')} onChange={setTo} />}
        </Field>
        <Field label={t('supply.dispatch.reason')} error={errors.get('/reason')}>
          {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <section className="span-all" aria-labelledby={`${id}-fefo`} data-testid="picking">
          <h2 id={`${id}-fefo`}>{t('supply.dispatch.proposal')}</h2>
          {!ready ? <p className="muted">{t('supply.dispatch.proposalHint')}</p> : null}
          {picking.isError ? <ErrorState error={picking.error} /> : null}
          {picking.data === undefined || !ready ? null : (
            <>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('supply.lot')}</th>
                    <th scope="col">{t('supply.expiry')}</th>
                    <th scope="col" className="num">
                      {t('supply.dispatch.available')}
                    </th>
                    <th scope="col" className="num">
                      {t('supply.dispatch.take')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {picking.data.lines.map((l) => (
                    <tr key={l.lotId}>
                      <td>
                        <Link to={`/supply/lots/${l.lotId}`}>
                          <code>{l.lotCode}</code>
                        </Link>
                      </td>
                      <td>{f.date(l.expiry)}</td>
                      <td className="num">{f.number(l.available)}</td>
                      <td className="num">{f.number(l.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {picking.data.shortfall > 0 ? <p className="bad">{t('supply.dispatch.shortfall', { n: f.number(picking.data.shortfall) })}</p> : null}
            </>
          )}
        </section>
        <div className="form-actions">
          <button type="submit" disabled={dispatch.isPending || (picking.data?.shortfall ?? 0) > 0}>
            {t('supply.dispatch.submit')}
          </button>
        </div>
        <FormProblems error={dispatch.error} fields={FIELDS} />
      </form>
      {dispatch.data === undefined ? null : (
        <p className="ok" role="status">
          {t('supply.dispatch.done', { n: dispatch.data.moves.length })}
        </p>
      )}
    </section>
  );
}
