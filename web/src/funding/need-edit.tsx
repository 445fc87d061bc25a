import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NEED_PRIORITIES, type Need, type NeedUpdate } from '../../../src/modules/needs/needs.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from '../app/forms/form-field.js';
import { REPORTING_CURRENCIES } from './money.js';

const FIELDS = ['/quantity', '/priority', '/neededBy', '/estimate/unitPrice', '/estimate/currency', '/reason'];

/**
 * Edits an open need at the version it was read at: only what changed is sent. If someone changed it
 * meanwhile the server answers 409 and the page shows why; the refreshed need can then be edited again.
 */
export function NeedEdit({ need, onDone }: { need: Need; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (body: NeedUpdate) => api<Need>(`/api/v1/needs/${need.id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['needs'] });
      onDone();
    },
    onError: () => void client.invalidateQueries({ queryKey: ['needs', 'one', need.id] }),
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => formText(f, k);
    const body: NeedUpdate = { version: need.version };
    if (text('quantity') !== need.quantity) body.quantity = text('quantity');
    if (text('priority') !== need.priority) body.priority = text('priority') as NeedUpdate['priority'];
    if ((text('neededBy') || null) !== need.neededBy) body.neededBy = text('neededBy') || null;
    const price = text('unitPrice');
    if (price === '' && need.estimate !== null) body.estimate = null;
    else if (price !== '' && (price !== need.estimate?.unitPrice || text('currency') !== need.estimate.currency)) body.estimate = { unitPrice: price, currency: text('currency') };
    if (text('reason') !== '') body.reason = text('reason');
    save.mutate(body);
  };
  return (
    <form className="form-grid" data-testid="need-edit" onSubmit={submit} noValidate>
      <FormField label={t('funding.needs.quantity')} error={errors.get('/quantity')} hint={t('funding.needs.quantityHint')}>
        {(props) => <input {...props} name="quantity" inputMode="decimal" defaultValue={need.quantity} autoComplete="off" />}
      </FormField>
      <FormField label={t('funding.needs.priority')} error={errors.get('/priority')}>
        {(props) => (
          <select {...props} name="priority" defaultValue={need.priority}>
            {NEED_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`funding.needs.priorityValues.${p}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('funding.needs.neededBy')} error={errors.get('/neededBy')}>
        {(props) => <input {...props} name="neededBy" type="date" defaultValue={need.neededBy ?? ''} />}
      </FormField>
      <FormField label={t('funding.needs.unitPrice')} error={errors.get('/estimate/unitPrice')}>
        {(props) => <input {...props} name="unitPrice" inputMode="decimal" defaultValue={need.estimate?.unitPrice ?? ''} autoComplete="off" />}
      </FormField>
      <FormField label={t('funding.needs.priceCurrency')} error={errors.get('/estimate/currency')}>
        {(props) => (
          <select {...props} name="currency" defaultValue={need.estimate?.currency ?? 'UAH'}>
            {[...new Set([...REPORTING_CURRENCIES, need.estimate?.currency ?? 'UAH'])].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('funding.needs.editReason')} error={errors.get('/reason')}>
        {(props) => <input {...props} name="reason" maxLength={1000} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('funding.needs.saveEdit')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('funding.needs.cancel')}
        </button>
      </div>
      <FormProblems error={save.error} fields={FIELDS} />
    </form>
  );
}
