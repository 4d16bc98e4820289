// Add documents: each chosen file is sent to POST /api/documents, which queues it and
// answers at once; its line says it waits, then, asking its status until the server has
// coded it, its outcome (coded, copy, already stored, or why it was refused).
import { detail, documentLink, h } from "./parley.js";

const form = document.getElementById("upload");
const results = document.getElementById("results");
const POLL_MS = 300;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function outcome(name, body) {
  if (body.state === "failed") return h("li", { class: "refused", "data-file": name }, body.reason);
  return h("li", { class: body.status, "data-file": name }, body.message, " ",
    h("a", { href: documentLink(body.document_id) }, "open"));
}

/** Ask for an upload's status until it is coded; its line shows the latest. */
async function follow(line, name, status) {
  let body = status;
  while (body.state === "queued" || body.state === "coding") {
    line.textContent = `${name}: ${body.state === "queued" ? "waiting to be coded" : "coding"}…`;
    await pause(POLL_MS);
    const response = await fetch(body.status_url, { headers: { Accept: "application/json" } });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      line.replaceWith(h("li", { class: "refused", "data-file": name }, detail(answer, response)));
      return;
    }
    body = answer;
  }
  line.replaceWith(outcome(name, body));
}

/** Send a file; once the server has it, its status is followed (the promise in `done`). */
async function send(file, date) {
  const params = new URLSearchParams({ name: file.name });
  if (date) params.set("date", date);
  const response = await fetch(`/api/documents?${params}`, { method: "POST", body: file });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    results.append(h("li", { class: "refused", "data-file": file.name }, detail(body, response)));
    return { done: Promise.resolve() };
  }
  const line = h("li", { class: "waiting", "data-job": body.job });
  results.append(line);
  return { done: follow(line, file.name, body) };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  document.body.dataset.state = "loading";
  const following = [];
  try {
    for (const file of form.elements.files.files) {
      following.push((await send(file, form.elements.date.value)).done);
    }
    await Promise.all(following);
  } finally {
    button.disabled = false;
    document.body.dataset.state = "ready";
  }
});
document.body.dataset.state = "ready";
