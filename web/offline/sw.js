// Riskwright's service worker: the whole site from one versioned cache, so
// the app runs with no network after the first visit and never mixes files
// from two versions. build.sh writes public/sw.js from this file, replacing
// the version and the asset list; a new build is therefore a new worker.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `riskwright-${VERSION}`;

self.addEventListener('install', (event) => {
  // Fetch every file fresh (not from the HTTP cache) before this version
  // counts as installed: a half-cached version never serves.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(ASSETS.map((path) => new Request(new URL(path, self.registration.scope), { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith('riskwright-') && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting version to take over when the user agrees.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Files the host owns and edits after a build: the self-assessment's
// configuration and any questionnaire file it names. The page fetches them
// with `cache: 'no-cache'`; the configuration is also known by name.
const hostOwned = (request) =>
  request.cache === 'no-cache' || new URL(request.url).pathname.endsWith('/self-assessment.config.json');

// Network first for host-owned files, so a host's edit reaches returning
// visitors; the cached copy (kept fresh by each successful fetch) serves
// only when the network fails.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url);
  key.search = '';
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key.href, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(key.href);
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (hostOwned(request)) {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Navigations to the folder get its index.html.
      const url = new URL(request.url);
      const key = request.mode === 'navigate' && url.pathname.endsWith('/') ? new URL('index.html', url) : request;
      const hit = await cache.match(key, { ignoreSearch: true });
      return hit ?? fetch(request);
    }),
  );
});
