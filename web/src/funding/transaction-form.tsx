import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../src/modules/funding/projects.schema.js';
import { TRANSACTION_TYPES, type Transaction, type TransactionCreate } from '../../../src/modules/funding/transactions.schema.js';
import { api } from '../api/client.js';
import type { Language } from '../i18n/i18n.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from '../app/forms/form-field.js';
import { REPORTING_CURRENCIES } from './money.js';
import { useOrganizations } from './use-funding.js';
import { organizationName } from '../app/format/organization-name.js';

const FIELDS = ['/type', '/amount', '/currency', '/valueDate', '/providerOrgId', '/receiverOrgId', '/description'];

/**
 * Records a pledge, commitment, disbursement… on the project. The server checks
 * everything (and whether the caller's organisation takes part); its refusals
 * are shown at the field they name.
 */
export function TransactionForm({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const orgs = useOrganizations();
  const [done, setDone] = useState<Transaction | null>(null);
  const save = useMutation({
    mutationFn: (body: TransactionCreate) => api<Transaction>('/api/v1/transactions', { method: 'POST', body }),
    onSuccess: (tx) => {
      setDone(tx);
      void client.invalidateQueries({ queryKey: ['funding'] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const participants = new Set(project.participants.map((p) => p.organizationId));
  const orgOptions = (orgs.data?.items ?? []).slice().sort((a, b) => Number(participants.has(b.id)) - Number(participants.has(a.id)));
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => formText(f, k);
    const optionalOrg = (k: string) => (text(k) === '' ? null : text(k));
    setDone(null);
    save.mutate({
      projectId: project.id,
      type: text('type') as TransactionCreate['type'],
      amount: text('amount'),
      currency: text('currency').toUpperCase(),
      valueDate: text('valueDate'),
      providerOrgId: optionalOrg('providerOrgId'),
      receiverOrgId: optionalOrg('receiverOrgId'),
      ...(text('description') === '' ? {} : { description: text('description') }),
    });
  };
  const orgSelect = (name: string) => (props: React.SelectHTMLAttributes<HTMLSelectElement>) => (
    <select {...props} name={name} defaultValue="">
      <option value="">{t('funding.noOrganization')}</option>
      {orgOptions.map((o) => (
        <option key={o.id} value={o.id}>
          {organizationName(o, lang)}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-labelledby="add-transaction">
      <h2 id="add-transaction">{t('funding.addTransaction')}</h2>
      <form className="form-grid" data-testid="transaction-form" onSubmit={submit} noValidate>
        <FormField label={t('funding.type')} error={errors.get('/type')}>
          {(props) => (
            <select {...props} name="type" defaultValue="3">
              {TRANSACTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`funding.transactionTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.amount')} error={errors.get('/amount')} hint={t('funding.form.amountHint')}>
          {(props) => <input {...props} name="amount" inputMode="decimal" autoComplete="off" placeholder="1250000.50" />}
        </FormField>
        <FormField label={t('funding.currencyCode')} error={errors.get('/currency')} hint={t('funding.form.currencyHint')}>
          {(props) => (
            <>
              <input {...props} name="currency" defaultValue="USD" maxLength={3} list="currency-codes" autoComplete="off" />
              <datalist id="currency-codes">
                {REPORTING_CURRENCIES.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField label={t('funding.valueDate')} error={errors.get('/valueDate')} hint={t('funding.form.dateHint')}>
          {(props) => <input {...props} name="valueDate" type="date" defaultValue={new Date().toISOString().slice(0, 10)} />}
        </FormField>
        <FormField label={t('funding.provider')} error={errors.get('/providerOrgId')}>
          {orgSelect('providerOrgId')}
        </FormField>
        <FormField label={t('funding.receiver')} error={errors.get('/receiverOrgId')}>
          {orgSelect('receiverOrgId')}
        </FormField>
        <FormField label={t('funding.description')} error={errors.get('/description')}>
          {(props) => <input {...props} name="description" maxLength={2000} />}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('funding.record')}
          </button>
          <span role="status" className="ok" data-testid="transaction-saved">
            {done === null ? '' : t('funding.recorded')}
          </span>
        </div>
      </form>
      <FormProblems error={save.error} fields={FIELDS} />
    </section>
  );
}
