// Đôn Đốc's service worker: after one visit the app opens and works with the network off. It keeps
// every file of one build in a cache named after that build (scripts/build writes the list and the
// version below), answers the page's requests from it, and removes the caches of older builds once
// it takes over. A new build waits until the page says the person chose "Tải lại".
'use strict';
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = 'dondoc-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('dondoc-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting build to take over (the person pressed "Tải lại").
self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The page itself, under any address of the folder (./, ./index.html, ./?x): the cached page.
      const key = request.mode === 'navigate' ? './index.html' : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      return hit ?? fetch(request);
    }),
  );
});
