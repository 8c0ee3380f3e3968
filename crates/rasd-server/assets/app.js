// rasd dashboard: a map, a timeline, a list and an event panel over the
// rasd HTTP API. Plain DOM code; every piece of stored text (article,
// notes, names) is inserted with textContent, never as HTML.
"use strict";

const TYPES = {
  "Battles": { color: "#d62728", subs: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"] },
  "Explosions/Remote violence": { color: "#ff7f0e", subs: ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"] },
  "Violence against civilians": { color: "#9467bd", subs: ["Sexual violence", "Attack", "Abduction/forced disappearance"] },
  "Protests": { color: "#2ca02c", subs: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"] },
  "Riots": { color: "#8c564b", subs: ["Violent demonstration", "Mob violence"] },
  "Strategic developments": { color: "#1f77b4", subs: ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"] },
};
const OTHER_COLOR = "#7f7f7f";
// The dashboard loads at most this many of the newest matching events.
const EVENT_LIMIT = 20000;
const CLUSTER_CELL = 46;
const MAX_SCALE = 256 * 2 ** 16;
const MIN_SCALE = 256;

const $ = (id) => document.getElementById(id);
const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

const typeColor = (t) => (TYPES[t] ? TYPES[t].color : OTHER_COLOR);

const state = {
  config: { writes_enabled: false, reads_protected: false, tile_url: null },
  countries: [], // [{name, rings: [Float64Array of unit x,y]}]
  countryNames: new Map(), // ISO2 -> English name, learned from events
  features: [], // events loaded with the server-side filters
  visible: [], // after admin1, min deaths and the brush
  brush: null, // [firstDay, lastDay] as YYYY-MM-DD
  view: { cx: 0.6, cy: 0.4, scale: 2048 },
  selectedId: null,
  clusters: [],
};

// ---------- API ----------

function token() {
  return sessionStorage.getItem("rasd-token") || "";
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers.Authorization = "Bearer " + token();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
}

// ---------- projection (Web Mercator, unit square) ----------

function project(lon, lat) {
  const clamped = Math.max(-85, Math.min(85, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

function mapSize() {
  const box = $("map").getBoundingClientRect();
  return [Math.max(1, box.width), Math.max(1, box.height)];
}

function toScreen(x, y) {
  const [w, h] = mapSize();
  const v = state.view;
  return [(x - v.cx) * v.scale + w / 2, (y - v.cy) * v.scale + h / 2];
}

function fitTo(points) {
  if (points.length === 0) return;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const [w, h] = mapSize();
  const span = Math.max(maxX - minX, maxY - minY, 0.004);
  state.view.cx = (minX + maxX) / 2;
  state.view.cy = (minY + maxY) / 2;
  state.view.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (0.8 * Math.min(w, h)) / span));
}

// ---------- base map ----------

async function loadCountries() {
  const response = await fetch("/assets/countries.json");
  const data = await response.json();
  state.countries = data.countries.map((c) => ({
    name: c.name,
    rings: c.rings.map((ring) => {
      const out = new Float64Array(ring.length);
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = project(ring[i] / data.scale, ring[i + 1] / data.scale);
        out[i] = x; out[i + 1] = y;
      }
      return out;
    }),
  }));
}

const tileCache = new Map();

function drawTiles(ctx, w, h) {
  const template = state.config.tile_url;
  const v = state.view;
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(v.scale / 256))));
  const n = 2 ** z;
  const size = v.scale / n;
  const x0 = Math.floor((v.cx - w / 2 / v.scale) * n), x1 = Math.floor((v.cx + w / 2 / v.scale) * n);
  const y0 = Math.max(0, Math.floor((v.cy - h / 2 / v.scale) * n)), y1 = Math.min(n - 1, Math.floor((v.cy + h / 2 / v.scale) * n));
  for (let tx = x0; tx <= x1; tx++) {
    for (let ty = y0; ty <= y1; ty++) {
      const wrapped = ((tx % n) + n) % n;
      const url = template.replace("{z}", z).replace("{x}", wrapped).replace("{y}", ty);
      let img = tileCache.get(url);
      if (!img) {
        img = new Image();
        img.onload = () => scheduleRender();
        img.src = url;
        tileCache.set(url, img);
      }
      if (img.complete && img.naturalWidth > 0) {
        const [sx, sy] = toScreen(tx / n, ty / n);
        ctx.drawImage(img, sx, sy, size + 0.5, size + 0.5);
      }
    }
  }
}

function drawBaseMap() {
  const canvas = $("basemap");
  const [w, h] = mapSize();
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (state.config.tile_url) {
    drawTiles(ctx, w, h);
    return;
  }
  const v = state.view;
  ctx.fillStyle = "#fbfaf6";
  ctx.strokeStyle = "#9aa3ad";
  ctx.lineWidth = 0.7;
  // Draw the world three times side by side so panning across the
  // antimeridian shows land.
  for (const shift of [-1, 0, 1]) {
    ctx.beginPath();
    for (const country of state.countries) {
      for (const ring of country.rings) {
        for (let i = 0; i < ring.length; i += 2) {
          const sx = (ring[i] + shift - v.cx) * v.scale + w / 2;
          const sy = (ring[i + 1] - v.cy) * v.scale + h / 2;
          if (i === 0) ctx.moveTo(sx, sy); else ctx.lineTo(sx, sy);
        }
        ctx.closePath();
      }
    }
    ctx.fill("evenodd");
    ctx.stroke();
  }
}

// ---------- markers and clustering ----------

function markerRadius(fatalities) {
  return Math.min(22, 5 + 1.8 * Math.sqrt(fatalities));
}

function clusterMarkers() {
  const [w, h] = mapSize();
  const cells = new Map();
  for (const f of state.visible) {
    if (!f.xy) continue;
    const [sx, sy] = toScreen(f.xy[0], f.xy[1]);
    if (sx < -30 || sy < -30 || sx > w + 30 || sy > h + 30) continue;
    const key = Math.floor(sx / CLUSTER_CELL) + "," + Math.floor(sy / CLUSTER_CELL);
    let cell = cells.get(key);
    if (!cell) { cell = { events: [], sx: 0, sy: 0 }; cells.set(key, cell); }
    cell.events.push(f);
    cell.sx += sx; cell.sy += sy;
  }
  return [...cells.values()].map((c) => ({ events: c.events, sx: c.sx / c.events.length, sy: c.sy / c.events.length }));
}

function drawMarkers() {
  const layer = $("markers");
  layer.replaceChildren();
  state.clusters = clusterMarkers();
  for (const cluster of state.clusters) {
    const events = cluster.events;
    const deaths = events.reduce((sum, e) => sum + e.p.fatalities, 0);
    if (events.length === 1) {
      const e = events[0];
      const g = svg("g", { class: "marker", "data-event-id": e.p.event_id });
      if (e.p.event_id === state.selectedId) g.classList.add("selected");
      g.append(svg("circle", { cx: cluster.sx, cy: cluster.sy, r: markerRadius(deaths), fill: typeColor(e.p.event_type) }));
      const title = svg("title");
      title.textContent = `${e.p.event_date || "undated"} · ${e.p.sub_event_type} · ${e.p.location || e.p.country || ""} · ${deaths} deaths`;
      g.append(title);
      g.addEventListener("click", (ev) => { ev.stopPropagation(); openEvent(e.p.event_id); });
      layer.append(g);
      continue;
    }
    const byType = new Map();
    for (const e of events) byType.set(e.p.event_type, (byType.get(e.p.event_type) || 0) + 1);
    const dominant = [...byType.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const g = svg("g", { class: "cluster", "data-count": events.length });
    g.append(svg("circle", {
      cx: cluster.sx, cy: cluster.sy,
      r: Math.min(34, 11 + 2.2 * Math.log2(events.length) + Math.sqrt(deaths) / 2),
      fill: typeColor(dominant),
    }));
    const label = svg("text", { x: cluster.sx, y: cluster.sy });
    label.textContent = String(events.length);
    g.append(label);
    const title = svg("title");
    title.textContent = `${events.length} events, ${deaths} deaths: ` +
      [...byType.entries()].map(([t, n]) => `${t} ${n}`).join(", ");
    g.append(title);
    g.addEventListener("click", (ev) => { ev.stopPropagation(); openCluster(cluster); });
    layer.append(g);
  }
}

function openCluster(cluster) {
  const first = cluster.events[0].xy;
  const samePlace = cluster.events.every((e) => e.xy[0] === first[0] && e.xy[1] === first[1]);
  if (samePlace || state.view.scale >= MAX_SCALE) {
    renderList(cluster.events, `${cluster.events.length} events at ${cluster.events[0].p.location || "this place"}`);
    return;
  }
  zoomAt(cluster.sx, cluster.sy, 2.5);
}

let renderQueued = false;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    drawBaseMap();
    drawMarkers();
  });
}

