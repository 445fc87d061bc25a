import { useQuery } from '@tanstack/react-query';
import type { Completeness } from '../../../src/modules/reporting/completeness.schema.js';
import { api } from '../api/client.js';

export interface CompletenessFilter {
  area?: string | undefined;
  period?: string | undefined;
  asOf?: string | undefined;
}

/** GET /api/v1/reporting/completeness; absent filters: the country, last ended period, today. */
export function useCompleteness(filter: CompletenessFilter, enabled = true) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' && v !== '') params.set(k, v);
  const query = params.toString();
  return useQuery({
    queryKey: ['reporting-completeness', query],
    queryFn: () => api<Completeness>(`/api/v1/reporting/completeness${query === '' ? '' : `?${query}`}`),
    enabled,
    staleTime: 60_000,
  });
}

/** received / expected, or null when nothing is expected (no share to show). */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
