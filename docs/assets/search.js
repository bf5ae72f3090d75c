// The search page: form, filters with counts, results grouped by transcript, URL state, CSV.
// Markup comes from <template> elements in docs/overrides/search.html; this file fills them.
import { execute, highlightTerms, paragraphsOf, parseQuery, passagesOf } from "./query.js";
import { configReady, loadFilters, pagefindReady } from "./search-boot.js";

const root = new URL("../", import.meta.url); // the site's root, wherever it is served
const { records, shards, variants } = await configReady;
// With page records (large collections, see search_index.py) a result is a transcript whose
// matching passages are drawn from Pagefind's sub-results; otherwise a result is a passage.
const PAGE_RECORDS = records === "pages";
const PAGE = PAGE_RECORDS ? 10 : 30; // results drawn at a time
const PASSAGES_SHOWN = 3; // of a transcript's passages, before "more in this transcript"
const COUNT_CAP = PAGE_RECORDS ? 100 : 1000; // results whose data may be loaded to count filters or sort
const CSV_CAP = PAGE_RECORDS ? 500 : 5000;

const pagefind = await pagefindReady;
performance.mark("search:pagefind-loaded");
let allFilters = {};
let years = [];
let filtersReady = null; // the facets' lists, once asked for (at once unless page records)
const facetsWanted = () => filtersReady !== null;
const wantFacets = () =>
  (filtersReady ??= loadFilters().then((filters) => {
    allFilters = filters;
    years = Object.keys(filters.year || {}).sort();
  }));
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
const $ = (selector) => document.querySelector(selector);
const form = $("#archive-search-form");
const input = $("#archive-q");
const status = $("#archive-status");
const resultsBox = $("#archive-results");
const more = $("#archive-more");
const csvButton = $("#archive-csv");
const facets = {
  speaker: $("#archive-f-speaker"),
  event: $("#archive-f-event"),
  kind: $("#archive-f-kind"),
  theme: $("#archive-f-theme"),
};
const FACETS = Object.keys(facets);
const yearFrom = $("#archive-f-from");
const yearTo = $("#archive-f-to");
const sortSelect = $("#archive-sort");
const narrow = $("#archive-narrow");
const template = (id) => document.getElementById(id).content.firstElementChild;

// Keyed by the result object, not its id: the same record answers each search with its own
// excerpt and sub-results. Pagefind writes those onto one shared object per record, so two
// searches' data of a record are read one after the other, each copied as soon as it is ready.
const dataCache = new WeakMap();
const lastOfRecord = new Map();
const dataOf = (result) => {
  if (!dataCache.has(result)) {
    const ready = (lastOfRecord.get(result.id) || Promise.resolve()).then(() => result.data()).then((data) => ({ ...data }));
    lastOfRecord.set(result.id, ready.catch(() => null));
    dataCache.set(result, ready);
  }
  return dataCache.get(result);
};

// --------------------------------------------------------------------------- the form

function drawFacets() {
  for (const [key, box] of Object.entries(facets)) {
    const values = Object.entries(allFilters[key] || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    box.replaceChildren(
      ...values.map(([value]) => {
        const label = template("archive-facet-template").cloneNode(true);
        const checkbox = label.querySelector("input");
        checkbox.name = key;
        checkbox.value = value;
        label.querySelector(".archive-facet__value").textContent = value;
        return label;
      }),
    );
  }
  for (const select of [yearFrom, yearTo]) {
    for (const year of years) select.append(new Option(year, year));
  }
}

function readForm() {
  const checked = (key) => [...facets[key].querySelectorAll("input:checked")].map((box) => box.value);
  return {
    q: input.value.trim(),
    speaker: checked("speaker"),
    event: checked("event"),
    kind: checked("kind"),
    theme: checked("theme"),
    from: yearFrom.value,
    to: yearTo.value,
    sort: sortSelect.value,
  };
}

function writeForm(state) {
  input.value = state.q;
  for (const [key, box] of Object.entries(facets)) {
    for (const checkbox of box.querySelectorAll("input")) checkbox.checked = state[key].includes(checkbox.value);
  }
  yearFrom.value = years.includes(state.from) ? state.from : "";
  yearTo.value = years.includes(state.to) ? state.to : "";
  sortSelect.value = ["relevance", "newest", "oldest"].includes(state.sort) ? state.sort : "relevance";
}

function stateFromURL() {
  const params = new URLSearchParams(location.search);
  return {
    q: params.get("q") || "",
    speaker: params.getAll("speaker"),
    event: params.getAll("event"),
    kind: params.getAll("kind"),
    theme: params.getAll("theme"),
    from: params.get("from") || "",
    to: params.get("to") || "",
    sort: params.get("sort") || "relevance",
  };
}

function urlOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of FACETS) for (const value of state[key]) params.append(key, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const search = params.toString();
  return location.pathname + (search ? `?${search}` : "");
}

