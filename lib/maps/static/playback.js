// Time playback on a map: step through weeks or months, showing the events of the
// step (earlier ones faded, later ones hidden) and the sites in use during it.
// Markers are found by their classes (zb-event-<id>, zb-site-<id>, zb-ring-site-<id>)
// wherever they sit: on the map, in a feature group or in a marker cluster.
function zbPlayback(map, data, controlHtml) {
  var FADED = 0.35, STEP_MS = 1200;
  var tracked = [], seen = {};  // {layer, home, kind, id}; seen: by Leaflet id
  function visit(layer, home) {
    // A cluster's inner groups list its markers again: each marker is tracked once.
    if (seen[L.stamp(layer)]) { return; }
    var cls = (layer.options && ((layer.options.icon && layer.options.icon.options.className)
      || layer.options.className)) || '';
    var m = /\bzb-(event|site|ring-site)-(\S+)/.exec(cls);
    if (m && home) {
      seen[L.stamp(layer)] = true;
      // Events leave their cluster: a cluster's count would hide which are this step's.
      if (m[1] === 'event' && L.MarkerClusterGroup && home instanceof L.MarkerClusterGroup) {
        home.removeLayer(layer);
        home = map;
      }
      tracked.push({layer: layer, home: home, kind: m[1], id: m[2]});
    }
    if (layer.getLayers && !(layer instanceof L.GeoJSON)) {
      layer.getLayers().forEach(function (child) { visit(child, layer); });
    }
  }
  var groups = [];
  map.eachLayer(function (layer) { if (layer.getLayers) { groups.push(layer); } });
  groups.forEach(function (layer) { visit(layer, null); });

  var box = L.DomUtil.create('div');
  box.innerHTML = controlHtml;
  var panel = box.firstElementChild;
  var control = L.control({position: 'bottomright'});
  control.onAdd = function () {
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    return panel;
  };
  control.addTo(map);
  var dateLabel = panel.querySelector('.zb-playback-date');
  var counts = panel.querySelector('.zb-playback-counts');
  var slider = panel.querySelector('input[type=range]');
  var playButton = panel.querySelector('[data-act=play]');
  var last = data.frames.length - 1, current = -1, timer = null;

  function shown(item, k) {
    if (item.kind === 'event') {
      var at = data.events[item.id];
      return at === undefined ? null : (at < k ? 'faded' : (at === k ? 'full' : null));
    }
    var span = data.sites[item.id];
    return span && span[0] <= k && k <= span[1] ? 'full' : null;
  }
  function show(k) {
    k = Math.max(0, Math.min(last, k));
    var now = 0, before = 0, inUse = 0;
    tracked.forEach(function (item) {
      var how = shown(item, k), on = item.home.hasLayer(item.layer);
      if (how && !on) { item.home.addLayer(item.layer); }
      if (!how && on) { item.home.removeLayer(item.layer); }
      if (how && item.layer.setOpacity) { item.layer.setOpacity(how === 'faded' ? FADED : 1); }
      if (item.kind === 'event' && how) { if (how === 'full') { now += 1; } else { before += 1; } }
      if (item.kind === 'site' && how) { inUse += 1; }
    });
    current = k;
    dateLabel.textContent = data.frames[k];
    slider.value = String(k);
    slider.setAttribute('aria-valuetext', data.frames[k]);
    counts.textContent = data.counts_text.replace('{now}', now).replace('{before}', before)
      .replace('{sites}', inUse);
    panel.setAttribute('data-frame', String(k));
  }
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    playButton.textContent = '▶';
    playButton.setAttribute('aria-label', 'Play');
    panel.removeAttribute('data-playing');
  }
  function play() {
    if (current >= last) { show(0); }
    playButton.textContent = '❚❚';
    playButton.setAttribute('aria-label', 'Pause');
    panel.setAttribute('data-playing', 'true');
    timer = setInterval(function () {
      if (current >= last) { stop(); } else { show(current + 1); }
    }, STEP_MS);
  }
  panel.addEventListener('click', function (ev) {
    var act = ev.target.closest('[data-act]');
    if (!act) { return; }
    var what = act.getAttribute('data-act');
    if (what === 'play') { if (timer === null) { play(); } else { stop(); } return; }
    stop();
    show({first: 0, prev: current - 1, next: current + 1, last: last}[what]);
  });
  slider.addEventListener('input', function () { stop(); show(parseInt(slider.value, 10)); });
  show(Math.min(last, Math.max(0, data.start || 0)));
  map.zbPlayback = {show: show, play: play, stop: stop, frame: function () { return current; }};
}
