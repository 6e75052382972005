// The site page's map: the site (orange) among the portfolio, with 15/30/45-minute isochrones on demand.
// Everything else on the page is rendered by the server.
'use strict';

(() => {
  const { api, makeMap, drawIsochrones } = SiteMatch;
  const root = document.getElementById('site');
  const id = root.dataset.siteId;
  const status = document.getElementById('map-status');
  const map = makeMap(document.getElementById('map'), status);
  const button = document.getElementById('isochrones');
  let isochroneLayer = null;
  if (!map) { button.disabled = true; return; }

  api('/api/sites').then((sites) => {
    const layer = L.geoJSON(sites, {
      style: (f) => f.properties.id === id
        ? { color: '#7a2e00', weight: 3, fillColor: '#e66a1f', fillOpacity: 0.8 }
        : { color: '#555', weight: 1, fillColor: '#c9c9c9', fillOpacity: 0.6 },
      onEachFeature: (f, l) => {
        l.bindTooltip(f.properties.name, { permanent: f.properties.id === id });
        if (f.properties.id !== id) l.on('click', () => { window.location.href = '/sites/' + encodeURIComponent(f.properties.id); });
      },
    }).addTo(map);
    const own = layer.getLayers().find((l) => l.feature.properties.id === id);
    map.fitBounds(own.getBounds().pad(6));
    own.bringToFront();
  }).catch((error) => { status.textContent = `The sites could not be loaded: ${error.message}`; });

  button.addEventListener('click', () => {
    drawIsochrones(map, id, isochroneLayer, button, status).then((layer) => { isochroneLayer = layer; });
  });
})();
