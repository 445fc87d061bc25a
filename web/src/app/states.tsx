import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src/modules/access/access.schema.js';
import { ApiError } from '../api/client.js';
import { ProblemList } from './problem-list.js';

/** What to show when there is nothing: a title and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: React.ReactNode }) {
  return (
    <section className="empty" role="status">
      <h2>{title}</h2>
      {hint === undefined ? null : <p>{hint}</p>}
      {action}
    </section>
  );
}

/** A page the signed-in user's role may not use: says so, and who may, instead of "does not exist". */
export function NotForRole({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return <EmptyState title={t('app.notForRole')} hint={t('app.notForRoleHint', { roles: roles.map((r) => t(`roles.${r}`)).join(', ') })} />;
}

/** The message key that says, in the user's language, what went wrong and what to do. */
function errorKey(error: unknown): string {
  if (!(error instanceof ApiError)) return 'errors.network';
  const { status } = error;
  if (status === 400 || status === 422) return 'errors.badRequest';
  if (status === 401) return 'errors.signIn';
  if (status === 403) return 'errors.forbidden';
  if (status === 404) return 'errors.notFound';
  if (status === 409 || status === 412) return 'errors.conflict';
  if (status === 413) return 'errors.tooLarge';
  if (status === 429) return 'errors.tooMany';
  if (status === 503) return 'errors.unavailable';
  return 'errors.server';
}

/**
 * An API error in words. The server writes problem+json in English, so the
 * headline comes from our own translations by status; the server's title and
 * detail follow as the precise reason, and every field it names is listed.
 * `byStatus` replaces the headline where a page knows better (a 401 at sign-in
 * means a wrong password, not an ended session).
 */
export function ErrorState({ error, onRetry, byStatus = {} }: { error: unknown; onRetry?: () => void; byStatus?: Readonly<Record<number, string>> }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  // With field problems the detail only repeats them in the server's English: the list below says them in words.
  const reason = api === null ? '' : [api.title, api.errors.length > 0 ? '' : api.detail].filter((s) => s !== '').join(': ');
  return (
    <section className="error" role="alert">
      <h2>{t('app.errorTitle')}</h2>
      <p>{(api === null ? undefined : byStatus[api.status]) ?? t(errorKey(error))}</p>
      {reason === '' ? null : (
        <p className="muted">
          {t('errors.serverSays')} <span lang="en">{reason}</span>
        </p>
      )}
      {api === null ? null : <ProblemList problems={api.errors} />}
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </section>
  );
}