function zoomAt(sx, sy, factor) {
  const [w, h] = mapSize();
  const v = state.view;
  const next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, v.scale * factor));
  // keep the point under the cursor fixed
  const ux = v.cx + (sx - w / 2) / v.scale, uy = v.cy + (sy - h / 2) / v.scale;
  v.cx = ux - (sx - w / 2) / next;
  v.cy = uy - (sy - h / 2) / next;
  v.scale = next;
  scheduleRender();
}

function setUpMapInteraction() {
  const map = $("map");
  let drag = null;
  map.addEventListener("pointerdown", (e) => {
    if (e.target.closest("#map-controls") || e.target.closest(".marker") || e.target.closest(".cluster")) return;
    drag = { x: e.clientX, y: e.clientY, cx: state.view.cx, cy: state.view.cy };
    map.classList.add("dragging");
    map.setPointerCapture(e.pointerId);
  });
  map.addEventListener("pointermove", (e) => {
    if (!drag) return;
    state.view.cx = drag.cx - (e.clientX - drag.x) / state.view.scale;
    state.view.cy = Math.max(0, Math.min(1, drag.cy - (e.clientY - drag.y) / state.view.scale));
    scheduleRender();
  });
  const end = () => { drag = null; map.classList.remove("dragging"); };
  map.addEventListener("pointerup", end);
  map.addEventListener("pointercancel", end);
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = map.getBoundingClientRect();
    zoomAt(e.clientX - box.left, e.clientY - box.top, e.deltaY < 0 ? 1.4 : 1 / 1.4);
  }, { passive: false });
  $("zoom-in").addEventListener("click", () => { const [w, h] = mapSize(); zoomAt(w / 2, h / 2, 2); });
  $("zoom-out").addEventListener("click", () => { const [w, h] = mapSize(); zoomAt(w / 2, h / 2, 0.5); });
  $("zoom-fit").addEventListener("click", () => { fitToVisible(); scheduleRender(); });
  window.addEventListener("resize", () => { scheduleRender(); renderTimeline(); });
}

