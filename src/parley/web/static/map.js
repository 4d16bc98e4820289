// The map: countries from Natural Earth (world-atlas, bundled) in an equirectangular
// projection, and a circle per place events were located in, from /api/counts.
import { bindFilters, eventsLink, getJSON, goldsteinColour, h, number, s } from "./parley.js";

const WIDTH = 960;
const HEIGHT = 480;
const x = (longitude) => ((longitude + 180) / 360) * WIDTH;
const y = (latitude) => ((90 - latitude) / 180) * HEIGHT;
let world = null;

/** Country outlines as SVG path data, decoded from the bundled TopoJSON. */
async function outlines() {
  if (world) return world;
  const response = await fetch("/static/vendor/world-atlas/countries-110m.json");
  const topology = await response.json();
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let ax = 0, ay = 0;
    return arc.map(([dx, dy]) => { ax += dx; ay += dy; return [ax * sx + tx, ay * sy + ty]; });
  });
  const ring = (indexes) => {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    // A ring that crosses the antimeridian jumps across the map: start a new piece there.
    return points.map(([lon, lat], i) => {
      const jump = i === 0 || Math.abs(lon - points[i - 1][0]) > 180;
      return `${jump ? "M" : "L"}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`;
    }).join("") + "Z";
  };
  world = topology.objects.countries.geometries.map((geometry) => {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    return { name: geometry.properties?.name || "", d: polygons.flatMap((rings) => rings.map(ring)).join("") };
  });
  return world;
}

async function draw(params) {
  const filters = Object.fromEntries(params);
  const [countries, body] = await Promise.all([
    outlines(),
    getJSON("/api/counts", new URLSearchParams({ ...filters, by: "location", limit: 10000 })),
  ]);
  const located = body.rows.filter((row) => row.latitude !== null && row.longitude !== null);
  const unlocated = body.rows.filter((row) => row.latitude === null).reduce((sum, row) => sum + row.events, 0);
  const most = Math.max(1, ...located.map((row) => row.events));
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "map of located events" },
    s("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }),
    ...countries.map((country) => s("path", { d: country.d, class: "land" }, s("title", {}, country.name))));
  for (const row of [...located].sort((a, b) => b.events - a.events)) {
    svg.append(s("a", { href: eventsLink({ ...filters, located_in: row.location_country }), class: "place", "data-place": row.geonames_id, "data-events": row.events },
      s("circle", { cx: x(row.longitude), cy: y(row.latitude), r: 3 + 14 * Math.sqrt(row.events / most), fill: goldsteinColour(row.goldstein_mean) }),
      s("title", {}, `${row.location_name} (${row.location_country}): ${row.events} events, mean Goldstein ${row.goldstein_mean}`)));
  }
  document.getElementById("map").replaceChildren(svg);
  const total = located.reduce((sum, row) => sum + row.events, 0);
  document.getElementById("unlocated").textContent =
    `${number(total)} events in ${number(located.length)} places; ${number(unlocated)} events name no place.`;
}

bindFilters(draw);
