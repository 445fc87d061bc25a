import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

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

/** An API error in words: the server's title and detail, and every field it names. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  return (
    <section className="error" role="alert">
      <h2>{api?.title ?? t('app.errorTitle')}</h2>
      {api?.detail === undefined || api.detail === '' ? null : <p>{api.detail}</p>}
      {api !== null && api.errors.length > 0 ? (
        <ul>
          {api.errors.map((e) => (
            <li key={e.path}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </section>
  );
}
