// The briefing deck (lib/ui/deck.py). mode 'presenter': step bar, one map holding every
// step (its own script, window.zbDeck, switches layers and view), side panel; mode
// 'notes': step bar and each step's speaker notes, no map. A key or a button switches
// everything here, at once, then tells the server (component value: it writes ?step=)
// and the other window of the same briefing (BroadcastChannel), which follows.
(function () {
  var KEYS = {ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1, Home: 'first', End: 'last'};
  var args = null, signature = null, current = -1, channel = null, reportTimer = null;
  var gotoSeen = 0;
  var mapReady = false;
  var ownBuilt = false, ownTimer = null;
  var OWN_MAPS_AFTER_MS = 1500;
  var el = function (id) { return document.getElementById(id); };

  function openChannel(name, onStep) {
    if (channel) { channel.close(); }
    channel = null;
    if (typeof BroadcastChannel === 'undefined') { return; }
    channel = new BroadcastChannel(name);
    channel.onmessage = function (event) {
      var m = event.data || {};
      if (m.briefing === args.briefing && typeof m.step === 'number') { onStep(m.step); }
    };
  }

  function broadcast(step) {
    if (channel) { channel.postMessage({briefing: args.briefing, step: step}); }
  }

  // The server hears of a step a moment later (one run per pause, not per key press):
  // it only writes ?step= into the address; the map and the texts are already drawn.
  function report(step) {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(function () {
      zbStreamlit.value({briefing: args.briefing, step: step, at: Date.now()});
    }, 150);
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function attached() {
    try { return !!(window.frameElement && window.frameElement.isConnected); } catch (e) { return false; }
  }

  function onKey(event) {
    // The page moved on without reloading (another page of the app): this deck's keys go.
    if (!attached()) { event.currentTarget.removeEventListener('keydown', onKey); return; }
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var move = Object.prototype.hasOwnProperty.call(KEYS, event.key) ? KEYS[event.key] : null;
    if (move === null) { return; }
    // On the map itself the arrows pan it (Leaflet's keyboard); the other keys still step.
    var t = event.target;
    if (typeof move === 'number' && /^Arrow/.test(event.key) && t && t.classList &&
        t.classList.contains('leaflet-container')) { return; }
    event.preventDefault();
    var total = args.steps.length;
    var to = move === 'first' ? 0 : move === 'last' ? total - 1 : current + move;
    go(to, 'local');
  }

  function listenKeys(doc, holder) {
    // Kept on the window that owns the document, so a remounted deck replaces its
    // handler there instead of adding a second one.
    if (holder.__zbDeckKeys) { doc.removeEventListener('keydown', holder.__zbDeckKeys); }
    holder.__zbDeckKeys = onKey;
    doc.addEventListener('keydown', onKey);
  }

  function ownStep(i) {
    return (args.own_maps || []).some(function (pair) { return pair[0] === i; });
  }

  function showOnMap(i) {
    // Steps with a map of their own are loaded after the deck map, so they do not hold
    // it up; a step reached before that loads them now.
    if (ownStep(i)) { ensureOwnMaps(); }
    var win = el('zb-map').contentWindow;
    if (mapReady && win && win.zbDeck) { win.zbDeck.show(i); }
    // A step with a map of its own (then and now, playback) shows it in place of the
    // deck map once it has loaded (one style change); until then the deck map stays in
    // sight, never an empty frame, and the own map's load handler makes the switch.
    var own = document.getElementById('zb-own-' + (i + 1));
    var ready = !!(own && own.__zbLoaded);
    Array.prototype.forEach.call(document.querySelectorAll('.zb-own-map'), function (f) {
      f.hidden = !(ready && f === own);
    });
    if (args.map) { el('zb-map').hidden = ready; }
    if (ready) { fitOwn(own); }
  }

  // A map loaded in a hidden frame measured itself as 0×0: once shown, it takes its
  // size again and fits the step's bounds (both maps of a then-and-now page).
  function fitOwn(frame) {
    var win = frame.contentWindow, bounds = frame.__zbBounds;
    if (!win || !win.L || !bounds) { return; }
    Object.keys(win).forEach(function (name) {
      var m = win[name];
      if (m instanceof win.L.Map) {
        m.invalidateSize(false);
        m.fitBounds(bounds, {animate: false});
      }
    });
  }

  function removeOwnMaps() {
    Array.prototype.forEach.call(document.querySelectorAll('.zb-own-map'), function (f) {
      f.parentNode.removeChild(f);
    });
    ownBuilt = false;
  }

  function ensureOwnMaps() {
    if (ownBuilt || !args.map) { return; }
    ownBuilt = true;
    var deckMap = el('zb-map');
    (args.own_maps || []).forEach(function (pair) {
      var frame = document.createElement('iframe');
      frame.className = 'zb-deck-map zb-own-map';
      frame.id = 'zb-own-' + (pair[0] + 1);
      frame.name = 'zb-own-map-' + (pair[0] + 1);
      frame.title = 'Map: ' + args.steps[pair[0]].title;
      frame.hidden = true;
      frame.__zbBounds = pair[2];
      frame.srcdoc = pair[1];
      deckMap.parentNode.insertBefore(frame, deckMap.nextSibling);
      frame.addEventListener('load', function () {
        frame.__zbLoaded = true;
        listenKeys(frame.contentWindow.document, frame.contentWindow);
        if (current === pair[0]) { showOnMap(current); }  // its step is shown: switch now
      });
    });
  }

  function go(i, how) {
    var total = args.steps.length;
    i = Math.max(0, Math.min(total - 1, i));
    if (i === current) { return; }
    current = i;
    var step = args.steps[i];
    showOnMap(i);
    el('zb-counter').textContent = (i + 1) + ' / ' + total;
    el('zb-title').textContent = step.title;
    el('zb-panel').innerHTML = step.panel;  // built from a template that escapes data text
    el('zb-notes').href = step.notes;
    if (args.map) { el('zb-map').title = 'Map: ' + step.title; }
    var prev = el('zb-prev'), next = el('zb-next'), focused = document.activeElement;
    prev.disabled = i === 0;
    next.disabled = i === total - 1;
    // A button that just went disabled drops the focus: hand it to the other one.
    if (focused === prev && prev.disabled) { next.focus(); }
    if (focused === next && next.disabled) { prev.focus(); }
    try {
      var exit = window.parent.document.getElementById('zb-exit');
      if (exit) { exit.href = step.exit; }
    } catch (e) { /* not same-origin: the server's next run sets the link */ }
    document.documentElement.setAttribute('data-zb-step', String(i + 1));
    if (how === 'local') { broadcast(i + 1); }
    if (how !== 'init') { report(i + 1); }
  }

  function build() {
    el('zb-deck').hidden = false;
    var withMap = !!args.map;
    el('zb-deck').classList.toggle('zb-no-map', !withMap);
    el('zb-map').hidden = !withMap;
    if (args.link_label) { el('zb-notes').textContent = args.link_label; }
    var style = el('zb-deck-style') || document.head.appendChild(document.createElement('style'));
    style.id = 'zb-deck-style';
    style.textContent = args.css || '';
    el('zb-legend').innerHTML = args.legend || '';  // escaped where it is built
    var frame = el('zb-map');
    mapReady = false;
    var start = Math.max(1, Math.min(args.steps.length, args.start | 0));
    // A deck built again (new arguments) stays on its step; a new one opens on start.
    var first = current >= 0 && current < args.steps.length ? current : start - 1;
    removeOwnMaps();
    if (withMap) {
      loadMap(frame, first + 1);
      // The deck map's load waits for its tiles too: the own maps do not wait past this.
      clearTimeout(ownTimer);
      ownTimer = setTimeout(ensureOwnMaps, OWN_MAPS_AFTER_MS);
    }
    current = -1;
    go(first, 'init');
    el('zb-prev').onclick = function () { go(current - 1, 'local'); };
    el('zb-next').onclick = function () { go(current + 1, 'local'); };
    listenKeys(document, window);
    try { listenKeys(window.parent.document, window.parent); } catch (e) { /* cross-origin */ }
    openChannel(args.channel, function (step) { go(step - 1, 'remote'); });
    zbStreamlit.height(args.height || 640);
  }

  function loadMap(frame, start) {
    frame.onload = function () {
      var win = frame.contentWindow;
      mapReady = !!(win && win.zbDeck);
      if (mapReady) {
        win.zbDeck.show(current);
        listenKeys(win.document, win);
      }
      ensureOwnMaps();
    };
    // The map opens on the deck's step: its script reads data-zb-start first thing.
    frame.srcdoc = String(args.map).replace(/<html(\s|>)/i, '<html data-zb-start="' + start + '"$1');
  }

  zbStreamlit.onRender(function (next) {
    var sig = JSON.stringify([next.mode, next.briefing, next.start, next.css, next.link_label,
      next.steps, next.legend, next.map ? next.map.length : 0, next.height,
      (next.own_maps || []).map(function (p) { return [p[0], p[1].length]; })]);
    var goto = next.goto && next.goto.n > gotoSeen ? next.goto : null;
    if (goto) { gotoSeen = goto.n; }
    if (sig === signature) {
      // The same deck: only a step the page itself asked for (a link, a button) is new.
      args = next;
      if (goto) { go(goto.step - 1, 'remote'); }
      return;
    }
    var sameBriefing = args && args.briefing === next.briefing;
    signature = sig;
    args = next;
    if (!sameBriefing) { current = -1; }
    if (goto) { current = goto.step - 1; }
    build();
  });
  zbStreamlit.ready();
})();
