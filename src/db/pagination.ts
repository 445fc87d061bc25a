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

/** A page is at most this long unless the list asks for fewer; the query schema refuses more. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Where a page starts and how long it is, as a repository takes it: it fetches `limit + 1` rows after `after`. */
export interface PageRequest {
  limit: number;
  after?: { value: string | number; id: string };
}

/** A page request on a list the caller may sort: the column and direction the repository orders by. */
export interface SortedPageRequest<S extends string> extends PageRequest {
  column: S;
  descending: boolean;
}

export interface Page<R> {
  rows: R[];
  nextCursor: string | null;
}

/**
 * The order a list is read in: the cursor is bound to `key`, and a page resumes after the last
 * row's `valueOf`, ties broken by its `idOf`.
 */
export interface Keyset<R> {
  key: string;
  valueOf(row: R): string | number;
  idOf(row: R): string;
}

/** Rows in id order; ids are UUIDv7, unique and in creation order. */
export const byId = <R extends { id: string }>(descending = false): Keyset<R> => ({ key: descending ? '-id' : 'id', valueOf: (row) => row.id, idOf: (row) => row.id });

/** Rows by one column, ties by id. */
export const byColumn = <R extends { id: string }>(key: string, valueOf: (row: R) => string | number): Keyset<R> => ({ key, valueOf, idOf: (row) => row.id });

/** Opens a page: the default limit, and the cursor checked against the list's order. */
export function openPage(query: { limit?: number | undefined; cursor?: string | undefined }, key: string): PageRequest {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (query.cursor === undefined) return { limit };
  const position = decodeCursor(query.cursor, key);
  return { limit, after: { value: position.value, id: position.id } };
}

/** Closes a page: cuts the extra row a repository fetched into the cursor of the next one. */
export function closePage<R>(rows: R[], page: PageRequest, keyset: Keyset<R>): Page<R> {
  if (rows.length <= page.limit) return { rows, nextCursor: null };
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1] as R;
  return { rows: shown, nextCursor: encodeCursor({ sort: keyset.key, value: keyset.valueOf(last), id: keyset.idOf(last) }) };
}

/** One page for code that reads a list without HTTP (jobs, demo data): open, fetch, close. */
export async function readPage<R>(query: { limit?: number | undefined; cursor?: string | undefined }, keyset: Keyset<R>, fetch: (page: PageRequest) => Promise<R[]>): Promise<Page<R>> {
  const page = openPage(query, keyset.key);
  return closePage(await fetch(page), page, keyset);
}
