// The deck map (lib.story.deck_map): one Leaflet map holding every step of a briefing.
// zbDeckInit(map, groups, steps) keeps window.zbDeck, whose show(i) puts step i on the
// map: its groups (indices into groups, in drawing order) and its bounds. Only groups
// that differ between two steps are added or removed, so a step change redraws no
// shared layer and no tile; no animation, so the new step is drawn in one frame.
function zbDeckInit(map, groups, steps) {
  var current = -1;
  function wanted(i) {
    var set = {};
    steps[i].layers.forEach(function (g) { set[g] = true; });
    return set;
  }
  function show(i) {
    i = Math.max(0, Math.min(steps.length - 1, i | 0));
    var want = wanted(i), order = steps[i].layers;
    groups.forEach(function (g, n) { if (!want[n] && map.hasLayer(g)) { map.removeLayer(g); } });
    // A group added under groups already drawn would land on top of them (SVG draws in
    // order): from the first missing group on, the step's groups are drawn again in order.
    var from = -1;
    order.forEach(function (n, k) { if (from < 0 && !map.hasLayer(groups[n])) { from = k; } });
    if (from >= 0) {
      order.slice(from).forEach(function (n) { if (map.hasLayer(groups[n])) { map.removeLayer(groups[n]); } });
      order.slice(from).forEach(function (n) { map.addLayer(groups[n]); });
    }
    map.closePopup();
    map.fitBounds(steps[i].bounds, {animate: false});
    current = i;
    document.documentElement.setAttribute('data-zb-step', String(i + 1));
    return i;
  }
  window.zbDeck = {
    map: map,
    count: steps.length,
    show: show,
    current: function () { return current; }
  };
  var start = parseInt(document.documentElement.getAttribute('data-zb-start') || '1', 10);
  show(isNaN(start) ? 0 : start - 1);
  // Tell the page holding the map that it is ready (the deck frame waits for this).
  try { window.dispatchEvent(new Event('zb-deck-ready')); } catch (e) { /* very old browser */ }
}
