import { useQueries, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { Facility } from '../../../src/modules/facilities/facilities.schema.js';
import type { Need, NeedGaps, NeedHistory, NeedLinkList, NeedList, NeedUnits } from '../../../src/modules/needs/needs.schema.js';
import { api, queryString } from '../api/client.js';

export type Needs = Static<typeof NeedList>;
export type NeedLinks = Static<typeof NeedLinkList>;

/** Needs reads; keys start with 'needs' so a new need or an approval refreshes them all. */
export const useNeedList = (filters: Record<string, string | undefined>) =>
  useQuery({ queryKey: ['needs', 'list', filters], queryFn: () => api<Needs>(`/api/v1/needs${queryString({ ...filters, limit: 50 })}`), placeholderData: (previous) => previous });

export const useNeed = (id: string) => useQuery({ queryKey: ['needs', 'one', id], queryFn: () => api<Need>(`/api/v1/needs/${id}`) });

export const useNeedLinks = (id: string) => useQuery({ queryKey: ['needs', 'one', id, 'links'], queryFn: () => api<NeedLinks>(`/api/v1/needs/${id}/links?limit=500`) });

export const useNeedHistory = (id: string) => useQuery({ queryKey: ['needs', 'one', id, 'history'], queryFn: () => api<NeedHistory>(`/api/v1/needs/${id}/history`) });

export const useNeedGaps = (currency: string) => useQuery({ queryKey: ['needs', 'gaps', currency], queryFn: () => api<NeedGaps>(`/api/v1/needs/gaps${queryString({ currency })}`), placeholderData: (previous) => previous });

/** The controlled list of units (it changes only with a release). */
export const useNeedUnits = () => useQuery({ queryKey: ['needs', 'units'], queryFn: () => api<NeedUnits>('/api/v1/needs/units'), staleTime: Infinity });

/**
 * Names of the facilities a page of needs refers to: one read per distinct
 * facility (a page holds at most 50 needs, usually of few facilities), cached
 * across pages.
 */
export function useFacilityNames(ids: readonly string[], lang: string): (id: string) => string | undefined {
  const distinct = [...new Set(ids)];
  const results = useQueries({ queries: distinct.map((id) => ({ queryKey: ['facility', id], queryFn: () => api<Facility>(`/api/v1/facilities/${id}`), staleTime: 5 * 60_000 })) });
  const names = new Map<string, string>();
  distinct.forEach((id, i) => {
    const f = results[i]?.data;
    if (f !== undefined) names.set(id, lang === 'uk' ? f.nameUk : f.nameEn);
    // While it loads there is nothing to name yet: an ellipsis, not the id.
    else if (results[i]?.isPending === true) names.set(id, '…');
  });
  // undefined when the facility is outside the caller's scope (the API answers 404): the caller says so in words.
  return (id) => names.get(id);
}
