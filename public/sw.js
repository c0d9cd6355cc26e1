// Etalase Desa service worker: lets a buyer who visited once open the app and the catalog
// again with no signal. Strategy per request kind:
// - content-hashed assets (app-<hash>.js/.wasm, main-<hash>.css): cache first (never change);
// - pages and the catalog JSON: network first, fall back to the last good copy;
// - everything else (photos, worker files): network, with the cached copy if offline.
// Writes (POST etc.) and private answers are never touched.
// v2: v1 also stored private answers; activating v2 deletes that cache.
// v3: two app shells (buyer's and seller's), both kept on install.
// The catalog's search worker is kept on install too: its files are fetched by the worker
// only once the catalog has arrived, so a buyer who went offline right after a first visit
// would otherwise search without it.
const CACHE = 'etalase-v3';
const SEARCH_WORKER = ['/search-worker_loader.js', '/search-worker.js', '/search-worker_bg.wasm'];
// Answers for one person (a seller's inbox, listings and session; a buyer's tracking page)
// are never stored on the device: a phone is often shared, and the next person offline
// must not be shown them.
const PRIVATE = /^\/api\/(seller|auth|inquiries)\//;
// The server's search answers one query: kept under its path, the last answer would be
// given offline for any other query (a catalog the server searches then showed one search's
// listings under another's words). The page says itself that searching needs a connection.
const PER_QUERY = /^\/api\/catalog\/search$/;
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/;
// Which app shell a page belongs to: the same rule as `etalase_model::AppArea::of`, which the
// server uses to answer (Playwright checks a seller page opens offline).
const SELLER_PAGES = /^\/(masuk|penjual)(\/|$)/;
const shellOf = (path) => (SELLER_PAGES.test(path) ? '/penjual.html' : '/index.html');

// On install, keep both app shells and the content-hashed files they load, so a seller who
// opened the app once can reload the editor with no signal (the drafts are in the page's
// storage; the code to show them must be here too). Best effort: a failure only means less
// offline support, never a broken install.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    try {
      const cache = await caches.open(CACHE);
      for (const shell of ['/index.html', '/penjual.html']) {
        const res = await fetch(shell, { cache: 'no-cache' });
        if (!res.ok) continue;
        const html = await res.clone().text();
        await cache.put(shell, res);
        const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)]
          .map((m) => m[1])
          .filter((path) => HASHED.test(path));
        for (const path of new Set(assets)) {
          if (!(await cache.match(path))) await cache.add(path);
        }
      }
      await cache.addAll(SEARCH_WORKER);
    } catch (err) {
      // Offline or a partial deploy: pages are still cached as they are visited.
    }
    await self.skipWaiting();
  })());
});
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Only this worker's own older caches: `etalase-data` is the page's copy of the card
    // index (src/api), and deleting it here lost a first visit's offline catalog whenever
    // the worker activated after the page had kept it.
    for (const key of await caches.keys()) {
      if (key.startsWith('etalase-v') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (PRIVATE.test(url.pathname) || PER_QUERY.test(url.pathname)) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(req));
  } else if (req.mode === 'navigate') {
    // Every client-side route is its app's shell: the seller's pages are their own bundle.
    event.respondWith(networkFirst(req, shellOf(url.pathname)));
  } else {
    event.respondWith(networkFirst(req, url.pathname));
  }
});

async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) cache.put(req, res.clone());
  return res;
}

async function networkFirst(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (!hit) throw err;
    // Tell the app this is a saved copy, so it can say so.
    const headers = new Headers(hit.headers);
    headers.set('x-etalase-offline', '1');
    return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
  }
}

// A push is a seller's new inquiry (the server's notices): show it, under the notice's tag,
// so a copy sent again after a server restart replaces the first instead of adding one.
self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (err) {
    // Not ours or not JSON: still say something, as the browser requires.
  }
  event.waitUntil(self.registration.showNotification(message.title || 'Etalase Desa', {
    body: message.body || '',
    tag: message.tag || 'etalase-desa',
    icon: '/favicon.png',
    lang: 'id',
    data: { url: message.url },
  }));
});

// Tapping it opens the inbox: in a tab of the seller's app that is already open, if any.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const wanted = event.notification.data && event.notification.data.url;
  // Only a path of this site: a message can never send the seller elsewhere.
  const path = typeof wanted === 'string' && /^\/[^/\\]/.test(wanted) ? wanted : '/penjual/permintaan';
  const url = new URL(path, self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of open) {
      if (SELLER_PAGES.test(new URL(client.url).pathname) && 'focus' in client) {
        await client.focus();
        return client.navigate(url);
      }
    }
    return self.clients.openWindow(url);
  })());
});
