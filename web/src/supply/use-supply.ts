import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { LocationList } from '../../../src/modules/supply/locations.schema.js';
import type { ProductList } from '../../../src/modules/supply/products.schema.js';
import { api, queryString } from '../api/client.js';
import { formatDate } from '../funding/money.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

export type Locations = Static<typeof LocationList>;
export type Products = Static<typeof ProductList>;

/** Every supply read is keyed under 'supply', so one change refreshes what it may have moved. */
export function useSupplyRefresh(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['supply'] });
}

/** Warehouses and facility locations the caller may see (few: a few hundred at national scale). */
export const useLocations = () => useQuery({ queryKey: ['supply', 'locations'], queryFn: () => api<Locations>('/api/v1/locations?limit=500'), staleTime: 60_000 });

/** Products matching a search, for pickers. */
export const useProductSearch = (q: string) =>
  useQuery({ queryKey: ['supply', 'products', 'pick', q], queryFn: () => api<Products>(`/api/v1/products${queryString({ q, limit: 30 })}`), placeholderData: (previous) => previous });

/** A GET list whose filters and cursor live in the URL, so a link reproduces the view. */
export function useUrlFilters<K extends string>(keys: readonly K[]): { filters: Record<K | 'cursor', string | undefined>; update: (changes: Partial<Record<K | 'cursor', string | undefined>>) => void } {
  const [params, setParams] = useSearchParams();
  const filters = {} as Record<K | 'cursor', string | undefined>;
  for (const k of [...keys, 'cursor' as const]) filters[k] = params.get(k) ?? undefined;
  // From the address bar, not this render's copy: two quick changes must both land.
  const update = (changes: Partial<Record<K | 'cursor', string | undefined>>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes) as [string, string | undefined][]) if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      if (!('cursor' in changes)) next.delete('cursor');
      return next;
    });
  return { filters, update };
}

/** Dates and whole numbers in the reader's language. */
export function useSupplyFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(LOCALE[lang]);
    const times = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    return {
      lang,
      date: (d: string | null) => (d === null ? '—' : formatDate(d, lang)),
      dateTime: (d: string | null) => (d === null ? '—' : `${times.format(new Date(d))} UTC`),
      number: (n: number) => numbers.format(n),
    };
  }, [lang]);
}
