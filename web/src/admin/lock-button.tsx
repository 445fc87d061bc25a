import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User, UserLocked } from '../../../src/modules/access/access.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';

/**
 * Locks a user (every session and API token ends, sign-in is disabled) after
 * a confirmation, or unlocks a locked one. Ended sessions and tokens stay ended.
 */
export function LockButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const lock = useMutation({
    mutationFn: () => api<UserLocked>(`/api/v1/users/${user.id}/lock`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const unlock = useMutation({
    mutationFn: () => api<User>(`/api/v1/users/${user.id}/unlock`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const pending = lock.isPending || unlock.isPending;
  return (
    <>
      {user.disabled ? (
        <button type="button" disabled={pending} onClick={() => unlock.mutate()} aria-label={`${t('admin.unlock')}: ${user.email}`}>
          {t('admin.unlock')}
        </button>
      ) : (
        <button
          type="button"
          className="danger"
          disabled={pending}
          onClick={() => window.confirm(t('admin.lockConfirm', { email: user.email })) && lock.mutate()}
          aria-label={`${t('admin.lock')}: ${user.email}`}
        >
          {t('admin.lock')}
        </button>
      )}
      {lock.data === undefined || !user.disabled ? null : (
        <p role="status">{t('admin.lockedNotice', { email: user.email, sessions: lock.data.endedSessions, tokens: lock.data.endedTokens })}</p>
      )}
      {unlock.data === undefined || user.disabled ? null : <p role="status">{t('admin.unlockedNotice', { email: user.email })}</p>}
      {lock.isError ? <ErrorState error={lock.error} /> : null}
      {unlock.isError ? <ErrorState error={unlock.error} /> : null}
    </>
  );
}
