import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../src/modules/access/access.schema.js';
import { reporterOnly } from '../access/use-session.js';
import { api } from '../api/client.js';

/** The overview map's code: MapLibre is most of the page's weight, so it is a chunk of its own. */
export const loadFacilityMap = () => import('./facility-map.js');

/** The facilities the overview map draws. */
export const pointsQuery = {
  queryKey: ['facility-points'],
  queryFn: () => api<GeoJSON.FeatureCollection>('/api/v1/facilities/export?format=geojson'),
  staleTime: 5 * 60_000,
};

/**
 * The map's code and its points, asked for as soon as the signed-in caller is known: main.tsx calls this before the
 * first render, while the reader's language and the overview's code load. It lives apart from the overview page so
 * that it need not wait for that page's chunk: the map is the first page's critical path.
 */
export function prefetchMap(client: QueryClient, me: Me | null): void {
  if (me === null || reporterOnly(me)) return;
  void loadFacilityMap();
  void client.prefetchQuery(pointsQuery);
}
