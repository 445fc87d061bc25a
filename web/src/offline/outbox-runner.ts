import type { QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client.js';
import { warmOfflineCache } from './offline-warmup.js';
import { refreshDelivered } from './outbox-refresh.js';
import { correctedRecord, newOutboxRecord, type OutboxKind, type OutboxRecord, type ReviewNotice } from './outbox-queue.js';
import { sendDue, type BatchAnswer, type SendSummary, type SyncTransport } from './outbox-sender.js';
import { openOutboxStore, type BrowserOutboxStore } from './outbox-store.js';

/** What the interface shows about the outbox; a new object on every change (useSyncExternalStore). */
export interface OutboxSnapshot {
  ready: boolean;
  online: boolean;
  sending: boolean;
  /** The signed-in user's records, oldest first. */
  records: readonly OutboxRecord[];
  /** Records on this device made by other accounts: sent when they sign in again. */
  othersWaiting: number;
  notices: readonly ReviewNotice[];
  lastSyncAt: string | null;
  lastSummary: SendSummary | null;
}

const RETRY_TICK_MS = 10_000;
// Cached API answers (see web/public/sw.js) belong to one account: dropped when another one signs in or out.
const API_CACHE = 'carebridge-api-v1';

let store: BrowserOutboxStore | null = null;
let owner: string | null | undefined;
let flushing: Promise<void> | null = null;
let rerun = false;
let starting: Promise<void> | null = null;
// The app's query cache, so what the outbox delivers is fetched again (set by startOutbox; none in tests).
let queryClient: QueryClient | null = null;
let snapshot: OutboxSnapshot = { ready: false, online: typeof navigator === 'undefined' ? true : navigator.onLine, sending: false, records: [], othersWaiting: 0, notices: [], lastSyncAt: null, lastSummary: null };
const listeners = new Set<() => void>();

const publish = (changes: Partial<OutboxSnapshot>): void => {
  snapshot = { ...snapshot, ...changes };
  for (const l of listeners) l();
};

async function refresh(): Promise<void> {
  if (store === null) return;
  const all = await store.list();
  const mine = all.filter((r) => r.owner === owner).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  publish({ ready: true, records: mine, othersWaiting: all.length - mine.length, notices: await store.notices(), lastSyncAt: await store.lastSyncAt() });
}

const postSync: SyncTransport = async (records) => {
  try {
    const answer = await api<{ results: NonNullable<BatchAnswer['results']> }>('/api/v1/sync', { method: 'POST', body: { records } });
    return { status: 202, detail: '', errors: [], results: answer.results };
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, detail: e.detail === '' ? e.title : e.detail, errors: e.errors };
    return { status: 0, detail: '', errors: [] };
  }
};

/**
 * Sends what is due. One flush at a time; `force` (reconnect, "send now", a new record) ignores back-off.
 * Several tabs may flush the same record at once: harmless, the server answers a repeat with the first result.
 */
export function flushOutbox(force = false): Promise<void> {
  if (flushing !== null) {
    // A record saved during a round was not in its list: go again right after it.
    rerun ||= force;
    return flushing;
  }
  const current = store;
  const who = owner;
  if (current === null || who === null || who === undefined) return Promise.resolve();
  flushing = (async () => {
    publish({ sending: true });
    try {
      const delivered: OutboxRecord[] = [];
      const summary = await sendDue(current, postSync, who, { force, onDelivered: (r) => delivered.push(r) });
      // Not awaited: the pages refetch in their own time, the outbox does not wait for them.
      if (queryClient !== null && delivered.length > 0) void refreshDelivered(queryClient, delivered);
      if (summary.sent + summary.review + summary.failed > 0) await current.setLastSyncAt(new Date().toISOString());
      if (summary.sent + summary.review + summary.failed + summary.retry > 0) publish({ lastSummary: summary });
    } catch (e) {
      // Storage trouble: the records stay where they are, and the next tick tries again.
      console.warn('outbox flush failed', e);
    } finally {
      flushing = null;
      publish({ sending: false });
      await refresh();
    }
    if (rerun) {
      rerun = false;
      await flushOutbox(true);
    }
  })();
  return flushing;
}

/**
 * Opens the outbox and starts sending on reconnect and on a timer (back-off decides what is due); `client` is the
 * app's query cache, whose reads of the delivered records are refreshed after each round.
 */
export function startOutbox(client?: QueryClient): Promise<void> {
  if (client !== undefined) queryClient = client;
  starting ??= start();
  return starting;
}

async function start(): Promise<void> {
  store = await openOutboxStore();
  // Ask the browser not to evict the outbox under storage pressure (granted silently to installed or engaged sites).
  if ('storage' in navigator && typeof navigator.storage.persist === 'function') void navigator.storage.persist().catch(() => false);
  window.addEventListener('online', () => {
    publish({ online: true });
    void flushOutbox(true);
  });
  window.addEventListener('offline', () => publish({ online: false }));
  window.setInterval(() => void flushOutbox(false), RETRY_TICK_MS);
  await refresh();
  void flushOutbox(true);
}

/** The signed-in user (null: signed out). Their records are the ones shown and sent. */
export function setOutboxOwner(id: string | null): void {
  if (id === owner) return;
  const previous = owner;
  owner = id;
  // Only a change away from a known account: the first answer after a load (null while the session loads) is not one.
  if (typeof previous === 'string' && 'caches' in window) void caches.delete(API_CACHE);
  if (typeof id === 'string') void warmOfflineCache();
  void refresh().then(() => flushOutbox(true));
}

/** Puts a record in the outbox (durably, before anything is sent) and tries to send it at once. */
export async function enqueue(input: { kind: OutboxKind; body: Record<string, unknown>; label: string; replaces?: OutboxRecord }): Promise<OutboxRecord> {
  if (store === null) await startOutbox();
  if (store === null || owner === null || owner === undefined) throw new Error('the outbox needs a signed-in user');
  const record = input.replaces === undefined ? newOutboxRecord({ kind: input.kind, body: input.body, owner, label: input.label }) : correctedRecord(input.replaces, input.body, input.label);
  await store.put(record);
  await refresh();
  void flushOutbox(true);
  return record;
}

export async function deleteOutboxRecord(clientId: string): Promise<void> {
  await store?.remove(clientId);
  await refresh();
}

export async function dismissNotice(clientId: string): Promise<void> {
  await store?.dismissNotice(clientId);
  await refresh();
}

export const subscribeOutbox = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const outboxSnapshot = (): OutboxSnapshot => snapshot;
