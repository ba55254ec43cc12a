/* Keyboard order that follows what is visible (issue 15).

   1. The navigation drawer.  This is the one place that depends on Material's
      DOM (9.x): the checkbox [data-md-toggle=drawer] (#__drawer), the header's
      <label for="__drawer"> that toggles it, and the primary sidebar
      (.md-sidebar--primary), which is an off-screen drawer below 76.25em
      (Material's own breakpoint, repeated here).  Material draws the toggle as a
      label, which the keyboard cannot reach, and leaves the closed drawer's
      links in the Tab order, off screen.  Here:
      - the label gets a real button inside it (name, aria-expanded), which
        the keyboard reaches; so do the labels that open and close the
        drawer's panels (the page's table of contents);
      - the closed drawer, and a closed panel in it, are `inert`, so none of
        their links takes focus;
      - opening it moves the focus to its first link; Escape closes it, and the
        focus goes back to the toggle.
   2. Focus stays inside what is modal: an open modal <dialog> (the search
      screen) or the open drawer.  Tab from the last stop goes to the first,
      Shift+Tab from the first to the last.  A modal <dialog> already makes the
      rest of the page inert and returns the focus on close; the wrap keeps Tab
      from leaving it for the browser's own controls.  One Escape closes the
      dialog, also from a search box with text in it (which would otherwise
      take the first Escape to empty itself).
   3. The skip link.  Material points it at the first heading of the table of
      contents.  On an article (title from front matter) that is the first h2,
      so the translation notice, the title and the introduction would be
      skipped: it points at the start of the content here, which takes the
      focus (tabindex -1) so that the next Tab goes on from there.  Without
      JavaScript, Material's link stays.
   4. The palette switch.  Material shows the label next to the current
      palette's radio button but leaves both unchecked, so Tab lands on the
      first one, whose label is hidden in the dark palette (no visible focus,
      and the wrong name read out): the current one is checked, whenever
      Material shows a new page.
   These were inline scripts in every page; here they are in one file that the
   browser (and the service worker) keeps across pages.
   The toggle's name comes from the data-drawer-label attribute of this
   script's tag (the page's language, see overrides/main.html). */
(function () {
  "use strict";
  var script = document.currentScript;
  var toggle = document.querySelector("[data-md-toggle=drawer]");
  var opener = document.querySelector(".md-header label[for='__drawer']");
  var drawer = document.querySelector(".md-sidebar--primary");
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"),
      function (el) {
        if (el.disabled || el.tabIndex < 0 || el.closest("[inert]")) return false;
        var box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
      }
    );
  }

  function drawerIsModal() {
    return !!(toggle && drawer && toggle.checked && narrow.matches);
  }

  // A label that toggles one of Material's checkboxes gets a real <button>
  // around its content (a label may not take role="button"): the keyboard
  // reaches it, Enter and Space press it, and it clicks the checkbox as the
  // label would (a click on a button inside a label does not reach the label's
  // checkbox, so it is done here).  The button is returned, to carry
  // aria-expanded and to take the focus back.
  function asButton(label, box, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hd-toggle";
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    if (name) button.setAttribute("aria-label", name);
    button.addEventListener("click", function () { box.click(); });
    return button;
  }

  // -- 1. the drawer ------------------------------------------------------------
  if (toggle && opener && drawer) {
    drawer.id = drawer.id || "hd-drawer";
    var drawerButton = asButton(opener, toggle, script && script.dataset.drawerLabel);
    drawerButton.setAttribute("aria-controls", drawer.id);

    // Panels inside the drawer (the page's table of contents, sections): a
    // checkbox, the label that opens the panel and the panel's title that
    // closes it; in the drawer, a closed panel sits off screen.
    var panels = Array.prototype.map.call(drawer.querySelectorAll("input.md-nav__toggle[id]"), function (box) {
      var panel = box.parentElement.querySelector(":scope > nav");
      var buttons = Array.prototype.map.call(drawer.querySelectorAll("label[for='" + box.id + "']"), function (label) {
        return asButton(label, box);
      });
      return { box: box, panel: panel, opener: buttons[0] };
    }).filter(function (p) { return p.panel && p.opener; });

    var update = function () {
      drawer.inert = narrow.matches && !toggle.checked;
      if (narrow.matches) drawerButton.setAttribute("aria-expanded", String(toggle.checked));
      else drawerButton.removeAttribute("aria-expanded");
      panels.forEach(function (p) {
        p.panel.inert = narrow.matches && !p.box.checked;
        if (narrow.matches) p.opener.setAttribute("aria-expanded", String(p.box.checked));
        else p.opener.removeAttribute("aria-expanded");
      });
    };
    // A link to a part of this page, followed in the drawer, closes it
    // (Material): the focus goes to that part, where the reader now is.
    var followed = null;
    drawer.addEventListener("click", function (ev) {
      var link = ev.target instanceof Element && ev.target.closest("a[href^='#']");
      followed = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
    });
    var follow = function (box, region, back) {
      box.addEventListener("change", function () {
        update();
        if (!narrow.matches) return;
        if (followed && !box.checked) {
          if (!followed.hasAttribute("tabindex")) followed.setAttribute("tabindex", "-1");
          followed.focus({ preventScroll: true });
          followed = null;
        } else if (box.checked) {
          var first = focusables(region)[0];
          if (first) first.focus();
        } else if (region.contains(document.activeElement) || document.activeElement === document.body) {
          back.focus();
        }
      });
    };
    follow(toggle, drawer, drawerButton);
    panels.forEach(function (p) { follow(p.box, p.panel, p.opener); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && drawerIsModal()) {
        ev.preventDefault();
        toggle.click(); // the way Material itself toggles it
      }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", update);
    update();
  }

  // -- 2. focus stays inside what is modal --------------------------------------------
  // Capture phase on window: runs before the page's own key handlers.
  window.addEventListener(
    "keydown",
    function (ev) {
      var dialog = document.querySelector("dialog[open]:modal");
      if (ev.key === "Escape" && dialog && !ev.defaultPrevented) {
        ev.preventDefault();
        if (typeof dialog.requestClose === "function") dialog.requestClose();
        else dialog.close();
        return;
      }
      if (ev.key !== "Tab" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var region = dialog || (drawerIsModal() ? drawer : null);
      if (!region) return;
      var stops = focusables(region);
      if (!stops.length) return;
      var first = stops[0];
      var last = stops[stops.length - 1];
      var active = document.activeElement;
      var inside = region.contains(active);
      if (ev.shiftKey && (!inside || active === first)) {
        ev.preventDefault();
        last.focus();
      } else if (!ev.shiftKey && (!inside || active === last)) {
        ev.preventDefault();
        first.focus();
      }
    },
    true
  );

  // -- 3. the skip link ----------------------------------------------------------------
  var skip = document.querySelector(".md-skip");
  var content = document.querySelector(".md-content__inner");
  if (skip && content) {
    content.id = content.id || "hd-content";
    content.setAttribute("tabindex", "-1");
    skip.setAttribute("href", "#" + content.id);
  }

  // -- 4. the palette switch -----------------------------------------------------------
  function currentPalette() {
    document.querySelectorAll("[data-md-component=palette] .md-option").forEach(function (input) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL" && !label.hidden) input.checked = true;
    });
  }
  if (window.document$) window.document$.subscribe(currentPalette);
  else document.addEventListener("DOMContentLoaded", currentPalette);
})();
