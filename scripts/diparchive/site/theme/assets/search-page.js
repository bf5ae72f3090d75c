// The search page's controller: runs a search for what the address or the form says, draws its
// results as they arrive (search-draw.js) and keeps the address in step (search-state.js).
//
// The views a search of passages does not need (the chart per year, the lines in context, a
// search of several collections, the CSV) are modules of their own, loaded the first time they
// are wanted, so that a first search loads only what draws its results.
import { hasPrefixes, parseQuery } from "./query.js";
import { View } from "./search-draw.js";
import { corrected, namedPeople, nearestWords } from "./search-names.js";
import { activeFilters, isMerged, knownCollections, quoted, readForm, stateFromURL, urlOf, writeForm } from "./search-state.js";

const WIDE = "(min-width: 60em)"; // the filters beside the results, open; below it, folded above them

/** ``load()``'s promise, made on the first call and the same on every later one. */
const once = (load) => {
  let made = null;
  return () => (made ??= load());
};

export class SearchPage {
  constructor(engine, controls, root) {
    this.engine = engine;
    this.root = root;
    this.controls = controls;
    this.view = new View(document, root, controls);
    this.panels = { years: document.getElementById("archive-years"), context: document.getElementById("archive-context") };
    this.years = null; // the views, once loaded: YearsView, ContextView, CollectionsSearch
    this.context = null;
    this.collections = null;
    this.yearsView = once(() => import("./search-years.js").then((m) => (this.years = new m.YearsView(document))));
    this.contextView = once(() => import("./search-context.js").then((m) => (this.context = new m.ContextView(document, root, engine))));
    this.collectionsSearch = once(() => import("./search-collections.js").then((m) => (this.collections = new m.CollectionsSearch(this))));
    this.generation = 0; // of the latest search: an older one draws nothing more
    this.current = { results: [], shown: 0, dropped: 0, query: parseQuery(""), state: stateFromURL() };
    this.go = (q, state = null) => {
      controls.input.value = q;
      if (!state) return this.search({ push: true });
      writeForm(controls, state, engine.years);
      return this.search({ push: true, state });
    };
  }

  /**
   * ``state`` as the page can show it: only the collections there are, and, in a search of this
   * site's collection alone, only the filter values its index has (Engine.known). An address can
   * say anything; what it says that the form could not is left out, not applied unseen. A search
   * of several collections keeps a value this site's lists lack (another collection's speaker
   * or years): ``View.drawChosen`` shows it.
   */
  async checked(state) {
    const known = knownCollections(state, this.engine.collections);
    return isMerged(known, this.engine.collections) ? known : this.engine.known(known);
  }

  /** Search for ``state`` (by default what the form shows), putting it in the address. */
  async search({ push = false, state = readForm(this.controls) } = {}) {
    const mine = ++this.generation;
    state = await this.checked(state);
    if (mine !== this.generation) return;
    const url = urlOf(state);
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](state, "", url);
    const answered = () => {
      this.view.results.dataset.for = url; // which address the drawn results answer (tests wait on it)
    };
    this.view.drawChosen(state);
    this.view.drawActive(state);
    this.view.drawNames(state, [], null, this.go);
    this.showView(state.view);
    const query = parseQuery(state.q);
    this.controls.form.toggleAttribute("data-searched", query.groups.length > 0);
    if (!query.groups.length && !activeFilters(state)) {
      this.panels.years.hidden = true;
      this.panels.context.hidden = true;
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
      const collections = await this.collectionsSearch();
      if (mine !== this.generation) return;
      await collections.search(state, query, () => mine !== this.generation);
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
      await this.offerNames(state, query, false, mine);
      if (mine !== this.generation) return;
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
    const none = found.results.length === 0 || (this.current.shown >= found.results.length && this.current.dropped >= found.results.length);
    await this.offerNames(state, query, none, mine);
    if (mine !== this.generation) return;
    answered();
  }

  /** The people the query names, and, where nothing matched, the query it may have meant. */
  async offerNames(state, query, none, mine) {
    if (!query.groups.length) return;
    const [people, near] = await Promise.all([namedPeople(query, this.root), none ? nearestWords(query, this.root) : []]);
    if (mine !== this.generation) return;
    this.view.drawNames(state, people, near.length ? corrected(state.q, near) : null, this.go);
  }

