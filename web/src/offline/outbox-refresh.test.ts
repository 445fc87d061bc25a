import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshDelivered } from './outbox-refresh.js';
import { newOutboxRecord, type OutboxRecord, type ReviewNotice } from './outbox-queue.js';
import { sendDue, type OutboxStore, type SyncTransport } from './outbox-sender.js';

const FACILITY = '0190a1b2-0000-7000-8000-000000000001';
const OTHER = '0190a1b2-0000-7000-8000-000000000002';

/** A client holding fresh answers for these keys, as the pages left them. */
function clientWith(keys: readonly QueryKey[]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const key of keys) client.setQueryData(key, { cached: true });
  return client;
}
const stale = (client: QueryClient, key: QueryKey): boolean | undefined => client.getQueryState(key)?.isInvalidated;

class MemoryStore implements OutboxStore {
  readonly records = new Map<string, OutboxRecord>();
  list = async () => [...this.records.values()];
  put = async (r: OutboxRecord) => void this.records.set(r.clientId, r);
  remove = async (id: string) => void this.records.delete(id);
  addNotice = async (_n: ReviewNotice) => undefined;
}

describe('refreshing what the outbox delivered', () => {
  it('a facility edit marks that facility, its history and the facility lists stale, not another facility', async () => {
    const client = clientWith([['facility', FACILITY], ['facility', FACILITY, 'history'], ['facility', OTHER], ['facilities', {}, null, 'name'], ['needs', 'list', {}]]);
    await refreshDelivered(client, [{ kind: 'facility_edit', body: { facilityId: FACILITY, baseVersion: 3, changes: { name: 'New name' } } }]);
    expect(stale(client, ['facility', FACILITY])).toBe(true);
    expect(stale(client, ['facility', FACILITY, 'history'])).toBe(true);
    expect(stale(client, ['facilities', {}, null, 'name'])).toBe(true);
    expect(stale(client, ['facility', OTHER])).toBe(false);
    expect(stale(client, ['needs', 'list', {}])).toBe(false);
  });

  it('each kind refreshes its own records: a status report its facility status list, a need the needs, a stock count the stock', async () => {
    const client = clientWith([['status-reports', FACILITY], ['status-reports', OTHER], ['my-facility', 'status', FACILITY], ['needs', 'one', 'n1'], ['supply', 'stock', { locationId: 'l1' }], ['supply', 'assets', 'one', 'a1'], ['incidents', {}]]);
    await refreshDelivered(client, [
      { kind: 'status_report', body: { facilityId: FACILITY } },
      { kind: 'need', body: { facilityId: FACILITY } },
      { kind: 'stock_count', body: { locationId: 'l1', entries: [] } },
    ]);
    expect(stale(client, ['status-reports', FACILITY])).toBe(true);
    expect(stale(client, ['my-facility', 'status', FACILITY])).toBe(true);
    expect(stale(client, ['needs', 'one', 'n1'])).toBe(true);
    expect(stale(client, ['supply', 'stock', { locationId: 'l1' }])).toBe(true);
    expect(stale(client, ['status-reports', OTHER])).toBe(false);
    expect(stale(client, ['supply', 'assets', 'one', 'a1'])).toBe(false);
    expect(stale(client, ['incidents', {}])).toBe(false);
  });

  it('sendDue hands over only the records the server took, so a refused edit refreshes nothing', async () => {
    const store = new MemoryStore();
    const taken = newOutboxRecord({ kind: 'facility_edit', body: { facilityId: FACILITY }, owner: 'u1', label: 'taken' });
    const refused = newOutboxRecord({ kind: 'facility_edit', body: { facilityId: OTHER }, owner: 'u1', label: 'refused' });
    await store.put(taken);
    await store.put(refused);
    const send: SyncTransport = async (records) => ({ status: 202, detail: '', errors: [], results: records.map((r) => ({ clientId: r.clientId, status: r.clientId === taken.clientId ? 202 : 422, detail: null, errors: [] })) });
    const client = clientWith([['facility', FACILITY], ['facility', OTHER]]);
    const delivered: OutboxRecord[] = [];
    const summary = await sendDue(store, send, 'u1', { force: true, onDelivered: (r) => delivered.push(r) });
    await refreshDelivered(client, delivered);
    expect(summary).toEqual({ sent: 1, review: 0, failed: 1, retry: 0 });
    expect(delivered.map((r) => r.label)).toEqual(['taken']);
    expect(stale(client, ['facility', FACILITY])).toBe(true);
    expect(stale(client, ['facility', OTHER])).toBe(false);
  });
});
