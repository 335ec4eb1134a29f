
    (function(map){
      function keep(){
        try {
          var top = window.parent, url = new URL(top.location.href), c = map.getCenter();
          url.searchParams.set('lat', c.lat.toFixed(4));
          url.searchParams.set('lon', c.lng.toFixed(4));
          url.searchParams.set('z', String(map.getZoom()));
          top.history.replaceState(top.history.state, '', url.toString());
        } catch (e) { /* not embedded in the app: nothing to keep */ }
      }
      map.on('moveend', keep);
    })({{map}});
    
