// Etalase Desa service worker: lets a buyer who visited once open the app and the catalog
// again with no signal. Strategy per request kind:
// - content-hashed assets (app-<hash>.js/.wasm, main-<hash>.css): cache first (never change);
// - pages and the catalog JSON: network first, fall back to the last good copy;
// - everything else (photos, worker files): network, with the cached copy if offline.
// Writes (POST etc.) and private answers are never touched.
// v2: v1 also stored private answers; activating v2 deletes that cache.
const CACHE = 'etalase-v2';
// Answers for one person (a seller's inbox, listings and session; a buyer's tracking page)
// are never stored on the device: a phone is often shared, and the next person offline
// must not be shown them.
const PRIVATE = /^\/api\/(seller|auth|inquiries)\//;
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (PRIVATE.test(url.pathname)) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(req));
  } else if (req.mode === 'navigate') {
    // Every client-side route is the same app shell.
    event.respondWith(networkFirst(req, '/index.html'));
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
