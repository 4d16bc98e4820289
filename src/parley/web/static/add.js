// Add documents: each chosen file is sent to POST /api/documents, one at a time, and its
// outcome (coded, copy, unchanged, or why it was refused) is listed.
import { detail, documentLink, h } from "./parley.js";

const form = document.getElementById("upload");
const results = document.getElementById("results");

async function send(file, date) {
  const params = new URLSearchParams({ name: file.name });
  if (date) params.set("date", date);
  const response = await fetch(`/api/documents?${params}`, { method: "POST", body: file });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) return h("li", { class: "refused", "data-file": file.name }, detail(body, response));
  return h("li", { class: body.status, "data-file": file.name }, body.message, " ",
    h("a", { href: documentLink(body.document_id) }, "open"));
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  document.body.dataset.state = "loading";
  try {
    for (const file of form.elements.files.files) {
      results.append(await send(file, form.elements.date.value));
    }
  } finally {
    button.disabled = false;
    document.body.dataset.state = "ready";
  }
});
document.body.dataset.state = "ready";
