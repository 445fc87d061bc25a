import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Location, WarehouseCreate } from '../../../src/modules/supply/locations.schema.js';
import { api } from '../api/client.js';
import { useOblasts } from '../facilities/use-areas.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { organizationName } from '../app/format/organization-name.js';
import { useOrganizations } from '../funding/use-funding.js';
import { Field } from './supply-bits.js';
import { useSupplyRefresh } from './use-supply.js';
import { areaName } from '../facilities/area-names.js';

const FIELDS = ['/name', '/areaKatottg', '/operatorOrgId'];

/** A new warehouse: name, oblast, operating organisation. The server checks each and names the field it refuses. */
export function WarehouseForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const refresh = useSupplyRefresh();
  const oblasts = useOblasts();
  const orgs = useOrganizations();
  const [name, setName] = useState('');
  const [areaKatottg, setArea] = useState('');
  const [operatorOrgId, setOperator] = useState('');
  const save = useMutation({
    mutationFn: (body: WarehouseCreate) => api<Location>('/api/v1/locations', { method: 'POST', body }),
    onSuccess: (l) => {
      refresh();
      void navigate(`/supply/locations?kind=warehouse`, { state: { created: l.name } });
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <section>
      <p>
        <Link to="/supply/locations">← {t('supply.locations.title')}</Link>
      </p>
      <h1>{t('supply.locations.newTitle')}</h1>
      <p className="muted">{t('supply.locations.newHint')}</p>
      <form
        className="form-grid"
        data-testid="warehouse-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name: name.trim(), areaKatottg, ...(operatorOrgId === '' ? {} : { operatorOrgId }) });
        }}
      >
        <Field label={t('supply.locations.name')} error={errors.get('/name')}>
          {(props) => <input {...props} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('supply.locations.oblast')} error={errors.get('/areaKatottg')}>
          {(props) => (
            <select {...props} value={areaKatottg} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('supply.choose')}</option>
              {(oblasts.data?.items ?? []).map((a) => (
                <option key={a.katottg} value={a.katottg}>
                  {areaName(a, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('supply.locations.operator')} error={errors.get('/operatorOrgId')}>
          {(props) => (
            <select {...props} value={operatorOrgId} onChange={(e) => setOperator(e.target.value)}>
              <option value="">{t('supply.locations.noOperator')}</option>
              {(orgs.data?.items ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {organizationName(o, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('supply.locations.submit')}
          </button>
        </div>
        <FormProblems error={save.error} fields={FIELDS} />
      </form>
    </section>
  );
}
