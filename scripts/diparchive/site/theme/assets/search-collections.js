// The search over several collections (collections.yml): the choice of collections above the
// results, and a search of the chosen ones, each from its own site with its own Pagefind, index,
// shards and record design (search-boot.bootCollection): its results under its name, linking to
// its own site; the chart summed with a line per collection; the concordance through each in
// turn. The search page (search-page.js) loads it, and hands it a search, when more than its own
// collection is chosen; nothing is asked of another site before. The choice of collections is
// drawn by View.drawCollections.
import { Engine } from "./search-engine.js";
import { View } from "./search-draw.js";
import { matchingOf, yearRanges } from "./search-years.js";
import { chosenCollections, quoted, urlOf } from "./search-state.js";

/** Names in a sentence: "A", "A and B", "A, B and C". */
const listed = (names) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/** How long another collection's site has to answer a search (its configuration, its Pagefind
 * and the search itself) before the search goes on without it. */
export const ANSWER_WITHIN = 10000;

/** Why a collection could not be searched, in words: the browser's own ("Failed to fetch",
 * "error loading dynamically imported module") says nothing a reader can use. */
export function whyNot(error) {
  if (error && error.timeout) return `its site did not answer within ${ANSWER_WITHIN / 1000} seconds`;
  const status = /: (\d{3})$/.exec((error && error.message) || "");
  if (status) return `its site answered with an error, HTTP ${status[1]}`;
  return "nothing answered at its address";
}

/** ``promise``, or a rejection with ``timeout`` set once ``ms`` have passed. */
function within(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { timeout: true })), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What a search of several collections says of those it could not reach: "" where it reached all. */
export const notReached = (answers) => {
  const missed = answers.filter((a) => a.error).map((a) => `${a.collection.name} could not be searched (${whyNot(a.error)}).`);
  return missed.length ? ` ${missed.join(" ")}` : "";
};

/** What a chart of several collections says where they cover different years: its bars add the
 * transcripts of every collection that covers a year, so each line is the one to compare. "" where
 * they cover the same years. ``rows``: YearsView's, with a split per collection (``splits``). */
export function coverageOf(rows, splits) {
  const covered = splits.map((_, k) => rows.filter((r) => r.split[k].covered).map((r) => r.year));
  if (covered.every((years) => years.join() === covered[0].join())) return "";
  const each = splits.map(({ name }, k) => `${name} ${covered[k].length ? yearRanges(covered[k]) : "none of these years"}`);
  return `The collections cover different years (${each.join("; ")}): a bar adds the transcripts of the collections that cover its year, and each line is the share of its own collection's transcripts.`;
}

/** A speaker filter value no record has: a speaker who is not in a collection leaves none of it. */
export const NO_ONE = "\u0000no one";

/**
 * The speaker filter's values in one collection of a search of several: the same people, under
 * the names that collection gives them. A chosen name means the person of that name in the
 * searching site's own collection (``home``, a Set of its speakers' names among ``values`` and
 * its {name: identity} map); where identities.yml joins them to a person elsewhere, each
 * collection searches its own names of that person (``there``: its {name: identity} map). A
 * person of the home collection whom no identity joins is in no other collection, even where
 * another has a namesake. A name the home collection does not have is looked up in the
 * identities of every collection searched (``anywhere``), and otherwise searched as written.
 */
export function speakersThere(values, { homeNames, homeMap, there, anywhere, self }) {
  const names = [];
  const of = (map, name) => (Object.hasOwn(map, name) ? map[name] : undefined); // a name is data: 'constructor' is none of the object's own
  for (const value of values) {
    const identity = of(homeMap, value) ?? (homeNames.has(value) ? null : of(anywhere, value));
    if (identity) names.push(...Object.keys(there).filter((name) => there[name] === identity));
    else if (self || !homeNames.has(value)) names.push(value);
  }
  return names.length ? [...new Set(names)].sort() : [NO_ONE];
}

export class CollectionsSearch {
  /** ``page``: the search page (its engine, views, controls and current search). */
  constructor(page) {
    this.page = page;
    this.engines = new Map(); // collection id -> its engine, once chosen (this site's is the page's)
  }

