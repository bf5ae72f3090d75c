// The search's state: what the address says, what the form shows, and the Pagefind filters
// they stand for. The address is the whole state: a search can be bookmarked, cited or sent.

export const FACETS = ["speaker", "country", "event", "kind", "theme"];
export const SORTS = ["relevance", "newest", "oldest"];
/** What the page shows of a search: its passages, a chart of it per year, or every occurrence
 * in context (a concordance). */
export const VIEWS = ["results", "years", "context"];
/** How a concordance's lines are ordered: as the results (``sort``), or by the word before or
 * after the words found. */
export const LINE_ORDERS = ["results", "before", "after"];
/** The most lines a chart splits into. */
export const MAX_SPLIT = 5;
/** What a chart's lines are: speakers, or the countries speakers speak for (where the index
 * has them: its configuration's ``facets``). */
export const SPLITS = ["speaker", "country"];

/** A year as a range's bound: four digits. Anything else in the address ("abc", "2008x") is no
 * bound at all. */
const YEAR = /^\d{4}$/;

/** A query as the page quotes it in a sentence: as typed where it is one quoted phrase, else in
 * quotation marks; "these filters" where there is none. */
export function quoted(q) {
  if (!q) return "these filters";
  return /^["“][^"“”]*["”]$/.test(q) ? `“${q.slice(1, -1)}”` : `“${q}”`;
}

/** The state an address (its ``?query``) describes. */
export function stateFromURL(search = location.search) {
  const params = new URLSearchParams(search);
  const state = { q: params.get("q") || "" };
  for (const key of FACETS) state[key] = params.getAll(key);
  state.from = YEAR.test(params.get("from") || "") ? params.get("from") : "";
  state.to = YEAR.test(params.get("to") || "") ? params.get("to") : "";
  state.sort = SORTS.includes(params.get("sort")) ? params.get("sort") : "relevance";
  state.view = VIEWS.includes(params.get("view")) ? params.get("view") : "results";
  state.split = [...new Set(params.getAll("split"))].slice(0, MAX_SPLIT);
  state.by = SPLITS.includes(params.get("by")) ? params.get("by") : "speaker";
  state.lines = LINE_ORDERS.includes(params.get("lines")) ? params.get("lines") : "results";
  state.in = [...new Set(params.getAll("in"))]; // the collections searched: none said, this site's
  return state;
}

/** The address of a state on the search page (``pathname``), holding only what differs from
 * the default. */
export function urlOf(state, pathname = location.pathname) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of FACETS) for (const value of state[key] || []) params.append(key, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.view && state.view !== "results") params.set("view", state.view);
  if (state.view === "years" && state.by && state.by !== "speaker") params.set("by", state.by);
  if (state.view === "years") for (const name of state.split || []) params.append("split", name);
  if (state.view === "context" && state.lines && state.lines !== "results") params.set("lines", state.lines);
  for (const id of state.in || []) params.append("in", id);
  const search = params.toString();
  return pathname + (search ? `?${search}` : "");
}

/** How many filters narrow the state (each chosen value, and a year range as one). */
export function activeFilters(state) {
  return FACETS.reduce((n, key) => n + state[key].length, 0) + (state.from || state.to ? 1 : 0);
}

/** Pagefind's filters for a state; ``years`` are the years there are (for a range). */
export function pagefindFilters(state, years) {
  const filters = {};
  for (const key of FACETS) if (state[key].length) filters[key] = { any: state[key] };
  if (state.from || state.to) {
    const inRange = years.filter((year) => (!state.from || year >= state.from) && (!state.to || year <= state.to));
    filters.year = { any: inRange.length ? inRange : ["none"] };
  }
  return filters;
}

/** The form's controls on the search page (docs/overrides/search.html). The filters and the
 * sort stand outside the <form> element (beside and above the results) and belong to it by
 * their ``form`` attribute. */
