import { useQuery } from '@tanstack/react-query';
import type { AreaList } from '../../../src/modules/geography/geography.schema.js';
import { api } from '../api/client.js';
import { areaName, OBLAST_NAMES_JA } from './area-names.js';

/** The 27 first-level units, for filters and labels; they change with a new codifier only. */
/** The oblasts (first-level areas); `enabled` false holds the request back until a page wants it. */
export function useOblasts(enabled = true) {
  return useQuery({ queryKey: ['areas', 1], queryFn: () => api<AreaList>('/api/v1/areas?level=1'), staleTime: Infinity, enabled });
}

export function oblastName(items: AreaList['items'] | undefined, iso: string, language: string): string {
  const area = items?.find((a) => a.iso3166_2 === iso);
  if (area === undefined) return OBLAST_NAMES_JA[iso] !== undefined && language === 'ja' ? OBLAST_NAMES_JA[iso] : iso;
  return areaName(area, language);
}

/** Oblasts as filter choices, by ISO code where they have one. */
export function oblastOptions(items: AreaList['items'] | undefined, language: string): { value: string; label: string }[] {
  return (items ?? []).map((a) => ({ value: a.iso3166_2 ?? a.katottg, label: areaName(a, language) }));
}
