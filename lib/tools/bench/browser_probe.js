// Browser benchmark probe (lib.tools.bench.browser), an init script run in the page before
// its own scripts. It works from the top window only: a component frame is first an
// about:blank document whose window is reused by the component's page, and callbacks a
// script in that first document queued (animation frames) die with it — so the top window
// watches every frame itself. Every frame is on the app's origin (st_folium's frame, the
// deck's frame and the deck's srcdoc map frame), so their documents are reachable.
//
// Each animation frame the probe walks the frames; a document seen for the first time gets
// a record in `__zbFrames` — its address, its start (`performance.timeOrigin`), a listener
// stamping the first `streamlit:render` message (the component's arguments — the map —
// arriving) and a long-task observer — and the first Leaflet vector path or marker icon a
// document shows is stamped as drawn, in the animation frame that shows it. Times are
// absolute (timeOrigin + now, ms), comparable with the page's navigation start.
//
// It also wraps WebSocket: every message the server sends is kept with its arrival time
// (a reference only; the harness decodes them once the map is drawn).
(() => {
  if (window !== window.top) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const FEATURE = '.leaflet-overlay-pane path, .leaflet-marker-pane .leaflet-marker-icon';
  const frames = (window.__zbFrames = []);
  const seen = new WeakMap();
  function track(win, isTop) {
    const doc = win.document;
    let rec = seen.get(doc);
    if (rec === undefined) {
      rec = {
        url: String(win.location.href).slice(0, 200), top: isTop,
        origin: win.performance.timeOrigin, render: null, drawn: null, what: null,
        longtasks: [], win,
      };
      seen.set(doc, rec);
      frames.push(rec);
      win.addEventListener('message', e => {
        const d = e.data;
        if (rec.render === null && d && d.type === 'streamlit:render') { rec.render = now(); }
      }, true);
      try {
        new win.PerformanceObserver(list => {
          for (const t of list.getEntries()) {
            rec.longtasks.push([win.performance.timeOrigin + t.startTime, t.duration]);
          }
        }).observe({type: 'longtask', buffered: true});
      } catch (e) { /* no long task timing: the breakdown leaves it out */ }
    }
    if (rec.drawn === null && rec.url !== 'about:blank') {
      rec.url = String(win.location.href).slice(0, 200);
    }
    if (rec.drawn === null) {
      const found = doc.querySelector(FEATURE);
      if (found) {
        rec.drawn = now();
        rec.what = found.tagName.toLowerCase() + '.' + String(found.getAttribute('class') || '')
          .trim().split(/\s+/).slice(0, 3).join('.');
        if (window.__zbFirstDrawn === undefined) { window.__zbFirstDrawn = rec.drawn; }
      }
    }
    for (let i = 0; i < win.frames.length; i++) {
      try { void win.frames[i].document; } catch (e) { continue; } // another origin
      track(win.frames[i], false);
    }
  }
  function tick() {
    try { track(window, true); } catch (e) { /* a frame going away mid-walk: next frame */ }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  if (!window.WebSocket) { return; }
  const messages = (window.__zbMessages = []);
  const Native = window.WebSocket;
  window.__zbSocket = {opened: null};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => {
        if (window.__zbSocket.opened === null) { window.__zbSocket.opened = now(); }
      });
      this.addEventListener('message', e => { messages.push([now(), e.data]); });
    }
  };
})();
