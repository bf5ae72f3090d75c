// The search page's "In context" view, a concordance: every place the words found stand, one
// line each (the words before, the words found, the words after), with who said it and when and
// a link to the paragraph; ordered as the results, or by the word before or after; a page of
// lines at a time, the results' data loaded only as far as the page read needs; the lines as CSV.
// The skeleton is docs/overrides/search.html's; every text is set as text.
import { highlightTerms, wordsOf } from "./query.js";
import { csvField, saveCSV } from "./search-csv.js";
import { cloneTemplate, hrefOf } from "./search-draw.js";

export const LINES_PER_PAGE = 25;
/** Results whose lines are loaded first: enough for a page where a word is common, few enough
 * to draw it soon where each result is a whole speech. */
const FIRST_BATCH = 5;


/** Lines ordered by the words before the words found (the nearest first) or after them, then in
 * the results' order (``index``). */
export function orderLines(lines, by) {
  if (by !== "before" && by !== "after") return [...lines].sort((a, b) => a.index - b.index);
  // The words of a context as they sort: letters and digits only, folded (as Pagefind compares them).
  const key = (line) => (by === "before" ? wordsOf(line.left).reverse() : wordsOf(line.right));
  const keyed = lines.map((line) => [key(line), line]);
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.max(a[0].length, b[0].length); i++) {
      if (a[0][i] === undefined) return -1;
      if (b[0][i] === undefined) return 1;
      const c = a[0][i].localeCompare(b[0][i], "en");
      if (c) return c;
    }
    return a[1].index - b[1].index;
  });
  return keyed.map(([, line]) => line);
}

