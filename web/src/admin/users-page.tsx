import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../src/modules/access/access.schema.js';
import { ROLES } from '../../../src/modules/access/access.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { useOblasts } from '../facilities/use-areas.js';
import { LockButton } from './lock-button.js';
import { MembershipEditor } from './membership-editor.js';
import { TokensSection } from './tokens-section.js';
import { areaName as localAreaName } from '../facilities/area-names.js';

/** Users with their memberships, a form for a new one, and the caller's API tokens. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const oblasts = useOblasts();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: User[] }>('/api/v1/users?limit=500') });
  const [form, setForm] = useState({ email: '', name: '', role: 'analyst' as Role, area: '', password: '' });
  const create = useMutation({
    mutationFn: () =>
      api<User>('/api/v1/users', {
        method: 'POST',
        body: {
          email: form.email,
          name: form.name,
          ...(form.password === '' ? {} : { password: form.password }),
          memberships: [{ role: form.role, ...(form.area === '' ? {} : { scopeAreas: [form.area] }) }],
        },
      }),
    onSuccess: () => {
      setForm({ email: '', name: '', role: 'analyst', area: '', password: '' });
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const areaName = (code: string) => {
    const a = oblasts.data?.items.find((x) => x.katottg === code);
    return a === undefined ? code : localAreaName(a, i18n.language);
  };
  return (
    <section>
      <h1>{t('admin.users')}</h1>
      {users.isError ? <ErrorState error={users.error} /> : null}
      <div className="table-wrap">
        <table className="data" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.email')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">
                {t('admin.role')} · {t('admin.scope')}
              </th>
              <th scope="col">{t('admin.access')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.id}>
                <td>
                  {u.email} {u.disabled ? <em>({t('admin.disabled')})</em> : null}
                </td>
                <td>{u.name}</td>
                <td>
                  <MembershipEditor user={u} />
                </td>
                <td>
                  <LockButton user={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('admin.newUser')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('admin.email')}
          <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          {t('admin.name')}
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.scope')}
          <select value={form.area} onChange={(e) => setForm({ ...form, area: e.target.value })}>
            <option value="">{t('admin.scopeAll')}</option>
            {(oblasts.data?.items ?? []).map((a) => (
              <option key={a.katottg} value={a.katottg}>
                {areaName(a.katottg)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.password')}
          <input type="password" autoComplete="new-password" minLength={12} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t('admin.create')}
        </button>
      </form>
      {create.isError ? <ErrorState error={create.error} /> : null}
      {create.isSuccess ? <p role="status">{t('admin.created')}</p> : null}
      <TokensSection />
    </section>
  );
}
