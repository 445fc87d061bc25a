import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Token } from '../../../src/modules/access/access.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { formatDate } from '../app/format/dates.js';

/** API tokens: the secret is shown once, on creation; afterwards only name and dates. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<{ items: Token[] }>('/api/v1/tokens') });
  const create = useMutation({
    mutationFn: () => api<Token & { token: string }>('/api/v1/tokens', { method: 'POST', body: { name, expiresDays: 90 } }),
    onSuccess: () => {
      setName('');
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const items = tokens.data?.items ?? [];
  return (
    <section aria-labelledby="tokens">
      <h2 id="tokens">{t('admin.tokens')}</h2>
      {items.length === 0 ? <p className="muted">{t('admin.noTokens')}</p> : null}
      <ul className="plain">
        {items.map((tok) => (
          <li key={tok.id}>
            <strong>{tok.name}</strong> · {t('admin.expires')}: {tok.expiresAt === null ? t('admin.never') : formatDate(tok.expiresAt, i18n.language)}{' '}
            {tok.revokedAt === null ? (
              <button type="button" onClick={() => revoke.mutate(tok.id)}>
                {t('admin.revoke')}
              </button>
            ) : (
              <em>{t('admin.revoked')}</em>
            )}
          </li>
        ))}
      </ul>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('admin.tokenName')}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">{t('admin.newToken')}</button>
      </form>
      {create.data === undefined ? null : (
        <p role="status" className="notice">
          {t('admin.tokenCreated')} <code data-testid="new-token">{create.data.token}</code>
        </p>
      )}
      {create.isError ? <ErrorState error={create.error} /> : null}
    </section>
  );
}
