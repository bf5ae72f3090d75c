// The search's calls to Pagefind: one search per word and phrase (query.js combines them), the
// shards of a large archive, the filters' lists and counts, and each result's data with what
// its transcript's details say of it (records.js). Nothing here touches the page.
import { contextLines, excerptAround, execute, markedTexts, marksOf, passagesOf, passesChecks, recordWords } from "./query.js";
import { answersFilters, metaOf, paragraphAt, paragraphTextOf, paragraphTexts, root as ownRoot } from "./records.js";
import { bootCollection, configReady, loadFilters, pagefindReady } from "./search-boot.js";
import { FACETS, pagefindFilters } from "./search-state.js";

export const EXCERPT_LENGTH = 36; // words

/** A filter that leaves every record in. Asked for, it makes Pagefind load that filter's list and
 * return its counts with the search, without loading the other filters' lists. */
const EVERY = { none: ["\u0000"] };

/** Per-year counts from Pagefind's filter counts of one search: {year: {records, transcripts}}.
 * ``year`` counts records (passages, voices or transcripts, as the design has them); the hidden
 * ``transcript`` filter (search_index.transcript_key: ``<year>:<hash>``) has a value per
 * transcript, so the values with a count are the transcripts that match. */
export function perYear(counts) {
  const years = {};
  const at = (year) => (years[year] ??= { records: 0, transcripts: 0 });
  for (const [year, n] of Object.entries(counts.year || {})) if (n > 0) at(year).records = n;
  for (const [key, n] of Object.entries(counts.transcript || {})) if (n > 0) at(key.slice(0, 4)).transcripts += 1;
  return years;
}

export class Engine {
  /** The engine, once Pagefind and the search's configuration are there. */
  static async start() {
    const [config, pagefind] = await Promise.all([configReady, pagefindReady]);
    return new Engine(pagefind, config);
  }

  /** The engine of another collection's site (collections.yml), from there. */
  static async ofCollection(collection) {
    const base = new URL(collection.url);
    const { config, pagefind } = await bootCollection(base);
    const engine = new Engine(pagefind, config, base);
    engine.filtersReady = null;
    return engine;
  }

  constructor(pagefind, { records, shards, variants, collections = [], identities = {}, facets = ["speaker", "event", "kind", "theme"] }, root = ownRoot) {
    this.pagefind = pagefind;
    // The speakers of this collection that identities.yml joins to a person in others: {name: identity}.
    this.identities = identities;
    this.facets = facets; // the filters the index has to choose from (search_index.py)
    this.countries = facets.includes("country");
    this.root = root; // the site whose index this is
    this.own = root.href === ownRoot.href;
    this.collections = collections; // collections.yml's, as this site's configuration gives them
    this.shards = shards;
    this.variants = variants;
    // With page or voice records (large collections, see search_index.py) a result is a
    // transcript, or one voice in it, whose matching passages are drawn from Pagefind's
    // sub-results; otherwise a result is a passage.
    this.records = records;
    this.pages = records !== "passages";
    this.perPage = this.pages ? 10 : 30; // results drawn at a time
    this.passagesShown = 3; // of a transcript's passages, before "more in this transcript"
    this.countCap = this.pages ? 100 : 1000; // results whose data may be loaded to count, sort or check
    this.csvCap = this.pages ? 500 : 5000;
    // Results whose data a chart loads to count a search that is no single Pagefind search (a
    // combination of words): past it, the chart says how far it counted.
    this.chartCap = this.pages ? 200 : 1000;
    this.totals = null; // data/years.json, once asked for
    this.filterLists = null; // {lists, years}, once loaded
    this.filtersReady = null; // the facets' lists, once asked for (at once unless page records)
    // Keyed by the result object, not its id: the same record answers each search with its own
    // excerpt and sub-results. Pagefind writes those onto one shared object per record, so two
    // searches' data of a record are read one after the other, each copied as soon as it is
    // ready. A record's ``meta`` (title, date, speaker, paragraph...) comes from its
    // transcript's details (records.js), never from Pagefind's metadata, which Pagefind would
    // search as words.
    this.dataCache = new WeakMap();
    this.lastOfRecord = new Map();
    this.dataOf = this.dataOf.bind(this);
  }

