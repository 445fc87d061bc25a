import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shipment, ShipmentStatusChange } from '../../../src/modules/supply/shipments.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { Field } from './supply-bits.js';
import { useSupplyRefresh } from './use-supply.js';

type Target = ShipmentStatusChange['status'];

/** The manual moves of a shipment's status (as TRANSITIONS in shipments.service.ts); all but "in transit" need a reason. */
const NEXT: Readonly<Record<string, readonly Target[]>> = {
  planned: ['in_transit', 'cancelled'],
  in_transit: ['cancelled'],
  partially_received: ['received'],
};

export function ShipmentStatusActions({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const options = NEXT[s.status] ?? [];
  const [target, setTarget] = useState<Target | ''>('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: (body: ShipmentStatusChange) => api<Shipment>(`/api/v1/shipments/${s.id}/status`, { method: 'POST', body }),
    onSuccess: () => {
      setTarget('');
      setReason('');
      refresh();
    },
  });
  if (options.length === 0) return null;
  const errors = fieldErrorsOf(save.error);
  const chosen = target === '' ? (options[0] as Target) : target;
  return (
    <details className="disclosure">
      <summary>{t('supply.shipments.changeStatus')}</summary>
      <form
        className="form-grid"
        data-testid="shipment-status-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ status: chosen, version: s.version, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
        }}
      >
        <Field label={t('supply.shipments.changeStatus')} error={errors.get('/status')}>
          {(props) => (
            <select {...props} value={chosen} onChange={(e) => setTarget(e.target.value as Target)}>
              {options.map((o) => (
                <option key={o} value={o}>
                  {t(`supply.shipments.action.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {chosen === 'in_transit' ? null : (
          <Field label={t('supply.statusReason')} error={errors.get('/reason')} hint={t('supply.shipments.reasonHint')}>
            {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('supply.apply')}
          </button>
        </div>
        <FormProblems error={save.error} fields={['/status', '/reason']} />
      </form>
    </details>
  );
}
