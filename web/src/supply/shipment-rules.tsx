import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DonationRule, OverrideCreate, Shipment } from '../../../src/modules/supply/shipments.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { Field } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

/**
 * The WHO donation rules as checked on this shipment: each finding names its rule and says why
 * (the server's words, in English); coordinators may accept a rule with a reason, which is audited.
 */
export function ShipmentRules({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canDecide } = useSupplyRoles();
  const open = [...new Set(s.findings.filter((x) => !x.overridden).map((x) => x.rule))];
  return (
    <section aria-labelledby="rules-h" data-testid="rule-findings">
      <h2 id="rules-h">{t('supply.rules.title')}</h2>
      {s.findings.length === 0 ? (
        <p className="ok">{t('supply.rules.allMet')}</p>
      ) : (
        <ul className="findings">
          {s.findings.map((x, i) => (
            <li key={`${x.rule}-${x.lineNo ?? ''}-${x.cartonNo ?? ''}-${i}`} className={x.overridden ? 'overridden' : 'open'} data-rule={x.rule}>
              <strong>{t(`supply.rules.names.${x.rule}`)}</strong>
              {x.lineNo === null ? null : <span className="muted"> · {t('supply.rules.line', { n: x.lineNo })}</span>}
              {x.cartonNo === null ? null : <span className="muted"> · {t('supply.rules.carton', { n: x.cartonNo })}</span>}
              {/* The destination check warns; only the WHO rules stop a receipt (docs/supply.md). */}
              <span className={x.overridden || x.rule === 'destination_hostilities' ? 'tag' : 'tag tag-bad'}>
                {x.overridden ? t('supply.rules.overridden') : x.rule === 'destination_hostilities' ? t('supply.rules.warning') : t('supply.rules.blocking')}
              </span>
              <p lang="en">{x.message}</p>
            </li>
          ))}
        </ul>
      )}
      {s.overrides.length === 0 ? null : (
        <>
          <h3>{t('supply.rules.overrides')}</h3>
          <ul className="plain" data-testid="overrides">
            {s.overrides.map((o) => (
              <li key={`${o.rule}-${o.at}`}>
                <strong>{t(`supply.rules.names.${o.rule}`)}</strong> · {o.overriddenBy} · {f.dateTime(o.at)}
                <br />
                <span>{o.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canDecide && open.length > 0 ? <OverrideForm shipmentId={s.id} rules={open} /> : null}
    </section>
  );
}

function OverrideForm({ shipmentId, rules }: { shipmentId: string; rules: readonly DonationRule[] }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [rule, setRule] = useState<DonationRule>(rules[0] as DonationRule);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: (body: OverrideCreate) => api<Shipment>(`/api/v1/shipments/${shipmentId}/overrides`, { method: 'POST', body }),
    onSuccess: () => {
      setReason('');
      refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      data-testid="override-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ rule: rules.includes(rule) ? rule : (rules[0] as DonationRule), reason: reason.trim() });
      }}
    >
      <Field label={t('supply.rules.rule')} error={errors.get('/rule')}>
        {(props) => (
          <select {...props} value={rule} onChange={(e) => setRule(e.target.value as DonationRule)}>
            {rules.map((r) => (
              <option key={r} value={r}>
                {t(`supply.rules.names.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supply.rules.reason')} error={errors.get('/reason')} hint={t('supply.rules.reasonHint')}>
        {(props) => <textarea {...props} value={reason} rows={2} maxLength={1000} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.rules.override')}
        </button>
      </div>
      <FormProblems error={save.error} fields={['/rule', '/reason']} />
    </form>
  );
}
