import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../src/modules/access/access.schema.js';
import { ROLES } from '../../../src/modules/access/access.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { useOblasts } from '../facilities/use-areas.js';
import { areaName as localAreaName } from '../facilities/area-names.js';

/** A user's memberships: remove one, or add a role over all of Ukraine or one oblast. */
export function MembershipEditor({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const oblasts = useOblasts();
  const [role, setRole] = useState<Role>('analyst');
  const [area, setArea] = useState('');
  const done = () => void client.invalidateQueries({ queryKey: ['users'] });
  const add = useMutation({
    mutationFn: () => api(`/api/v1/users/${user.id}/memberships`, { method: 'POST', body: { role, ...(area === '' ? {} : { scopeAreas: [area] }) } }),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: (id: string) => api<null>(`/api/v1/users/${user.id}/memberships/${id}`, { method: 'DELETE' }), onSuccess: done });
  const areaName = (code: string) => {
    const a = oblasts.data?.items.find((x) => x.katottg === code);
    return a === undefined ? code : localAreaName(a, i18n.language);
  };
  return (
    <div className="memberships">
      <ul className="plain">
        {user.memberships.map((m) => (
          <li key={m.id}>
            {t(`roles.${m.role}`)} · {m.scopeAreas === null && m.scopeFacilities === null ? t('admin.scopeAll') : [...(m.scopeAreas ?? []).map(areaName), ...(m.scopeFacilities ?? []).map(() => t('nav.facilities'))].join(', ')}{' '}
            <button type="button" className="small" onClick={() => remove.mutate(m.id)} aria-label={`${t('admin.removeMembership')}: ${t(`roles.${m.role}`)}, ${user.email}`}>
              {t('admin.removeMembership')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <select aria-label={`${t('admin.role')}, ${user.email}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <select aria-label={`${t('admin.scope')}, ${user.email}`} value={area} onChange={(e) => setArea(e.target.value)}>
          <option value="">{t('admin.scopeAll')}</option>
          {(oblasts.data?.items ?? []).map((a) => (
            <option key={a.katottg} value={a.katottg}>
              {areaName(a.katottg)}
            </option>
          ))}
        </select>
        <button type="submit" className="small">
          {t('admin.addMembership')}
        </button>
      </form>
      {add.isError ? <ErrorState error={add.error} /> : null}
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </div>
  );
}