/** The lines as CSV: one a row, with where each is. */
export function linesCSV(lines, root) {
  const header = ["left", "match", "right", "speaker", "date", "transcript", "paragraph", "url", "collection"];
  const rows = lines.map((line) => [line.left, line.hit, line.right, line.where.speaker, line.meta.date, line.meta.title, line.where.number, new URL(line.where.url, root).href, line.collection || ""]);
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export class ContextView {
  constructor(doc, root, engine) {
    this.doc = doc;
    this.root = root;
    this.engine = engine;
    const $ = (selector) => doc.querySelector(selector);
    this.panel = $("#archive-context");
    this.body = $("#archive-context-table tbody");
    this.caption = $("#archive-context-caption");
    this.where = $("#archive-context-where");
    this.prev = $("#archive-context-prev");
    this.next = $("#archive-context-next");
    this.csv = $("#archive-context-csv");
    this.run = null;
    this.prev.addEventListener("click", () => this.turn(-1));
    this.next.addEventListener("click", () => this.turn(1));
    this.csv.addEventListener("click", () => this.download());
  }

  /**
   * Start the concordance of a search's ``results`` (Engine.find's, in the order asked for),
   * ordered ``by`` the results, or the word before or after. In the results' order, results are
   * loaded only as the pages read need them; another order needs every line, so the results
   * are loaded up to the engine's ``csvCap`` first (the caption says where it stopped).
   */
  async start({ results = [], filters = {}, by, query, items = null }) {
    // ``items``: results of several collections, each with its engine ({result, engine, filters,
    // collection}); otherwise ``results`` of this site's.
    const all = items || results.map((result) => ({ result, engine: this.engine, filters }));
    this.run = { results: all, by, query, lines: [], loaded: 0, page: 0, merged: Boolean(items) };
    if (by !== "results") await this.load(Math.min(all.length, this.engine.csvCap));
    await this.show(0);
  }

  /** Load the results' lines up to result ``upTo`` (exclusive), a batch at a time; ``oneBatch``:
   * only the next batch. */
  async load(upTo, { oneBatch = false } = {}) {
    const run = this.run;
    while (run.loaded < Math.min(upTo, run.results.length)) {
      // A few results first (a transcript of a large collection holds many lines), then more.
      const size = run.loaded === 0 ? FIRST_BATCH : this.engine.perPage * 2;
      const batch = run.results.slice(run.loaded, Math.min(upTo, run.loaded + size));
      const first = run.loaded;
      const found = await Promise.all(
        batch.map(async (item) => (await item.engine.linesOf(item.result, item.filters)).map((line) => ({ ...line, collection: run.merged ? item.collection.name : "" }))),
      );
      if (run !== this.run) return;
      found.forEach((lines, i) => lines.forEach((line, j) => run.lines.push({ ...line, index: (first + i) * 10000 + j })));
      run.loaded += batch.length;
      if (oneBatch) break;
    }
  }

  /** Draw page ``page`` (from 0), loading results in order until it is full or none are left. */
  async show(page) {
    const run = this.run;
    if (run.by === "results") {
      while (run.lines.length < (page + 1) * LINES_PER_PAGE && run.loaded < run.results.length) {
        await this.load(run.results.length, { oneBatch: true });
        if (run !== this.run) return;
      }
    }
    const lines = run.by === "results" ? run.lines : (run.ordered ??= orderLines(run.lines, run.by));
    run.page = page;
    const shown = lines.slice(page * LINES_PER_PAGE, (page + 1) * LINES_PER_PAGE);
    this.body.replaceChildren(...shown.map((line) => this.row(line)));
    const from = page * LINES_PER_PAGE + 1;
    const to = page * LINES_PER_PAGE + shown.length;
    const all = run.loaded >= run.results.length;
    const total = all ? `${lines.length.toLocaleString("en")}` : `at least ${lines.length.toLocaleString("en")}`;
    let text = shown.length ? `Lines ${from}–${to} of ${total}` : "No line: the words found are in no passage’s text.";
    if (!all && run.by !== "results") text += ` (ordered among the lines of the first ${run.loaded.toLocaleString("en")} of ${run.results.length.toLocaleString("en")} results)`;
    else if (!all) text += ` (lines are loaded as you page on: ${run.loaded.toLocaleString("en")} of ${run.results.length.toLocaleString("en")} results so far)`;
    this.where.textContent = text + ".";
    this.caption.textContent = `Every occurrence in context, ${run.by === "results" ? "in the order of the results" : `ordered by the word ${run.by} the words found`}`;
    this.prev.disabled = page === 0;
    this.next.disabled = to >= lines.length && all;
    this.panel.dataset.page = String(page + 1);
    this.panel.dataset.lines = String(lines.length);
  }

  row(line) {
    const row = cloneTemplate(this.doc, "archive-context-line-template");
    const left = this.doc.createElement("span"); // its own direction: see search.css
    left.textContent = line.left;
    row.querySelector(".archive-context__left").replaceChildren(left);
    row.querySelector(".archive-context__left").title = line.left;
    row.querySelector(".archive-context__right").title = line.right;
    const link = row.querySelector(".archive-context__hit a");
    link.textContent = line.hit;
    const target = new URL(line.where.url, this.root);
    for (const term of highlightTerms(this.run.query, [{ text: line.hit, phrase: false }])) target.searchParams.append("highlight", term);
    link.href = hrefOf(target);
    row.querySelector(".archive-context__right").textContent = line.right;
    const where = row.querySelector(".archive-context__where");
    where.textContent = [line.collection, line.where.speaker, line.meta.date_display || line.meta.date].filter(Boolean).join(" · ");
    where.title = line.meta.title;
    return row;
  }

  async turn(by) {
    const run = this.run;
    if (!run || run.turning) return;
    run.turning = true;
    try {
      await this.show(Math.max(0, run.page + by));
    } finally {
      run.turning = false;
    }
    const first = this.body.querySelector("a");
    if (first) first.focus();
  }

  /** Every line (loading the results up to the engine's ``csvCap``) as a CSV file. */
  async download() {
    const run = this.run;
    if (!run) return;
    await this.load(Math.min(run.results.length, this.engine.csvCap));
    const lines = run.by === "results" ? run.lines : orderLines(run.lines, run.by);
    saveCSV(linesCSV(lines, this.root), "search-in-context.csv");
  }
}
