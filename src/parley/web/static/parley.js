// Helpers shared by the pages: the API, building elements, the filter form and colours.
// No framework and no build step: the files are served as they are, offline.

export const ROLES = ["source", "verb", "target"];
const SVG = "http://www.w3.org/2000/svg";

/** GET a JSON route of the API; an error answer becomes an Error with its one line. */
export async function getJSON(path, params) {
  const query = params && String(params) ? `?${params}` : "";
  const response = await fetch(`${path}${query}`, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(detail(body, response));
  return body;
}

/** The one line an error answer says (FastAPI's `detail`, a string or a list). */
export function detail(body, response) {
  if (typeof body.detail === "string") return body.detail;
  if (Array.isArray(body.detail)) return body.detail.map((d) => `${d.loc.at(-1)}: ${d.msg}`).join("; ");
  return `${response.status} ${response.statusText}`;
}

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    // through the DOM: the content security policy refuses style attributes
    else if (key === "style") node.style.cssText = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** An HTML element: h("a", {href: "/"}, "text", child). */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

/** An SVG element. */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG, tag), attrs, children);

/** The form's non-empty fields as query parameters. */
export function formParams(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

/** Show an error line above the page (or hide it with ""). */
export function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

/**
 * Fill the filter form from the page's address, draw with `draw(params)`, and draw again
 * on submit, keeping the filters in the address so that a view can be shared.
 */
export function bindFilters(draw) {
  const form = document.getElementById("filters");
  const given = new URLSearchParams(location.search);
  for (const [key, value] of given) if (form.elements[key]) form.elements[key].value = value;
  const run = (params) => {
    showError("");
    document.body.dataset.state = "loading";
    return draw(params)
      .catch((error) => showError(error.message))
      .finally(() => { document.body.dataset.state = "ready"; });
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = formParams(form);
    history.replaceState(null, "", params.size ? `?${params}` : location.pathname);
    run(params);
  });
  run(formParams(form));
  return { form, run };
}

/** The events page for these filters. */
export const eventsLink = (params) => `/events?${new URLSearchParams(params)}`;

/** A document id as a path (its `/` kept, each part escaped), for /documents/... routes. */
export const documentPath = (documentId) => documentId.split("/").map(encodeURIComponent).join("/");

/** A document's page, opened on one event. */
export const documentLink = (documentId, eventId) =>
  `/documents/${documentPath(documentId)}${eventId ? `#event-${eventId}` : ""}`;

/** Red for conflict, grey for neutral, green for cooperation (Goldstein −10 … +10). */
export function goldsteinColour(value) {
  if (value === null || value === undefined) return "#9aa0a6";
  const t = Math.max(-1, Math.min(1, value / 10));
  const hue = t < 0 ? 4 : 130;
  return `hsl(${hue} ${Math.round(25 + 55 * Math.abs(t))}% ${Math.round(55 - 12 * Math.abs(t))}%)`;
}

export const number = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en"));