function fitToVisible() {
  fitTo(state.visible.filter((f) => f.xy).map((f) => f.xy));
}

function renderLegend() {
  const legend = $("legend");
  legend.replaceChildren();
  for (const [name, t] of Object.entries(TYPES)) {
    const dot = el("span");
    dot.style.background = t.color;
    legend.append(el("div", {}, dot, name));
  }
}

// ---------- timeline ----------

const DAY_MS = 86400000;
const dayNumber = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY_MS);
const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function timelineEvents() {
  return state.features.filter((f) => passesClientFilters(f, false) && f.p.event_date);
}

function renderTimeline() {
  const box = $("timeline");
  box.replaceChildren();
  const events = timelineEvents();
  const rect = box.getBoundingClientRect();
  const w = Math.max(100, rect.width), h = Math.max(60, rect.height);
  if (events.length === 0) { $("timeline-title").textContent = "No dated events"; return; }
  let first = Infinity, last = -Infinity;
  for (const e of events) { const d = dayNumber(e.p.event_date); first = Math.min(first, d); last = Math.max(last, d); }
  const span = last - first + 1;
  const binDays = span <= 240 ? 1 : span <= 1680 ? 7 : 30;
  $("timeline-title").textContent = binDays === 1 ? "Events per day, by type" : binDays === 7 ? "Events per week, by type" : "Events per 30 days, by type";
  const bins = Math.ceil(span / binDays);
  const counts = Array.from({ length: bins }, () => new Map());
  for (const e of events) {
    const b = Math.floor((dayNumber(e.p.event_date) - first) / binDays);
    counts[b].set(e.p.event_type, (counts[b].get(e.p.event_type) || 0) + 1);
  }
  const peak = Math.max(...counts.map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const left = 4, bottom = 14, plotW = w - 2 * left, plotH = h - bottom - 2;
  const bw = plotW / bins;
  const typeOrder = Object.keys(TYPES);
  counts.forEach((m, i) => {
    let y = plotH + 2;
    const ordered = [...m.entries()].sort((a, b) => typeOrder.indexOf(a[0]) - typeOrder.indexOf(b[0]));
    for (const [type, n] of ordered) {
      const bh = (n / peak) * plotH;
      y -= bh;
      const bar = svg("rect", { x: left + i * bw, y, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh, fill: typeColor(type), "data-day": isoDay(first + i * binDays) });
      const title = svg("title");
      title.textContent = `${isoDay(first + i * binDays)}: ${n} ${type}`;
      bar.append(title);
      box.append(bar);
    }
  });
  for (const frac of [0, 0.5, 1]) {
    const day = first + Math.min(span - 1, Math.round(frac * (span - 1)));
    const label = svg("text", { class: "axis", x: left + frac * plotW, y: h - 2, "text-anchor": frac === 0 ? "start" : frac === 1 ? "end" : "middle" });
    label.textContent = isoDay(day);
    box.append(label);
  }
  const xOfDay = (d) => left + ((d - first) / span) * plotW;
  const dayOfX = (x) => first + Math.max(0, Math.min(span - 1, Math.floor(((x - left) / plotW) * span)));
  if (state.brush) {
    const a = xOfDay(dayNumber(state.brush[0])), b = xOfDay(dayNumber(state.brush[1]) + 1);
    box.append(svg("rect", { class: "brush", x: a, y: 0, width: Math.max(1, b - a), height: plotH + 2 }));
  }
  box.dataset.first = isoDay(first);
  box.dataset.span = span;
  box.onpointerdown = (e) => {
    const x0 = e.clientX - rect.left;
    let moved = false;
    const brushRect = svg("rect", { class: "brush", x: x0, y: 0, width: 1, height: plotH + 2 });
    box.append(brushRect);
    box.setPointerCapture(e.pointerId);
    box.onpointermove = (m) => {
      const x1 = m.clientX - rect.left;
      moved = moved || Math.abs(x1 - x0) > 3;
      brushRect.setAttribute("x", Math.min(x0, x1));
      brushRect.setAttribute("width", Math.abs(x1 - x0));
    };
    box.onpointerup = (u) => {
      box.onpointermove = null;
      box.onpointerup = null;
      const x1 = u.clientX - rect.left;
      if (!moved) setBrush(null);
      else setBrush([isoDay(dayOfX(Math.min(x0, x1))), isoDay(dayOfX(Math.max(x0, x1)))]);
    };
  };
}

function setBrush(range) {
  state.brush = range;
  const label = $("brush-label");
  label.replaceChildren();
  if (range) {
    label.append(`selected ${range[0]} – ${range[1]}`,
      el("button", { type: "button", id: "brush-clear", onclick: () => setBrush(null) }, "clear"));
  }
  applyClientFilters();
}

// ---------- filters ----------

function filterForm() {
  return new FormData($("filters"));
}

function serverQuery() {
  const form = filterForm();
  const params = new URLSearchParams();
  for (const name of ["country", "actor", "since", "until", "text"]) {
    const value = (form.get(name) || "").trim();
    if (value) params.set(name, value);
  }
  const type = form.get("sub_event_type") || form.get("event_type");
  if (type) params.set("type", type);
  return params;
}

function passesClientFilters(f, withBrush) {
  const form = filterForm();
  const admin1 = form.get("admin1");
  if (admin1 && f.p.admin1 !== admin1) return false;
  const minDeaths = Number(form.get("min_fatalities") || 0);
  if (minDeaths > 0 && f.p.fatalities < minDeaths) return false;
  if (withBrush && state.brush) {
    if (!f.p.event_date || f.p.event_date < state.brush[0] || f.p.event_date > state.brush[1]) return false;
  }
  return true;
}

function applyClientFilters() {
  state.visible = state.features.filter((f) => passesClientFilters(f, true));
  renderList(state.visible, null);
  renderTimeline();
  scheduleRender();
  const deaths = state.visible.reduce((s, f) => s + f.p.fatalities, 0);
  const capped = state.features.length >= EVENT_LIMIT ? ` (the newest ${EVENT_LIMIT} matching events are loaded)` : "";
  setStatus(`${state.visible.length} events shown, ${deaths} deaths${capped}`);
  $("map").dataset.events = String(state.visible.length);
}

function fillSelect(select, values, keep) {
  const current = keep ? select.value : "";
  select.replaceChildren(el("option", { value: "" }, "all"));
  for (const [value, label] of values) select.append(el("option", { value }, label));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

function fillTypeSelects() {
  const form = $("filters");
  fillSelect(form.elements.event_type, Object.keys(TYPES).map((t) => [t, t]), true);
  const chosen = form.elements.event_type.value;
  const subs = chosen ? TYPES[chosen].subs : Object.values(TYPES).flatMap((t) => t.subs);
  fillSelect(form.elements.sub_event_type, subs.map((s) => [s, s]), true);
}

function fillAdmin1() {
  const names = [...new Set(state.features.map((f) => f.p.admin1).filter(Boolean))].sort();
  fillSelect($("filters").elements.admin1, names.map((n) => [n, n]), true);
}

async function fillCountries() {
  const stats = await api("/api/stats");
  const options = stats.by_country.map((c) => [c.key, `${state.countryNames.get(c.key) || c.key} (${c.events})`]);
  fillSelect($("filters").elements.country, options, true);
}

async function loadEvents(fit) {
  setStatus("loading…");
  const params = serverQuery();
  params.set("limit", EVENT_LIMIT);
  const data = await api("/api/events.geojson?" + params);
  state.features = data.features.map((f) => ({
    p: f.properties,
    xy: f.geometry ? project(f.geometry.coordinates[0], f.geometry.coordinates[1]) : null,
  }));
  for (const f of state.features) {
    if (f.p.country_code && f.p.country) state.countryNames.set(f.p.country_code, f.p.country);
  }
  fillAdmin1();
  state.brush = null;
  $("brush-label").replaceChildren();
  applyClientFilters();
  if (fit) fitToVisible();
  scheduleRender();
}

function setUpFilters() {
  const form = $("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    loadEvents(true).catch((err) => setStatus(err.message, true));
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { fillTypeSelects(); loadEvents(true).catch((err) => setStatus(err.message, true)); }, 0);
  });
  form.elements.event_type.addEventListener("change", () => {
    form.elements.sub_event_type.value = "";
    fillTypeSelects();
  });
  // admin1 and the death threshold filter what is loaded, without a request
  for (const name of ["admin1", "min_fatalities"]) {
    form.elements[name].addEventListener("change", applyClientFilters);
  }
  form.elements.country.addEventListener("change", () => {
    form.elements.admin1.value = "";
    loadEvents(true).catch((err) => setStatus(err.message, true));
  });
}

