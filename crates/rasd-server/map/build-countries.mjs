// Derives assets/countries.json (the dashboard's offline base map) from
// Natural Earth's 1:50m admin-0 countries as packaged by world-atlas on npm.
// Run: npm ci && npm run build   (in crates/rasd-server/map)
//
// Output: {"source", "scale", "countries": [{"id", "name", "rings": [[x0,y0,x1,y1,...], ...]}]}
// with x = round(lon * scale), y = round(lat * scale): integer centidegrees keep
// the file small and are finer than the 1:50m outlines themselves.
import { readFileSync, writeFileSync } from "node:fs";

const SCALE = 100;
const topo = JSON.parse(
  readFileSync(new URL("./node_modules/world-atlas/countries-50m.json", import.meta.url)),
);
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// TopoJSON arcs are delta-encoded quantized positions.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [Math.round((x * sx + tx) * SCALE), Math.round((y * sy + ty) * SCALE)];
  });
});

function ring(arcIndexes) {
  const points = [];
  for (const index of arcIndexes) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    // Consecutive arcs share their joining point.
    arc.forEach((p, i) => { if (i > 0 || points.length === 0) points.push(p); });
  }
  const flat = [];
  let last = null;
  for (const [x, y] of points) {
    if (last && last[0] === x && last[1] === y) continue;
    flat.push(x, y);
    last = [x, y];
  }
  return flat;
}

const countries = [];
for (const geometry of topo.objects.countries.geometries) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs]
    : geometry.type === "MultiPolygon" ? geometry.arcs : [];
  const rings = polygons.flatMap((polygon) => polygon.map(ring)).filter((r) => r.length >= 6);
  if (rings.length === 0) continue;
  countries.push({ id: geometry.id ?? "", name: geometry.properties?.name ?? "", rings });
}

const out = {
  source: "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2 (npm)",
  scale: SCALE,
  countries,
};
const target = new URL("../assets/countries.json", import.meta.url);
writeFileSync(target, JSON.stringify(out));
console.log(`wrote ${countries.length} countries to ${target.pathname}`);
