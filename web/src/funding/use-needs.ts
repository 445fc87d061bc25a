import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import type { Need, NeedGaps, NeedHistory, NeedLinkList, NeedList, NeedUnits } from '../../../src/modules/needs/needs.schema.js';
import { api, queryString } from '../api/client.js';
import { localName } from '../app/local-name.js';

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
 * The one list request naming these facilities: each id once and sorted, so the same facilities in another
 * order are the same request and the same cache entry; closed ones too (a need or a project outlives its facility).
 */
export function facilitiesByIdRequest(ids: readonly string[]): { ids: string[]; url: string } {
  const distinct = [...new Set(ids)].sort();
  return { ids: distinct, url: `/api/v1/facilities${queryString({ id: distinct, status: 'all', limit: distinct.length })}` };
}

/** Each facility's name in the reader's language; undefined for one the list did not return (outside the caller's scope). */
export function facilityNameLookup(list: FacilityList | undefined, lang: string): (id: string) => string | undefined {
  const names = new Map((list?.items ?? []).map((f) => [f.id, localName(f, lang)]));
  return (id) => names.get(id);
}

/**
 * Names of the facilities a page refers to (a page of needs, a project's first locations: at most 100, the
 * list filter's limit), in one request.
 */
export function useFacilityNames(ids: readonly string[], lang: string): (id: string) => string | undefined {
  const request = facilitiesByIdRequest(ids);
  const list = useQuery({
    queryKey: ['facilities', 'by-id', request.ids],
    queryFn: () => api<FacilityList>(request.url),
    enabled: request.ids.length > 0,
    staleTime: 5 * 60_000,
  });
  // While it loads there is nothing to name yet: an ellipsis, not the id.
  if (list.isPending) return () => '…';
  // undefined when the facility is outside the caller's scope (the list leaves it out): the caller says so in words.
  return facilityNameLookup(list.data, lang);
}
