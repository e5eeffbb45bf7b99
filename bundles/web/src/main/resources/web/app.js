// The live topology page: polls the org.virtualwire MBeans through Jolokia and draws clouds, hosts, gateways,
// guests and wires with cytoscape (layout by ELK). Reads are same-origin GETs without Referer (see index.html);
// operations (connect, disconnect, migrate) are POSTs, since Jolokia refuses an exec over GET (a GET can be made by
// any other site's page with the browser's login); a POST carries the page's Origin, which Jolokia allows only when
// it is the appliance's own (the Host the page was loaded from). Every request goes to an
// absolute URL without the page's user info (fetch refuses URLs with credentials, as a page opened as
// http://user:password@host/... would give relative ones).
import Jolokia from './lib/jolokia.js/dist/jolokia.mjs';

const VIEW = 'org.virtualwire:type=view,name=default';
const WIRES = 'org.virtualwire:type=wires,name=default';
const MIGRATIONS = 'org.virtualwire:type=migrations,name=default';
const STEPS = ['prepare', 'dual-home', 'transfer', 'activate', 'settle'];
// ?poll=MS polls faster or slower (50 ms at least): a test that watches a migration step by step uses it
const POLL_MS = Math.max(50, Number(new URLSearchParams(location.search).get('poll')) || 300);
const COUNTERS_MS = 2000;
const SPACING = { 'elk.spacing.nodeNode': 60, 'elk.layered.spacing.nodeNodeBetweenLayers': 120,
  'elk.spacing.edgeNode': 30 };
const COLORS = { UP: '#2e9d6f', PENDING: '#e0b000', DEGRADED: '#e06c00', FAILED: '#d0021b' };

const jolokia = new Jolokia({ url: location.origin + '/jolokia', method: 'get', referrerPolicy: 'no-referrer' });
cytoscape.use(cytoscapeElk);

const state = { topology: null, history: [], rates: {}, lastCounters: null, may: {}, layoutKey: '', gaps: {},
  recent: {}, ended: {}, polls: 0, error: null };

const cy = cytoscape({
  container: document.getElementById('graph'),
  style: [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-wrap': 'wrap', 'text-valign': 'bottom',
      'text-margin-y': 4, color: '#222' } },
    { selector: '.cloud', style: { shape: 'round-rectangle', 'background-color': '#e8eef6', 'border-color': '#8aa4c8',
      'border-width': 2, 'border-style': 'dashed', 'text-valign': 'top', 'font-size': 14, 'font-weight': 'bold',
      padding: 24 } },
    { selector: '.host', style: { shape: 'round-rectangle', 'background-color': '#fff', 'border-color': '#999',
      'border-width': 1, 'text-valign': 'top', padding: 14 } },
    { selector: '.host.degraded', style: { 'border-color': COLORS.DEGRADED, 'border-width': 3 } },
    { selector: '.gateway', style: { shape: 'diamond', width: 34, height: 34, 'background-color': '#444' } },
    { selector: '.guest', style: { width: 30, height: 30 } },
    { selector: '.container', style: { shape: 'round-rectangle', 'background-color': '#4a90d9' } },
    { selector: '.vm', style: { shape: 'hexagon', 'background-color': '#7b5ea7' } },
    { selector: '.switch', style: { shape: 'rectangle', width: 44, height: 20, 'background-color': '#2e9d6f' } },
    { selector: '.router', style: { shape: 'ellipse', 'background-color': '#d98a1f' } },
    { selector: '.migrating', style: { 'border-width': 4, 'border-color': '#e0b000', 'border-style': 'double' } },
    { selector: '.drop-target', style: { 'background-color': '#fff4c2', 'border-color': '#e0b000', 'border-width': 3 } },
    { selector: 'edge', style: { width: 3, 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9,
      'text-margin-y': -9,
      'text-background-color': '#fff', 'text-background-opacity': 0.8, 'line-color': 'data(color)',
      'text-rotation': 'autorotate' } },
    { selector: 'edge.between', style: { 'line-style': 'dashed', 'line-color': '#666', width: 2 } },
    { selector: ':selected', style: { 'overlay-color': '#1f3a5f', 'overlay-opacity': 0.15 } },
  ],
});

