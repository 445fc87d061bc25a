import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationList } from '../../../src/modules/supply/locations.schema.js';
import type { ProductList } from '../../../src/modules/supply/products.schema.js';
import { api, queryString } from '../api/client.js';
import { formatDate } from '../app/format/dates.js';
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