function pagefindFilters(state) {
  const filters = {};
  for (const key of FACETS) if (state[key].length) filters[key] = { any: state[key] };
  if (state.from || state.to) {
    const inRange = years.filter((year) => (!state.from || year >= state.from) && (!state.to || year <= state.to));
    filters.year = { any: inRange.length ? inRange : ["none"] };
  }
  return filters;
}

// --------------------------------------------------------------------------- searching

let generation = 0;
let current = { results: [], shown: 0, query: null };

async function search({ push = false, state = readForm() } = {}) {
  const mine = ++generation;
  if (state.from || state.to) await wantFacets(); // a year range needs the years there are
  const url = urlOf(state);
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](state, "", url);
  const filters = pagefindFilters(state);
  const sort = state.sort === "relevance" ? undefined : { [state.sort]: "asc" }; // see search_index.py
  const query = parseQuery(state.q);
  const filtered = Object.keys(filters).length > 0;
  if (!query.groups.length && !filtered) {
    current = { results: [], shown: 0, query };
    resultsBox.replaceChildren();
    if (facetsWanted()) filtersReady.then(() => drawCounts(allFilters));
    status.textContent = state.q ? "Type a word or a phrase that is not only common words." : "";
    more.hidden = csvButton.hidden = true;
    resultsBox.dataset.for = url;
    return;
  }
  status.textContent = "Searching…";
  let answer;
  if (query.groups.length) {
    answer = await execute(query, variants, (q) => searchWord(q, { filters, sort }), { pages: PAGE_RECORDS });
  } else if (shards.length > 1) {
    // Browsing by filters alone, over shards: each in date order, the shards one after another.
    answer = { results: await inDateOrder(filters, sort ? state.sort : "oldest"), exact: null, order: "pagefind" };
  } else {
    // Browsing by filters alone: no relevance to rank by, so in date and reading order.
    const all = await pagefind.search(null, { filters, sort: sort || { oldest: "asc" } });
    answer = { results: all.results, exact: all, order: "pagefind" };
  }
  if (mine !== generation) return;
  performance.mark("search:answered");
  let results = answer.results;
  if (state.sort === "relevance" && query.groups.length) {
    results = [...results].sort((a, b) => b.rank - a.rank);
  } else if (state.sort !== "relevance" && shards.length > 1 && query.groups.length) {
    // Merged shards come back by score alone: the order is taken from each shard's own.
    const order = new Map((await inDateOrder(filters, state.sort)).map((result, i) => [result.id, i]));
    results = results.filter((r) => order.has(r.id)).sort((a, b) => order.get(a.id) - order.get(b.id));
  } else if (state.sort !== "relevance" && answer.order !== "pagefind") {
    const loaded = await Promise.all(results.slice(0, COUNT_CAP).map(dataOf));
    const key = state.sort === "newest" ? "newest" : "order";
    const keyed = results.slice(0, COUNT_CAP).map((result, i) => [loaded[i].meta[key] || "", result]);
    keyed.sort((a, b) => a[0].localeCompare(b[0]));
    results = keyed.map(([, result]) => result);
  }
  if (mine !== generation) return;
  current = { results, shown: 0, query, state };
  resultsBox.replaceChildren();
  await showMore();
  if (mine !== generation) return;
  performance.mark("search:drawn");
  announce(state, query);
  // Filter counts: exact from Pagefind for a single search (once its filters are loaded),
  // otherwise counted over the results themselves, where they are few enough to load.
  if (!facetsWanted()) {
    resultsBox.dataset.for = url; // which address the drawn results answer (tests wait on it)
    return;
  }
  await filtersReady;
  let counts = answer.exact && answer.exact.filters;
  if (answer.exact && !counts) {
    const again = query.groups.length
      ? await execute(query, variants, (q) => searchWord(q, { filters, sort }), { pages: PAGE_RECORDS })
      : { exact: await pagefind.search(null, { filters, sort }) };
    counts = again.exact && again.exact.filters;
  }
  if (!counts) counts = results.length <= COUNT_CAP ? await countFilters(results) : null; // null: not counted
  if (mine !== generation) return;
  drawCounts(counts);
  resultsBox.dataset.for = url; // which address the drawn results answer (tests wait on it)
}

