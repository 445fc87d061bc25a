import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { OutboxRecord } from './outbox-queue.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

// What the facility's own pages read about it beside its record: lists, map points, counts.
const FACILITY_LISTS: readonly QueryKey[] = [['facilities'], ['facility-points'], ['facility-summary']];
const STOCK: readonly QueryKey[] = [['supply', 'stock'], ['supply', 'moves'], ['supply', 'lots'], ['supply', 'products'], ['supply', 'alerts'], ['my-facility', 'stock']];

/**
 * The cached reads a delivered record makes stale (query key prefixes): the record itself where the body names it
 * (the facility, the shipment, the asset), and the lists, counts and pages that show it. The keys are the ones the
 * pages use (facility-page, use-my-facility, use-needs, the supply pages).
 */
export function staleKeysOf(record: Pick<OutboxRecord, 'kind' | 'body'>): QueryKey[] {
  const facilityId = text(record.body.facilityId);
  switch (record.kind) {
    case 'facility_edit':
      return [...(facilityId === null ? [['facility']] : [['facility', facilityId]]), ...FACILITY_LISTS, ['my-facility']];
    case 'status_report':
      return [
        ...(facilityId === null ? [['facility'], ['status-reports'], ['my-facility', 'status']] : [['facility', facilityId], ['status-reports', facilityId], ['my-facility', 'status', facilityId]]),
        ...FACILITY_LISTS,
        ['indicators'],
        ['reporting-completeness'],
        ['reviews'],
      ];
    case 'incident':
      return [['incidents'], ['indicators']];
    case 'receipt': {
      const shipmentId = text(record.body.shipmentId);
      return [...(shipmentId === null ? [] : [['my-facility', 'shipment', shipmentId]]), ['supply', 'shipments'], ['my-facility', 'shipments'], ...STOCK];
    }
    case 'stock_move':
    case 'stock_count':
      return [...STOCK];
    case 'asset_status': {
      const assetId = text(record.body.assetId);
      return [...(assetId === null ? [['supply', 'assets']] : [['supply', 'assets', 'one', assetId], ['supply', 'assets']]), ['my-facility', 'assets']];
    }
    case 'need':
      return [['needs'], ['my-facility', 'needs'], ['supply', 'alerts', 'needs']];
  }
}

/**
 * After the outbox delivers records, marks what they changed stale so the open pages fetch it again (and the
 * others on their next visit): without this a facility edit made offline showed the old facility until a reload.
 */
export async function refreshDelivered(client: QueryClient, records: readonly Pick<OutboxRecord, 'kind' | 'body'>[]): Promise<void> {
  const keys = new Map<string, QueryKey>();
  for (const record of records) for (const key of staleKeysOf(record)) keys.set(JSON.stringify(key), key);
  await Promise.all([...keys.values()].map((queryKey) => client.invalidateQueries({ queryKey })));
}