  /** The facets' lists, loaded on the first call: {lists: {speaker: {value: n}...}, years}. */
  wantFilters() {
    this.filtersReady ??= (this.own ? loadFilters() : this.pagefind.filters()).then((lists) => {
      this.filterLists = { lists, years: Object.keys(lists.year || {}).sort() };
      return this.filterLists;
    });
    return this.filtersReady;
  }

  get years() {
    return this.filterLists ? this.filterLists.years : [];
  }

  /** A result's data, with ``meta``, the old metadata's shape (records.js). */
  dataOf(result) {
    if (!this.dataCache.has(result)) {
      const ready = (this.lastOfRecord.get(result.id) || Promise.resolve())
        .then(() => result.data())
        .then((data) => ({ ...data }))
        .then(async (data) => ({ ...data, meta: await metaOf(data, this.root) }));
      this.lastOfRecord.set(result.id, ready.catch(() => null));
      this.dataCache.set(result, ready);
    }
    return this.dataCache.get(result);
  }

  /**
   * The results of a state, in the order asked for: {query, results, exact, filtersLoaded,
   * unchecked}. ``exact`` is the single Pagefind search the results are, where they are one
   * (its filter counts are then Pagefind's); ``unchecked`` says that results past
   * ``countCap`` found by a prefix search are still to be checked (``passes``) as they are drawn.
   */
  async find(state, query) {
    const filters = await this.filtersFor(state);
    const filtersLoaded = this.filterLists !== null;
    const sort = state.sort === "relevance" ? undefined : { [state.sort]: "asc" }; // see search_index.py
    const options = { filters, sort };
    let answer;
    if (query.groups.length) {
      answer = await this.execute(query, options);
    } else if (this.shards.length > 1) {
      // Browsing by filters alone, over shards: each in date order, the shards one after another.
      answer = { results: await this.inDateOrder(filters, sort ? state.sort : "oldest"), exact: null, order: "pagefind" };
    } else {
      // Browsing by filters alone: no relevance to rank by, so in date and reading order.
      const all = await this.pagefind.search(null, { filters, sort: sort || { oldest: "asc" } });
      answer = { results: all.results, exact: all, order: "pagefind" };
    }
    let results = answer.results;
    if (state.sort === "relevance" && query.groups.length) {
      results = [...results].sort((a, b) => b.rank - a.rank);
    } else if (state.sort !== "relevance" && this.shards.length > 1 && query.groups.length) {
      // Merged shards come back by score alone: the order is taken from each shard's own.
      const order = new Map((await this.inDateOrder(filters, state.sort)).map((result, i) => [result.id, i]));
      results = results.filter((r) => order.has(r.id)).sort((a, b) => order.get(a.id) - order.get(b.id));
    } else if (state.sort !== "relevance" && answer.order !== "pagefind") {
      const loaded = await Promise.all(results.slice(0, this.countCap).map(this.dataOf));
      const key = state.sort === "newest" ? "newest" : "order";
      const keyed = results.slice(0, this.countCap).map((result, i) => [loaded[i].meta[key] || "", result]);
      keyed.sort((a, b) => a[0].localeCompare(b[0]));
      results = keyed.map(([, result]) => result);
    }
    let unchecked = false;
    if (!this.pages && results.some((result) => result.checks)) {
      // What Pagefind's answers leave unsure (a prefix search's passages must have a word that
      // begins so; a passage may hold an excluded word only its unquoted search finds) is checked
      // against the text: here as far as the data loaded to count goes, past that as drawn.
      const head = results.slice(0, this.countCap);
      const ok = await Promise.all(head.map((result) => this.passes(result)));
      results = [...head.filter((_, i) => ok[i]), ...results.slice(this.countCap)];
      unchecked = results.length > this.countCap;
    }
    return { query, results, exact: answer.exact, options, filtersLoaded, unchecked };
  }

