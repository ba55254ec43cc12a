/*
 * Service worker of the published site, sized to the reader.  Written to the
 * site root by healthdocs.offline at build time, which puts `BUILD` above:
 *
 *   BUILD.version   changes with any file; a new deploy is a new worker
 *   BUILD.files     address -> [revision, size] of the shared files and the
 *                   install pages (addresses relative to the site root)
 *   BUILD.install   language -> what a reader of it gets at install: the shell
 *                   (what the home page loads) and the home page, glossary
 *                   index and offline page of that language
 *   BUILD.lists     language -> its list of every file with revision and size
 *                   (sw-files.<lang>.json), fetched only to update saved
 *                   files or when the reader asks to save a page or language
 *   BUILD.engine    Pagefind's script, worker and entry file
 *   BUILD.roots     language -> folder; BUILD.fallback language -> offline page
 *
 * One cache.  Every saved response carries the revision of its bytes (the
 * SHA-256 the build wrote, computed again here), so an update downloads only
 * the files whose revision changed.  Install: the shell and the languages of
 * the open pages.  Pages, then, are saved as they are read (network first,
 * the saved copy when offline or after a few seconds); other files, search
 * chunks included, from the saved copy first.  An address without a trailing
 * slash is redirected to the folder, as the server does.  Nothing outside the
 * site's own folder is touched.
 */
"use strict";

const ROOT = new URL("./", self.location).href;
const CACHE = "healthdocs " + ROOT;
const REVISION = "x-hd-revision";
const TITLE = "x-hd-title";
const TIMEOUT = 4000;
const PARALLEL = 4;

/* -- addresses ------------------------------------------------------------ */

/* The cache key of a URL: no query or fragment, and folder/index.html -> folder/ */
function key(url) {
  const u = new URL(url, ROOT);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

/* Site-relative address of a key, as the build writes it ("./" for the root) */
function address(url) {
  const rel = key(url).slice(ROOT.length);
  return rel || "./";
}

function languageOf(url) {
  const rel = key(url).slice(ROOT.length);
  const name = rel.startsWith("pagefind/") ? rel.split("/").pop() : null;
  for (const lang of Object.keys(BUILD.roots)) {
    if (name !== null) {
      if (new RegExp("^(?:wasm\\.|pagefind\\.)?" + lang + "[._]").test(name)) return lang;
    } else if (BUILD.roots[lang] && rel.startsWith(BUILD.roots[lang])) {
      return lang;
    }
  }
  return BUILD.source;
}

/* A folder address without its slash (/es/glosario/term): the server redirects it */
function folderOf(url) {
  const u = new URL(url);
  if (u.pathname.endsWith("/") || /\.[a-z0-9]+$/i.test(u.pathname)) return null;
  u.pathname += "/";
  return u.href;
}

/* -- saving ---------------------------------------------------------------- */

async function digest(buffer) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("").slice(0, 12);
}

/* Save a response under its key, with the revision of its bytes (and a page's title) */
async function store(cache, url, response) {
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  const revision = await digest(body);
  headers.set(REVISION, revision);
  if ((headers.get("content-type") || "").startsWith("text/html")) {
    const match = /<title>([^<]*)<\/title>/i.exec(new TextDecoder().decode(body));
    if (match) headers.set(TITLE, encodeURIComponent(match[1].trim()));
  }
  await cache.put(key(url), new Response(body, { status: 200, statusText: "OK", headers }));
  return revision;
}

function savable(response) {
  return response && response.status === 200 && response.type === "basic" && !response.redirected;
}

/* Download one file of the build.  The browser's HTTP cache may answer (nothing the page
   has loaded is fetched twice); if its bytes are not the build's revision, the server does. */
async function download(cache, path, revision) {
  const url = new URL(path, ROOT).href;
  let response = await fetch(url, { cache: "default", credentials: "same-origin" });
  if (savable(response) && ((await store(cache, url, response)) === revision || !revision)) return true;
  response = await fetch(url, { cache: "reload", credentials: "same-origin" });
  if (!savable(response)) return false;
  await store(cache, url, response);
  return true;
}

async function downloadAll(cache, wanted, progress) {
  const items = Array.from(wanted.entries());
  let next = 0;
  let done = 0;
  let failed = 0;
  async function lane() {
    while (next < items.length) {
      const [path, revision] = items[next++];
      try {
        if (!(await download(cache, path, revision))) failed++;
      } catch (error) {
        failed++;
      }
      done++;
      if (progress) progress(done, items.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
  return failed;
}

/* key -> revision of everything saved */
async function savedRevisions(cache) {
  const out = new Map();
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    out.set(request.url, response ? response.headers.get(REVISION) : null);
  }
  return out;
}

const lists = {};
/* The list of a language's files (address -> [revision, size]), fetched once per worker */
function list(lang) {
  if (!lists[lang]) {
    lists[lang] = fetch(new URL(BUILD.lists[lang], ROOT).href, { cache: "no-cache" })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
      .then((data) => data.files)
      .catch((error) => {
        delete lists[lang];
        throw error;
      });
  }
  return lists[lang];
}

/* What a reader of these languages gets at install: address -> revision */
function installSet(languages) {
  const wanted = new Map();
  for (const lang of languages) {
    for (const path of BUILD.install[lang] || []) wanted.set(path, (BUILD.files[path] || [null])[0]);
  }
  return wanted;
}

async function openLanguages() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const out = new Set(windows.filter((c) => c.url.startsWith(ROOT)).map((c) => languageOf(c.url)));
  return out.size ? Array.from(out) : [BUILD.source];
}

/* Install and update: the shell of the open pages' languages, then every saved file whose
   revision changed; files that left the site are dropped. */
async function install() {
  const cache = await caches.open(CACHE);
  const saved = await savedRevisions(cache);
  const wanted = installSet(await openLanguages());
  const gone = [];
  const known = new Map(Object.entries(BUILD.files).map(([path, entry]) => [new URL(path, ROOT).href, [path, entry[0]]]));
  const byLanguage = {};
  for (const url of saved.keys()) {
    if (known.has(url)) continue;
    (byLanguage[languageOf(url)] = byLanguage[languageOf(url)] || []).push(url);
  }
  for (const [lang, urls] of Object.entries(byLanguage)) {
    let files = null;
    try {
      files = BUILD.lists[lang] ? await list(lang) : {};
    } catch (error) {
      continue; // no list now: keep what is saved, the next update tries again
    }
    for (const url of urls) {
      const entry = files[address(url)];
      if (entry) known.set(url, [address(url), entry[0]]);
      else gone.push(url);
    }
  }
  for (const [url, revision] of saved) {
    const entry = known.get(url);
    if (entry && entry[1] !== revision) wanted.set(entry[0], entry[1]);
  }
  for (const [path, revision] of Array.from(wanted)) {
    if (saved.get(new URL(path, ROOT).href) === revision) wanted.delete(path);
  }
  await downloadAll(cache, wanted);
  await Promise.all(gone.map((url) => cache.delete(url)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      // the caches of earlier workers of this site (one per version)
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE + " ")).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

/* -- reading --------------------------------------------------------------- */

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  const path = address(request.url);
  if (path === "sw.js" || path.startsWith("sw-files.") || path.endsWith(".zip")) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else event.respondWith(asset(event));
});

