import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ORGANIZATION_TYPES, type Organization } from '../../../src/modules/organizations/organizations.schema.js';
import { api } from '../api/client.js';
import { organizationName } from '../app/format/organization-name.js';
import { ErrorState } from '../app/states.js';
import { fieldErrorsOf, FormField, FormProblems } from '../app/forms/form-field.js';
import { useOrganizations } from '../funding/use-funding.js';

/** The paths the form shows errors beside; any other the server names is listed under the form. */
const FIELDS = ['/nameUk', '/nameEn', '/nameJa', '/type', '/country', '/iatiOrgId', '/parentId'];

interface Draft {
  nameUk: string;
  nameEn: string;
  nameJa: string;
  type: string;
  country: string;
  iatiOrgId: string;
  parentId: string;
}

const draftOf = (o: Organization | undefined): Draft => ({
  nameUk: o?.nameUk ?? '',
  nameEn: o?.nameEn ?? '',
  nameJa: o?.nameJa ?? '',
  type: o?.type ?? '',
  country: o?.country ?? '',
  iatiOrgId: o?.iatiOrgId ?? '',
  parentId: o?.parentId ?? '',
});

/**
 * The body as the API takes it: an empty optional field is null (on an edit it clears the value), and an unchosen
 * type is left out so that the server names /type as required beside its select. Nothing is checked here first:
 * the server's refusal names each field, and the form shows it there.
 */
function bodyOf(d: Draft): Record<string, string | null> {
  const opt = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    nameUk: d.nameUk.trim(),
    nameEn: d.nameEn.trim(),
    nameJa: opt(d.nameJa),
    ...(d.type === '' ? {} : { type: d.type }),
    country: opt(d.country.toUpperCase()),
    iatiOrgId: opt(d.iatiOrgId),
    parentId: opt(d.parentId),
  };
}

/** /admin/organizations/new */
export function OrganizationNewPage() {
  return <OrganizationForm existing={undefined} />;
}

/** /admin/organizations/:id: the organisation's form, filled in once it has loaded. */
export function OrganizationEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useQuery({ queryKey: ['organizations', 'one', id], queryFn: () => api<Organization>(`/api/v1/organizations/${id}`) });
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  if (org.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  // Keyed by version: a reload after someone else's change starts from their values.
  return <OrganizationForm key={`${org.data.id}:${org.data.version}`} existing={org.data} />;
}

/** Creates an organisation, or edits one (with its version, so a concurrent change is refused, not overwritten). */
function OrganizationForm({ existing }: { existing: Organization | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const orgs = useOrganizations();
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing));
  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [key]: e.target.value });
  const save = useMutation({
    mutationFn: () =>
      existing === undefined
        ? api<Organization>('/api/v1/organizations', { method: 'POST', body: bodyOf(draft) })
        : api<Organization>(`/api/v1/organizations/${existing.id}`, { method: 'PATCH', body: { ...bodyOf(draft), version: existing.version } }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['organizations'] });
      const name = organizationName(saved, i18n.language);
      void navigate('/admin/organizations', { state: { notice: t(existing === undefined ? 'organizations.created' : 'organizations.saved', { name }) } });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const hint = t('organizations.fixField');
  // An organisation cannot be part of itself; the others, in the reader's language and order.
  const parents = (orgs.data?.items ?? [])
    .filter((o) => o.id !== existing?.id)
    .map((o) => ({ id: o.id, name: organizationName(o, i18n.language) }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  return (
    <section>
      <p>
        <Link to="/admin/organizations">← {t('organizations.back')}</Link>
      </p>
      <h1>{existing === undefined ? t('organizations.newTitle') : t('organizations.editTitle')}</h1>
      <p className="muted">{t('organizations.formHint')}</p>
      <form
        className="form-grid"
        data-testid="organization-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <FormField label={t('organizations.nameUk')} error={errors.get('/nameUk')} hint={hint}>
          {(props) => <input {...props} name="nameUk" lang="uk" required maxLength={300} value={draft.nameUk} onChange={set('nameUk')} />}
        </FormField>
        <FormField label={t('organizations.nameEn')} error={errors.get('/nameEn')} hint={hint}>
          {(props) => <input {...props} name="nameEn" lang="en" required maxLength={300} value={draft.nameEn} onChange={set('nameEn')} />}
        </FormField>
        <FormField label={t('organizations.nameJa')} error={errors.get('/nameJa')} hint={hint}>
          {(props) => <input {...props} name="nameJa" lang="ja" maxLength={300} value={draft.nameJa} onChange={set('nameJa')} />}
        </FormField>
        <FormField label={t('organizations.type')} error={errors.get('/type')} hint={hint}>
          {(props) => (
            <select {...props} name="type" required value={draft.type} onChange={set('type')}>
              <option value="">{t('organizations.chooseType')}</option>
              {ORGANIZATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`organizations.types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('organizations.country')} error={errors.get('/country')} hint={t('organizations.countryHint')}>
          {(props) => <input {...props} name="country" maxLength={2} autoCapitalize="characters" autoComplete="off" value={draft.country} onChange={set('country')} />}
        </FormField>
        <FormField label={t('organizations.iatiOrgId')} error={errors.get('/iatiOrgId')} hint={t('organizations.iatiHint')}>
          {(props) => <input {...props} name="iatiOrgId" maxLength={100} autoComplete="off" value={draft.iatiOrgId} onChange={set('iatiOrgId')} />}
        </FormField>
        <FormField label={t('organizations.parent')} error={errors.get('/parentId')} hint={hint}>
          {(props) => (
            <select {...props} name="parentId" value={draft.parentId} onChange={set('parentId')}>
              <option value="">{t('organizations.noParent')}</option>
              {parents.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t('organizations.saving') : t('organizations.save')}
          </button>
        </div>
        <FormProblems error={save.error} fields={FIELDS} />
      </form>
    </section>
  );
}
