import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Shipment, ShipmentCreate } from '../../../src/modules/supply/shipments.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { organizationName } from '../app/format/organization-name.js';
import { useOrganizations } from '../funding/use-funding.js';
import { LocationSelect, ProductPicker } from './pickers.js';
import { Field } from './supply-bits.js';
import { useSupplyRefresh } from './use-supply.js';

interface LineDraft {
  key: number;
  productId: string;
  quantity: string;
  lotCode: string;
  expiry: string;
}
interface CartonDraft {
  key: number;
  weightKg: string;
  lineNo: string;
  quantity: string;
}

const newLine = (key: number): LineDraft => ({ key, productId: '', quantity: '', lotCode: '', expiry: '' });
const newCarton = (key: number): CartonDraft => ({ key, weightKg: '', lineNo: '1', quantity: '' });
/** A number typed as text; empty or not a number goes as NaN (JSON null) so the server names the field. */
const whole = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * A donor's advance notice: what comes, to where, when, and how it is packed. The server checks the
 * donation rules on it at once; the shipment page then shows each finding for a coordinator to weigh.
 */
export function ShipmentNoticeForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const refresh = useSupplyRefresh();
  const orgs = useOrganizations();
  const [head, setHead] = useState({ donorOrgId: '', donorReference: '', origin: '', toLocationId: '', expectedArrival: '', recipientAgreedOn: '', noticeGiven: true });
  const [lines, setLines] = useState<LineDraft[]>([newLine(1)]);
  const [cartons, setCartons] = useState<CartonDraft[]>([]);
  const save = useMutation({
    mutationFn: (body: ShipmentCreate) => api<Shipment>('/api/v1/shipments', { method: 'POST', body }),
    onSuccess: (s) => {
      refresh();
      void navigate(`/supply/shipments/${s.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const setLine = (key: number, k: keyof LineDraft, v: string) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, [k]: v } : l)));
  const setCarton = (key: number, k: keyof CartonDraft, v: string) => setCartons((cs) => cs.map((c) => (c.key === key ? { ...c, [k]: v } : c)));
  const text = (k: 'donorReference' | 'origin') => (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => (
    <input {...props} value={head[k]} maxLength={k === 'origin' ? 200 : 60} onChange={(e) => setHead({ ...head, [k]: e.target.value })} />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({
      donorOrgId: head.donorOrgId,
      donorReference: head.donorReference.trim(),
      origin: head.origin.trim(),
      toLocationId: head.toLocationId,
      expectedArrival: head.expectedArrival,
      ...(head.noticeGiven ? {} : { noticeReceivedAt: null }),
      recipientAgreedOn: head.recipientAgreedOn === '' ? null : head.recipientAgreedOn,
      lines: lines.map((l) => ({ productId: l.productId, quantity: whole(l.quantity), lotCode: l.lotCode.trim() === '' ? null : l.lotCode.trim(), expiry: l.expiry === '' ? null : l.expiry })),
      cartons: cartons.map((c, i) => ({ cartonNo: i + 1, weightKg: c.weightKg.trim().replace(',', '.'), contents: [{ lineNo: whole(c.lineNo), quantity: whole(c.quantity) }] })),
    });
  };
  const placed = ['/donorOrgId', '/donorReference', '/origin', '/toLocationId', '/expectedArrival', '/recipientAgreedOn', ...lines.flatMap((_, i) => ['productId', 'quantity', 'lotCode', 'expiry'].map((k) => `/lines/${i}/${k}`)), ...cartons.flatMap((_, i) => [`/cartons/${i}/weightKg`, `/cartons/${i}/contents/0/quantity`])];
  return (
    <section>
      <p>
        <Link to="/supply/shipments">← {t('supply.shipments.title')}</Link>
      </p>
      <h1>{t('supply.notice.title')}</h1>
      <form data-testid="notice-form" noValidate onSubmit={submit}>
        <div className="form-grid">
          <Field label={t('supply.donor')} error={errors.get('/donorOrgId')}>
            {(props) => (
              <select {...props} value={head.donorOrgId} onChange={(e) => setHead({ ...head, donorOrgId: e.target.value })}>
                <option value="">{t('supply.choose')}</option>
                {(orgs.data?.items ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {organizationName(o, i18n.language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('supply.shipments.reference')} error={errors.get('/donorReference')}>
            {text('donorReference')}
          </Field>
          <Field label={t('supply.shipments.origin')} error={errors.get('/origin')}>
            {text('origin')}
          </Field>
          <Field label={t('supply.shipments.destination')} error={errors.get('/toLocationId')}>
            {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={head.toLocationId} empty={t('supply.choose')} onChange={(toLocationId) => setHead({ ...head, toLocationId })} />}
          </Field>
          <Field label={t('supply.shipments.expected')} error={errors.get('/expectedArrival')}>
            {(props) => <input {...props} type="date" value={head.expectedArrival} onChange={(e) => setHead({ ...head, expectedArrival: e.target.value })} />}
          </Field>
          <Field label={t('supply.shipments.agreed')} error={errors.get('/recipientAgreedOn')}>
            {(props) => <input {...props} type="date" value={head.recipientAgreedOn} onChange={(e) => setHead({ ...head, recipientAgreedOn: e.target.value })} />}
          </Field>
          <label className="check">
            <input type="checkbox" checked={head.noticeGiven} onChange={(e) => setHead({ ...head, noticeGiven: e.target.checked })} />
            {t('supply.notice.noticeGiven')}
          </label>
        </div>
        <h2>{t('supply.shipments.lines')}</h2>
        {lines.map((l, i) => (
          <fieldset key={l.key} className="entry form-grid">
            <legend>{t('supply.notice.line', { n: i + 1 })}</legend>
            <ProductPicker label={t('supply.product')} value={l.productId} empty={t('supply.choose')} onChange={(v) => setLine(l.key, 'productId', v)} error={errors.get(`/lines/${i}/productId`)} />
            <Field label={t('supply.quantity')} error={errors.get(`/lines/${i}/quantity`)}>
              {(props) => <input {...props} type="number" inputMode="numeric" min={1} step={1} value={l.quantity} onChange={(e) => setLine(l.key, 'quantity', e.target.value)} />}
            </Field>
            <Field label={t('supply.lot')} error={errors.get(`/lines/${i}/lotCode`)}>
              {(props) => <input {...props} value={l.lotCode} maxLength={20} onChange={(e) => setLine(l.key, 'lotCode', e.target.value)} />}
            </Field>
            <Field label={t('supply.expiry')} error={errors.get(`/lines/${i}/expiry`)}>
              {(props) => <input {...props} type="date" value={l.expiry} onChange={(e) => setLine(l.key, 'expiry', e.target.value)} />}
            </Field>
            {lines.length > 1 ? (
              <div className="form-actions">
                <button type="button" className="secondary" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                  {t('supply.receiving.remove')}
                </button>
              </div>
            ) : null}
          </fieldset>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => setLines((ls) => [...ls, newLine(Math.max(...ls.map((x) => x.key)) + 1)])}>
            {t('supply.notice.addLine')}
          </button>
        </p>
        <h2>{t('supply.shipments.cartons')}</h2>
        {cartons.map((c, i) => (
          <fieldset key={c.key} className="entry form-grid">
            <legend>{t('supply.rules.carton', { n: i + 1 })}</legend>
            <Field label={t('supply.notice.weight')} error={errors.get(`/cartons/${i}/weightKg`)} hint={t('supply.notice.weightHint')}>
              {(props) => <input {...props} inputMode="decimal" value={c.weightKg} onChange={(e) => setCarton(c.key, 'weightKg', e.target.value)} />}
            </Field>
            <Field label={t('supply.notice.cartonLine')} error={errors.get(`/cartons/${i}/contents/0/lineNo`)}>
              {(props) => (
                <select {...props} value={c.lineNo} onChange={(e) => setCarton(c.key, 'lineNo', e.target.value)}>
                  {lines.map((_, n) => (
                    <option key={n} value={n + 1}>
                      {t('supply.notice.line', { n: n + 1 })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('supply.quantity')} error={errors.get(`/cartons/${i}/contents/0/quantity`)}>
              {(props) => <input {...props} type="number" inputMode="numeric" min={1} step={1} value={c.quantity} onChange={(e) => setCarton(c.key, 'quantity', e.target.value)} />}
            </Field>
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => setCartons((cs) => cs.filter((x) => x.key !== c.key))}>
                {t('supply.receiving.remove')}
              </button>
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => setCartons((cs) => [...cs, newCarton(Math.max(0, ...cs.map((x) => x.key)) + 1)])}>
            {t('supply.notice.addCarton')}
          </button>
        </p>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('supply.notice.submit')}
          </button>
        </div>
        <FormProblems error={save.error} fields={placed} />
      </form>
    </section>
  );
}