async function saved(url) {
  const cache = await caches.open(CACHE);
  return cache.match(key(url));
}

/* The offline page of the address's language, else of a language the reader has read */
async function fallback(url) {
  const lang = languageOf(url);
  const pages = [BUILD.fallback[lang], ...Object.values(BUILD.fallback).filter((p) => p !== BUILD.fallback[lang])];
  for (const path of pages) {
    const copy = await saved(new URL(path, ROOT).href);
    if (copy) return copy;
  }
  return null;
}

/* The saved copy of a page; for a folder address without its slash, the redirect to it */
async function copyOf(url) {
  const folder = folderOf(url);
  if (folder && (await saved(folder))) return Response.redirect(folder, 301);
  return saved(url);
}

const shellChecked = {};
/* A reader who opens a page of another language gets that language's shell too */
function ensureShell(event, lang) {
  if (shellChecked[lang]) return;
  shellChecked[lang] = true;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      const saved = await savedRevisions(cache);
      const wanted = installSet([lang]);
      for (const [path, revision] of Array.from(wanted)) {
        if (saved.get(new URL(path, ROOT).href) === revision) wanted.delete(path);
      }
      await downloadAll(cache, wanted);
    })
  );
}

async function page(event) {
  const request = event.request;
  const network = fetch(request);
  network.catch(() => {}); // handled below; a late failure is not an error
  const late = new Promise((resolve) => setTimeout(resolve, TIMEOUT));
  try {
    const response = await Promise.race([network, late.then(() => copyOf(request.url)).then((copy) => copy || network)]);
    if (response) {
      if (savable(response)) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => store(cache, request.url, copy)).catch(() => {}));
        ensureShell(event, languageOf(request.url));
      }
      return response;
    }
  } catch (error) {
    // offline, or the server did not answer: the saved copy below
  }
  const copy = await copyOf(request.url);
  if (copy) return copy;
  return (await fallback(request.url)) || Response.error();
}

async function asset(event) {
  const request = event.request;
  const copy = await saved(request.url);
  if (copy) return copy;
  const response = await fetch(request);
  if (savable(response)) {
    const clone = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => store(cache, request.url, clone)).catch(() => {}));
  }
  return response;
}

/* -- saving on request (overrides/assets/javascripts/offline.js) ------------ */

/* What saving would download: {wanted: address -> revision, bytes, files} */
async function plan(message) {
  const lang = BUILD.lists[message.lang] ? message.lang : BUILD.source;
  const files = await list(lang);
  const paths = new Set();
  if (message.what === "language") {
    Object.keys(files).forEach((path) => paths.add(path));
    BUILD.engine.forEach((path) => paths.add(path));
  } else {
    for (const url of message.urls || []) {
      if (!url.startsWith(ROOT)) continue;
      const path = address(url);
      if (files[path]) paths.add(path);
      // the page's own files (images in its folder)
      if (path.endsWith("/") && url === message.urls[0]) {
        Object.keys(files).filter((p) => p.startsWith(path) && !p.endsWith("/")).forEach((p) => paths.add(p));
      }
    }
  }
  const cache = await caches.open(CACHE);
  const wanted = new Map();
  let bytes = 0;
  for (const path of paths) {
    const entry = files[path] || BUILD.files[path];
    if (!entry) continue;
    const copy = await cache.match(new URL(path, ROOT).href);
    if (copy && copy.headers.get(REVISION) === entry[0]) continue;
    wanted.set(path, entry[0]);
    bytes += entry[1];
  }
  return { wanted, bytes, files: wanted.size, total: paths.size };
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const port = event.ports && event.ports[0];
  if (!port || (message.type !== "estimate" && message.type !== "save")) return;
  event.waitUntil(
    plan(message)
      .then(async (result) => {
        if (message.type === "estimate") {
          port.postMessage({ type: "estimate", bytes: result.bytes, files: result.files, total: result.total });
          return;
        }
        const cache = await caches.open(CACHE);
        const failed = await downloadAll(cache, result.wanted, (done, of) => port.postMessage({ type: "progress", done, of }));
        port.postMessage({ type: "saved", files: result.files, failed });
      })
      .catch((error) => port.postMessage({ type: "error", message: String(error) }))
  );
});