  /**
   * ``state`` without the filter values this index does not have: a speaker, event, kind, theme
   * or country none of its records has, or a year bound that is not one of its years. Each would
   * be a filter that no box shows and that leaves nothing (or, as a bound, some), so it is left
   * out, as the form would never send it. The values are the filter lists' where they are loaded
   * (and a year range needs them anyway); otherwise one search of a word of the query asks for
   * the counts of the filters used alone, which Pagefind answers with their lists only, every
   * value in them, and the word's part of the index, which the search loads anyway. Only a
   * search of no word at all asks with none: Pagefind answers that by loading every chunk of
   * the index (8.4 MB for 1,000 UN speeches), as the browse that follows must.
   */
  async known(state) {
    const keys = FACETS.filter((key) => (state[key] || []).length);
    const range = Boolean(state.from || state.to);
    if (!keys.length && !range) return state;
    let lists;
    if (this.filterLists || this.filtersReady || (range && this.own)) lists = (await this.wantFilters()).lists;
    else {
      const word = ((state.q || "").match(/[\p{L}\p{N}]+/u) || [null])[0];
      const values = await this.pagefind.search(word, { filters: Object.fromEntries([...keys, ...(range ? ["year"] : [])].map((key) => [key, EVERY])) });
      lists = values.filters;
    }
    const has = (key, value) => Object.prototype.hasOwnProperty.call(lists[key] || {}, value);
    const known = { ...state };
    for (const key of keys) known[key] = state[key].filter((value) => has(key, value));
    for (const bound of ["from", "to"]) if (state[bound] && !has("year", state[bound])) known[bound] = "";
    return known;
  }

  /** Pagefind's filters for a state. A year range needs the years there are: this site's from
   * its filter lists, another collection's from its year totals (its lists would be a good part
   * of the bytes). */
  async filtersFor(state) {
    let years = this.years;
    if ((state.from || state.to) && this.own) years = (await this.wantFilters()).years;
    else if (state.from || state.to) years = Object.keys(await this.yearTotals()).sort();
    return pagefindFilters(state, years);
  }

  /** Whether a passage result's text holds what its ``checks`` ask (query.js). */
  async passes(result) {
    if (!result.checks) return true;
    return passesChecks(result.checks, recordWords(await this.dataOf(result)));
  }

  execute(query, options) {
    return execute(query, this.variants, (q) => this.searchWord(q, options), { pages: this.pages });
  }

  /** One Pagefind search for a word, a prefix (``indivis*``) or a quoted phrase. Where a word is
   * in no record, Pagefind falls back to an indexed word it begins with ("Afghanistan" finds
   * "a"); in a sharded index that happens in every shard without the word. The same word quoted
   * never falls back (and still stems), but reports only its first place in a record, so the
   * unquoted search gives the places and the quoted one decides which records count; the
   * records only the unquoted one finds are ``unsure`` (an exclusion checks them against the
   * text: "Russia–NATO" is a form of Russia the quoted search misses). A prefix is searched
   * unquoted (Pagefind matches the words that begin so), its answers checked against the text
   * (``passes``, ``passagesOf``). */
  async searchWord(q, options) {
    if (q.startsWith('"')) return this.pagefind.search(q, options);
    if (q.endsWith("*")) return this.pagefind.search(q.slice(0, -1), options);
    const [loose, exact] = await Promise.all([this.pagefind.search(q, options), this.pagefind.search(`"${q}"`, options)]);
    const found = new Set(exact.results.map((result) => result.id));
    return {
      ...loose,
      results: loose.results.filter((result) => found.has(result.id)),
      unsure: loose.results.filter((result) => !found.has(result.id)),
      filters: exact.filters,
    };
  }

  /** Results of a filtered browse (``term`` null) in date order over a sharded index: Pagefind
   * merges shards by score, so each shard is asked alone (by its years) and the answers joined. */
  async inDateOrder(filters, key) {
    const ordered = key === "newest" ? [...this.shards].reverse() : this.shards;
    const answers = await Promise.all(
      ordered.map((shard) => {
        const wanted = filters.year ? filters.year.any.filter((year) => shard.years.includes(year)) : shard.years;
        if (!wanted.length) return { results: [] };
        return this.pagefind.search(null, { filters: { ...filters, year: { any: wanted } }, sort: { [key]: "asc" } });
      }),
    );
    return answers.flatMap((answer) => answer.results);
  }

