// The timeline: cooperation above the line, conflict below, per week or month, drawn as
// SVG from /api/counts; the table under it holds the same numbers.
import { bindFilters, eventsLink, getJSON, goldsteinColour, h, number, s } from "./parley.js";

const WIDTH = 960;
const HEIGHT = 360;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
const LAYERS = [
  ["material_cooperation", "material cooperation", "#2e7d32", 1],
  ["verbal_cooperation", "verbal cooperation", "#81c784", 1],
  ["verbal_conflict", "verbal conflict", "#ffb74d", -1],
  ["material_conflict", "material conflict", "#d32f2f", -1],
];

/** Every period from the first to the last, with the empty ones (zero) in between. */
function periods(rows, by) {
  if (!rows.length) return [];
  const found = new Map(rows.map((row) => [row[by], row]));
  const all = [];
  const day = new Date(`${rows[0][by]}T00:00:00Z`);
  const last = new Date(`${rows.at(-1)[by]}T00:00:00Z`);
  while (day <= last && all.length < 5000) {
    const key = day.toISOString().slice(0, 10);
    all.push(found.get(key) || { [by]: key, events: 0, goldstein_sum: 0, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0 });
    advance(day, by);
  }
  return all;
}

/** Move `day` on by one period. */
function advance(day, by) {
  if (by === "week") day.setUTCDate(day.getUTCDate() + 7);
  else day.setUTCMonth(day.getUTCMonth() + 1);
}

const cooperation = (row) => row.verbal_cooperation + row.material_cooperation;
const conflict = (row) => row.verbal_conflict + row.material_conflict;

function ticks(max) {
  const step = 10 ** Math.floor(Math.log10(Math.max(max, 1)));
  const unit = max / step > 5 ? step * 2 : step;
  const out = [];
  for (let t = unit; t <= max; t += unit) out.push(t);
  return out;
}

function chart(rows, by, measure, filters) {
  const inner = WIDTH - PAD.left - PAD.right;
  const band = inner / Math.max(rows.length, 1);
  const up = measure === "goldstein" ? (r) => Math.max(r.goldstein_sum, 0) : cooperation;
  const down = measure === "goldstein" ? (r) => Math.max(-r.goldstein_sum, 0) : conflict;
  const max = Math.max(1, ...rows.map(up), ...rows.map(down));
  const zero = PAD.top + (HEIGHT - PAD.top - PAD.bottom) / 2;
  const scale = (HEIGHT - PAD.top - PAD.bottom) / 2 / max;
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": `events per ${by}` });
  for (const t of ticks(max)) {
    for (const sign of [1, -1]) {
      const y = zero - sign * t * scale;
      svg.append(s("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "grid" }),
        s("text", { x: PAD.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, sign > 0 ? t : -t));
    }
  }
  const every = Math.ceil(rows.length / 12);
  rows.forEach((row, i) => {
    const x = PAD.left + i * band;
    const width = Math.max(band - 2, 1);
    const link = s("a", { href: eventsLink({ ...filters, since: row[by], until: periodEnd(row[by], by) }), class: "bar", "data-period": row[by] });
    link.append(s("title", {}, `${row[by]}: ${row.events} events, cooperation ${cooperation(row)}, conflict ${conflict(row)}, Goldstein sum ${row.goldstein_sum ?? 0}`));
    if (measure === "goldstein") {
      const value = row.goldstein_sum || 0;
      const height = Math.abs(value) * scale;
      link.append(s("rect", { x, width, y: value >= 0 ? zero - height : zero, height, fill: goldsteinColour(value >= 0 ? 6 : -6) }));
    } else {
      let above = zero;
      let below = zero;
      for (const [key, , colour, sign] of LAYERS) {
        const height = row[key] * scale;
        if (!height) continue;
        const y = sign > 0 ? (above -= height) : below;
        if (sign < 0) below += height;
        link.append(s("rect", { x, width, y, height, fill: colour, "data-layer": key }));
      }
    }
    svg.append(link);
    if (i % every === 0) {
      svg.append(s("text", { x: x + band / 2, y: HEIGHT - PAD.bottom + 16, class: "tick", "text-anchor": "middle" }, row[by].slice(0, by === "month" ? 7 : 10)));
    }
  });
  svg.append(s("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: zero, y2: zero, class: "axis" }));
  const legend = h("p", { class: "legend" }, measure === "goldstein"
    ? [h("span", { class: "swatch", style: `background:${goldsteinColour(6)}` }), " Goldstein sum above 0 ", h("span", { class: "swatch", style: `background:${goldsteinColour(-6)}` }), " below 0"]
    : LAYERS.map(([, label, colour]) => [h("span", { class: "swatch", style: `background:${colour}` }), ` ${label} `]));
  return [svg, legend];
}

/** The last day of the period that starts on `start`. */
function periodEnd(start, by) {
  const day = new Date(`${start}T00:00:00Z`);
  advance(day, by);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

async function draw(params) {
  const by = params.get("by") || "month";
  const measure = params.get("measure") || "quad";
  const filters = Object.fromEntries([...params].filter(([key]) => !["by", "measure"].includes(key)));
  const query = new URLSearchParams({ ...filters, by, limit: 10000 });
  const body = await getJSON("/api/counts", query);
  const rows = periods(body.rows.filter((row) => row[by]), by);
  const figure = document.getElementById("chart");
  figure.replaceChildren(...(rows.length ? chart(rows, by, measure, filters) : [h("p", { class: "summary" }, "No dated events match these filters.")]));
  document.querySelector("#periods tbody").replaceChildren(
    ...body.rows.filter((row) => row[by]).map((row) => h("tr", { "data-period": row[by] },
      h("td", {}, row[by]), h("td", { class: "number" }, number(row.events)),
      h("td", { class: "number" }, number(cooperation(row))), h("td", { class: "number" }, number(conflict(row))),
      h("td", { class: "number" }, row.goldstein_sum ?? "–"))));
}

bindFilters(draw);
