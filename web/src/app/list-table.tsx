import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState } from './states.js';

/** The part of a list query a table needs. */
interface ListQuery {
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  data: { items: readonly unknown[] } | undefined;
  refetch: () => Promise<unknown>;
}

/**
 * A filtered list with no row: says so (the list's own words where it has them), and offers to clear the filters.
 * The list's empty state proper is for a list with no row at all.
 */
export function NoMatch({ title, hint, onClear }: { title?: string; hint?: string; onClear?: () => void }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={title ?? t('app.noMatch')}
      hint={hint ?? t('app.noMatchHint')}
      action={
        onClear === undefined ? undefined : (
          <button type="button" className="secondary" onClick={onClear}>
            {t('app.clearFilters')}
          </button>
        )
      }
    />
  );
}

/**
 * A list's table, or why there is none: the error (with retry) above it, the empty state in its place. With a
 * filter set (`filtered`), an empty answer says that nothing matches the filters (`noMatch`, by default the shared
 * NoMatch), not that there is nothing at all. On a phone (or in a longer language) the table scrolls sideways: a focusable region named
 * `label`, so the keyboard scrolls it too.
 */
export function ListTable({ query, empty, testId, label, filtered = false, onClear, noMatch, children }: { query: ListQuery; empty: ReactNode; testId: string; label: string; filtered?: boolean; onClear?: () => void; noMatch?: ReactNode; children: ReactNode }) {
  return (
    <>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? (
        filtered ? (
          (noMatch ?? <NoMatch onClear={onClear} />)
        ) : (
          empty
        )
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
          <table className="data" data-testid={testId} aria-busy={query.isFetching}>
            {children}
          </table>
        </div>
      )}
    </>
  );
}
