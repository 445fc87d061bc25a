import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinimumSet } from '../../../src/modules/supply/stock.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { LocationSelect } from './pickers.js';
import { Field } from './supply-bits.js';
import { useSupplyRefresh } from './use-supply.js';

/** The minimum a location should hold of this product; below it, the overview raises a low-stock alert. */
export function MinimumForm({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [locationId, setLocationId] = useState('');
  const [minimum, setMinimum] = useState('');
  const save = useMutation({ mutationFn: (body: MinimumSet) => api<null>('/api/v1/stock/minimums', { method: 'PUT', body }), onSuccess: refresh });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      data-testid="minimum-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ locationId, productId, minimum: minimum.trim() === '' ? Number.NaN : Number(minimum) });
      }}
    >
      <Field label={t('supply.location')} error={errors.get('/locationId')}>
        {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={locationId} empty={t('supply.choose')} onChange={setLocationId} />}
      </Field>
      <Field label={t('supply.overview.minimum')} error={errors.get('/minimum')}>
        {(props) => <input {...props} type="number" inputMode="numeric" min={0} step={1} value={minimum} onChange={(e) => setMinimum(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.products.setMinimum')}
        </button>
        {save.isSuccess ? <span className="ok">{t('supply.saved')}</span> : null}
      </div>
      <FormProblems error={save.error} fields={['/locationId', '/minimum']} />
    </form>
  );
}