// ---------- list ----------

function renderList(events, title) {
  $("list-title").textContent = title || `Events (${events.length})`;
  const list = $("event-list");
  list.replaceChildren();
  const sorted = events.slice().sort((a, b) => (b.p.event_date || "").localeCompare(a.p.event_date || ""));
  for (const f of sorted.slice(0, 300)) {
    const dot = el("span", { class: "dot" });
    dot.style.background = typeColor(f.p.event_type);
    const item = el("li", { "data-event-id": f.p.event_id, onclick: () => openEvent(f.p.event_id) },
      el("span", { class: "date" }, f.p.event_date || "undated"),
      dot,
      el("span", {}, `${f.p.sub_event_type} — ${[f.p.location, f.p.admin1, f.p.country].filter(Boolean).join(", ")}`),
      el("span", { class: "deaths" }, f.p.fatalities ? `${f.p.fatalities} †` : ""));
    if (f.p.event_id === state.selectedId) item.classList.add("selected");
    list.append(item);
  }
  if (sorted.length > 300) list.append(el("li", {}, `… and ${sorted.length - 300} more: narrow the filters`));
}

// ---------- event panel ----------

// Evidence offsets are UTF-8 byte offsets; JavaScript strings index UTF-16
// code units. Returns utf16[byteOffset] for every byte offset at a code
// point boundary (others stay -1).
function byteToUtf16Index(text) {
  const encoder = new TextEncoder();
  const total = encoder.encode(text).length;
  const map = new Int32Array(total + 1).fill(-1);
  let byte = 0, unit = 0;
  for (const ch of text) {
    map[byte] = unit;
    const cp = ch.codePointAt(0);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    unit += ch.length;
  }
  map[byte] = unit;
  return map;
}

