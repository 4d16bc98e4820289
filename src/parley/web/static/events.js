// The events page: the filters, a sortable table and pages of 50.
import { bindFilters, documentLink, getJSON, goldsteinColour, h, number } from "./parley.js";

const SIZE = 50;
const COLUMNS = [
  ["event_date", "Date"],
  ["source", "Source"],
  ["code", "CAMEO"],
  ["target", "Target"],
  ["plover_type", "PLOVER"],
  ["goldstein", "Goldstein"],
  ["quad_class", "Quad"],
  ["modality", "Modality"],
  ["location_name", "Place"],
  ["document_id", "Document"],
];
const given = new URLSearchParams(location.search);
let rerun = () => {};
const state = { sort: given.get("sort") || "-event_date", page: Number(given.get("page")) || 1, filters: null };

function header() {
  const row = document.querySelector("#events thead tr");
  row.replaceChildren(
    ...COLUMNS.map(([column, label]) => {
      const current = state.sort.replace(/^-/, "") === column;
      const order = current ? (state.sort.startsWith("-") ? "descending" : "ascending") : "none";
      const next = current && !state.sort.startsWith("-") ? `-${column}` : column;
      const button = h("button", { type: "button", "data-sort": next }, label, current ? (order === "descending" ? " ▼" : " ▲") : "");
      button.addEventListener("click", () => { state.sort = next; state.page = 1; rerun(); });
      return h("th", { "aria-sort": order, "data-column": column }, button);
    }),
  );
}

function cells(event) {
  return COLUMNS.map(([column]) => {
    const value = event[column];
    if (column === "code") {
      return h("td", {}, h("a", { href: documentLink(event.document_id, event.event_id), title: "show it in its document" }, value));
    }
    if (column === "goldstein") return h("td", { class: "number", style: `color:${goldsteinColour(value)}` }, value ?? "–");
    if (column === "document_id") return h("td", { class: "document-id" }, h("a", { href: documentLink(value) }, value));
    return h("td", {}, value ?? "");
  });
}

async function draw(filters) {
  state.filters = filters;
  const params = new URLSearchParams(filters);
  params.delete("sort");
  params.delete("page");
  params.set("sort", state.sort);
  params.set("page", state.page);
  params.set("size", SIZE);
  const body = await getJSON("/api/events", params);
  const shown = new URLSearchParams(filters);
  if (state.sort !== "-event_date") shown.set("sort", state.sort);
  if (state.page > 1) shown.set("page", state.page);
  history.replaceState(null, "", shown.size ? `?${shown}` : location.pathname);
  header();
  const rows = body.events.map((event) =>
    h("tr", { "data-event": event.event_id, title: event.sentence_text }, cells(event)));
  document.querySelector("#events tbody").replaceChildren(...rows);
  const first = body.total ? (state.page - 1) * SIZE + 1 : 0;
  document.getElementById("summary").textContent = body.total
    ? `${number(first)}–${number(first + body.events.length - 1)} of ${number(body.total)} events`
    : "No events match these filters.";
  document.getElementById("previous").disabled = state.page <= 1;
  document.getElementById("next").disabled = state.page * SIZE >= body.total;
}

const { form, run } = bindFilters(draw);
rerun = () => run(state.filters);
form.addEventListener("submit", () => { state.page = 1; }, { capture: true });
document.getElementById("previous").addEventListener("click", () => { state.page -= 1; rerun(); });
document.getElementById("next").addEventListener("click", () => { state.page += 1; rerun(); });
