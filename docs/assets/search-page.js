// The search page's controller: runs a search for what the address or the form says, draws its
// results as they arrive (search-draw.js) and keeps the address in step (search-state.js).
import { hasPrefixes, parseQuery } from "./query.js";
import { ContextView } from "./search-context.js";
import { downloadCSV } from "./search-csv.js";
import { View } from "./search-draw.js";
import { YearsView } from "./search-years.js";
import { Engine } from "./search-engine.js";
import { activeFilters, chosenCollections, isMerged, quoted, readForm, stateFromURL, urlOf, writeForm } from "./search-state.js";

const WIDE = "(min-width: 60em)"; // the filters beside the results, open; below it, folded above them

export class SearchPage {
  constructor(engine, controls, root) {
    this.engine = engine;
    this.root = root;
    this.controls = controls;
    this.view = new View(document, root, controls);
    this.years = new YearsView(document);
    this.context = new ContextView(document, root, engine);
    this.engines = new Map(); // collection id -> its engine, once chosen (this site's is ``engine``)
    this.generation = 0; // of the latest search: an older one draws nothing more
    this.current = { results: [], shown: 0, dropped: 0, query: parseQuery(""), state: stateFromURL() };
    this.go = (q) => {
      controls.input.value = q;
      this.search({ push: true });
    };
  }

