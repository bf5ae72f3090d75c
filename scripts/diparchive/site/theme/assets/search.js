// The search page (docs/overrides/search.html). Its parts:
//   search-page.js    the controller: a search for the address or the form, drawn as it arrives
//   search-state.js   the address and the form
//   search-engine.js  the calls to Pagefind: searches, shards, filter counts, results' data
//   search-draw.js    the drawing: facets, counts, results, status and hints
//   search-csv.js     "Download these results"
//   search-years.js   the "Per year" view: a chart of any search, its table and CSV
//   search-context.js the "In context" view: every occurrence as a line (a concordance)
//   search-collections.js  a search of several collections (collections.yml), each from its own site
//   query.js          the query language: parsing, spellings, combining searches, excerpts
import { Engine } from "./search-engine.js";
import { SearchPage } from "./search-page.js";
import { formControls } from "./search-state.js";

const root = new URL("../", import.meta.url); // the site's root, wherever it is served
const engine = await Engine.start();
performance.mark("search:pagefind-loaded");
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
await new SearchPage(engine, formControls(), root).start();
