import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { pickerListUrl } from '../monitoring/facility-list-url.js';

// A facility reporter has a handful of facilities: keep each for offline reports. Anyone with more searches online.
const MAX_FACILITIES = 10;

/** Resolves once a service worker controls the page (it claims the page on its first install), or after a timeout. */
function controlled(timeoutMs: number): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(false);
  if (navigator.serviceWorker.controller !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve(false), timeoutMs);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      window.clearTimeout(timer);
      resolve(true);
    }, { once: true });
  });
}

/**
 * After sign-in, asks (through the service worker, which keeps the answers) for what the report form needs
 * offline: the session, the facility list and the user's own facilities. Best effort: a failure only means
 * the user must open the form once online.
 */
export async function warmOfflineCache(): Promise<void> {
  if (!navigator.onLine || !(await controlled(30_000))) return;
  try {
    await fetch('/api/v1/sessions/current', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const res = await fetch(pickerListUrl(''), { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const list = (await res.json()) as FacilityList;
    if (list.items.length > MAX_FACILITIES) return;
    await Promise.all(list.items.map((f) => fetch(`/api/v1/facilities/${f.id}`, { credentials: 'same-origin', headers: { accept: 'application/json' } })));
  } catch {
    // Offline or the server is away: nothing to keep this time.
  }
}
