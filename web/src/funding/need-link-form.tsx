import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_CATEGORIES, type NeedLinkCreate } from '../../../src/modules/needs/needs.schema.js';
import type { Transaction } from '../../../src/modules/funding/transactions.schema.js';
import { api } from '../api/client.js';
import type { Language } from '../i18n/i18n.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from '../app/forms/form-field.js';
import { formatMoney } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { useNeedList } from './use-needs.js';

const FIELDS = ['/transactionId', '/quantity', '/unit'];

/**
 * Says which need a transaction of this project meets, and how much of it (in
 * the need's unit); the transaction's type gives the stage (pledge, commitment,
 * delivery) and the need's rolled-up quantities follow on the server.
 */
export function NeedLinkForm({ transactions }: { transactions: readonly Transaction[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const [category, setCategory] = useState<string>('generator');
  const needs = useNeedList({ category });
  const [linked, setLinked] = useState(false);
  const save = useMutation({
    mutationFn: ({ needId, body }: { needId: string; body: NeedLinkCreate }) => api<unknown>(`/api/v1/needs/${needId}/links`, { method: 'POST', body }),
    onSuccess: () => {
      setLinked(true);
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const open = (needs.data?.items ?? []).filter((n) => n.status === 'approved' || n.status === 'partially_met');
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setLinked(false);
    save.mutate({ needId: formText(f, 'needId'), body: { transactionId: formText(f, 'transactionId'), quantity: formText(f, 'quantity') } });
  };
  if (transactions.length === 0) return null;
  return (
    <details className="edit-project">
      <summary>{t('funding.linkNeed')}</summary>
      <form className="form-grid" data-testid="need-link-form" onSubmit={submit} noValidate>
        <FormField label={t('funding.transaction')} error={errors.get('/transactionId')}>
          {(props) => (
            <select {...props} name="transactionId">
              {transactions.map((x) => (
                <option key={x.id} value={x.id}>
                  {formatDate(x.valueDate, lang)} · {t(`funding.transactionTypes.${x.type}`)} · {formatMoney(x.amount, x.currency, lang)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="field">
          <label htmlFor="need-link-category">{t('funding.needs.category')}</label>
          <select id="need-link-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            {NEED_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`funding.needs.categoryValues.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <FormField label={t('funding.needs.need')} error={undefined}>
          {(props) => (
            <select {...props} name="needId">
              {open.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.specification} · {n.uncovered}/{n.quantity} {n.unit} · {t(`funding.needs.priorityValues.${n.priority}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.quantity')} error={errors.get('/quantity') ?? errors.get('/unit')} hint={t('funding.needs.quantityHint')}>
          {(props) => <input {...props} name="quantity" inputMode="decimal" autoComplete="off" />}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending || open.length === 0}>
            {t('funding.link')}
          </button>
          <span role="status" className="ok">
            {linked ? t('funding.linked') : open.length === 0 && needs.data !== undefined ? t('funding.noOpenNeeds') : ''}
          </span>
        </div>
      </form>
      <FormProblems error={save.error} fields={FIELDS} />
    </details>
  );
}
