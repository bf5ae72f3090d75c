// A person's page: for each other collection the person is in (partials/person-elsewhere.html),
// how much they say there, as that collection's own site counts it: its vocabulary file for the
// first letter of the person's surname (search-data/words/<letter>.json, written by
// search_index.write_vocabulary) lists [name, page, passages, transcripts] for each person. A
// site that does not answer leaves the link alone.
import { letterFile } from "./search-names.js";

function counted(n, one, many) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

const files = new Map(); // one request a vocabulary file, however many of the person's pages it lists

function vocabulary(url) {
  if (!files.has(url)) {
    files.set(url, fetch(url).then((response) => (response.ok ? response.json() : { people: [] })));
  }
  return files.get(url);
}

async function fill(item) {
  const site = new URL(item.dataset.site, document.baseURI);
  const surname = item.dataset.name.trim().split(/\s+/).pop();
  try {
    const { people = [] } = await vocabulary(new URL(`search-data/words/${letterFile(surname)}`, site).href);
    const entry = people.find((person) => person[1] === item.dataset.page);
    if (!entry) return;
    const [name, , passages, transcripts] = entry;
    item.querySelector(".archive-elsewhere__count").textContent =
      `, as “${name}”: speaks or is quoted in ${counted(passages, "passage", "passages")} of ${counted(transcripts, "transcript", "transcripts")}`;
    item.dataset.passages = String(passages);
    item.dataset.transcripts = String(transcripts);
  } catch {
    // the other site did not answer: the link stands alone
  }
}

for (const item of document.querySelectorAll(".archive-elsewhere li[data-site]")) fill(item);
