// Starts the search's downloads as early as possible: the search page loads this module async
// from its <head>, before the page has finished parsing; assets/search.js imports the same
// module (one instance) and uses what it started.
const root = new URL("../", import.meta.url);

export const pagefindReady = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
  // No web worker: for an index this size the worker's own start-up costs more than it saves.
  await pagefind.options({ excerptLength: 36, noWorker: true });
  pagefind.init();
  const q = new URLSearchParams(location.search).get("q");
  if (q) for (const word of q.replace(/["“”„«»-]/g, " ").split(/\s+/).filter(Boolean)) pagefind.preload(word);
  return pagefind;
});

export const filtersReady = pagefindReady.then((pagefind) => pagefind.filters());

// Which record design the index has (passages, or pages with passages as sub-results, see
// search_index.py) and the spelling variants.
export const configReady = fetch(new URL("assets/search-config.json", root))
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}))
  .then((config) => ({ records: "passages", variants: [], ...config }));