export function formControls(doc = document) {
  const $ = (selector) => doc.querySelector(selector);
  return {
    form: $("#archive-search-form"),
    input: $("#archive-q"),
    facets: Object.fromEntries(FACETS.map((key) => [key, $(`#archive-f-${key}`)])),
    yearFrom: $("#archive-f-from"),
    yearTo: $("#archive-f-to"),
    sort: $("#archive-sort"),
    narrow: $("#archive-narrow"),
    views: $("#archive-views"),
    split: $("#archive-split"),
    by: $("#archive-by"),
    lines: $("#archive-lines"),
    collections: $("#archive-collections"), // none in a search page without the collections' chooser
  };
}

/** The state the form shows. */
export function readForm(controls) {
  const checked = (key) => [...controls.facets[key].querySelectorAll("input:checked")].map((box) => box.value);
  const state = { q: controls.input.value.trim() };
  for (const key of FACETS) state[key] = checked(key);
  state.from = controls.yearFrom.value;
  state.to = controls.yearTo.value;
  state.sort = controls.sort.value;
  const view = controls.views.querySelector("input:checked");
  state.view = view ? view.value : "results";
  state.by = SPLITS.includes(controls.by.value) ? controls.by.value : "speaker";
  // The boxes drawn for the other kind of line are not this split's (the reader has just
  // changed what the lines are).
  state.split = [...controls.split.querySelectorAll("input:checked")]
    .filter((box) => box.dataset.by === state.by)
    .map((box) => box.value)
    .slice(0, MAX_SPLIT);
  state.lines = controls.lines.value;
  const boxes = controls.collections ? [...controls.collections.querySelectorAll("input")] : [];
  const chosen = boxes.filter((box) => box.checked);
  // This site's collection alone is the default, said by no ``in`` at all.
  state.in = chosen.length === 1 && chosen[0].dataset.self ? [] : chosen.map((box) => box.value);
  return state;
}

/** Show a state in the form; ``years`` are the years there are. */
export function writeForm(controls, state, years) {
  controls.input.value = state.q;
  for (const [key, box] of Object.entries(controls.facets)) {
    for (const checkbox of box.querySelectorAll("input")) checkbox.checked = state[key].includes(checkbox.value);
  }
  controls.yearFrom.value = years.includes(state.from) ? state.from : "";
  controls.yearTo.value = years.includes(state.to) ? state.to : "";
  controls.sort.value = SORTS.includes(state.sort) ? state.sort : "relevance";
  for (const radio of controls.views.querySelectorAll("input")) radio.checked = radio.value === (state.view || "results");
  controls.by.value = SPLITS.includes(state.by) ? state.by : "speaker";
  for (const box of controls.split.querySelectorAll("input")) box.checked = box.dataset.by === controls.by.value && (state.split || []).includes(box.value);
  controls.lines.value = LINE_ORDERS.includes(state.lines) ? state.lines : "results";
  const boxes = controls.collections ? [...controls.collections.querySelectorAll("input")] : [];
  const chosen = (state.in || []).filter((id) => boxes.some((box) => box.value === id)); // none said, or none there is: this site's
  for (const box of boxes) box.checked = chosen.length ? chosen.includes(box.value) : Boolean(box.dataset.self);
}

/** ``state`` with only the collections there are in its ``in`` (collections.yml's, as the
 * configuration gives them): an unknown one would leave every box unticked. */
export function knownCollections(state, collections) {
  const ids = collections.map((c) => c.id);
  return { ...state, in: (state.in || []).filter((id) => ids.includes(id)) };
}

/** The collections a state searches (collections.yml's, as the configuration gives them): those
 * in its ``in``, or this site's alone. */
export function chosenCollections(state, collections) {
  if (!state.in || !state.in.length) return collections.filter((c) => c.self);
  return collections.filter((c) => state.in.includes(c.id));
}

/** Whether a state searches anything beyond this site's own collection. */
export const isMerged = (state, collections) => {
  const chosen = chosenCollections(state, collections);
  return chosen.length > 0 && !(chosen.length === 1 && chosen[0].self);
};