/** One Pagefind search for a word or a quoted phrase. Where a word is in no record, Pagefind
 * falls back to an indexed word it begins with ("Afghanistan" finds "a"); in a sharded index that
 * happens in every shard without the word. The same word quoted never falls back (and still
 * stems), but reports only its first place in a record, so the unquoted search gives the places
 * and the quoted one decides which records count. */
async function searchWord(q, options) {
  if (q.startsWith('"')) return pagefind.search(q, options);
  const [loose, exact] = await Promise.all([pagefind.search(q, options), pagefind.search(`"${q}"`, options)]);
  const found = new Set(exact.results.map((result) => result.id));
  return { ...loose, results: loose.results.filter((result) => found.has(result.id)), filters: exact.filters };
}

/** Results of a filtered browse (``term`` null) in date order over a sharded index: Pagefind
 * merges shards by score, so each shard is asked alone (by its years) and the answers joined. */
async function inDateOrder(filters, key) {
  const ordered = key === "newest" ? [...shards].reverse() : shards;
  const answers = await Promise.all(
    ordered.map((shard) => {
      const wanted = filters.year ? filters.year.any.filter((year) => shard.years.includes(year)) : shard.years;
      if (!wanted.length) return { results: [] };
      return pagefind.search(null, { filters: { ...filters, year: { any: wanted } }, sort: { [key]: "asc" } });
    }),
  );
  return answers.flatMap((answer) => answer.results);
}

async function countFilters(results) {
  const counts = { speaker: {}, event: {}, kind: {}, theme: {}, year: {} };
  const loaded = await Promise.all(results.slice(0, COUNT_CAP).map(dataOf));
  for (const data of loaded) {
    for (const key of Object.keys(counts)) {
      for (const value of data.filters[key] || []) counts[key][value] = (counts[key][value] || 0) + 1;
    }
  }
  return counts;
}

function drawCounts(counts) {
  for (const [key, box] of Object.entries(facets)) {
    for (const label of box.querySelectorAll("label")) {
      const value = label.querySelector("input").value;
      const n = counts ? (counts[key] || {})[value] || 0 : null;
      label.querySelector(".archive-facet__count").textContent = n === null ? "" : `(${n})`;
      label.classList.toggle("archive-facet--empty", n === 0);
    }
  }
}

async function showMore(count = PAGE) {
  const mine = generation;
  const { results, query } = current;
  const slice = results.slice(current.shown, current.shown + count);
  // Every result's data is asked for at once; each is drawn, in order, as soon as it is there.
  const loading = slice.map((result) => Promise.all([dataOf(result), PAGE_RECORDS ? passagesOf(result, dataOf) : null]));
  for (const pending of loading) {
    const [data, passages] = await pending;
    if (mine !== generation) return; // a newer search has begun: draw nothing more of this one
    if (PAGE_RECORDS) drawTranscript(data, passages, query);
    else drawPassage(groupFor(data), data, data.meta, data.excerpt, query);
  }
  current.shown += slice.length;
  more.hidden = current.shown >= results.length;
  csvButton.hidden = results.length === 0;
}