const FIELD_LABELS = [
  [/^actor|^assoc|^figure\.party|^figure\.claimed_by/, "actor"],
  [/^location|^admin|^country/, "place"],
  [/date/, "date"],
  [/^fatalities|^figure/, "figure"],
  [/^event_type|^sub_event/, "event"],
];

function labelOf(field) {
  for (const [re, label] of FIELD_LABELS) if (re.test(field)) return label;
  return "event";
}

// Bidi embedding, override and isolate controls could reorder how the
// article reads; they are shown as visible marks instead of acting.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

function appendText(parent, text) {
  let rest = text;
  while (rest) {
    const m = BIDI_CONTROL.exec(rest);
    if (!m) { parent.append(document.createTextNode(rest)); return; }
    if (m.index > 0) parent.append(document.createTextNode(rest.slice(0, m.index)));
    const code = m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
    parent.append(el("span", { class: "ctl", title: "bidi control character" }, `U+${code}`));
    rest = rest.slice(m.index + 1);
  }
}

function highlightedArticle(text, spans) {
  const container = el("div", { class: "article-text", dir: "rtl", lang: "ar" });
  const index = byteToUtf16Index(text);
  // one mark per distinct span, naming every field it supports
  const bySpan = new Map();
  for (const s of spans) {
    const a = index[s.start] ?? -1, b = index[s.end] ?? -1;
    if (a < 0 || b <= a) continue;
    const key = a + ":" + b;
    const span = bySpan.get(key) || { a, b, fields: [], labels: [] };
    if (!span.fields.includes(s.field)) span.fields.push(s.field);
    if (!span.labels.includes(s.label)) span.labels.push(s.label);
    bySpan.set(key, span);
  }
  const usable = [...bySpan.values()].sort((x, y) => x.a - y.a || y.b - x.b);
  let at = 0;
  for (const s of usable) {
    // overlapping spans: the earlier (or longer) one is shown
    if (s.a < at) continue;
    appendText(container, text.slice(at, s.a));
    const mark = el("mark", { class: `ev ev-${s.labels[0]}`, "data-fields": s.fields.join(" "), title: s.fields.join(", ") });
    appendText(mark, text.slice(s.a, s.b));
    mark.append(el("sup", {}, s.labels.join(" · ")));
    container.append(mark);
    at = s.b;
  }
  appendText(container, text.slice(at));
  return container;
}

