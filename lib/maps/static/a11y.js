(function (map) {
  // Run in every map frame once the map exists ({{map}}: the Leaflet map).
  var container = map.getContainer();
  var doc = container.ownerDocument;
  // A map page on its own (the briefing export) says its language; st_folium's page does.
  if (!doc.documentElement.lang) { doc.documentElement.lang = 'en'; }

  // Reduced motion: Leaflet decides on zoom animation when the map is made, so the
  // flag is turned off here; fades, marker zoom and inertia are read on use.
  var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)');
  var zoomAnimated = !!map._zoomAnimated;
  function applyMotion() {
    var still = !!(reduce && reduce.matches);
    map._zoomAnimated = zoomAnimated && !still;
    map.options.fadeAnimation = !still;
    map.options.markerZoomAnimation = !still;
    map.options.inertia = !still;
    L.DomUtil[still ? 'addClass' : 'removeClass'](container, 'zb-reduced-motion');
  }
  applyMotion();
  if (reduce && reduce.addEventListener) { reduce.addEventListener('change', applyMotion); }

  // Keyboard stops are the markers (each named, each opening its popup). Chromium would
  // also stop on every interactive SVG shape (areas, lines, rings: dozens, nameless,
  // before the first marker); they stay clickable, and the legend and the text list
  // under the map say what they are.
  function untab(layer) {
    if (layer instanceof L.Path && layer._path) { layer._path.setAttribute('tabindex', '-1'); }
    // Labels (towns, the border's name) are markers that do nothing: no stop, no button.
    if (layer instanceof L.Marker && layer.options.interactive === false && layer._icon) {
      layer._icon.setAttribute('tabindex', '-1');
      layer._icon.removeAttribute('role');
    }
  }
  map.eachLayer(untab);
  map.on('layeradd', function (e) { untab(e.layer); });

  // Enter on a marker is a click: folium fills a lazy popup on the first click only,
  // and Leaflet's own Enter opens the popup without one (an empty popup).
  if (!L.Layer.prototype._zbEnterClicks) {
    L.Layer.prototype._zbEnterClicks = true;
    L.Layer.prototype._onKeyPress = function (e) {
      if (e.originalEvent && e.originalEvent.keyCode === 13) { this.fire('click', e); }
    };
  }

  // Keyboard: Leaflet opens a marker's popup on Enter; focus then moves into the
  // popup (its first link, else its close button), so Tab reaches the article link.
  // Escape closes it from anywhere in the map and focus goes back to the marker
  // (Leaflet's own Escape only works while the map's container itself has focus).
  var byKeyboard = false;
  var lastSource = null;
  L.DomEvent.on(container, 'keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') { byKeyboard = true; }
    // A marker without a popup (a cluster of events) does on Enter what a click does:
    // the cluster opens or zooms in.
    var layer = e.key === 'Enter' && map._targets && map._targets[L.Util.stamp(e.target)];
    if (layer && layer !== map && layer instanceof L.Marker && !layer.getPopup()) {
      layer.fire('click', {originalEvent: e, latlng: layer.getLatLng()}, true);
      L.DomEvent.stop(e);
    }
    if (e.key === 'Escape' && map._popup && map.hasLayer(map._popup)) {
      map.closePopup();
      L.DomEvent.stop(e);
    }
  });
  L.DomEvent.on(container, 'mousedown', function () { byKeyboard = false; });
  map.on('popupopen', function (e) {
    lastSource = e.popup._source || null;
    if (!byKeyboard) { return; }
    byKeyboard = false;
    // A lazy popup fills its content on open: look for the link once it is there.
    setTimeout(function () {
      var el = e.popup.getElement();
      if (!el) { return; }
      var target = el.querySelector('.leaflet-popup-content a[href]') ||
        el.querySelector('.leaflet-popup-close-button');
      if (target) { target.focus(); }
    }, 0);
  });
  map.on('popupclose', function (e) {
    var source = e.popup._source || lastSource;
    var el = e.popup.getElement();
    var inside = el && el.contains(doc.activeElement);
    var icon = source && source._icon;
    if (icon && (inside || doc.activeElement === doc.body)) { icon.focus(); }
  });
})({{map}});
