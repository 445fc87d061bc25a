import { useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BalanceList, CountCreate, CountResult, ScanResult } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { LocationSelect } from './pickers.js';
import { ScanField } from './scan-field.js';
import { Field } from './supply-bits.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

interface Counted {
  key: number;
  code: string;
  scanned: ScanResult;
  quantity: string;
}

/**
 * A physical count at one location: scan each lot on the shelf and type what is there; the
 * server turns differences into count adjustments in the ledger (none where the count agrees).
 */
export function CountPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const refresh = useSupplyRefresh();
  const [locationId, setLocationId] = useState('');
  const [entries, setEntries] = useState<Counted[]>([]);
  const [reason, setReason] = useState('');
  const onHand = useQuery({
    queryKey: ['supply', 'stock', { locationId, count: true }],
    queryFn: () => api<Static<typeof BalanceList>>(`/api/v1/stock${queryString({ locationId, limit: 500 })}`),
    enabled: locationId !== '',
  });
  const save = useMutation({
    mutationFn: (body: CountCreate) => api<Static<typeof CountResult>>('/api/v1/stock/counts', { method: 'POST', body }),
    onSuccess: () => {
      setEntries([]);
      refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const booked = (s: ScanResult) => onHand.data?.items.find((b) => b.productId === s.productId && b.lotCode === s.lotCode)?.quantity;
  const placed = ['/locationId', '/reason', ...entries.flatMap((_, i) => [`/entries/${i}`, `/entries/${i}/scan`, `/entries/${i}/countedQuantity`])];
  return (
    <section>
      <p>
        <Link to="/supply/stock">← {t('supply.stock.title')}</Link>
      </p>
      <h1>{t('supply.count.title')}</h1>
      <p className="muted">{t('supply.count.hint')}</p>
      <div className="filters">
        <LocationSelect label={t('supply.location')} value={locationId} empty={t('supply.choose')} onChange={setLocationId} />
      </div>
      {locationId === '' ? null : <ScanField onScanned={(scanned, code) => setEntries((es) => [...es, { key: Date.now(), code, scanned, quantity: '' }])} />}
      {entries.length === 0 ? null : (
        <form
          data-testid="count-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ locationId, entries: entries.map((x) => ({ scan: x.code, countedQuantity: x.quantity.trim() === '' ? Number.NaN : Number(x.quantity) })), ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
          }}
        >
          {entries.map((x, i) => (
            <fieldset key={x.key} className="entry form-grid">
              <legend>
                {x.scanned.productName ?? x.scanned.gtin} · {t('supply.lot')} <code>{x.scanned.lotCode ?? '—'}</code>
              </legend>
              {errors.get(`/entries/${i}/scan`) ?? errors.get(`/entries/${i}`) ? (
                <p className="field-error span-all" role="alert">
                  {t('supply.form.fixField')} <span lang="en">({errors.get(`/entries/${i}/scan`) ?? errors.get(`/entries/${i}`)})</span>
                </p>
              ) : null}
              <p>{t('supply.count.booked', { n: booked(x.scanned) === undefined ? '—' : f.number(booked(x.scanned) ?? 0) })}</p>
              <Field label={t('supply.count.counted')} error={errors.get(`/entries/${i}/countedQuantity`)}>
                {(props) => <input {...props} type="number" inputMode="numeric" min={0} step={1} value={x.quantity} onChange={(e) => setEntries((es) => es.map((y) => (y.key === x.key ? { ...y, quantity: e.target.value } : y)))} />}
              </Field>
              <div className="form-actions">
                <button type="button" className="secondary" onClick={() => setEntries((es) => es.filter((y) => y.key !== x.key))}>
                  {t('supply.receiving.remove')}
                </button>
              </div>
            </fieldset>
          ))}
          <Field label={t('supply.statusReason')} error={errors.get('/reason')}>
            {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {t('supply.count.submit')}
            </button>
          </div>
          <FormProblems error={save.error} fields={placed} />
        </form>
      )}
      {save.data === undefined ? null : (
        <p className="ok" role="status">
          {t('supply.count.done', { adjusted: save.data.adjustments.length, unchanged: save.data.unchanged })}
        </p>
      )}
    </section>
  );
}
