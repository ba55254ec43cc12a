/*
 * The search dialog (issue 13; overrides/partials/search.html).
 *
 * Nothing of the index loads before the reader searches.  Over http(s) the
 * engine is Pagefind (pagefind/pagefind.js at the site root, imported on the
 * first search): it picks the index of the page's <html lang>, fetches only
 * the chunks a query needs, folds accents and stems.  From file:// (the
 * offline copy) Chromium refuses ES modules and fetch(), so the engine is
 * lunr: lunr.js and the language's stemmer as classic scripts, over the
 * language's index script (search/search_index.js), with the same folding.
 *
 * The page carries only the button (.hd-search-open), with the dialog's
 * words in its data-* attributes; the dialog is built here, next to it
 * (issue 14: its markup is no longer repeated in every page).
 *
 * window.hdSearch = { open, close, dialog, input }.  The dialog dispatches
 * "hd-search:open" and "hd-search:results" (detail: { count }).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var opener = document.querySelector(".hd-search-open");
  if (!opener || !script || typeof HTMLDialogElement !== "function") return;
  var dialog = build(opener);
  var root = new URL("../../", script.src).href; // this file is assets/javascripts/search.js
  var input = document.getElementById("hd-search-input");
  var status = document.getElementById("hd-search-status");
  var list = document.getElementById("hd-search-results");
  var lang = document.documentElement.lang;
  var langRoot = new URL(dialog.getAttribute("data-lang-root") || "", root).href;
  var engine = null;
  var serial = 0;
  var timer = null;
  var MAX = 10;

  /* The dialog: named by its title, a labelled search box, a live region for
     the count, the results; its words from the button's data-* attributes. */
  function build(button) {
    var words = button.dataset;
    var d = document.createElement("dialog");
    d.id = "hd-search";
    d.className = "hd-search md-typeset";
    d.setAttribute("aria-labelledby", "hd-search-title");
    ["engine", "lunr", "langRoot", "none", "one", "other", "loading", "offline"].forEach(function (key) {
      if (key in words) d.dataset[key] = words[key];
    });
    d.innerHTML =
      '<div class="hd-search__bar"><p id="hd-search-title" class="hd-search__title"></p>' +
      '<button type="button" class="hd-search__close md-icon"></button></div>' +
      '<form class="hd-search__form" role="search" action="javascript:void(0)">' +
      '<label for="hd-search-input" class="hd-search__label"></label>' +
      '<input type="search" id="hd-search-input" class="hd-search__input" name="q" autocomplete="off" spellcheck="false" autocapitalize="off">' +
      "</form>" +
      '<p id="hd-search-status" class="hd-search__status" role="status"></p>' +
      '<ol id="hd-search-results" class="hd-search__results"></ol>';
    d.querySelector(".hd-search__title").textContent = button.getAttribute("aria-label");
    d.querySelector(".hd-search__label").textContent = words.label;
    var closer = d.querySelector(".hd-search__close");
    closer.setAttribute("aria-label", words.close);
    closer.title = words.close;
    closer.innerHTML = words.closeIcon || "";
    button.after(d);
    button.setAttribute("aria-controls", d.id);
    return d;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* -- engines ------------------------------------------------------------ */

  function pagefind() {
    return import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      return pf.options({ basePath: new URL("pagefind/", root).pathname, baseUrl: new URL(root).pathname }).then(function () {
        return {
          search: function (query) {
            return pf.search(query).then(function (found) {
              return Promise.all(found.results.slice(0, MAX).map(function (r) { return r.data(); })).then(function (data) {
                return {
                  count: found.results.length,
                  items: data.map(function (d) {
                    return { url: d.url, title: (d.meta && d.meta.title) || d.url, excerpt: d.excerpt };
                  })
                };
              });
            });
          }
        };
      });
    });
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(tag);
    });
  }

  function lunrEngine() {
    // lunr.js, then the language's stemmer where lunr has none of its own (data-lunr, from the build)
    var scripts = ["assets/javascripts/lunr/lunr.min.js"].concat((dialog.getAttribute("data-lunr") || "").split(" ").filter(Boolean));
    var chain = Promise.resolve();
    scripts.forEach(function (src) { chain = chain.then(function () { return load(new URL(src, root).href); }); });
    return chain.then(function () { return load(new URL("search/search_index.js", langRoot).href); }).then(function () {
      var lunr = window.lunr;
      var docs = {};
      var folding = function (token) { return token.update(fold); };
      lunr.Pipeline.registerFunction(folding, "hdFold");
      var index = lunr(function () {
        var stemmer = lunr.stemmer;
        if (lunr[lang] && lunr[lang].stemmer) {
          this.use(lunr[lang]);
          stemmer = lunr[lang].stemmer;
        }
        this.pipeline.before(stemmer, folding);
        this.searchPipeline.before(stemmer, folding);
        this.ref("location");
        this.field("title", { boost: 10 });
        this.field("text");
        var self = this;
        (window.__index.docs || []).forEach(function (doc) {
          var page = doc.location.split("#")[0];
          if (!docs[page]) docs[page] = { title: doc.title, text: "" };
          docs[page].text += " " + doc.text;
        });
        Object.keys(docs).forEach(function (page) {
          var text = docs[page].text.replace(/<[^>]*>/g, " ");
          docs[page].text = text;
          self.add({ location: page, title: docs[page].title, text: text });
        });
      });
      return {
        search: function (query) {
          var tokens = lunr.tokenizer(query.replace(/[:~^+\-*]/g, " "));
          var found = index.query(function (q) {
            tokens.forEach(function (token) { q.term(token, { presence: lunr.Query.presence.OPTIONAL }); });
          });
          return Promise.resolve({
            count: found.length,
            items: found.slice(0, MAX).map(function (r) {
              var doc = docs[r.ref];
              var text = doc.text.replace(/\s+/g, " ").trim();
              var div = document.createElement("div");
              div.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : "");
              return { url: new URL(r.ref, langRoot).href, title: doc.title, excerpt: div.innerHTML };
            })
          });
        }
      };
    });
  }

  function ready() {
    if (!engine) {
      engine = (dialog.getAttribute("data-engine") === "lunr" || location.protocol === "file:" ? lunrEngine() : pagefind());
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* -- the dialog --------------------------------------------------------- */

  function say(text) {
    status.textContent = text;
  }

  function countText(count) {
    if (count === 0) return dialog.getAttribute("data-none");
    if (count === 1) return dialog.getAttribute("data-one");
    return dialog.getAttribute("data-other").replace("#", count);
  }

  function show(result) {
    list.textContent = "";
    result.items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "hd-search__result";
      var a = document.createElement("a");
      a.href = item.url;
      a.className = "hd-search__link";
      var title = document.createElement("span");
      title.className = "hd-search__result-title";
      var div = document.createElement("div");
      div.innerHTML = item.title; // Pagefind's title: escaped text
      title.textContent = div.textContent;
      a.appendChild(title);
      li.appendChild(a);
      if (item.excerpt) {
        var p = document.createElement("p");
        p.className = "hd-search__excerpt";
        p.innerHTML = item.excerpt; // escaped text with <mark> around the words found
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    say(countText(result.count));
    dialog.dispatchEvent(new CustomEvent("hd-search:results", { detail: { count: result.count } }));
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    if (!query) {
      list.textContent = "";
      say("");
      return;
    }
    if (!engine) say(dialog.getAttribute("data-loading"));
    ready()
      .then(function (e) { return e.search(query); })
      .then(function (result) {
        if (mine !== serial) return;
        show(result);
        status.setAttribute("data-query", query); // what the count is for (tests wait on it)
      })
      .catch(function () {
        if (mine !== serial) return;
        list.textContent = "";
        say(dialog.getAttribute("data-offline"));
        status.setAttribute("data-query", query);
      });
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    dialog.dispatchEvent(new CustomEvent("hd-search:open"));
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  dialog.querySelector(".hd-search__close").addEventListener("click", close);
  // A click on the backdrop (outside the dialog's box) closes it
  dialog.addEventListener("click", function (event) {
    if (event.target !== dialog) return;
    var box = dialog.getBoundingClientRect();
    var inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) close();
  });
  opener.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });

  window.hdSearch = { open: open, close: close, dialog: dialog, input: input };
})();
