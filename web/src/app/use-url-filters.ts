import { useSearchParams } from 'react-router';

/**
 * Keyset paging kept in the URL: `cursor` opens this page, `trail` holds the cursors of the pages
 * before it ('-' for the first page, which has none), so "previous" works without offsets.
 */
export interface Paging {
  cursor: string | undefined;
  /** 1 on the first page. */
  number: number;
  previous: () => void;
  next: (cursor: string) => void;
}

/**
 * A list's filters and page live in the URL, so a link reproduces the view.
 * Changing a filter starts again at the first page; paging keeps the filters.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]): { filters: Record<K, string | undefined>; update: (changes: Partial<Record<K, string | undefined>>) => void; paging: Paging; clear: () => void } {
  const [params, setParams] = useSearchParams();
  const filters = {} as Record<K, string | undefined>;
  for (const k of keys) filters[k] = params.get(k) ?? undefined;
  // Start from the address bar, not this render's copy: two quick changes (oblast, then type) must both land,
  // and React Router hands functional updates the rendered parameters, not the latest ones.
  const write = (changes: Record<string, string | undefined>, keepPage: boolean) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      if (!keepPage) {
        next.delete('cursor');
        next.delete('trail');
      }
      return next;
    });
  const cursor = params.get('cursor') ?? undefined;
  const trailParam = params.get('trail') ?? '';
  // A shared link may carry a cursor without its trail: "previous" then goes to the first page.
  const trail = trailParam !== '' ? trailParam.split('~') : cursor === undefined ? [] : ['-'];
  const paging: Paging = {
    cursor,
    number: trail.length + 1,
    previous: () => {
      const back = trail.at(-1);
      write({ cursor: back === '-' ? undefined : back, trail: trail.slice(0, -1).join('~') }, true);
    },
    next: (nextCursor) => write({ cursor: nextCursor, trail: [...trail, cursor ?? '-'].join('~') }, true),
  };
  return { filters, update: (changes) => write(changes, false), paging, clear: () => setParams(new URLSearchParams()) };
}