  /**
   * How many results each filter value would leave ({speaker: {value: n}...}), or null where
   * there are too many results to count. Exact from Pagefind for a single search, once its
   * filter lists are loaded: a search run before they were counts only the filters it used, so
   * it is run again (the page opened from an address: the header box, a shared link, a theme's
   * "search within this theme"). Otherwise counted over the results themselves.
   */
  async counts(found) {
    await this.wantFilters();
    let counts = found.exact && found.filtersLoaded ? found.exact.filters : null;
    if (found.exact && !counts) {
      const { query, options } = found;
      const again = query.groups.length
        ? await this.execute(query, options)
        : { exact: await this.pagefind.search(null, { ...options, sort: options.sort || { oldest: "asc" } }) };
      counts = again.exact && again.exact.filters;
    }
    if (!counts && found.results.length <= this.countCap) counts = await this.countFilters(found.results);
    return counts || null;
  }

  async countFilters(results) {
    const counts = { speaker: {}, country: {}, event: {}, kind: {}, theme: {}, year: {} };
    const loaded = await Promise.all(results.slice(0, this.countCap).map(this.dataOf));
    for (const data of loaded) {
      for (const key of Object.keys(counts)) {
        for (const value of data.filters[key] || []) counts[key][value] = (counts[key][value] || 0) + 1;
      }
    }
    return counts;
  }

  /** A passage record's result, as drawn: its data, where it is, its excerpt marking every word
   * searched for that it holds, and those words (for the transcript page's highlighting). */
  async passage(result) {
    const data = await this.dataOf(result);
    const words = recordWords(data);
    const parts = await Promise.all(
      (result.parts || []).flat().map(async ({ result: part, q }) => ({ q, locations: (await this.dataOf(part)).locations || [] })),
    );
    const marks = marksOf(words, parts);
    return {
      data,
      where: data.meta,
      excerpt: excerptAround(words, marks, { length: EXCERPT_LENGTH }),
      marked: markedTexts(words, marks),
    };
  }

  /** A page or voice record's passages to draw (query.js), each with where it is (its
   * paragraph's number, speaker and heading, from the transcript's details): those that answer
   * the search's speaker and theme ``filters`` (records.js), or null where none does.
   * ``texts``: the paragraphs' exact texts, to cut the passages' concordance lines from. */
  async transcript(result, filters = {}, { texts = null } = {}) {
    const [data, found] = await Promise.all([this.dataOf(result), passagesOf(result, this.dataOf, { length: EXCERPT_LENGTH, texts })]);
    const held = found.passages.filter((sub) => answersFilters(data.meta.transcript, sub.anchor.id, filters));
    if (found.passages.length && !held.length) return null;
    const passages = held.map((sub) => ({ ...sub, where: this.passageWhere(data, sub.anchor.id) }));
    return { data, ...found, passages };
  }

  /** The archive's totals per year (data/years.json): {year: {transcripts, paragraphs, words}}. */
  yearTotals() {
    this.totals ??= fetch(new URL("data/years.json", this.root))
      .then((response) => {
        if (!response.ok) throw new Error(`data/years.json: ${response.status}`);
        return response.json();
      })
      .then(({ years }) => Object.fromEntries(years.map((y) => [String(y.year), y])));
    return this.totals;
  }

  /** One Pagefind search for the chart, with its counts per year and per transcript (and the
   * ``extra`` filters'), or null where the query is no single Pagefind search. */
  async countedSearch(query, filters, extra = {}) {
    const options = { filters: { year: EVERY, transcript: EVERY, ...extra, ...filters } };
    if (!query.groups.length) return this.pagefind.search(null, options);
    // A word's counts are those of its quoted search (as ``searchWord`` gives them): the unquoted
    // one, which finds the places, is not needed to count.
    const run = (q) => this.pagefind.search(q.startsWith('"') || q.endsWith("*") ? q : `"${q}"`, options);
    return (await execute(query, this.variants, run, { pages: this.pages })).exact;
  }