async function read(mbean, attribute) {
  return value(await jolokia.request({ type: 'read', mbean, attribute }));
}

async function exec(mbean, operation, ...args) {
  return value(await jolokia.request({ type: 'exec', mbean, operation, arguments: args }, { method: 'post' }));
}

function value(response) {
  const r = typeof response === 'string' ? JSON.parse(response) : response;
  if (r.status !== 200) {
    throw new Error(r.error || ('status ' + r.status));
  }
  return r.value;
}

function say(text, ok) {
  const div = document.createElement('div');
  div.textContent = text;
  if (ok) div.className = 'ok';
  const box = document.getElementById('messages');
  box.prepend(div);
  while (box.children.length > 5) box.lastChild.remove();
}

// --- model: what the page draws, from one topology read and the migration history ---------------------------

function model() {
  const t = state.topology;
  const nodes = [];
  const edges = [];
  const hosts = new Map(t.hosts.map(h => [h.name, h]));
  const clouds = new Set([...t.clouds, ...t.hosts.map(h => h.cloud)]);
  for (const c of clouds) if (t.hosts.some(h => h.cloud === c)) nodes.push({ data: { id: 'cloud:' + c, label: 'cloud ' + c }, classes: 'cloud' });
  const gateways = t.hosts.filter(h => h.publicAddress);
  for (const h of t.hosts) {
    if (h.publicAddress) {
      // on the border, not inside: placed on its cloud's edge after the layout
      nodes.push({ data: { id: 'host:' + h.name, label: h.name + '\n' + h.publicAddress, cloud: h.cloud,
        kind: 'gateway' }, classes: 'gateway' });
    } else {
      nodes.push({ data: { id: 'host:' + h.name, parent: 'cloud:' + h.cloud, kind: 'host',
        label: h.name + (h.address ? ' ' + h.address : '') + (h.status === 'UP' ? '' : ' (' + h.status + ')') },
        classes: 'host' + (h.status === 'UP' || h.status === 'PENDING' ? '' : ' degraded') });
    }
  }
  for (let i = 0; i < gateways.length; i++) {
    for (let k = i + 1; k < gateways.length; k++) {
      edges.push({ data: { id: 'between:' + gateways[i].name + ':' + gateways[k].name, source: 'host:' + gateways[i].name,
        target: 'host:' + gateways[k].name, label: '', color: '#666' }, classes: 'between' });
    }
  }
  const running = runningMigrations();
  for (const g of t.guests) {
    if (!hosts.has(g.host)) continue; // its host went in the same instant: drawn at the next poll
    const m = running[g.name];
    let label = g.name;
    if (m) {
      label += '\n→ ' + m.to + '\n' + m.step + ' ' + (m.done + 1) + '/' + STEPS.length;
    } else if (state.recent[g.name] && Date.now() - state.recent[g.name].at < 15000) {
      label += '\n' + state.recent[g.name].text;
    }
    nodes.push({ data: { id: 'guest:' + g.name, parent: 'host:' + g.host, label, kind: g.kind, guest: g.name,
      migration: m ? m.step : '' }, classes: 'guest ' + g.kind + (m ? ' migrating' : '') });
  }
  const guests = new Set(t.guests.filter(g => hosts.has(g.host)).map(g => g.name));
  for (const w of t.wires) {
    const a = w.a.split('/')[0];
    // a wire to an outside VTEP (far end "vxlan:ADDRESS/VNI"): the VTEP is a node of its own, outside every cloud
    const outside = w.b.startsWith('vxlan:');
    const b = outside ? w.b : w.b.split('/')[0];
    if (!guests.has(a) || (!outside && !guests.has(b))) continue;
    if (outside) {
      nodes.push({ data: { id: 'outside:' + w.b, label: w.b, kind: 'outside' }, classes: 'outside' });
    }
    const rate = state.rates[w.id];
    const pps = rate ? ' · ' + rate.ab.toFixed(0) + '/' + rate.ba.toFixed(0) + ' pps' : '';
    edges.push({ data: { id: 'wire:' + w.id, source: 'guest:' + a, target: (outside ? 'outside:' : 'guest:') + b,
      wire: w.id, status: w.status,
      mtu: w.mtu, label: '#' + w.id + ' · mtu ' + w.mtu + pps, color: COLORS[w.status] || '#999',
      a: w.a, b: w.b, detail: w.detail } });
  }
  return { nodes, edges, running };
}

