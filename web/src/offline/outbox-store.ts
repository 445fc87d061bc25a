import type { OutboxRecord, ReviewNotice } from './outbox-queue.js';
import type { OutboxStore } from './outbox-sender.js';

const DB_NAME = 'carebridge-outbox';
const RECORDS = 'records';
const NOTICES = 'notices';
const META = 'meta';

/** The browser's outbox: IndexedDB survives reloads, closed tabs and restarts, unlike memory or sessionStorage. */
export interface BrowserOutboxStore extends OutboxStore {
  notices(): Promise<ReviewNotice[]>;
  dismissNotice(clientId: string): Promise<void>;
  lastSyncAt(): Promise<string | null>;
  setLastSyncAt(at: string): Promise<void>;
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(RECORDS, { keyPath: 'clientId' });
    db.createObjectStore(NOTICES, { keyPath: 'clientId' });
    db.createObjectStore(META);
  };
  return done(request);
}

/** One request in its own transaction; resolves when the transaction has committed (durable), not merely succeeded. */
async function run<T>(db: IDBDatabase, store: string, mode: IDBTransactionMode, action: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = db.transaction(store, mode);
  const result = done(action(tx.objectStore(store)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

export async function openOutboxStore(): Promise<BrowserOutboxStore> {
  const db = await open();
  return {
    list: () => run(db, RECORDS, 'readonly', (s) => s.getAll() as IDBRequest<OutboxRecord[]>),
    put: async (record) => void (await run(db, RECORDS, 'readwrite', (s) => s.put(record))),
    remove: async (clientId) => void (await run(db, RECORDS, 'readwrite', (s) => s.delete(clientId))),
    addNotice: async (notice) => void (await run(db, NOTICES, 'readwrite', (s) => s.put(notice))),
    notices: () => run(db, NOTICES, 'readonly', (s) => s.getAll() as IDBRequest<ReviewNotice[]>),
    dismissNotice: async (clientId) => void (await run(db, NOTICES, 'readwrite', (s) => s.delete(clientId))),
    lastSyncAt: async () => ((await run(db, META, 'readonly', (s) => s.get('lastSyncAt') as IDBRequest<string | undefined>)) ?? null),
    setLastSyncAt: async (at) => void (await run(db, META, 'readwrite', (s) => s.put(at, 'lastSyncAt'))),
  };
}