function figureLine(f) {
  const parts = [];
  parts.push(`${f.qualifier ? f.qualifier + " " : ""}${f.value}${f.upper ? "–" + f.upper : ""} ${f.kind}`);
  if (f.party) parts.push(`(${f.party})`);
  let line = parts.join(" ");
  line += f.claimed_by ? ` — claimed by ${f.claimed_by}` : " — source not named";
  return line;
}

function actorName(a) {
  return a ? `${a.name} (inter ${a.inter})` : "—";
}

async function openEvent(id) {
  state.selectedId = id;
  for (const node of document.querySelectorAll("#event-list li.selected")) node.classList.remove("selected");
  const item = document.querySelector(`#event-list li[data-event-id="${CSS.escape(id)}"]`);
  if (item) item.classList.add("selected");
  scheduleRender();
  let detail;
  try {
    detail = await api("/api/events/" + encodeURIComponent(id));
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  renderPanel(detail);
}

function renderPanel(d) {
  const body = $("panel-body");
  body.replaceChildren();
  body.append(el("h2", {}, `${d.sub_event_type} (${d.event_type})`));
  const place = [d.location, d.admin2, d.admin1, d.country].filter(Boolean).join(", ");
  const rows = [
    ["Date", d.event_date ? `${d.event_date} (precision ${d.time_precision})` : "unresolved"],
    ["Place", place ? `${place} (geo precision ${d.geo_precision})` : "unknown"],
    ["Coordinates", d.latitude != null ? `${d.latitude}, ${d.longitude}` : "—"],
    ["Actor 1", actorName(d.actor1)],
    ["Actor 2", actorName(d.actor2)],
    ["Fatalities", String(d.fatalities)],
    ["Status", d.status],
    ["Civilians targeted", d.civilian_targeting ? "yes" : "no"],
    ["Event id", d.event_id],
  ];
  const assoc = [...(d.assoc_actor_1 || []), ...(d.assoc_actor_2 || [])];
  if (assoc.length) rows.splice(5, 0, ["Associated", assoc.map((a) => a.name).join("; ")]);
  const dl = el("dl");
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  body.append(dl);
  if (d.notes) body.append(el("p", { class: "notes" }, d.notes));

  if (d.figures && d.figures.length) {
    body.append(el("h3", {}, "Claims"));
    const claims = el("ul", { class: "claims" });
    for (const f of d.figures) claims.append(el("li", {}, figureLine(f)));
    body.append(claims);
  }

  const article = d.article;
  if (article) {
    // each piece in its own <bdi>, so Arabic names and dates keep their order
    const heading = el("h3", {}, "Article");
    for (const part of [article.outlet, article.published].filter(Boolean)) heading.append(" ", el("bdi", {}, part));
    body.append(heading);
    if (article.title) body.append(el("div", { class: "article-title", dir: "rtl", lang: "ar" }, article.title));
    if (article.url && /^https?:\/\//i.test(article.url)) {
      body.append(el("div", {}, el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url)));
    }
    const spans = (d.evidence || []).map((e) => ({ ...e, label: labelOf(e.field) }));
    for (const f of d.figures || []) {
      if (f.evidence) spans.push({ ...f.evidence, field: `figure.${f.kind}`, label: "figure" });
    }
    body.append(highlightedArticle(article.text, spans));
  }

  const others = d.incident ? d.incident.reports.filter((r) => r.event_id !== d.event_id) : [];
  body.append(el("h3", {}, d.incident ? `Incident ${d.incident.id}: ${d.incident.sources} source(s), ${d.incident.fatalities_min}–${d.incident.fatalities_max} deaths` : "Incident"));
  if (others.length === 0) {
    body.append(el("p", {}, "No other article reports this incident."));
  } else {
    const list = el("ul", { class: "reports" });
    for (const r of others) {
      list.append(el("li", {},
        el("a", { onclick: () => openEvent(r.event_id) }, el("bdi", {}, r.outlet || r.article_id), r.published ? ", " + r.published : ""),
        ` — ${r.sub_event_type}, ${r.location || "place unknown"}, ${r.fatalities} deaths${r.well_sourced ? "" : " (not well sourced)"}`));
    }
    body.append(list);
  }
  $("panel").hidden = false;
  $("panel").dataset.eventId = d.event_id;
  $("right").scrollTop = 0;
}

