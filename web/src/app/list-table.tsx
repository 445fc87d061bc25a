import type { ReactNode } from 'react';
import { ErrorState } from './states.js';

/** The part of a list query a table needs. */
interface ListQuery {
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  data: { items: readonly unknown[] } | undefined;
  refetch: () => Promise<unknown>;
}

/**
 * A list's table, or why there is none: the error (with retry) above it, the empty state in its place. On a phone
 * (or in a longer language) the table scrolls sideways: a focusable region named `label`, so the keyboard scrolls it too.
 */
export function ListTable({ query, empty, testId, label, children }: { query: ListQuery; empty: ReactNode; testId: string; label: string; children: ReactNode }) {
  return (
    <>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? (
        empty
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
