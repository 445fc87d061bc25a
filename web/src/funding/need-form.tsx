import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { NEED_CATEGORIES, NEED_PRIORITIES, type Need, type NeedCreate } from '../../../src/modules/needs/needs.schema.js';
import { api, queryString } from '../api/client.js';
import type { Language } from '../i18n/i18n.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from './form-field.js';

const FIELDS = ['/facilityId', '/category', '/specification', '/quantity', '/unit', '/priority', '/neededBy'];

/** A coordinator registers a need of a facility in their scope; it waits for approval. */
export function NeedForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
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
    });
  };
  return (
    <section>
      <p>
        <Link to="/needs">← {t('funding.needs.title')}</Link>
      </p>
      <h1>{t('funding.needs.create')}</h1>
      <form className="form-grid" data-testid="need-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="facility-search">{t('funding.needs.findFacility')}</label>
          <input id="facility-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <FormField label={t('funding.needs.facility')} error={errors.get('/facilityId')}>
          {(props) => (
            <select {...props} name="facilityId">
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
        <FormField label={t('funding.needs.unit')} error={errors.get('/unit')}>
          {(props) => <input {...props} name="unit" maxLength={50} placeholder="unit" />}
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
