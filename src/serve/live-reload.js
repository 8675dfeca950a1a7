// alumni serve: live reload. Added to HTML pages only while previewing with
// `alumni serve` (never to `alumni build` output). Reloads the page when a
// rebuild finishes, swaps stylesheets in place when only CSS changed, and
// after the server stops, keeps trying to reconnect and then reloads.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__alumniLiveReload) return;
  window.__alumniLiveReload = true;
  var server = me.getAttribute("data-server");
  var version = me.getAttribute("data-version");
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + me.getAttribute("data-socket");
  var socket = null;
  var retry = 250;
  var leaving = false;

  function connect() {
    if (leaving) return;
    var s = new WebSocket(url);
    socket = s;
    s.onopen = function () { retry = 250; };
    s.onmessage = function (e) { handle(e.data); };
    // A failed connection is followed by `close`, which retries.
    s.onerror = function () {};
    s.onclose = function () {
      if (socket === s) socket = null;
      if (!leaving) {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 2000);
      }
    };
  }

  function handle(text) {
    var m;
    try { m = JSON.parse(text); } catch (_) { return; }
    if (m.type === "hello") {
      // Restarted server, or a rebuild while this page was loading.
      if (m.server !== server || String(m.version) !== version) reload();
    } else if (m.type === "reload") {
      reload();
    } else if (m.type === "css") {
      version = String(m.version);
      swapStyles(m.paths || []);
    }
  }

  function reload() {
    leaving = true;
    if (socket) socket.close();
    location.reload();
  }

  function ownStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    return Array.prototype.filter.call(links, function (l) {
      var u = new URL(l.href, location.href);
      return u.origin === location.origin && u.pathname.indexOf("/__alumni/") !== 0;
    });
  }

  // Load the changed stylesheets again beside the old ones, then drop the
  // old ones: no flash of unstyled page. A stylesheet that is not linked
  // (e.g. @imported) refreshes them all.
  function swapStyles(paths) {
    var mine = ownStylesheets();
    var hit = mine.filter(function (l) {
      return paths.indexOf(decodeURI(new URL(l.href, location.href).pathname)) >= 0;
    });
    (hit.length ? hit : mine).forEach(function (old) {
      var u = new URL(old.href, location.href);
      u.searchParams.set("alumni-reload", String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.removeAttribute("integrity");
      fresh.href = u.href;
      var done = function () { if (old.parentNode) old.parentNode.removeChild(old); };
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      old.parentNode.insertBefore(fresh, old.nextSibling);
    });
  }

  // The error overlay can be hidden to look at the page underneath.
  var overlay = document.getElementById("alumni-overlay");
  if (overlay) {
    var hide = function () { if (overlay.parentNode) overlay.parentNode.removeChild(overlay); };
    var close = overlay.querySelector("[data-alumni-close]");
    if (close) close.addEventListener("click", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    if (close) close.focus();
  }

  // Close cleanly when leaving (no "connection interrupted" console noise);
  // a page restored from the back/forward cache connects again.
  window.addEventListener("pagehide", function () {
    leaving = true;
    if (socket) socket.close();
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) {
      leaving = false;
      connect();
    }
  });
  connect();
})();
