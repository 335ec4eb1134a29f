// Step-latency probe (lib.tools.step_latency), run in the presenter page. Arms a watch
// for step `n`, then every animation frame checks the deck: counter and title of step n,
// the map's step n, and on the map exactly the step's features (sites, crossings and
// highlight rings in the page, events in their cluster groups): the old step's are gone when counts
// and step agree. A step with a map of its own (then and now, playback) is drawn when
// that frame is shown in place of the deck map and has drawn its layers. The time reported runs to the frame after that (the new step painted)
// from the key press, stamped where it lands (page, deck frame or map frame) — or, with
// `fromLoad`, from the page's navigation start (a full load of ?step=n).
// Leaves window.__zbProbe: a promise of {ms} or {timeout, seen}.
([n, total, title, expect, limitMs, fromLoad]) => {
  const abs = (win, t) => win.performance.timeOrigin + t;
  let pressed = fromLoad ? performance.timeOrigin : null;
  function frames() {
    const deck = document.querySelector('iframe[title="lib.ui.deck.zb_deck"]');
    const deckWin = deck && deck.contentWindow;
    const map = deckWin && deckWin.document.getElementById('zb-map');
    return [deckWin, map && map.contentWindow];
  }
  const handlers = [];
  if (!fromLoad) {
    [window, ...frames()].filter(Boolean).forEach(w => {
      const h = e => { if (pressed === null) { pressed = abs(w, e.timeStamp); } };
      w.document.addEventListener('keydown', h, true);
      handlers.push([w, h]);
    });
  }
  const count = (doc, sel) => doc.querySelectorAll(sel).length;
  // Events are clustered, and a cluster draws only what is in view: they are counted
  // in the cluster groups on the map, not in the page.
  function events(win) {
    let total = 0;
    win.zbDeck.map.eachLayer(l => { if (win.L.MarkerClusterGroup && l instanceof win.L.MarkerClusterGroup) { total += l.getLayers().length; } });
    return total;
  }
  function seen() {
    const [deckWin, mapWin] = frames();
    if (!deckWin || !mapWin || !deckWin.document.getElementById('zb-counter')) { return null; }
    const doc = mapWin.document;
    // A step with a map of its own: that frame shown (the deck map hidden) and drawn.
    const own = deckWin.document.getElementById('zb-own-' + n);
    const ownDoc = own && !own.hidden && own.contentDocument;
    return {
      counter: deckWin.document.getElementById('zb-counter').textContent,
      title: deckWin.document.getElementById('zb-title').textContent,
      step: doc.documentElement.getAttribute('data-zb-step'),
      sites: count(doc, '.zb-site'), crossings: count(doc, '.zb-crossing'),
      events: events(mapWin), highlights: count(doc, 'path.zb-highlight'),
      own: ownDoc && deckWin.document.getElementById('zb-map').hidden
        && count(ownDoc, '.leaflet-overlay-pane path') > 0 ? 1 : 0,
    };
  }
  function drawn(s) {
    return s !== null && s.counter === n + ' / ' + total && s.title === title &&
      s.step === String(n) &&
      Object.keys(expect).every(k => s[k] === expect[k]) &&
      // An ordinary step: no own map is left showing over the deck map.
      (expect.own === 1 || s.own === 0);
  }
  function look() { try { return seen(); } catch (e) { return null; } }
  window.__zbProbe = new Promise(resolve => {
    const started = performance.now();
    function done(result) {
      handlers.forEach(([w, h]) => w.document.removeEventListener('keydown', h, true));
      resolve(result);
    }
    function tick() {
      if (pressed !== null && drawn(look())) {
        requestAnimationFrame(() => done({ms: abs(window, performance.now()) - pressed}));
        return;
      }
      if (performance.now() - started > limitMs) {
        done({timeout: true, seen: look(), pressed: pressed !== null});
        return;
      }
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
  return true;
}
