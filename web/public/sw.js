/* Carebridge service worker: the app shell works without a connection, and so do the few reads the field forms need.
 * Hand-written (no build step of its own): the shell's file names are hashed by Vite, so instead of a build-time list
 * the worker reads index.html and follows the script's imports to find every file of the app. See docs/offline.md. */
/* global self, caches, fetch, URL, Headers, Response, setTimeout, clearTimeout */

const SHELL_CACHE = 'carebridge-shell-v1';
// Also named in web/src/offline/outbox-runner.ts, which empties it when the account changes.
const API_CACHE = 'carebridge-api-v1';
const INDEX = '/';
// GET answers kept for offline use: the session, places, the facilities the user opened or listed, the indicators,
// and what "My facility" shows (needs, the facility's location, deliveries on the way, stock, equipment).
const API_READS = [
  /^\/api\/v1\/sessions\/current$/,
  /^\/api\/v1\/areas$/,
  /^\/api\/v1\/facilities$/,
  /^\/api\/v1\/facilities\/[0-9a-f-]{36}(\/status)?$/,
  /^\/api\/v1\/indicators$/,
  /^\/api\/v1\/(needs|locations|shipments|stock|assets)$/,
  /^\/api\/v1\/needs\/units$/,
  /^\/api\/v1\/shipments\/[0-9a-f-]{36}$/,
];
// Also named in web/src/api/client.ts.
const CACHED_COPY_HEADER = 'x-carebridge-cached-copy';
const NAVIGATION_TIMEOUT_MS = 4000;
const API_TIMEOUT_MS = 6000;

/** A fetch that tries again after a failed attempt: on a bad link one dropped request should not cost the whole install. */
async function fetchRetrying(url, init) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (attempt === 3) throw e;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** Every file of the built app reachable from index.html: entry script, styles, and lazily loaded chunks. */
async function shellFiles(html) {
  const found = new Set();
  const queue = [];
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) queue.push(m[1]);
  while (queue.length > 0) {
    const url = queue.pop();
    if (found.has(url)) continue;
    found.add(url);
    if (!url.endsWith('.js')) continue;
    const res = await fetchRetrying(url);
    if (!res.ok) continue;
    const text = await res.text();
    // Vite writes chunk references as import("./x.js"), from"./x.js" and "assets/x.css" (preload lists), and a file
    // a chunk fetches (the maps' oblast layer) as new URL("/assets/x.json", import.meta.url).
    for (const m of text.matchAll(/["'](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css|json))["']/g)) queue.push(`/assets/${m[1]}`);
  }
  return [...found];
}

/** Caches index.html and the files it needs, then drops files of older builds. */
async function refreshShell(indexResponse) {
  const cache = await caches.open(SHELL_CACHE);
  const html = await indexResponse.clone().text();
  const files = await shellFiles(html);
  await Promise.all(files.map(async (url) => {
    if ((await cache.match(url)) !== undefined) return;
    const res = await fetchRetrying(url);
    if (res.ok) await cache.put(url, res);
  }));
  await cache.put(INDEX, indexResponse);
  const keep = new Set([INDEX, ...files]);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!keep.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const res = await fetchRetrying(INDEX, { cache: 'no-cache' });
    if (res.ok) await refreshShell(res);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (![SHELL_CACHE, API_CACHE].includes(name)) await caches.delete(name);
    // Control the open page at once, so the first visit already works offline afterwards.
    await self.clients.claim();
  })());
});

// A page that was still loading when the worker activated is missed by clients.claim() in Chromium; such a page asks
// again once the worker is ready (web/src/offline/register-service-worker.ts).
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

/** The network, or null when it fails or is slower than the timeout (a flaky link should not hold the page). */
function network(request, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    fetch(request).then(
      (res) => { clearTimeout(timer); resolve(res); },
      () => { clearTimeout(timer); resolve(null); },
    );
  });
}

/** Network first, cached copy when offline; a fresh index.html also refreshes the cached shell when the build changed. */
async function navigation(event) {
  const cache = await caches.open(SHELL_CACHE);
  const fresh = await network(event.request, NAVIGATION_TIMEOUT_MS);
  if (fresh !== null && fresh.ok) {
    const cached = await cache.match(INDEX);
    const [now, before] = await Promise.all([fresh.clone().text(), cached === undefined ? '' : cached.text()]);
    // Only the app's own index.html replaces the cached shell (it is what every client-side route answers).
    if (now !== before && now.includes('<div id="root">')) event.waitUntil(refreshShell(fresh.clone()));
    return fresh;
  }
  return (await cache.match(INDEX)) ?? fresh ?? Response.error();
}

/** Hashed files never change: the cache answers, the network fills gaps. */
async function asset(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached !== undefined) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

/** Network first; the last good answer when offline. Only 200s are kept (never an error or someone else's 401). */
async function apiRead(request) {
  const cache = await caches.open(API_CACHE);
  const fresh = await network(request, API_TIMEOUT_MS);
  if (fresh !== null) {
    if (fresh.status === 200) await cache.put(request, fresh.clone());
    return fresh;
  }
  const cached = await cache.match(request);
  if (cached === undefined) return fetch(request).catch(() => Response.error());
  // Marked, so the page can tell a saved copy from the server's answer and ask again once the link is back.
  const headers = new Headers(cached.headers);
  headers.set(CACHED_COPY_HEADER, 'true');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Pages under /api (the OpenAPI browser) are the server's own, not the app shell.
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) event.respondWith(navigation(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
  else if (API_READS.some((re) => re.test(url.pathname))) event.respondWith(apiRead(request));
});
