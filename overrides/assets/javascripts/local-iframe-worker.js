/*
 * Search from file:// (the offline bundle only; see mkdocs.offline.yml).
 *
 * A browser refuses to start a Web Worker from a file:// page, so Material's
 * search worker cannot run there. This replaces `Worker` with a small
 * stand-in that runs the same worker script in a hidden same-origin frame:
 * the frame gets its own global scope, as a worker would, and messages pass
 * between the page and the frame as they would with a real worker.
 *
 * Only what Material's search worker uses is provided: postMessage and
 * "message" events both ways, and importScripts (which here loads the
 * scripts in order and returns a promise; the worker awaits it).
 * Served over http(s), the page keeps the real Worker.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof document === "undefined") return;

  function FrameWorker(url) {
    var self = this;
    var target = new EventTarget(); // the page's listeners
    var script = new URL(String(url), document.baseURI);
    var queue = [];
    var ready = false;

    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.onmessage = null;
    this.onerror = null;

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "search";
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;
    var doc = scope.document;

    // Worker -> page
    scope.postMessage = function (data) {
      var copy = structuredClone(data);
      setTimeout(function () {
        var event = new MessageEvent("message", { data: copy });
        if (typeof self.onmessage === "function") self.onmessage(event);
        self.dispatchEvent(event);
      }, 0);
    };

    // importScripts: URLs are relative to the worker script, as in a worker
    scope.importScripts = function () {
      var urls = Array.prototype.map.call(arguments, function (u) {
        return new URL(String(u), script).href;
      });
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(src); });
      }, Promise.resolve());
    };

    function load(src) {
      return new Promise(function (resolve, reject) {
        var el = doc.createElement("script");
        el.src = src;
        el.onload = function () { resolve(); };
        el.onerror = function () {
          var error = new Error("could not load " + src);
          if (typeof self.onerror === "function") self.onerror(error);
          reject(error);
        };
        (doc.head || doc.documentElement).appendChild(el);
      });
    }

    // Page -> worker: queued until the worker script has run
    function deliver(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }));
    }
    this.postMessage = function (data) {
      if (ready) setTimeout(function () { deliver(data); }, 0);
      else queue.push(data);
    };
    this.terminate = function () {
      queue = [];
      frame.remove();
    };

    load(script.href).then(function () {
      ready = true;
      queue.splice(0).forEach(deliver);
    }, function () {});
  }

  window.Worker = FrameWorker;
})();