  /**
   * A search's counts per year, for its chart: {years: {year: {records, transcripts}}, speakers:
   * {name: records}, countries: {name: records}, counted, of}. From Pagefind's own counts where
   * the search is one Pagefind search (a word, a phrase, filters alone): exact, nothing loaded
   * but the filter lists. A combination of searches is counted over its results' data, the
   * first ``chartCap`` (``counted`` of ``of`` results; ``counted`` is null when the counts are
   * Pagefind's); ``results`` are the search's, or a function that finds them.
   */
  async yearCounts(query, filters, results) {
    const answer = await this.countedSearch(query, filters, { speaker: EVERY, ...(this.countries ? { country: EVERY } : {}) });
    if (answer) {
      const { speaker = {}, country = {} } = answer.filters;
      return { years: perYear(answer.filters), speakers: speaker, countries: country, counted: null, of: answer.results.length };
    }
    if (typeof results === "function") results = await results(); // found only when needed
    const head = results.slice(0, this.chartCap);
    const loaded = await Promise.all(head.map(this.dataOf));
    const years = {};
    const seen = new Set();
    const speakers = {};
    const countries = {};
    for (const data of loaded) {
      const year = data.meta.date.slice(0, 4);
      const at = (years[year] ??= { records: 0, transcripts: 0 });
      at.records += 1;
      if (!seen.has(data.meta.slug)) at.transcripts += 1;
      seen.add(data.meta.slug);
      for (const name of data.filters.speaker || []) speakers[name] = (speakers[name] || 0) + 1;
      for (const name of data.filters.country || []) countries[name] = (countries[name] || 0) + 1;
    }
    return { years, speakers, countries, counted: head.length, of: results.length };
  }

  /** The same counts for each value in ``names`` of the filter ``by`` (speaker or country: the
   * chart's lines), from one Pagefind search each; null for all where the query is no single
   * Pagefind search. A country's line is a share of that country's own transcripts each year
   * (``totals``, from one more search of the country alone), since a country speaks in few of a
   * year's transcripts; a speaker's, of all the year's, as the chart's. */
  async splitCounts(query, filters, names, by = "speaker") {
    const answers = await Promise.all(names.map((name) => this.countedSearch(query, { ...filters, [by]: { any: [name] } })));
    if (answers.some((answer) => !answer)) return null;
    const own = by === "country" ? await Promise.all(names.map((name) => this.countedSearch({ groups: [] }, { country: { any: [name] } }))) : [];
    return names.map((name, i) => ({ name, years: perYear(answers[i].filters), ...(own[i] ? { totals: perYear(own[i].filters) } : {}) }));
  }

  /**
   * A result's concordance lines, each {left, hit, right} with where it is (speaker, date,
   * title, the paragraph's address): every place the words found stand in each of its passages
   * (those a page or voice record's filters hold, as drawn), cut from the paragraph's exact text
   * (records.paragraphTexts), not Pagefind's.
   */
  async linesOf(result, filters = {}) {
    if (!this.pages) {
      if (!(await this.passes(result))) return [];
      const data = await this.dataOf(result);
      const words = recordWords(data);
      const [parts, text] = await Promise.all([
        Promise.all((result.parts || []).flat().map(async ({ result: part, q }) => ({ q, locations: (await this.dataOf(part)).locations || [] }))),
        paragraphTextOf(data.meta.slug, data.meta.anchor, this.root),
      ]);
      return contextLines(words, marksOf(words, parts), { text }).map((line) => ({ ...line, where: data.meta, meta: data.meta }));
    }
    const texts = await paragraphTexts((await this.dataOf(result)).meta.slug, this.root);
    const found = await this.transcript(result, filters, { texts });
    if (!found) return [];
    return found.passages.flatMap((passage) => passage.lines.map((line) => ({ ...line, where: passage.where, meta: found.data.meta })));
  }

  /** Where a page record's paragraph is: its number, speaker and heading. */
  passageWhere(data, anchor) {
    const paragraph = paragraphAt(data.meta.transcript, anchor);
    return { ...paragraph, url: `${data.meta.url}#${anchor}`, number: String(paragraph.number) };
  }
}
