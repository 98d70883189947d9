// Every reader page: the dark-mode switch, the share button, the menu.
// All of it per reader in the browser (localStorage), none in the page the
// server sends, which is the same for every reader.
(function () {
  "use strict";
  var root = document.documentElement;

  // Dark mode: the reader's system setting, unless they chose with the
  // switch (remembered like the text size; the inline boot script in <head>
  // applies the choice before first paint).
  var KEY = "newsroom:theme";
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  var switches = document.querySelectorAll("[data-theme-switch]");

  function isDark() {
    var chosen = root.dataset.theme;
    return chosen ? chosen === "dark" : system.matches;
  }

  function render() {
    var dark = isDark();
    switches.forEach(function (button) { button.setAttribute("aria-pressed", String(dark)); });
  }

  function choose(theme) {
    root.dataset.theme = theme;
    try { localStorage.setItem(KEY, theme); } catch (e) { /* private mode: lasts this page */ }
    render();
  }

  switches.forEach(function (button) {
    button.addEventListener("click", function () { choose(isDark() ? "light" : "dark"); });
  });
  if (system.addEventListener) system.addEventListener("change", render);
  // Another tab chose: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    if (event.newValue === "dark" || event.newValue === "light") root.dataset.theme = event.newValue;
    else delete root.dataset.theme;
    render();
  });
  render();

  // Share: the browser's own share sheet where there is one, instead of the links.
  var share = document.querySelector("[data-share]");
  var links = document.querySelector("[data-share-links]");
  if (share && navigator.share) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var headline = document.querySelector("h1");
    share.hidden = false;
    if (links) links.hidden = true;
    share.addEventListener("click", function () {
      navigator.share({
        title: headline ? headline.textContent.trim() : document.title,
        url: canonical ? canonical.href : location.href
      }).catch(function () { /* the reader closed the sheet */ });
    });
  }

  // The section strip shows the reader's own section, however far along it is.
  var strip = document.querySelector(".sections-nav ul");
  var current = strip && strip.querySelector("[aria-current]");
  if (current && strip.scrollWidth > strip.clientWidth) {
    var box = strip.getBoundingClientRect(), item = current.getBoundingClientRect();
    if (item.right > box.right) strip.scrollLeft += item.right - box.right + 16;
    else if (item.left < box.left) strip.scrollLeft += item.left - box.left - 16;
  }

  // The comment form's time-trap token: not in the page (the page is the
  // same for every reader, kept by shared caches), fetched when the reader
  // comes near the form. Without it (no script, a failed fetch) the post
  // shows the form again with a token: one more press of the button.
  var commentForm = document.querySelector("form[data-token-url]");
  var tsField = commentForm && commentForm.querySelector('input[name="ts"]');
  if (tsField && !tsField.value) {
    var asked = false;
    var fetchToken = function () {
      if (asked) return;
      asked = true;
      fetch(commentForm.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.ts && !tsField.value) tsField.value = data.ts; })
        .catch(function () { asked = false; });
    };
    commentForm.addEventListener("focusin", fetchToken);
    if ("IntersectionObserver" in window) {
      var watcher = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          watcher.disconnect();
          fetchToken();
        }
      }, { rootMargin: "400px" });
      watcher.observe(commentForm);
    }
  }

  // The menu closes with Escape, and gives the focus back to its button.
  var menu = document.querySelector(".masthead__menu");
  if (menu) {
    menu.parentNode.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
