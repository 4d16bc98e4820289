// The network: actors as nodes, source→target pairs as arrows weighted by their number of
// events and coloured by mean Goldstein, placed by a small force layout (same input,
// same picture: it starts from a circle, with no randomness).
import { bindFilters, eventsLink, getJSON, goldsteinColour, h, s } from "./parley.js";

const WIDTH = 960;
const HEIGHT = 620;

function layout(nodes, edges) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / n;
    node.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
    node.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
  });
  const ideal = Math.sqrt((WIDTH * HEIGHT) / Math.max(n, 1)) * 0.6;
  for (let step = 0; step < 300; step += 1) {
    const heat = 1 - step / 300;
    for (const node of nodes) { node.dx = 0; node.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01;
        const d2 = dx * dx + dy * dy;
        const push = (ideal * ideal) / d2;
        a.dx += dx * push; a.dy += dy * push; b.dx -= dx * push; b.dy -= dy * push;
      }
    }
    for (const edge of edges) {
      const a = edge.from, b = edge.to;
      const dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const pull = d / ideal;
      a.dx -= dx * pull; a.dy -= dy * pull; b.dx += dx * pull; b.dy += dy * pull;
    }
    for (const node of nodes) {
      node.dx += (WIDTH / 2 - node.x) * 0.8; node.dy += (HEIGHT / 2 - node.y) * 0.8;
      const length = Math.sqrt(node.dx * node.dx + node.dy * node.dy) || 1;
      const move = Math.min(length, 30 * heat + 1);
      node.x += (node.dx / length) * move;
      node.y += (node.dy / length) * move;
    }
  }
  fit(nodes);
}

/** Scale and move the layout to fill the picture, leaving room for the labels. */
function fit(nodes) {
  const xs = nodes.map((node) => node.x), ys = nodes.map((node) => node.y);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 120) / (right - left || 1), (HEIGHT - 80) / (bottom - top || 1), 3);
  for (const node of nodes) {
    node.x = WIDTH / 2 + (node.x - (left + right) / 2) * scale;
    node.y = HEIGHT / 2 + (node.y - (top + bottom) / 2) * scale;
  }
}

function picture(rows, filters) {
  const byName = new Map();
  const node = (name) => {
    if (!byName.has(name)) byName.set(name, { name, events: 0 });
    return byName.get(name);
  };
  const edges = rows.map((row) => {
    const edge = { from: node(row.source), to: node(row.target), row };
    edge.from.events += row.events; edge.to.events += row.events;
    return edge;
  });
  const nodes = [...byName.values()];
  layout(nodes, edges);
  const most = Math.max(...rows.map((row) => row.events));
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "network of actors" });
  const defs = s("defs");
  svg.append(defs);
  edges.forEach((edge, i) => {
    const { from, to, row } = edge;
    const colour = goldsteinColour(row.goldstein_mean);
    defs.append(s("marker", { id: `arrow-${i}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" },
      s("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
    const dx = to.x - from.x, dy = to.y - from.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const r = radius(to, most);
    const bend = from === to ? 0 : 0.12;  // both directions of a pair stay apart
    const mx = (from.x + to.x) / 2 - dy * bend, my = (from.y + to.y) / 2 + dx * bend;
    const path = `M${from.x},${from.y} Q${mx},${my} ${to.x - (dx / d) * (r + 2)},${to.y - (dy / d) * (r + 2)}`;
    svg.append(s("a", { href: eventsLink({ ...filters, source: row.source, target: row.target }), class: "edge", "data-source": row.source, "data-target": row.target, "data-events": row.events },
      s("path", { d: path, stroke: colour, "stroke-width": 1 + 7 * Math.sqrt(row.events / most), fill: "none", "marker-end": `url(#arrow-${i})` }),
      s("title", {}, `${row.source} → ${row.target}: ${row.events} events, mean Goldstein ${row.goldstein_mean}`)));
  });
  for (const actor of nodes) {
    svg.append(s("a", { href: eventsLink({ ...filters, actor: actor.name }), class: "node", "data-actor": actor.name },
      s("circle", { cx: actor.x, cy: actor.y, r: radius(actor, most) }),
      s("text", { x: actor.x, y: actor.y - radius(actor, most) - 4, "text-anchor": "middle" }, actor.name),
      s("title", {}, `${actor.name}: ${actor.events} events (either side)`)));
  }
  return svg;
}

const radius = (node, most) => 4 + 10 * Math.sqrt(node.events / (2 * most));

async function draw(params) {
  const filters = Object.fromEntries([...params].filter(([key]) => key !== "limit"));
  const query = new URLSearchParams({ ...filters, by: "dyad", limit: params.get("limit") || 60 });
  const body = await getJSON("/api/counts", query);
  const rows = body.rows.filter((row) => row.source && row.target);
  document.getElementById("network").replaceChildren(
    rows.length ? picture(rows, filters) : h("p", { class: "summary" }, "No events match these filters."));
}

bindFilters(draw);