// ---------- ingest ----------

function setUpIngest() {
  const form = $("ingest-form");
  if (!state.config.writes_enabled) {
    $("ingest-result").append(el("p", {}, "Writing is disabled: start the server with --token (or RASD_TOKEN) to add articles."));
  }
  form.elements.token.value = token();
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    sessionStorage.setItem("rasd-token", data.get("token") || "");
    const article = { text: data.get("text") };
    for (const k of ["published", "source", "title", "url"]) if (data.get(k)) article[k] = data.get(k);
    const result = $("ingest-result");
    result.replaceChildren(el("p", {}, "extracting…"));
    try {
      const reply = await api("/api/articles", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(article),
      });
      result.replaceChildren();
      for (const a of reply.articles) {
        result.append(el("p", {}, `Article ${a.article_id}: ${a.outcome}, ${a.events.length} event(s)`));
        const list = el("ul", { class: "ingested" });
        for (const ev of a.events) {
          list.append(el("li", { "data-event-id": ev.event_id },
            el("a", { onclick: () => openEvent(ev.event_id) },
              `${ev.event_date || "undated"} · ${ev.sub_event_type} · ${[ev.location, ev.country].filter(Boolean).join(", ") || "place unknown"} · ${ev.fatalities} deaths`)));
        }
        result.append(list);
      }
      await loadEvents(false);
      await fillCountries();
    } catch (err) {
      result.replaceChildren(el("p", { class: "error" }, err.message));
    }
  });
}

// ---------- start ----------

async function main() {
  renderLegend();
  fillTypeSelects();
  setUpFilters();
  setUpMapInteraction();
  $("panel-close").addEventListener("click", () => { $("panel").hidden = true; state.selectedId = null; scheduleRender(); });
  try {
    state.config = await api("/api/config");
    $("attribution").textContent = state.config.tile_url
      ? state.config.tile_attribution || "map tiles: " + new URL(state.config.tile_url.replace(/[{}]/g, "")).host
      : "Borders: Natural Earth (public domain)";
    setUpIngest();
    await loadCountries();
    await loadEvents(true);
    await fillCountries();
    document.body.dataset.ready = "true";
  } catch (err) {
    setStatus(err.message, true);
  }
}

main();
