/*
 * Service worker of the published site: every page, asset and search index
 * of every language is saved on the first visit, so the site can be read
 * with no connection.  Written to the site root by healthdocs.offline at
 * build time, which puts `BUILD` above this text:
 *
 *   BUILD.version   hash of the content; a new deploy is a new worker
 *   BUILD.precache  URLs relative to the site root (this file's folder)
 *   BUILD.fallback  language -> offline page; BUILD.roots language -> folder
 *
 * Pages: the network first (fresh content when online; the saved copy after
 * a few seconds without an answer, or at once when offline), then the offline
 * page of the page's language.  Everything else: the saved copy first.
 * Nothing outside the site's own folder is touched.
 */
"use strict";

const ROOT = new URL("./", self.location).href;
const PREFIX = "healthdocs " + ROOT + " ";
const CACHE = PREFIX + BUILD.version;
const TIMEOUT = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(BUILD.precache.map((url) => new Request(new URL(url, ROOT), { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  if (request.mode === "navigate") event.respondWith(page(request));
  else event.respondWith(asset(request));
});

/* The cache key of a URL: no query or fragment, and folder/index.html -> folder/ */
function key(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

async function saved(url) {
  const cache = await caches.open(CACHE);
  const k = key(url);
  let hit = await cache.match(k);
  // /glossary/term (no slash) is the folder /glossary/term/ on the server
  if (!hit && !k.endsWith("/") && !/\.[a-z0-9]+$/i.test(new URL(k).pathname)) hit = await cache.match(k + "/");
  return hit;
}

function fallback(url) {
  const path = url.slice(ROOT.length);
  for (const [lang, root] of Object.entries(BUILD.roots)) {
    if (root && path.startsWith(root)) return new URL(BUILD.fallback[lang], ROOT).href;
  }
  return new URL(BUILD.fallback[BUILD.source], ROOT).href;
}

async function page(request) {
  const network = fetch(request);
  network.catch(() => {}); // handled below; a late failure is not an error
  const late = new Promise((resolve) => setTimeout(resolve, TIMEOUT));
  try {
    const response = await Promise.race([network, late.then(() => saved(request.url)).then((copy) => copy || network)]);
    if (response) return response;
  } catch (error) {
    // offline, or the server did not answer: the saved copy below
  }
  const copy = await saved(request.url);
  if (copy) return copy;
  const offline = await saved(fallback(request.url));
  return offline || Response.error();
}

async function asset(request) {
  const copy = await saved(request.url);
  return copy || fetch(request);
}
