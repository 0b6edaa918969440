// The service worker: after one visit the site works offline. It keeps the site's own files
// (and nothing else) in a cache named after the build, answers from that cache first, and
// drops the caches of older builds when a new build takes over.
//
// scripts/build-sw.mjs replaces VERSION and FILES in dist/sw.js with the build's hash and file
// list (paths relative to this file); a new build thus changes sw.js, the browser installs the
// new version in the background at the next visit, and it takes over at once (skipWaiting):
// the visit after shows the new build. (A tab left open across a deploy may load a lazily
// imported file of the new build; the page's files change together, so that is rare.)

const VERSION = 'dev';
const FILES = [];
const CACHE = `clientele-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' reads past the HTTP cache, so the copy is this build's.
      await cache.addAll(FILES.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('clientele-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // The site's root is its index.html.
      const key = url.href.split(/[?#]/)[0].endsWith('/') ? new URL('index.html', url) : url;
      const hit = await cache.match(key, { ignoreSearch: true });
      return hit ?? fetch(request);
    })(),
  );
});