/** All results of a transcript stay together, under its first (best) result. */
function groupFor(data) {
  let group = [...resultsBox.children].find((section) => section.dataset.slug === data.meta.slug);
  if (!group) {
    group = template("archive-group-template").cloneNode(true);
    group.dataset.slug = data.meta.slug;
    const title = group.querySelector(".archive-group__title a");
    title.textContent = data.meta.title;
    title.href = new URL(`transcripts/${data.meta.slug}/`, root).pathname;
    group.querySelector(".archive-group__meta").textContent = `${data.meta.date_display} · ${data.meta.venue}`;
    resultsBox.append(group);
  }
  return group;
}

function drawPassage(group, data, where, excerpt, query) {
  const item = template("archive-result-template").cloneNode(true);
  const link = item.querySelector("a");
  const target = new URL(where.url, root);
  for (const term of highlightTerms(query, excerpt)) target.searchParams.append("highlight", term);
  link.href = target.pathname + target.search + target.hash;
  item.querySelector(".archive-result__speaker").textContent = where.speaker;
  item.querySelector(".archive-result__where").textContent = `¶ ${where.number}${where.heading ? ` · ${where.heading}` : ""}`;
  item.querySelector(".archive-result__excerpt").innerHTML = excerpt; // Pagefind escapes it and adds <mark>
  group.querySelector(".archive-group__results").append(item);
  return item;
}

/** Speaker of each paragraph of a page record: ``voices`` and ``turns`` (search_index.py). */
function speakerAt(meta, anchor) {
  const voices = JSON.parse(meta.voices || "[]");
  const turns = JSON.parse(meta.turns || "[]");
  const line = Number(anchor.slice(1));
  let voice = 0;
  for (const [start, index] of turns) if (start <= line) voice = index;
  return (voices[voice] || [meta.speaker || ""])[0];
}

function passageWhere(data, sub) {
  return {
    url: `${data.meta.url}#${sub.anchor.id}`,
    speaker: speakerAt(data.meta, sub.anchor.id),
    number: sub.title.replace(/^¶\s*/, ""),
    heading: "",
  };
}

/** A page record's excerpt without the paragraph headings (``¶ 12.``) that Pagefind reads as text. */
function cleanExcerpt(excerpt, number) {
  return excerpt.replace(/¶\s*\d+\.\s*/g, "").replace(new RegExp(`^${number}\\.\\s+`), "");
}

function drawTranscript(data, { passages, together, inText }, query) {
  if (!passages.length && inText) return; // every passage with the words also has an excluded one
  const group = groupFor(data);
  const note = (text) => {
    const item = template("archive-group-note-template").cloneNode(true);
    item.textContent = text;
    group.querySelector(".archive-group__results").append(item);
  };
  if (!passages.length) note("The words are in this transcript’s title or details, not in its text.");
  else if (!together) note("The words are in this transcript, but not together in one passage:");
  const items = passages.map((sub) => {
    const where = passageWhere(data, sub);
    return drawPassage(group, data, where, cleanExcerpt(sub.excerpt, where.number), query);
  });
  const hidden = items.slice(PASSAGES_SHOWN);
  if (!hidden.length) return;
  for (const item of hidden) item.hidden = true;
  const reveal = template("archive-group-more-template").cloneNode(true);
  const button = reveal.querySelector("button");
  button.textContent = `${hidden.length} more passage${hidden.length === 1 ? "" : "s"} in this transcript`;
  button.addEventListener("click", () => {
    for (const item of hidden) item.hidden = false;
    reveal.remove();
    hidden[0].querySelector("a").focus();
  });
  group.querySelector(".archive-group__results").append(reveal);
}