/** Migrations under way, by guest: the step now running is the one after the last that ended. */
function runningMigrations() {
  const result = {};
  for (const m of state.history) {
    if (m.outcome !== 'RUNNING') continue;
    const done = m.steps.filter(s => STEPS.includes(s.name)).length;
    result[m.guest] = { to: m.to, from: m.from, done, step: STEPS[Math.min(done, STEPS.length - 1)], id: m.id };
  }
  return result;
}

// --- drawing -----------------------------------------------------------------------------------------------

function draw() {
  const { nodes, edges, running } = model();
  const key = nodes.map(n => n.data.id + '<' + (n.data.parent || '')).sort().join('|');
  const ids = new Set([...nodes, ...edges].map(e => e.data.id));
  cy.batch(() => {
    cy.elements().filter(e => !ids.has(e.id())).remove();
    for (const n of nodes) {
      const old = cy.getElementById(n.data.id);
      if (old.nonempty() && old.data('parent') !== n.data.parent) {
        old.move({ parent: n.data.parent ?? null }); // a guest that migrated: same node, new host
      }
    }
    for (const e of [...nodes, ...edges]) {
      const old = cy.getElementById(e.data.id);
      if (old.empty()) {
        cy.add({ group: e.data.source ? 'edges' : 'nodes', data: e.data, classes: e.classes });
      } else {
        old.data(e.data);
        old.classes(e.classes || '');
      }
    }
  });
  if (key !== state.layoutKey) {
    state.layoutKey = key;
    layout();
  }
  publish(running);
  const t = state.topology;
  document.getElementById('summary').textContent = t.clouds.length + ' clouds · ' + t.hosts.length + ' hosts · '
    + t.guests.length + ' guests · ' + t.wires.length + ' wires' + (state.error ? ' · ' + state.error : '');
}

