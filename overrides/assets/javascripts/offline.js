/*
 * Reading offline, on the page's side (issue 13).
 *
 * - Registers the service worker (sw.js at the site root; the script tag's
 *   data-worker attribute), except from file:// and under `mkdocs serve`
 *   (live reload), where saved copies would hide one's edits.
 * - "Save on this device" (overrides/partials/offline-save.html): asks the
 *   worker what saving would download (the article with the pages it links
 *   to in its language and its own files, or every file of the language),
 *   shows the size, and saves on the reader's confirmation.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || location.protocol === "file:" || !script) return;
  var workerUrl = new URL(script.getAttribute("data-worker"), location.href).href;

  window.addEventListener("load", function () {
    if (typeof window.livereload === "function") {
      navigator.serviceWorker.getRegistrations().then(function (all) {
        all.forEach(function (registration) { registration.unregister(); });
      });
      return;
    }
    navigator.serviceWorker.register(workerUrl).catch(function () {});
    navigator.serviceWorker.ready.then(setUp).catch(function () {});
  });

  function ask(registration, message) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      var onProgress = message.onProgress;
      delete message.onProgress;
      channel.port1.onmessage = function (event) {
        var data = event.data || {};
        if (data.type === "progress") { if (onProgress) onProgress(data); return; }
        if (data.type === "error") reject(new Error(data.message));
        else resolve(data);
      };
      registration.active.postMessage(message, [channel.port2]);
    });
  }

  function size(bytes, lang) {
    var format = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    if (bytes >= 1024 * 1024) return format.format(bytes / (1024 * 1024)) + " MB";
    return format.format(Math.max(1, Math.round(bytes / 1024))) + " KB";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  /* The article and the pages of its language it links to (glossary terms, related articles) */
  function pageUrls() {
    var here = location.href.split("#")[0].split("?")[0];
    var urls = [here];
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var url = a.href.split("#")[0].split("?")[0];
      if (url && urls.indexOf(url) < 0 && url.indexOf(location.origin) === 0) urls.push(url);
    });
    return urls;
  }

  function setUp(registration) {
    var lang = document.documentElement.lang;
    document.querySelectorAll("[data-hd-save]").forEach(function (box) {
      var what = box.getAttribute("data-hd-save");
      var askButton = box.querySelector("[data-hd-save-ask]");
      var confirm = box.querySelector("[data-hd-save-confirm]");
      var sizeText = box.querySelector("[data-hd-save-size]");
      var go = box.querySelector("[data-hd-save-go]");
      var cancel = box.querySelector("[data-hd-save-cancel]");
      var status = box.querySelector("[data-hd-save-status]");
      var message = function () { return { what: what, lang: lang, urls: what === "page" ? pageUrls() : [] }; };
      box.hidden = false;
      if (box.closest(".hd-offline")) box.closest(".hd-offline").hidden = false;

      askButton.addEventListener("click", function () {
        status.textContent = "";
        var m = message();
        m.type = "estimate";
        ask(registration, m).then(function (result) {
          if (!result.files) {
            status.textContent = status.getAttribute("data-nothing");
            return;
          }
          sizeText.textContent = fill(sizeText.getAttribute("data-template"), { size: size(result.bytes, lang), files: result.files });
          confirm.hidden = false;
          go.focus();
        }).catch(function () {
          status.textContent = status.getAttribute("data-failed");
        });
      });
      cancel.addEventListener("click", function () {
        confirm.hidden = true;
        askButton.focus();
      });
      go.addEventListener("click", function () {
        confirm.hidden = true;
        askButton.focus();
        var m = message();
        m.type = "save";
        m.onProgress = function (data) {
          status.textContent = fill(status.getAttribute("data-progress"), { done: data.done, of: data.of });
        };
        ask(registration, m).then(function (result) {
          status.textContent = status.getAttribute(result.failed ? "data-failed" : "data-saved");
          box.setAttribute("data-hd-saved", result.failed ? "partly" : "yes");
        }).catch(function () {
          status.textContent = status.getAttribute("data-failed");
        });
      });
    });
  }
})();
