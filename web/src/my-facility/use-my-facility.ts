import type { Static } from '@sinclair/typebox';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Asset } from '../../../src/modules/assets/assets.schema.js';
import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import type { FacilityStatus } from '../../../src/modules/monitoring/status.schema.js';
import type { Location } from '../../../src/modules/supply/locations.schema.js';
import type { Shipment, ShipmentSummary } from '../../../src/modules/supply/shipments.schema.js';
import type { Balance } from '../../../src/modules/supply/stock.schema.js';
import { api, cachedCopiesServed, queryString } from '../api/client.js';
import { pickerListUrl } from '../monitoring/facility-list-url.js';
import { useOutbox } from '../offline/use-outbox.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The fields of a need this page shows (GET /api/v1/needs?facilityId=). */
export interface NeedRow {
  id: string;
  specification: string;
  quantity: string;
  unit: string;
  status: string;
  delivered: string;
}

const KEY = 'my-facility';

/** The facilities the user works for: the same request as the pickers', so one cached copy serves both offline. */
export const useWorkFacilities = () => useQuery({ queryKey: ['facilities', 'picker', ''], queryFn: () => api<FacilityList>(pickerListUrl('')) });

/**
 * Everything the page shows of one facility. Each read is network-first in the service worker (web/public/sw.js),
 * so the page opened once online still shows it offline; shipment details are fetched ahead for the same reason.
 */
export function useFacilityWork(facilityId: string) {
  const status = useQuery({ queryKey: [KEY, 'status', facilityId], queryFn: () => api<Static<typeof FacilityStatus>>(`/api/v1/facilities/${facilityId}/status`) });
  const needs = useQuery({ queryKey: [KEY, 'needs', facilityId], queryFn: () => api<Page<NeedRow>>(`/api/v1/needs${queryString({ facilityId, limit: 20 })}`) });
  const assets = useQuery({ queryKey: [KEY, 'assets', facilityId], queryFn: () => api<Page<Asset>>(`/api/v1/assets${queryString({ facilityId, limit: 100 })}`) });
  const location = useQuery({ queryKey: [KEY, 'location', facilityId], queryFn: async () => (await api<Page<Location>>(`/api/v1/locations${queryString({ facilityId })}`)).items[0] ?? null });
  const locationId = location.data?.id;
  const stock = useQuery({
    queryKey: [KEY, 'stock', locationId],
    enabled: locationId !== undefined,
    queryFn: () => api<Page<Balance>>(`/api/v1/stock${queryString({ locationId, limit: 200 })}`),
  });
  const onTheWay = useQueries({
    queries: (['in_transit', 'partially_received'] as const).map((s) => ({
      queryKey: [KEY, 'shipments', locationId, s],
      enabled: locationId !== undefined,
      queryFn: () => api<Page<ShipmentSummary>>(`/api/v1/shipments${queryString({ toLocationId: locationId, status: s, limit: 50 })}`),
    })),
  });
  const summaries = onTheWay.flatMap((q) => q.data?.items ?? []);
  const shipments = useQueries({ queries: summaries.map((s) => ({ queryKey: [KEY, 'shipment', s.id], queryFn: () => api<Shipment>(`/api/v1/shipments/${s.id}`) })) });
  return {
    status,
    needs,
    assets,
    location,
    stock,
    shipments: shipments.flatMap((q) => (q.data === undefined ? [] : [q.data])),
    shipmentsPending: location.isPending || onTheWay.some((q) => q.isPending && q.fetchStatus !== 'idle'),
  };
}

const REFRESH_TRIES = 5;
const REFRESH_BACKOFF_MS = 2000;

/**
 * After the outbox has sent something, the page reads the server's state again (the records are applied there).
 * Just after a reconnection a read may still fail or time out and get the service worker's saved copy, which is
 * the state before the records; then the page asks again, a little later each time.
 */
export function useRefreshAfterSync(): void {
  const client = useQueryClient();
  const { lastSyncAt } = useOutbox();
  useEffect(() => {
    if (lastSyncAt === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const refresh = async (): Promise<void> => {
      const before = cachedCopiesServed();
      await client.invalidateQueries({ queryKey: [KEY] });
      tries += 1;
      if (cachedCopiesServed() > before && tries < REFRESH_TRIES) timer = setTimeout(() => void refresh(), REFRESH_BACKOFF_MS * tries);
    };
    void refresh();
    return () => clearTimeout(timer);
  }, [client, lastSyncAt]);
}