  /** Search for ``state`` (by default what the form shows), putting it in the address. */
  async search({ push = false, state = readForm(this.controls) } = {}) {
    const mine = ++this.generation;
    const url = urlOf(state);
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](state, "", url);
    const answered = () => {
      this.view.results.dataset.for = url; // which address the drawn results answer (tests wait on it)
    };
    this.view.drawActive(state);
    this.showView(state.view);
    const query = parseQuery(state.q);
    this.controls.form.toggleAttribute("data-searched", query.groups.length > 0);
    if (!query.groups.length && !activeFilters(state)) {
      this.years.panel.hidden = true;
      this.context.panel.hidden = true;
      this.current = { results: [], shown: 0, dropped: 0, query, state };
      this.view.clear();
      this.view.announceNothing(state, query, this.go);
      this.view.drawButtons(false, false);
      if (this.engine.filtersReady) {
        const { lists } = await this.engine.filtersReady;
        if (mine !== this.generation) return;
        this.view.drawCounts(lists); // everything there is
      }
      answered();
      return;
    }
    this.view.status.textContent = "Searching…";
    if (isMerged(state, this.engine.collections)) {
      await this.searchCollections(state, query, mine);
      if (mine !== this.generation) return;
      performance.mark("search:drawn");
      answered();
      return;
    }
    if (state.view === "years") {
      // The chart needs no results where Pagefind counts the search itself.
      this.current = { results: [], shown: 0, dropped: 0, query, state };
      this.view.clear();
      const found = await this.drawYears(state, query, mine);
      if (mine !== this.generation) return;
      if (this.engine.filtersReady) this.view.drawCounts(await this.engine.counts(found || (await this.engine.find(state, query))));
      if (mine !== this.generation) return;
      performance.mark("search:drawn");
      answered();
      return;
    }
    const found = await this.engine.find(state, query);
    if (mine !== this.generation) return;
    performance.mark("search:answered");
    this.current = { ...found, shown: 0, dropped: 0, state };
    this.view.clear();
    if (state.view === "context") await this.drawContext(found, state, mine);
    else await this.showMore();
    if (mine !== this.generation) return;
    performance.mark("search:drawn");
    // Filter counts, once the facets are wanted (at once unless page records).
    if (this.engine.filtersReady) {
      const counts = await this.engine.counts(found);
      if (mine !== this.generation) return;
      this.view.drawCounts(counts);
    }
    answered();
  }

  /** A collection's engine: this site's, or another's, booted from its site when first chosen. */
  engineOf(collection) {
    if (collection.self) return Promise.resolve(this.engine);
    if (!this.engines.has(collection.id)) {
      const booting = Engine.ofCollection(collection);
      booting.catch(() => this.engines.delete(collection.id)); // tried again on the next search
      this.engines.set(collection.id, booting);
    }
    return this.engines.get(collection.id);
  }

  /**
   * A search of several collections (collections.yml), each with its own index and record design,
   * searched at once from its own site: each collection's results, counts per year or lines in
   * context, each result linking to its own site. A collection that cannot be reached says so.
   */
  async searchCollections(state, query, mine) {
    const chosen = chosenCollections(state, this.engine.collections);
    this.current = { results: [], shown: 0, dropped: 0, query, state };
    this.view.clear();
    const start = async (collection) => {
      try {
        const engine = await this.engineOf(collection);
        return { collection, engine, found: await engine.find(state, query) };
      } catch (error) {
        return { collection, error };
      }
    };
    // This site's collection first: the others' Pagefinds start (and take the page's one thread
    // to read their indexes) once its results are found.
    const own = chosen.find((collection) => collection.self);
    const first = own ? start(own) : Promise.resolve();
    const searches = chosen.map((collection) => (collection.self ? first : first.then(() => start(collection))));
    if (state.view === "years") return this.drawCollectionYears(await Promise.all(searches), state, mine);
    if (state.view === "context") {
      const answers = await Promise.all(searches);
      if (mine !== this.generation) return;
      const items = answers.flatMap((a) => (a.found ? a.found.results.map((result) => ({ result, engine: a.engine, collection: a.collection, filters: a.found.options.filters })) : []));
      this.view.status.textContent = `Every occurrence of ${quoted(state.q)} in context, in ${chosen.map((c) => c.name).join(", ")}.`;
      if (!query.groups.length) return;
      await this.context.start({ items, by: state.lines, query });
      performance.mark("search:context");
      return;
    }
    const sections = chosen.map((collection) => {
      const section = this.view.template("archive-collection-results-template");
      section.dataset.collection = collection.id;
      section.querySelector(".archive-collection__name").textContent = collection.name;
      section.querySelector(".archive-collection__description").textContent = collection.description;
      this.view.results.append(section);
      return section;
    });
    const counted = [];
    await Promise.all(
      searches.map(async (searching, i) => {
        const { collection, engine, found, error } = await searching;
        if (mine !== this.generation) return;
        const section = sections[i];
        const count = section.querySelector(".archive-collection__count");
        const all = section.querySelector(".archive-collection__all");
        if (error) {
          count.textContent = "(could not be searched)";
          all.textContent = `${collection.url} did not answer: ${error.message}`;
          all.href = collection.url;
          counted[i] = `${collection.name}: not reached`;
          return;
        }
        const n = found.results.length;
        const unit = engine.records === "voices" ? "result" : engine.pages ? "transcript" : "passage";
        count.textContent = `(${n.toLocaleString("en")} ${unit}${n === 1 ? "" : "s"})`;
        counted[i] = `${n.toLocaleString("en")} in ${collection.name}`;
        const address = urlOf({ ...state, in: [] }, new URL("search/", engine.root).pathname);
        all.href = new URL(address, engine.root).href;
        all.textContent = n > engine.perPage ? `Open all ${n.toLocaleString("en")} in ${collection.name} →` : `Open this search in ${collection.name} →`;
        const view = new View(document, engine.root, this.controls);
        view.results = section.querySelector(".archive-collection__results");
        const filters = found.options.filters || {};
        const loading = found.results.slice(0, engine.perPage).map(async (result) =>
          engine.pages ? engine.transcript(result, filters) : (await engine.passes(result)) ? engine.passage(result) : null,
        );
        for (const pending of loading) {
          const drawn = await pending;
          if (mine !== this.generation) return;
          if (!drawn) continue;
          if (engine.pages) view.drawTranscript(drawn, query, engine.passagesShown);
          else view.drawResult(drawn, query);
        }
      }),
    );
    if (mine !== this.generation) return;
    this.view.status.textContent = `${quoted(state.q)}: ${counted.filter(Boolean).join("; ")}.`;
  }

  /** The chart of several collections: their counts summed (bars) and a line for each. */
  async drawCollectionYears(answers, state, mine) {
    const reached = answers.filter((a) => a.found);
    const each = await Promise.all(
      reached.map(async ({ collection, engine, found }) => {
        const [counts, totals] = await Promise.all([engine.yearCounts(found.query, found.options.filters, found.results), engine.yearTotals()]);
        return { collection, counts, totals };
      }),
    );
    if (mine !== this.generation) return;
    const totals = {};
    const counts = { years: {}, speakers: {}, counted: null, of: 0 };
    for (const one of each) {
      for (const [year, t] of Object.entries(one.totals)) {
        const sum = (totals[year] ??= { year, transcripts: 0, paragraphs: 0, words: 0 });
        sum.transcripts += t.transcripts;
        sum.paragraphs += t.paragraphs;
        sum.words += t.words;
      }
      for (const [year, c] of Object.entries(one.counts.years)) {
        const sum = (counts.years[year] ??= { records: 0, transcripts: 0 });
        sum.records += c.records;
        sum.transcripts += c.transcripts;
      }
      if (one.counts.counted !== null) counts.counted = (counts.counted || 0) + one.counts.counted;
      counts.of += one.counts.of;
    }
    if (counts.counted !== null) counts.counted = Math.min(counts.counted, counts.of);
    const splits = each.map(({ collection, counts: c, totals: t }) => ({ name: collection.name, years: c.years, totals: t }));
    const designs = new Set(reached.map((a) => a.engine.records));
    this.years.drawSplit({}, []);
    const { rows } = this.years.draw({ counts, totals, splits, state, design: designs.size === 1 ? [...designs][0] : "mixed" });
    const matching = rows.reduce((sum, row) => sum + row.matching, 0);
    const missed = answers.filter((a) => a.error).map((a) => a.collection.name);
    performance.mark("search:chart");
    this.view.status.textContent = `${matching.toLocaleString("en")} transcript${matching === 1 ? "" : "s"} match ${quoted(state.q)} in ${reached.map((a) => a.collection.name).join(", ")}: per year below, a line for each collection.${missed.length ? ` Not reached: ${missed.join(", ")}.` : ""}`;
  }

  /** The collections to choose from, where collections.yml declares several. */
  drawCollections() {
    const { collections } = this.engine;
    const box = this.controls.collections;
    if (!box) return;
    box.hidden = collections.length < 2;
    box.append(
      ...collections.map((collection) => {
        const label = this.view.template("archive-collection-template");
        const input = label.querySelector("input");
        input.value = collection.id;
        if (collection.self) input.dataset.self = "true";
        label.querySelector(".archive-collections__name").textContent = collection.name;
        label.title = collection.description;
        return label;
      }),
    );
  }

  /** Show the panel of ``view`` (passages, per year, in context) and hide the others'. */
  showView(view) {
    this.view.results.hidden = view !== "results";
    if (view !== "results") this.view.drawButtons(false, false);
    this.years.panel.hidden = view !== "years";
    this.context.panel.hidden = view !== "context";
    this.controls.lines.closest("p").hidden = view !== "context";
  }

  /** The search's chart per year, split by the speakers asked for; returns the search's results
   * where they had to be found to count them, else null. */
  async drawYears(state, query, mine) {
    const filters = await this.engine.filtersFor(state);
    let found = null;
    const results = async () => (found = await this.engine.find(state, query)).results;
    const [counts, totals, splits] = await Promise.all([
      this.engine.yearCounts(query, filters, results),
      this.engine.yearTotals(),
      state.split.length ? this.engine.splitCounts(query, filters, state.split) : [],
    ]);
    if (mine !== this.generation) return found;
    const focused = this.years.split.contains(document.activeElement) ? document.activeElement.value : null;
    this.years.drawSplit(counts.speakers, splits ? state.split : []);
    const { rows } = this.years.draw({ counts, totals, splits: splits || [], state, design: this.engine.records });
    const matching = rows.reduce((sum, row) => sum + row.matching, 0);
    const note = splits ? "" : " A split by speaker needs a single word or phrase.";
    this.view.status.textContent = `${matching.toLocaleString("en")} transcript${matching === 1 ? "" : "s"} match ${quoted(state.q)}: per year below.${note}`;
    if (focused !== null) {
      const box = [...this.years.split.querySelectorAll("input")].find((input) => input.value === focused);
      if (box) box.focus();
    }
    performance.mark("search:chart");
    return found;
  }

  /** Every occurrence of the search's words in context. */
  async drawContext(found, state, mine) {
    const { query } = found;
    this.view.status.textContent = found.results.length
      ? `Every occurrence of ${quoted(state.q)} in context, a line each.`
      : `No passages match ${quoted(state.q)}.`;
    if (!query.groups.length) {
      this.context.panel.hidden = true;
      this.view.status.textContent = "Type a word or a phrase to see it in context.";
      return;
    }
    await this.context.start({ results: found.results, filters: found.options.filters, by: state.lines, query });
    if (mine !== this.generation) return;
    performance.mark("search:context");
  }

  /** Draw the next results: the first ones each as soon as its data is there, in order; those
   * asked for with "Show more" all at once, with the status and the button that follow. */
  async showMore(count = this.engine.perPage) {
    const mine = this.generation;
    const { results, query } = this.current;
    if (this.current.drawing) return; // "Show more" pressed again while drawing
    this.current.drawing = true;
    const first = this.current.shown === 0;
    const slice = results.slice(this.current.shown, this.current.shown + count);
    const filters = (this.current.options || {}).filters || {};
    const loading = slice.map((result) => (this.engine.pages ? this.engine.transcript(result, filters) : this.passage(result)));
    const draw = (found) => {
      if (!found) this.current.dropped += 1;
      else if (this.engine.pages) this.view.drawTranscript(found, query, this.engine.passagesShown);
      else this.view.drawResult(found, query);
    };
    if (first) {
      for (const pending of loading) {
        const found = await pending;
        if (mine !== this.generation) return; // a newer search has begun: draw nothing more of this one
        draw(found);
      }
    } else {
      const all = await Promise.all(loading);
      if (mine !== this.generation) return;
      all.forEach(draw);
    }
    this.current.shown += slice.length;
    this.current.drawing = false;
    this.announce();
  }

  /** A passage to draw, or null where a prefix search found it but no word of it begins so. */
  async passage(result) {
    return (await this.engine.passes(result)) ? this.engine.passage(result) : null;
  }

  announce() {
    const { results, shown, dropped, query, state, unchecked } = this.current;
    const left = shown < results.length;
    const total = results.length - dropped;
    const upTo = this.engine.pages ? query.exclude.length > 0 || hasPrefixes(query) : unchecked && left;
    this.view.announce({ state, query, total, shown: shown - dropped, pages: this.engine.pages && this.engine.records, upTo, go: this.go });
    const drawn = this.view.results.querySelector(".archive-result, .archive-group") !== null;
    this.view.drawButtons(left, drawn);
  }

  /** The facets' checkboxes, once their lists are there, showing the address's state. */
  async showFacets() {
    const { lists, years } = await this.engine.wantFilters();
    this.view.drawFacets(lists, years);
    writeForm(this.controls, stateFromURL(), years);
    this.controls.narrow.dataset.drawn = "true";
  }

  async start() {
    const { input, form, narrow } = this.controls;
    let typing;
    input.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => this.search(), 250);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(typing);
      this.search({ push: true });
    });
    // The filters and the sort belong to the form by their ``form`` attribute, outside it.
    document.addEventListener("change", (event) => {
      if (event.target.form === form && event.target !== input) this.search({ push: true });
    });
    this.view.more.addEventListener("click", async () => {
      // The reader goes on from the first result drawn now (the button has moved below it).
      const links = () => this.view.results.querySelectorAll(".archive-result:not([hidden]) a");
      const before = links().length;
      await this.showMore();
      if (links()[before]) links()[before].focus();
    });
    this.view.csv.addEventListener("click", () => downloadCSV(this.engine, this.current.results, this.root, (this.current.options || {}).filters));
    window.addEventListener("popstate", () => {
      writeForm(this.controls, stateFromURL(), this.engine.years);
      this.search({ state: stateFromURL() });
    });
    document.addEventListener("keydown", (event) => this.arrows(event));

    // The first search runs from the address at once; the facets are drawn when Pagefind's
    // filter lists have arrived (they do not hold up the first results). On a narrow screen
    // the filters stay folded above the results; on a wide one they are open beside them
    // (on a large archive only once asked for, as their lists are then a good part of the bytes).
    // On a large archive (page or voice records) that holds for a filtered search too: Pagefind
    // reads the lists on the page's one thread, for over a second and 250 KB at the Kremlin's
    // size, and a search needs only the filters it uses; the folded panel says how many are on.
    const first = stateFromURL();
    this.drawCollections();
    writeForm(this.controls, first, this.engine.years);
    input.value = first.q;
    if (!this.engine.pages) this.engine.wantFilters();
    const wide = matchMedia(WIDE);
    narrow.open = wide.matches && !this.engine.pages;
    wide.addEventListener("change", () => {
      if (wide.matches && narrow.dataset.drawn) narrow.open = true;
    });
    const firstSearch = this.search({ state: first });
    narrow.addEventListener("toggle", async () => {
      if (!narrow.open || narrow.dataset.drawn) return;
      await this.showFacets();
      this.search(); // now with counts
    });
    if (this.engine.filtersReady) await this.showFacets();
    await firstSearch;
    document.body.dataset.searchReady = "true";
    // The box takes the keys at once, except on a small screen with results to read (where a
    // focused box would open the keyboard over them).
    if (document.activeElement === document.body && (wide.matches || !first.q)) input.focus();
  }

  /** Arrow keys move between results; from the box, Down enters them. */
  arrows(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...this.view.results.querySelectorAll(".archive-result:not([hidden]) a")];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    if (document.activeElement === this.controls.input && event.key === "ArrowDown") {
      links[0].focus();
    } else if (at >= 0) {
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) this.controls.input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    } else {
      return;
    }
    event.preventDefault();
  }
}
