// Starts the search's downloads as early as possible: the search page loads this module async
// from its <head>, before the page has finished parsing; assets/search.js imports the same
// module (one instance) and uses what it started.
const root = new URL("../", import.meta.url);

// Which record design the index has (passages; or pages or voices, with passages as sub-results), its
// shards (a large archive's index in runs of whole years, see search_index.py) and the spelling
// variants.
export const configReady = fetch(new URL("assets/search-config.json", root))
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}))
  .then((config) => ({ records: "passages", shards: [], variants: [], ...config }));

export const pagefindReady = Promise.all([import(new URL("pagefind/pagefind.js", root).href), configReady]).then(
  async ([pagefind, config]) => {
    // No web worker: for an index this size the worker's own start-up costs more than it saves.
    // Given before init, noWorker reaches the instance's constructor, which reads it; Pagefind
    // 1.5 then also passes it to its options() and logs "Unknown Pagefind option", harmlessly.
    await pagefind.options({ excerptLength: 36, noWorker: true });
    pagefind.init();
    // The other shards are searched with the first one's WebAssembly module.
    await Promise.all(config.shards.slice(1).map((shard) => pagefind.mergeIndex(new URL(shard.path, root).href)));
    const q = new URLSearchParams(location.search).get("q");
    if (q) for (const word of q.replace(/["“”„«»-]/g, " ").split(/\s+/).filter(Boolean)) pagefind.preload(word);
    return pagefind;
  },
);

// The filter lists (for the facets): at once for a small archive; for a large one (page
// records) only when the reader opens the facets, as they are then a good part of the bytes.
let filters = null;
export const loadFilters = () => (filters ??= pagefindReady.then((pagefind) => pagefind.filters()));
configReady.then((config) => {
  if (config.records === "passages") loadFilters();
});

/**
 * Another collection's search, from its own site at ``base`` (collections.yml): its
 * configuration and its own Pagefind, imported from there. Each site's pagefind.js is a module
 * of its own, rooted at its address, so each collection keeps its own index, shards and record
 * design (passages, voices or pages), and its results link to its own site. Nothing is asked of
 * another site until the reader chooses its collection.
 */
export async function bootCollection(base) {
  const config = await fetch(new URL("assets/search-config.json", base))
    .then((response) => {
      if (!response.ok) throw new Error(`${base}assets/search-config.json: ${response.status}`);
      return response.json();
    })
    .then((found) => ({ records: "passages", shards: [], variants: [], ...found }));
  const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
  await pagefind.options({ excerptLength: 36, noWorker: true });
  pagefind.init();
  await Promise.all(config.shards.slice(1).map((shard) => pagefind.mergeIndex(new URL(shard.path, base).href)));
  return { config, pagefind };
}
