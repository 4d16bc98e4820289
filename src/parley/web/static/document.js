// A document: its clean text with every event's source, verb and target marked, its
// events, the explanation of the one chosen (as `parley explain` gives it), the other
// copies of its story, and the places and times it names (as `parley places` and
// `parley times` list them; a place links to the map of the events in its country).
import { ROLES, documentLink, documentPath, getJSON, goldsteinColour, h, showError } from "./parley.js";

const article = document.getElementById("document");
const documentId = article.dataset.document;

/**
 * The text cut at every span boundary; a piece inside spans is a <mark> that names them
 * (`data-spans="EVENT:source EVENT2:verb"`), so the words of any span can be found again.
 */
function marked(text, events) {
  const cuts = new Set([0, text.length]);
  for (const event of events) {
    for (const role of ROLES) { cuts.add(event[`${role}_start`]); cuts.add(event[`${role}_end`]); }
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = [];
    for (const event of events) {
      for (const role of ROLES) {
        if (event[`${role}_start`] <= a && b <= event[`${role}_end`]) covering.push([event.event_id, role]);
      }
    }
    if (!covering.length) { pieces.push(text.slice(a, b)); continue; }
    const roles = [...new Set(covering.map(([, role]) => `role-${role}`))].join(" ");
    const mark = h("mark", { class: `span ${roles}`, "data-spans": covering.map(([id, role]) => `${id}:${role}`).join(" ") }, text.slice(a, b));
    mark.addEventListener("click", () => choose(covering[0][0]));
    pieces.push(mark);
  }
  return pieces;
}

function facts(doc) {
  const rows = [
    ["origin", doc.origin], ["format", doc.format], ["date", doc.date && `${doc.date} (${doc.date_source || "?"})`],
    ["publisher", doc.source], ["address", doc.url && (/^https?:\/\//i.test(doc.url) ? h("a", { href: doc.url, rel: "noreferrer" }, doc.url) : doc.url)],
    ["author", doc.author], ["story", doc.story_id],
    ["copy of", doc.duplicate_of && h("a", { href: documentLink(doc.duplicate_of) }, doc.duplicate_of)],
  ];
  return rows.filter(([, value]) => value).flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]);
}

async function explain(eventId) {
  const box = document.getElementById("explanation");
  const why = await getJSON(`/api/events/${encodeURIComponent(eventId)}/explain`);
  const rows = why.parts.map((part) => h("tr", { "data-role": part.role },
    h("th", {}, part.role), h("td", {}, h("code", {}, part.code)),
    h("td", {}, h("mark", { class: `span role-${part.role}` }, part.text)), h("td", { class: "entry" }, part.entry)));
  const notes = [
    ["means", `${why.meaning} · PLOVER ${why.plover || "–"} · quad class ${why.quad ?? "–"} · Goldstein ${why.goldstein ?? "–"}`],
    ["notes", `${why.negated ? "negated · " : ""}modality ${why.modality}`],
    ["date", why.when], ["where", why.where], ["rules", why.rules], ["copies", why.copies],
  ].filter(([, value]) => value);
  box.replaceChildren(
    h("h2", {}, "Why this event"), h("p", { class: "header" }, why.header), h("blockquote", {}, why.sentence),
    h("table", { class: "parts" }, h("tbody", {}, rows)),
    h("dl", {}, notes.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)])),
  );
  box.hidden = false;
}

function choose(eventId) {
  for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
  for (const mark of document.querySelectorAll("mark[data-spans]")) {
    if (mark.dataset.spans.split(" ").some((span) => span.startsWith(`${eventId}:`))) mark.classList.add("selected");
  }
  const item = document.querySelector(`#event-list [data-event="${eventId}"]`);
  if (item) item.classList.add("selected");
  history.replaceState(null, "", `#event-${eventId}`);
  document.querySelector("mark.selected")?.scrollIntoView({ block: "center", behavior: "smooth" });
  explain(eventId).catch((error) => showError(error.message));
}

function listItem(event) {
  const item = h("li", { "data-event": event.event_id, class: event.negated ? "negated" : null },
    h("button", { type: "button" },
      h("span", { class: "role-source" }, event.source), " ",
      h("code", { style: `border-color:${goldsteinColour(event.goldstein)}` }, event.code), " ",
      h("span", { class: "role-target" }, event.target)),
    h("span", { class: "note" }, [event.event_date, event.negated ? "negated" : "", event.repeat_of ? "repeat" : "", event.modality !== "asserted" ? event.modality : ""].filter(Boolean).join(" · ")));
  item.querySelector("button").addEventListener("click", () => choose(event.event_id));
  return item;
}

async function draw() {
  const body = await getJSON(`/api/documents/${documentPath(documentId)}`);
  const doc = body.document;
  document.getElementById("title").textContent = doc.title || doc.document_id;
  document.getElementById("facts").replaceChildren(...facts(doc));
  document.getElementById("text").replaceChildren(...marked(doc.text, body.events));
  document.getElementById("event-list").replaceChildren(...(body.events.length
    ? body.events.map(listItem)
    : [h("li", { class: "note" }, doc.duplicate_of ? "An exact copy: its events are its original's." : "No events coded.")]));
  document.getElementById("copies").replaceChildren(...(body.copies.length
    ? body.copies.map((copy) => h("li", { "data-document": copy.document_id },
        h("a", { href: documentLink(copy.document_id) }, copy.document_id), ` (${copy.duplicate_of ? "exact copy" : copy.similar_to ? `near copy, ${Math.round(100 * (copy.similarity || 0))}%` : "first"}, ${copy.n_events} events)`))
    : [h("li", { class: "note" }, "None: this story has one document.")]));
  const wanted = location.hash.match(/^#event-(.+)$/);
  if (wanted) choose(decodeURIComponent(wanted[1]));
}

function placeItem(place) {
  const where = place.latitude === null ? "no position" : `${place.latitude.toFixed(2)}, ${place.longitude.toFixed(2)}`;
  const name = place.kind === "feature" ? "" : `${place.name}, ${place.kind}`;
  const label = [name, place.country, where].filter(Boolean).join(" · ");
  return h("li", { "data-start": place.start },
    h("span", { class: "written" }, place.text), " → ",
    place.country ? h("a", { href: `/map?${new URLSearchParams({ located_in: place.country })}`, title: "events placed in this country, on the map" }, label) : label);
}

function timeItem(time) {
  return h("li", { "data-start": time.start },
    h("span", { class: "written" }, time.text), " → ", h("code", {}, time.value), ` ${time.kind.toLowerCase()}`);
}

async function drawWhereWhen() {
  const body = await getJSON("/api/places-and-times", new URLSearchParams({ document: documentId }));
  const none = (what) => [h("li", { class: "note" }, `No ${what} found.`)];
  document.getElementById("places").replaceChildren(...(body.places.length ? body.places.map(placeItem) : none("place")));
  document.getElementById("times").replaceChildren(...(body.times.length ? body.times.map(timeItem) : none("time")));
}

document.body.dataset.state = "loading";
draw().catch((error) => showError(error.message)).finally(() => { document.body.dataset.state = "ready"; });
drawWhereWhen().catch((error) => showError(error.message));
