import { useQueries, useQuery } from '@tanstack/react-query';
import type { Indicators } from '../../../src/modules/monitoring/indicators.schema.js';
import { api, queryString } from '../api/client.js';

const url = (area: string | undefined, asOf: string | undefined) => `/api/v1/indicators${queryString({ area, asOf })}`;

/** Indicators for an area (undefined: the country) as of a day (undefined: today), in the caller's read scope. */
export function useIndicators(area: string | undefined, asOf: string | undefined) {
  return useQuery({ queryKey: ['indicators', area ?? '', asOf ?? ''], queryFn: () => api<Indicators>(url(area, asOf)) });
}

/** The same figures for each oblast (one request each; the server answers each from its latest-status table). */
export function useIndicatorsByOblast(oblasts: readonly string[], asOf: string | undefined, enabled: boolean) {
  return useQueries({ queries: oblasts.map((iso) => ({ queryKey: ['indicators', iso, asOf ?? ''], queryFn: () => api<Indicators>(url(iso, asOf)), enabled })) });
}
