// The enquiry page: the form posts the enquiry document to POST /api/enquiries and shows the
// answer (shortlist, near misses, map). A logged enquiry's permalink (/enquiries/ID) shows it again.
'use strict';

(() => {
  const { el, figure, api, scoreColour, legend, makeMap, drawIsochrones } = SiteMatch;
  const form = document.getElementById('enquiry-form');
  const results = document.getElementById('results');
  const status = document.getElementById('form-status');
  const numberFields = ['min_area_ha', 'min_mva', 'max_minutes_to_m6', 'max_minutes_to_university', 'max_minutes_to_hospital'];
  const map = makeMap(document.getElementById('map'), document.getElementById('map-status'));
  let sitesLayer = null;
  let isochroneLayer = null;
  const siteLayers = new Map();

  // Before an enquiry the sites are coloured by each site's best archetype score.
  api('/api/sites').then((sites) => {
    if (!map) return;
    sitesLayer = L.geoJSON(sites, {
      style: (f) => ({ color: '#333', weight: 1, fillColor: scoreColour(f.properties.best_score), fillOpacity: 0.7 }),
      onEachFeature: (f, layer) => {
        siteLayers.set(f.properties.id, layer);
        layer.bindTooltip(`${f.properties.name}: best ${f.properties.best_score.toFixed(1)} (${f.properties.best_archetype_name}; modelled)`);
        layer.on('click', () => { window.location.href = '/sites/' + encodeURIComponent(f.properties.id); });
      },
    }).addTo(map);
    map.fitBounds(sitesLayer.getBounds(), { padding: [10, 10] });
    legend(document.getElementById('legend'), 'Each site\'s best archetype score (modelled)');
  }).catch((error) => { document.getElementById('map-status').textContent = `The sites could not be loaded: ${error.message}`; });

  function clearErrors() {
    for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    status.textContent = '';
  }

  /** Shows the API's message beside the field it names ("requirements.min_area_ha" → min_area_ha). */
  function showError(error) {
    const key = error.field ? error.field.split('.').pop() : null;
    const slot = key ? document.getElementById(`err-${key}`) : null;
    if (slot) {
      slot.textContent = error.message;
      const input = document.getElementById(`f-${key}`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        (input.matches('fieldset') ? input.querySelector('input') : input).focus();
      }
      status.textContent = 'Please correct the field marked below.';
    } else if (error.status === 401) {
      status.replaceChildren('Sign in first: ', el('a', { href: '/signin' }, 'sign in with your access token'), '.');
    } else {
      status.textContent = error.message;
    }
  }

  /** The enquiry document from the form: numbers as numbers; anything else sent as typed, for the server to name. */
  function documentFromForm() {
    const doc = { name: form.elements.name.value.trim(), requirements: {} };
    if (form.elements.archetype.value) doc.archetype = form.elements.archetype.value;
    for (const key of numberFields) {
      const text = form.elements[key].value.trim();
      if (text === '') continue;
      const value = Number(text);
      doc.requirements[key] = Number.isFinite(value) ? value : text;
    }
    for (const key of ['location_types', 'exclude_location_types']) {
      const ticked = [...form.querySelectorAll(`input[name="${key}"]:checked`)].map((box) => box.value);
      if (ticked.length) doc.requirements[key] = ticked;
    }
    if (form.elements.available_now.checked) doc.requirements.available_now = true;
    return doc;
  }

  function fillForm(doc) {
    form.elements.name.value = doc.name || '';
    form.elements.archetype.value = doc.archetype || '';
    const r = doc.requirements || {};
    for (const key of numberFields) form.elements[key].value = r[key] === undefined ? '' : String(r[key]);
    for (const key of ['location_types', 'exclude_location_types']) {
      for (const box of form.querySelectorAll(`input[name="${key}"]`)) box.checked = (r[key] || []).includes(box.value);
    }
    form.elements.available_now.checked = !!r.available_now;
  }

  function chips(checks) {
    if (!checks.length) return '—';
    return el('ul', { className: 'chips' }, checks.map((c) => {
      const state = c.unknown ? 'unknown' : (c.passed ? 'met' : 'missed');
      return el('li', { className: state, 'data-requirement': c.requirement, 'data-grade': c.grade || null },
        (c.unknown ? '? ' : (c.passed ? '✓ ' : '✗ ')) + c.detail,
        c.grade ? ' ' : null, c.grade ? el('small', { className: 'grade' }, c.grade) : null);
    }));
  }

  /** The network operator's open data on power at a site (sites whose power is to be confirmed). */
  function power(evidence) {
    if (!evidence || !evidence.length) return null;
    return el('ul', { className: 'power' }, evidence.map((e) => el('li', { 'data-grade': e.grade },
      e.text, ' ', el('small', { className: 'grade' }, e.grade))));
  }

  function table(entries, caption, failedOnly) {
    return el('div', { className: 'table-wrap' }, el('table', { className: 'shortlist' },
      el('caption', { className: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', {}, el('th', { className: 'num', scope: 'col' }, 'Rank'), el('th', { scope: 'col' }, 'Site'),
        el('th', { scope: 'col' }, 'Type'), el('th', { className: 'num', scope: 'col' }, 'Score'), el('th', { scope: 'col' }, 'Why'),
        el('th', { scope: 'col' }, failedOnly ? 'What it misses' : 'Requirements'), el('th', { scope: 'col' }, 'Map'))),
      el('tbody', {}, entries.map((e) => el('tr', { 'data-site': e.site_id },
        el('td', { className: 'num' }, String(e.rank)),
        el('td', {}, el('a', { href: '/sites/' + encodeURIComponent(e.site_id) }, e.name)),
        el('td', {}, e.location_type || '?'),
        el('td', { className: 'num' }, figure(e.score.toFixed(1), 'modelled')),
        el('td', { 'data-grade': 'modelled' }, `${e.reason}; rank ${e.stability.word}`),
        el('td', {}, chips(failedOnly ? e.requirements.filter((c) => !c.passed) : e.requirements), power(e.power)),
        el('td', {}, el('button', { type: 'button', className: 'isochrones', 'data-site': e.site_id }, 'Isochrones')))))));
  }

  function render(answer) {
    const matches = answer.matches;
    const heading = el('h2', { id: 'results-heading', tabindex: '-1' }, `Results: ${matches.length} site${matches.length === 1 ? '' : 's'} meet${matches.length === 1 ? 's' : ''} every requirement`);
    const parts = [heading, el('p', {}, `Scored as ${answer.scored_as_description}; drive times ${answer.travel_times}; data ${answer.data}.`)];
    if (answer.log) {
      const id = answer.log.id;
      parts.push(el('p', { className: 'actions' },
        el('a', { href: '/enquiries/' + encodeURIComponent(id), id: 'permalink' }, 'Permalink to this logged enquiry'),
        el('a', { href: '/enquiries/' + encodeURIComponent(id) + '/report' }, 'Report to send (HTML)'),
        el('span', { className: 'hint' }, `logged ${answer.log.received_at} by ${answer.log.who}`)));
    }
    parts.push(el('h3', {}, 'Shortlist'));
    parts.push(matches.length ? table(matches, 'Shortlist', false)
      : el('p', { className: 'notice' }, 'No site meets every requirement. The near misses say what each misses and by how much.'));
    const toConfirm = answer.power_to_confirm || [];
    if ((answer.enquiry.requirements || {}).min_mva != null) {
      parts.push(el('h3', {}, 'Power to be confirmed'));
      parts.push(toConfirm.length
        ? [el('p', {}, `${toConfirm.length} site${toConfirm.length === 1 ? '' : 's'} meet${toConfirm.length === 1 ? 's' : ''} every known requirement — power to be confirmed with the network operator. No grid headroom is published; the network operator's open data give the nearest substations and the demand already queued behind them (queue, not headroom).`),
          table(toConfirm, 'Power to be confirmed', false)]
        : el('p', {}, 'None: no site meets every other requirement with its grid headroom unknown.'));
    }
    parts.push(el('h3', {}, 'Near misses'));
    parts.push(answer.near_misses.length
      ? [el('p', {}, `${answer.near_misses.length} of ${answer.near_misses_total} sites that miss a requirement, fewest misses first.`), table(answer.near_misses, 'Near misses', true)]
      : el('p', {}, 'None: every site meets every requirement.'));
    parts.push(el('p', {}, `Winner change: ${answer.winner_change}`));
    results.replaceChildren(...parts.flat());
    heading.focus();
    recolour(answer);
  }

  /** The map after an enquiry: listed sites coloured by the enquiry's score, the shortlist outlined and numbered. */
  function recolour(answer) {
    if (!map || !sitesLayer) return;
    const scores = new Map();
    for (const e of answer.near_misses) scores.set(e.site_id, { score: e.score, rank: null });
    for (const e of answer.power_to_confirm || []) scores.set(e.site_id, { score: e.score, rank: null });
    for (const e of answer.matches) scores.set(e.site_id, { score: e.score, rank: e.rank });
    for (const [id, layer] of siteLayers) {
      const s = scores.get(id);
      layer.unbindTooltip();
      if (!s) {
        layer.setStyle({ color: '#777', weight: 1, fillColor: '#bbbbbb', fillOpacity: 0.35 });
        layer.bindTooltip(`${layer.feature.properties.name}: not listed`);
      } else {
        layer.setStyle({ color: s.rank ? '#000' : '#555', weight: s.rank ? 3 : 1, fillColor: scoreColour(s.score), fillOpacity: 0.8 });
        layer.bindTooltip(`${s.rank ? s.rank + '. ' : ''}${layer.feature.properties.name}: ${s.score.toFixed(1)} (modelled)`, { permanent: !!s.rank && s.rank <= 5 });
        if (s.rank) layer.bringToFront();
      }
    }
    legend(document.getElementById('legend'), 'Enquiry score (modelled); shortlist outlined in black', [{ className: 'swatch-unlisted', label: 'not listed' }]);
  }

  results.addEventListener('click', (event) => {
    const button = event.target.closest('button.isochrones');
    if (!button || !map) return;
    drawIsochrones(map, button.dataset.site, isochroneLayer, button, document.getElementById('map-status'))
      .then((layer) => { isochroneLayer = layer; });
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const submit = document.getElementById('submit');
    submit.disabled = true;
    status.textContent = 'Finding sites …';
    api('/api/enquiries', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(documentFromForm()) })
      .then((answer) => { status.textContent = 'Done: the enquiry is logged.'; render(answer); })
      .catch(showError)
      .finally(() => { submit.disabled = false; });
  });

  // A permalink: show the logged enquiry (needs sign-in where tokens are configured).
  const logged = results.dataset.enquiryId;
  if (logged) {
    api('/api/enquiries/' + encodeURIComponent(logged)).then((entry) => {
      fillForm(entry.response.enquiry);
      render(entry.response);
    }).catch((error) => {
      results.replaceChildren(el('h2', { id: 'results-heading' }, 'Logged enquiry'),
        error.status === 401 ? el('p', { className: 'notice' }, 'Sign in to read the enquiry log: ', el('a', { href: '/signin' }, 'sign in')) : el('p', { className: 'notice' }, error.message));
    });
  }
})();