function layout() {
  const gateways = cy.nodes('.gateway');
  const l = cy.elements().not(gateways).not('edge.between').layout({
    // labels left out of the sizes: a guest's label grows while it migrates, the spacing leaves room for it
    name: 'elk', nodeDimensionsIncludeLabels: false, fit: false, animate: false,
    // compounds: room for cytoscape's padding and the label on top, which ELK does not know of
    // ELK reads a compound's padding and its children's spacing from the compound itself
    nodeLayoutOptions: n => n.isParent() ? Object.assign({ 'elk.padding': n.hasClass('cloud')
      ? '[top=60,left=40,bottom=40,right=40]' : '[top=40,left=30,bottom=40,right=30]' }, SPACING) : {},
    elk: Object.assign({ algorithm: 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
      SPACING),
  });
  l.one('layoutstop', () => {
    // each gateway on its cloud's right border, halfway down
    gateways.forEach(g => {
      const cloud = cy.getElementById('cloud:' + g.data('cloud'));
      if (cloud.nonempty() && cloud.children().nonempty()) {
        const bb = cloud.boundingBox({ includeLabels: false });
        g.position({ x: bb.x2, y: (bb.y1 + bb.y2) / 2 });
      }
    });
    cy.fit(undefined, 30);
    // compounds take their new bounds after this event: fit once more when they have
    setTimeout(() => cy.fit(undefined, 30), 0);
  });
  l.run();
}

/** The page's model as a DOM attribute: what tests (and curious users) read instead of pixels. */
function publish(running) {
  const box = cy.container().getBoundingClientRect();
  const m = {
    polls: state.polls,
    // pos: where the node is in the window (CSS pixels), for a test that drags a guest
    nodes: cy.nodes().map(n => ({ id: n.id(), parent: n.data('parent') || n.data('cloud') || null, kind: n.data('kind') || 'cloud',
      pos: { x: Math.round(box.left + n.renderedPosition().x), y: Math.round(box.top + n.renderedPosition().y) } })),
    edges: cy.edges().not('.between').map(e => ({ id: e.data('wire'), a: e.data('a'), b: e.data('b'), status: e.data('status'),
      mtu: e.data('mtu'), label: e.data('label') })),
    migrating: running,
    history: state.history.length,
    recent: state.recent,
    may: state.may,
  };
  document.getElementById('graph').dataset.model = JSON.stringify(m);
}

// --- polling -----------------------------------------------------------------------------------------------

async function poll() {
  try {
    const [topology, history] = await Promise.all([read(VIEW, 'Topology'), read(MIGRATIONS, 'History').catch(() => [])]);
    state.topology = topology;
    state.history = history;
    noteEnded(history);
    state.polls++;
    state.error = null;
    draw();
    if (!document.getElementById('history').hidden) history_();
  } catch (e) {
    state.error = 'cannot read: ' + e.message;
    document.getElementById('summary').textContent = state.error;
  }
  setTimeout(poll, POLL_MS);
}

async function pollCounters() {
  try {
    const now = performance.now();
    const counters = await read(VIEW, 'Counters');
    const last = state.lastCounters;
    if (last) {
      const dt = (now - last.at) / 1000;
      for (const c of counters) {
        const before = last.byWire[c.wire];
        if (before && dt > 0) {
          state.rates[c.wire] = { ab: Math.max(0, c.a.sentPackets - before.a.sentPackets) / dt,
            ba: Math.max(0, c.b.sentPackets - before.b.sentPackets) / dt };
        }
      }
    }
    state.lastCounters = { at: now, byWire: Object.fromEntries(counters.map(c => [c.wire, c])) };
  } catch (e) {
    // counters are a nicety: the graph goes on without rates
  }
  setTimeout(pollCounters, COUNTERS_MS);
}

// --- history, selection, operator actions --------------------------------------------------------------------

function history_() {
  const rows = document.getElementById('history-rows');
  rows.replaceChildren(...state.history.slice().reverse().map(m => {
    const tr = document.createElement('tr');
    const steps = m.steps.map(s => s.name + ' ' + s.millis.toFixed(0)).join(', ');
    const gap = gapOf(m);
    for (const text of [m.id, m.guest, m.from + '→' + m.to, m.outcome + (m.error ? ': ' + m.error : ''), steps,
      m.outcome === 'RUNNING' ? '…' : m.totalMillis.toFixed(0), gap === undefined ? '' : gap.toFixed(1) + ' ms']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

document.getElementById('history-button').addEventListener('click', () => {
  const h = document.getElementById('history');
  h.hidden = !h.hidden;
  if (!h.hidden) history_();
});

cy.on('tap', 'node, edge', async evt => {
  const el = evt.target;
  const box = document.getElementById('selection');
  box.replaceChildren();
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(el.data(), (k, v) => (k === 'color' || k === 'label' ? undefined : v), 1);
  box.append(pre);
  if (el.isEdge() && el.data('wire') && state.may.disconnect) {
    const b = document.createElement('button');
    b.textContent = 'Disconnect wire ' + el.data('wire');
    b.addEventListener('click', () => act('disconnect wire ' + el.data('wire'), () => exec(WIRES, 'disconnect', String(el.data('wire')))));
    box.append(b);
  }
});

async function act(what, call) {
  try {
    const result = await call();
    say(what + ': done' + (result !== null && result !== undefined && typeof result !== 'object' ? ' (' + result + ')' : ''), true);
    return result;
  } catch (e) {
    say(what + ': ' + e.message);
    return null;
  }
}

// migrate by dragging a guest onto another host
cy.on('drag', 'node.guest', evt => {
  cy.nodes('.drop-target').removeClass('drop-target');
  const h = hostAt(evt.target);
  if (h && h.id() !== evt.target.data('parent')) h.addClass('drop-target');
});

cy.on('dragfree', 'node.guest', async evt => {
  cy.nodes('.drop-target').removeClass('drop-target');
  const guest = evt.target;
  const target = hostAt(guest);
  if (!state.may.migrate || !target || target.id() === guest.data('parent')) {
    layout(); // back where it was
    return;
  }
  const name = guest.data('guest');
  const host = target.id().substring('host:'.length);
  layout();
  const probe = probeFrom(name);
  const started = performance.now();
  const result = await act('migrate ' + name + ' to ' + host, () => probe
    ? exec(MIGRATIONS, 'migrateWithProbe', name, host, probe, '', 0)
    : exec(MIGRATIONS, 'migrate', name, host));
  if (result) {
    const m = result.migration || result;
    if (result.probe) state.gaps[m.id] = result.probe.longestGapMillis;
    state.recent[name] = { at: Date.now(), text: endedText(m, performance.now() - started) };
  }
});

/** The probe gap of a migration: its record's (the history keeps what a probe saw), else what this page was told. */
function gapOf(m) {
  return m.probe ? m.probe.longestGapMillis : state.gaps[m.id];
}

/** How a migration ended, as its guest shows it for a while: outcome, duration and, if probed, the gap. */
function endedText(m, elapsed) {
  const gap = gapOf(m);
  return m.outcome + ' in ' + (m.totalMillis || elapsed || 0).toFixed(0) + ' ms'
    + (gap !== undefined ? ', gap ' + gap.toFixed(1) + ' ms' : '');
}

/**
 * Whoever started them (this page, vw:guest-migrate, JMX), migrations that end while the page is open are shown on
 * their guest: state.ended holds when the page saw each end (null: ended before the page opened). The text is
 * rewritten at each poll, as a probe's result joins the record a moment after the migration ends.
 */
function noteEnded(history) {
  for (const m of history) {
    if (!(m.id in state.ended)) state.ended[m.id] = state.polls === 0 && m.outcome !== 'RUNNING' ? null : 0;
    if (m.outcome === 'RUNNING' || state.ended[m.id] === null) continue;
    if (!state.ended[m.id]) state.ended[m.id] = Date.now();
    const at = state.ended[m.id];
    if (Date.now() - at > 15000) continue;
    const shown = state.recent[m.guest];
    if (!shown || shown.at <= at || shown.id === m.id) state.recent[m.guest] = { at, id: m.id, text: endedText(m) };
  }
}

/** Another host than the guest's own under the dragged guest's centre (its own grows to hold it while dragged). */
function hostAt(node) {
  const p = node.position();
  const own = node.data('parent');
  const hit = cy.nodes('.host').filter(h => {
    const bb = h.boundingBox({ includeLabels: false });
    return h.id() !== own && p.x >= bb.x1 && p.x <= bb.x2 && p.y >= bb.y1 && p.y <= bb.y2;
  });
  return hit.nonempty() ? hit.first() : null;
}

/** A NIC with an address on a guest wired to this one: the probe that measures the migration's gap. */
function probeFrom(guest) {
  const t = state.topology;
  for (const w of t.wires) {
    const [a, b] = [w.a.split('/')[0], w.b.split('/')[0]];
    const peer = a === guest ? w.b : b === guest ? w.a : null;
    const nic = peer && t.endpoints.find(e => e.id === peer && e.ip);
    const own = t.endpoints.find(e => e.id === (a === guest ? w.a : w.b) && e.ip);
    if (nic && own) return nic.id;
  }
  return null;
}

document.getElementById('connect-form').addEventListener('submit', async evt => {
  evt.preventDefault();
  const a = document.getElementById('connect-a').value;
  const b = document.getElementById('connect-b').value;
  if (a && b) await act('connect ' + a + ' ' + b, () => exec(WIRES, 'connect', a, b));
});

function freeNics() {
  if (!state.topology) return;
  const free = state.topology.endpoints.filter(e => e.wire === null || e.wire === undefined).map(e => e.id);
  for (const id of ['connect-a', 'connect-b']) {
    const select = document.getElementById(id);
    const chosen = select.value;
    select.replaceChildren(...free.map(f => new Option(f, f, false, f === chosen)));
  }
}

async function session() {
  try {
    const s = await (await fetch(location.origin + '/virtualwire/session', { cache: 'no-store', referrerPolicy: 'no-referrer' })).json();
    state.may = s.may || {};
    document.getElementById('user').textContent = s.user + ' (' + s.roles.join(', ') + ')';
    document.getElementById('operator').hidden = !(state.may.connect || state.may.disconnect || state.may.migrate);
    cy.autoungrabify(!state.may.migrate);
  } catch (e) {
    say('cannot read the session: ' + e.message);
  }
}

// ?history opens the migration history at once
if (new URLSearchParams(location.search).has('history')) document.getElementById('history').hidden = false;

await session();
poll();
pollCounters();
setInterval(freeNics, 2000);
