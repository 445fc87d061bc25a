import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { NEED_CATEGORIES, NEED_PRIORITIES, type Need, type NeedCreate } from '../../../src/modules/needs/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { api, queryString } from '../api/client.js';
import type { Language } from '../i18n/i18n.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from './form-field.js';
import { REPORTING_CURRENCIES } from './money.js';
import { useNeedUnits } from './use-needs.js';

const FIELDS = ['/facilityId', '/category', '/specification', '/quantity', '/unit', '/priority', '/neededBy', '/estimate/unitPrice', '/estimate/currency'];

/**
 * Raises a need of a facility: coordinators for facilities in their areas, reporters for their own (the list
 * offers only what the caller may read; with one facility it is chosen already). It waits for a coordinator's
 * approval. Units come from the controlled list, offered as suggestions; plurals such as "vials" are accepted.
 */
export function NeedForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const session = useSession();
  const reporter = !hasAnyRole(session.data, ['admin', 'coordinator']);
  const units = useNeedUnits();
  const facilities = useQuery({
    queryKey: ['facilities', 'pick', search],
    queryFn: () => api<FacilityList>(`/api/v1/facilities${queryString({ q: search, limit: 20, sort: lang === 'uk' ? 'name_uk' : 'name_en' })}`),
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: (body: NeedCreate) => api<Need>('/api/v1/needs', { method: 'POST', body }),
    onSuccess: (need) => {
      void client.invalidateQueries({ queryKey: ['needs'] });
      void navigate(`/needs/${need.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => formText(f, k);
    save.mutate({
      facilityId: text('facilityId'),
      category: text('category') as NeedCreate['category'],
      specification: text('specification'),
      quantity: text('quantity'),
      unit: text('unit'),
      priority: text('priority') as NeedCreate['priority'],
      neededBy: text('neededBy') === '' ? null : text('neededBy'),
      estimate: text('unitPrice') === '' ? null : { unitPrice: text('unitPrice'), currency: text('currency') },
    });
  };
  return (
    <section>
      <p>
        <Link to="/needs">← {t('funding.needs.title')}</Link>
      </p>
      <h1>{t('funding.needs.create')}</h1>
      {reporter ? <p className="muted">{t('funding.needs.reporterHint')}</p> : null}
      <form className="form-grid" data-testid="need-form" onSubmit={submit} noValidate>
        {reporter && search === '' && facilities.data?.items.length === 1 ? null : (
          <div className="field">
            <label htmlFor="facility-search">{t('funding.needs.findFacility')}</label>
            <input id="facility-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        )}
        <FormField label={t('funding.needs.facility')} error={errors.get('/facilityId')}>
          {(props) => (
            <select {...props} name="facilityId" key={facilities.data?.items[0]?.id} defaultValue={facilities.data?.items.length === 1 ? facilities.data.items[0]?.id : undefined}>
              {(facilities.data?.items ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {lang === 'uk' ? f.nameUk : f.nameEn} ({f.code})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.category')} error={errors.get('/category')}>
          {(props) => (
            <select {...props} name="category" defaultValue="medicine">
              {NEED_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`funding.needs.categoryValues.${c}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.specification')} error={errors.get('/specification')}>
          {(props) => <input {...props} name="specification" maxLength={2000} />}
        </FormField>
        <FormField label={t('funding.needs.quantity')} error={errors.get('/quantity')} hint={t('funding.needs.quantityHint')}>
          {(props) => <input {...props} name="quantity" inputMode="decimal" autoComplete="off" />}
        </FormField>
        <FormField label={t('funding.needs.unit')} error={errors.get('/unit')} hint={t('funding.needs.unitHint')}>
          {(props) => (
            <>
              <input {...props} name="unit" maxLength={50} list="need-units" autoComplete="off" />
              <datalist id="need-units">
                {(units.data?.items ?? []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {t(`funding.needs.unitValues.${u.code}`, { defaultValue: u.code })}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField label={t('funding.needs.priority')} error={errors.get('/priority')}>
          {(props) => (
            <select {...props} name="priority" defaultValue="high">
              {NEED_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`funding.needs.priorityValues.${p}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.neededBy')} error={errors.get('/neededBy')}>
          {(props) => <input {...props} name="neededBy" type="date" />}
        </FormField>
        <FormField label={t('funding.needs.unitPrice')} error={errors.get('/estimate/unitPrice')}>
          {(props) => <input {...props} name="unitPrice" inputMode="decimal" autoComplete="off" />}
        </FormField>
        <FormField label={t('funding.needs.priceCurrency')} error={errors.get('/estimate/currency')}>
          {(props) => (
            <select {...props} name="currency" defaultValue="UAH">
              {REPORTING_CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('funding.needs.save')}
          </button>
        </div>
      </form>
      <FormProblems error={save.error} fields={FIELDS} />
    </section>
  );
}