function announce(state, query) {
  const n = current.results.length;
  const drawnNone = PAGE_RECORDS && current.shown >= n && resultsBox.children.length === 0; // all excluded
  if (n === 0 || drawnNone) {
    status.replaceChildren(`No passages match ${state.q ? `“${state.q}”` : "these filters"}.`);
    const quoted = query.groups.flat().some((term) => term.quoted);
    if (quoted) {
      const loose = state.q.replace(/["“”„«»]/g, "");
      const link = document.createElement("a");
      link.href = urlOf({ ...state, q: loose });
      link.textContent = `Search for the words without quotes: ${loose}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        input.value = loose;
        search({ push: true });
      });
      status.append(" ", link);
    }
    return;
  }
  const transcripts = new Set();
  for (const group of resultsBox.children) transcripts.add(group.dataset.slug);
  const shown = current.shown < n ? ` (showing ${current.shown})` : "";
  if (PAGE_RECORDS) {
    const drawn = resultsBox.querySelectorAll(".archive-result").length;
    const upTo = query.exclude.length ? "up to " : ""; // exclusions are applied as passages are drawn
    status.textContent = `${upTo}${n} transcript${n === 1 ? "" : "s"}${shown}; ${drawn} passage${drawn === 1 ? "" : "s"} shown.`;
    return;
  }
  status.textContent = `${n} passage${n === 1 ? "" : "s"}${shown}${current.shown >= n ? ` in ${transcripts.size} transcript${transcripts.size === 1 ? "" : "s"}` : ""}.`;
}

// --------------------------------------------------------------------------- CSV

function csvField(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // never a formula in a spreadsheet
  return `"${text.replace(/"/g, '""')}"`;
}

async function downloadCSV() {
  const chosen = current.results.slice(0, CSV_CAP);
  const loaded = await Promise.all(chosen.map(dataOf));
  const rows = [["transcript", "date", "venue", "speaker", "paragraph", "url", "text"]];
  for (const [i, data] of loaded.entries()) {
    const row = (where, text) => [data.meta.title, data.meta.date, data.meta.venue, where.speaker, where.number, new URL(where.url, root).href, text];
    if (!PAGE_RECORDS) {
      rows.push(row(data.meta, data.content));
      continue;
    }
    const { passages } = await passagesOf(chosen[i], dataOf);
    const paragraphs = paragraphsOf(data);
    for (const sub of passages) rows.push(row(passageWhere(data, sub), (paragraphs.get(sub.anchor.id) || {}).text || ""));
  }
  const csv = rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  link.download = "transcript-search.csv";
  document.body.append(link);
  link.click();
  link.remove();
}

// --------------------------------------------------------------------------- events

let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  search({ push: true });
});
form.addEventListener("change", (event) => {
  if (event.target !== input) search({ push: true });
});
more.addEventListener("click", async () => {
  await showMore();
  announce(current.state, current.query);
});
csvButton.addEventListener("click", downloadCSV);
window.addEventListener("popstate", () => {
  writeForm(stateFromURL());
  search();
});

// Arrow keys move between results; from the box, Down enters them.
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...resultsBox.querySelectorAll(".archive-result a")];
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  if (document.activeElement === input && event.key === "ArrowDown") {
    links[0].focus();
  } else if (at >= 0) {
    const next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  } else {
    return;
  }
  event.preventDefault();
});

// The first search runs from the address at once; the facets are drawn when Pagefind's filter
// lists have arrived (they do not hold up the first results).
const first = stateFromURL();
input.value = first.q;
const narrowed = FACETS.some((key) => first[key].length) || first.from || first.to;
if (!PAGE_RECORDS || narrowed) wantFacets();
narrow.open = !PAGE_RECORDS || narrowed;
const firstSearch = search({ state: first });
async function showFacets() {
  await wantFacets();
  drawFacets();
  writeForm(stateFromURL());
}
if (narrow.open) await showFacets();
else {
  narrow.addEventListener("toggle", async () => {
    if (!narrow.open || narrow.dataset.drawn) return;
    narrow.dataset.drawn = "true";
    await showFacets();
    search(); // now with counts
  });
}
await firstSearch;
document.body.dataset.searchReady = "true";
if (document.activeElement === document.body) input.focus();
