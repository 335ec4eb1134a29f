/* The offline basemap's town labels (lib.maps.base_map.add_offline_basemap): one array
   of [lat, lon, label rank, name] drawn here as non-interactive DivIcon markers, rather
   than one folium marker (~0.6 kB of script) per town. The name goes in as a text node,
   never as HTML. CSS (town_labels.css.j2) shows a rank from the zoom it earns. */
function zbTownLabels(group, towns) {
  towns.forEach(function (t) {
    var label = document.createElement('span');
    var dot = document.createElement('span');
    dot.className = 'zb-dot';
    label.appendChild(dot);
    label.appendChild(document.createTextNode(t[3]));
    L.marker([t[0], t[1]], {
      icon: L.divIcon({html: label, className: 'zb-town zb-r' + t[2], iconSize: [160, 16], iconAnchor: [4, 8]}),
      interactive: false,
      keyboard: false
    }).addTo(group);
  });
}