  /** Show the panel of ``view`` (passages, per year, in context) and hide the others'. */
  showView(view) {
    this.view.results.hidden = view !== "results";
    if (view !== "results") this.view.drawButtons(false, false);
    this.panels.years.hidden = view !== "years";
    this.panels.context.hidden = view !== "context";
    this.controls.lines.closest("p").hidden = view !== "context";
  }

  /** The search's chart per year, split by the speakers or countries asked for; returns the
   * search's results where they had to be found to count them, else null. */
  async drawYears(state, query, mine) {
    const [years, { matchingOf }] = await Promise.all([this.yearsView(), import("./search-years.js")]);
    const filters = await this.engine.filtersFor(state);
    let found = null;
    const results = async () => (found = await this.engine.find(state, query)).results;
    const [counts, totals, splits] = await Promise.all([
      this.engine.yearCounts(query, filters, results),
      this.engine.yearTotals(),
      state.split.length ? this.engine.splitCounts(query, filters, state.split, state.by) : [],
    ]);
    if (mine !== this.generation) return found;
    const focused = years.split.contains(document.activeElement) ? document.activeElement.value : null;
    years.drawSplit(state.by === "country" ? counts.countries : counts.speakers, splits ? state.split : [], state.by);
    const { rows } = years.draw({ counts, totals, splits: splits || [], state, design: this.engine.records });
    const note = splits ? "" : ` A split by ${state.by === "country" ? "country" : "speaker"} needs a single word or phrase.`;
    this.view.status.textContent = `${matchingOf(rows, state.q)}: per year below.${note}`;
    if (focused !== null) {
      const box = [...years.split.querySelectorAll("input")].find((input) => input.value === focused);
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
      this.panels.context.hidden = true;
      this.view.status.textContent = "Type a word or a phrase to see it in context.";
      return;
    }
    const context = await this.contextView();
    if (mine !== this.generation) return;
    await context.start({ results: found.results, filters: found.options.filters, by: state.lines, query });
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

  /** The country filter, and lines per country in the chart, where the index has speakers'
   * countries (search-config.json's ``facets``); else neither shows. */
  offerCountries(offered) {
    this.controls.facets.country.hidden = !offered;
    this.controls.by.closest("p").hidden = !offered;
    if (!offered) this.controls.by.querySelector("option[value='country']")?.remove();
  }

  /** The facets' checkboxes, once their lists are there, showing the address's state. */
  async showFacets() {
    const { lists, years } = await this.engine.wantFilters();
    this.view.drawFacets(lists, years);
    const state = stateFromURL();
    writeForm(this.controls, state, years);
    this.view.drawChosen(state);
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
    this.view.csv.addEventListener("click", async () => {
      const { downloadCSV } = await import("./search-csv.js");
      downloadCSV(this.engine, this.current.results, this.root, (this.current.options || {}).filters);
    });
    window.addEventListener("popstate", () => {
      writeForm(this.controls, stateFromURL(), this.engine.years);
      this.search({ state: stateFromURL() });
    });
    document.addEventListener("keydown", (event) => this.arrows(event));
    // Skip to the results: the first result's link, or the results (where none is drawn).
    document.getElementById("archive-skip")?.addEventListener("click", (event) => {
      event.preventDefault();
      const first = this.view.results.querySelector(".archive-result:not([hidden]) a") || this.view.results.querySelector("a");
      const panel = [this.view.results, this.panels.years, this.panels.context].find((element) => !element.hidden);
      (first && !this.view.results.hidden ? first : panel || this.view.results).focus();
    });

    // The first search runs from the address at once; the facets are drawn when Pagefind's
    // filter lists have arrived (they do not hold up the first results). On a narrow screen
    // the filters stay folded above the results; on a wide one they are open beside them
    // (on a large archive only once asked for, as their lists are then a good part of the bytes).
    // On a large archive (page or voice records) that holds for a filtered search too: Pagefind
    // reads the lists on the page's one thread, for over a second and 250 KB at the Kremlin's
    // size, and a search needs only the filters it uses; the folded panel says how many are on.
    const first = stateFromURL();
    this.view.drawCollections(this.engine.collections);
    this.offerCountries(this.engine.countries);
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
