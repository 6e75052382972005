// SiteMatch's shared page code: DOM building (text only, never HTML strings), the API client and
// the Leaflet map. No framework, no build step; served by the server itself.
'use strict';

const SiteMatch = (() => {
  /** An element with attributes and children; strings become text nodes, so data is never markup. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  /** A figure with its grade in the markup and on screen. */
  function figure(text, grade, showGrade = true) {
    return el('span', { className: `figure grade-${grade}`, 'data-grade': grade }, text,
      showGrade ? ' ' : null, showGrade ? el('small', { className: 'grade' }, grade) : null);
  }

  /** Fetches JSON from the server; an error carries the API's message, status and field. */
  async function api(url, options = {}) {
    const response = await fetch(url, Object.assign({ credentials: 'same-origin', headers: { Accept: 'application/json' } }, options));
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      const detail = body && body.error ? body.error : {};
      const error = new Error(detail.message || `the server answered ${response.status}`);
      error.status = response.status;
      error.field = detail.field || null;
      throw error;
    }
    return body;
  }

  /** The export's four score classes and colours (as in the GeoJSON's fill and the QGIS style). */
  const scoreClasses = [
    { lower: 80, colour: '#1a9850', label: '80 and above' },
    { lower: 70, colour: '#91cf60', label: '70 to 80' },
    { lower: 60, colour: '#fee08b', label: '60 to 70' },
    { lower: -Infinity, colour: '#d73027', label: 'below 60' },
  ];
  function scoreColour(score) { return scoreClasses.find((c) => score >= c.lower).colour; }

  function legend(container, title, extra = []) {
    container.replaceChildren(el('p', { className: 'legend-title' }, title),
      el('ul', { className: 'legend' },
        scoreClasses.map((c) => el('li', {}, el('span', { className: 'swatch', 'data-colour': c.colour }), c.label)),
        extra.map((item) => el('li', {}, el('span', { className: `swatch ${item.className}` }), item.label))));
    // Swatch colours through the CSSOM (allowed by the Content-Security-Policy; inline style attributes are not).
    for (const swatch of container.querySelectorAll('[data-colour]')) swatch.style.background = swatch.dataset.colour;
  }

  /**
   * A Leaflet map in `container`: the configured tiles, or with none the portfolio's own context
   * (zones and modelled road links) from /api/context, so it works with no internet.
   */
  function makeMap(container, status) {
    if (!window.L) {
      const dir = document.body.dataset.leafletDir || '/usr/share/javascript/leaflet';
      container.replaceChildren(el('p', { className: 'notice' },
        `The map needs Leaflet, which is not installed on the server (looked in ${dir}). Install Debian's libjs-leaflet (sudo apt-get install libjs-leaflet) and restart the server.`));
      container.classList.add('no-map');
      return null;
    }
    const map = L.map(container, { keyboard: true, attributionControl: true });
    map.attributionControl.setPrefix('Leaflet');
    const tiles = document.body.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: 'tiles: ' + new URL(tiles.replace(/[{}]/g, '')).host }).addTo(map);
    }
    api('/api/context').then((context) => {
      L.geoJSON(context, {
        interactive: false,
        style: (f) => ({
          district: { color: '#6a51a3', weight: 1.5, dashArray: '5 4', fill: false },
          zone: { color: '#7fa36f', weight: 1, fillColor: '#dbe9d5', fillOpacity: tiles ? 0.2 : 0.6 },
          road: { color: '#8a8a8a', weight: f.properties.road_class === 'motorway' ? 3 : 1.5, opacity: 0.9 },
        })[f.properties.kind],
      }).addTo(map).bringToBack();
      if (!tiles && status) status.textContent = 'Basemap: district boundaries (dashed), the portfolio\'s zones and its modelled road network (straight links between junctions, not road alignments). No tile server is used.';
    }).catch((error) => { if (status) status.textContent = `The map context could not be loaded: ${error.message}`; });
    return map;
  }

  /**
   * Draws site `id`'s 15, 30 and 45-minute isochrones (modelled) on `map`, in place of `previous`
   * (the layer drawn last time, or null), and says so in `status`; `button` is disabled meanwhile.
   * Resolves to the new layer (or `previous` when the isochrones cannot be loaded).
   */
  function drawIsochrones(map, id, previous, button, status) {
    button.disabled = true;
    return api('/api/sites/' + encodeURIComponent(id) + '/isochrones?minutes=15,30,45').then((iso) => {
      if (previous) previous.remove();
      const colours = { 15: '#08519c', 30: '#3182bd', 45: '#9ecae1' };
      const layer = L.geoJSON(iso, {
        style: (f) => ({ color: colours[f.properties.minutes] || '#3182bd', weight: 1, fillOpacity: 0.15 }),
        onEachFeature: (f, l) => l.bindTooltip(`${f.properties.minutes} minutes by car (modelled), ${f.properties.area_km2} km²`),
      }).addTo(map);
      layer.bringToBack();
      map.fitBounds(layer.getBounds());
      status.textContent = `Showing the 15, 30 and 45-minute isochrones of ${id} by car (modelled on the road-network model).`;
      return layer;
    }).catch((error) => {
      status.textContent = `Isochrones could not be loaded: ${error.message}`;
      return previous;
    }).finally(() => { button.disabled = false; });
  }

  return { el, figure, api, scoreColour, legend, makeMap, drawIsochrones };
})();