  /** A collection's engine: this site's, or another's, booted from its site when first chosen. */
  engineOf(collection) {
    if (collection.self) return Promise.resolve(this.page.engine);
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
  async search(state, query, stale) {
    const chosen = chosenCollections(state, this.page.engine.collections);
    this.page.current = { results: [], shown: 0, dropped: 0, query, state };
    this.page.view.clear();
    const speakers = this.speakersOf(state, chosen);
    const start = async (collection) => {
      try {
        const searching = this.engineOf(collection).then(async (engine) => {
          const own = await speakers(collection, engine);
          return { engine, found: { ...(await engine.find(own, query)), speakers: own.speaker } };
        });
        const { engine, found } = collection.self ? await searching : await within(searching, ANSWER_WITHIN);
        return { collection, engine, found };
      } catch (error) {
        return { collection, error };
      }
    };
    // This site's collection first: the others' Pagefinds start (and take the page's one thread
    // to read their indexes) once its results are found.
    const own = chosen.find((collection) => collection.self);
    const first = own ? start(own) : Promise.resolve();
    const searches = chosen.map((collection) => (collection.self ? first : first.then(() => start(collection))));
    if (state.view === "years") return this.drawYears(await Promise.all(searches), state, stale);
    if (state.view === "context") {
      const answers = await Promise.all(searches);
      if (stale()) return;
      const items = answers.flatMap((a) => (a.found ? a.found.results.map((result) => ({ result, engine: a.engine, collection: a.collection, filters: a.found.options.filters })) : []));
      const reached = answers.filter((a) => a.found).map((a) => a.collection.name);
      this.page.view.status.textContent = reached.length
        ? `Every occurrence of ${quoted(state.q)} in context, in ${listed(reached)}.${notReached(answers)}`
        : `No occurrence of ${quoted(state.q)} to show:${notReached(answers)}`;
      this.page.panels.context.hidden = !reached.length;
      if (!query.groups.length || !reached.length) return;
      const context = await this.page.contextView();
      if (stale()) return;
      await context.start({ items, by: state.lines, query });
      performance.mark("search:context");
      return;
    }
    const sections = chosen.map((collection) => {
      const section = this.page.view.template("archive-collection-results-template");
      section.dataset.collection = collection.id;
      section.querySelector(".archive-collection__name").textContent = collection.name;
      section.querySelector(".archive-collection__description").textContent = collection.description;
      this.page.view.results.append(section);
      return section;
    });
    const counted = [];
    await Promise.all(
      searches.map(async (searching, i) => {
        const { collection, engine, found, error } = await searching;
        if (stale()) return;
        const section = sections[i];
        const count = section.querySelector(".archive-collection__count");
        const all = section.querySelector(".archive-collection__all");
        if (error) {
          count.textContent = "(could not be searched)";
          section.querySelector(".archive-collection__description").textContent = `${collection.name} could not be searched: ${whyNot(error)}. Try again later, or open its site:`;
          all.textContent = collection.url;
          all.href = collection.url;
          counted[i] = `${collection.name} could not be searched (${whyNot(error)})`;
          return;
        }
        const n = found.results.length;
        const unit = engine.records === "voices" ? "result" : engine.pages ? "transcript" : "passage";
        count.textContent = `(${n.toLocaleString("en")} ${unit}${n === 1 ? "" : "s"}${this.asNamed(state.speaker, found.speakers)})`;
        counted[i] = `${n.toLocaleString("en")} in ${collection.name}`;
        const address = urlOf({ ...state, in: [] }, new URL("search/", engine.root).pathname);
        all.href = new URL(address, engine.root).href;
        all.textContent = n > engine.perPage ? `Open all ${n.toLocaleString("en")} in ${collection.name} →` : `Open this search in ${collection.name} →`;
        const view = new View(document, engine.root, this.page.controls);
        view.results = section.querySelector(".archive-collection__results");
        const filters = found.options.filters || {};
        const loading = found.results.slice(0, engine.perPage).map(async (result) =>
          engine.pages ? engine.transcript(result, filters) : (await engine.passes(result)) ? engine.passage(result) : null,
        );
        for (const pending of loading) {
          const drawn = await pending;
          if (stale()) return;
          if (!drawn) continue;
          if (engine.pages) view.drawTranscript(drawn, query, engine.passagesShown);
          else view.drawResult(drawn, query);
        }
      }),
    );
    if (stale()) return;
    this.page.view.status.textContent = `${quoted(state.q)}: ${counted.filter(Boolean).join("; ")}.`;
  }

  /** How a collection's section says whom its speaker filter searched, where not as chosen:
   * "; speaker here: Sergei Lavrov", or "; no such speaker here". */
  asNamed(chosen, searched) {
    if (!chosen.length || searched.join("\u0001") === [...chosen].sort().join("\u0001")) return "";
    const names = searched.filter((name) => name !== NO_ONE);
    return names.length ? `; speaker here: ${names.join(", ")}` : "; no such speaker here";
  }

  /** ``(collection, engine) => state`` with the speaker filter as that collection names the
   * people chosen (``speakersThere``). The home collection's speakers among them are asked of
   * its index once; the other collections' identities only for a name it does not have. */
  speakersOf(state, chosen) {
    if (!state.speaker.length) return async () => state;
    const home = this.page.engine;
    const homeNames = home.known({ q: state.q, speaker: state.speaker }).then((known) => new Set(known.speaker));
    let anywhere = null;
    return async (collection, engine) => {
      const names = await homeNames;
      if (state.speaker.some((value) => !names.has(value) && !Object.hasOwn(home.identities, value))) {
        anywhere ??= Promise.all(chosen.map((c) => this.engineOf(c).catch(() => null))).then((engines) =>
          Object.assign({}, ...engines.filter(Boolean).map((e) => e.identities)),
        );
      }
      const speaker = speakersThere(state.speaker, {
        homeNames: names, homeMap: home.identities, there: engine.identities, anywhere: anywhere ? await anywhere : {}, self: collection.self,
      });
      return { ...state, speaker };
    };
  }

  /** The chart of several collections: their counts summed (bars) and a line for each. */
  async drawYears(answers, state, stale) {
    const reached = answers.filter((a) => a.found);
    const each = await Promise.all(
      reached.map(async ({ collection, engine, found }) => {
        const [counts, totals] = await Promise.all([engine.yearCounts(found.query, found.options.filters, found.results), engine.yearTotals()]);
        return { collection, counts, totals };
      }),
    );
    const years = await this.page.yearsView();
    if (stale()) return;
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
    years.drawSplit(null, []);
    const { rows } = years.draw({ counts, totals, splits, state, design: designs.size === 1 ? [...designs][0] : "mixed" });
    const coverage = coverageOf(rows, splits);
    if (coverage) years.summary.textContent += ` ${coverage}`;
    performance.mark("search:chart");
    years.panel.hidden = !reached.length;
    this.page.view.status.textContent = reached.length
      ? `${matchingOf(rows, state.q)} in ${listed(reached.map((a) => a.collection.name))}: per year below, a line for each collection.${notReached(answers)}`
      : `No count per year of ${quoted(state.q)}:${notReached(answers)}`;
  }
}
