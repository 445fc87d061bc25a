import { AppError } from '../errors.js';

/**
 * Keyset pagination. The cursor is opaque to clients: base64url JSON of the last
 * row's sort value and id, bound to the sort it was made for so it cannot be
 * replayed against another ordering.
 */
export interface CursorPosition {
  sort: string;
  value: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    (typeof parsed[1] !== 'string' && typeof parsed[1] !== 'number') ||
    typeof parsed[2] !== 'string'
  ) {
    throw new AppError('validation_failed', 'The cursor is not valid for this list and sort; start again without it.', {
      errors: [{ path: '/cursor', message: 'not a cursor returned by this list with this sort' }],
    });
  }
  return { sort, value: parsed[1], id: parsed[2] };
}

/** Parses "-beds" into the column and direction. */
export function parseSort<T extends string>(sort: string | undefined, allowed: readonly T[], fallback: T): { column: T; descending: boolean; key: string } {
  const raw = sort ?? fallback;
  const descending = raw.startsWith('-');
  const name = (descending ? raw.slice(1) : raw) as T;
  const column = allowed.includes(name) ? name : fallback;
  return { column, descending, key: `${descending ? '-' : ''}${column}` };
}

/** Cuts one extra fetched row into the next cursor. */
export function pageOf<R extends { id: string }>(rows: R[], limit: number, sortKey: string, valueOf: (row: R) => string | number): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1] as R;
  return { rows: page, nextCursor: encodeCursor({ sort: sortKey, value: valueOf(last), id: last.id }) };
}
