// Drawing the search page: the facets and their counts, results grouped by transcript, the
// status line with its hints, and which buttons show. Markup comes from the <template>
// elements of docs/overrides/search.html; text is set as text, and only excerpts (escaped by
// query.js, with <mark>s) as HTML.
import { highlightTerms } from "./query.js";
import { withoutName } from "./search-names.js";
import { activeFilters, quoted, urlOf } from "./search-state.js";

/** A fresh copy of the page's ``<template id=...>`` (docs/overrides/search.html): its first element. */
export const cloneTemplate = (doc, id) => doc.getElementById(id).content.firstElementChild.cloneNode(true);

/** A link's address: from the site's root where it is on this site, whole where it is on
 * another collection's. */
export const hrefOf = (target) => (target.origin === location.origin ? target.pathname + target.search + target.hash : target.href);

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

export class View {
  constructor(doc, root, controls) {
    this.doc = doc;
    this.root = root;
    this.controls = controls;
    const $ = (selector) => doc.querySelector(selector);
    this.status = $("#archive-status");
    this.names = $("#archive-names");
    this.results = $("#archive-results");
    this.more = $("#archive-more");
    this.csv = $("#archive-csv");
    this.actions = $(".archive-search__actions");
    this.active = $("#archive-narrow-active");
    this.counts = undefined; // the counts last drawn, drawn again onto facets drawn after them
  }

  /** The collections to choose from (search-in boxes), where collections.yml declares several. */
  drawCollections(collections) {
    const box = this.controls.collections;
    if (!box) return;
    box.hidden = collections.length < 2;
    box.append(
      ...collections.map((collection) => {
        const label = this.template("archive-collection-template");
        const input = label.querySelector("input");
        input.value = collection.id;
        if (collection.self) input.dataset.self = "true";
        label.querySelector(".archive-collections__name").textContent = collection.name;
        label.title = collection.description;
        return label;
      }),
    );
  }

  template(id) {
    return cloneTemplate(this.doc, id);
  }

  /** A checkbox for each value of each facet (most results first), kept after its legend; the
   * years there are in the range's lists. */
  drawFacets(lists, years) {
    for (const [key, box] of Object.entries(this.controls.facets)) {
      const values = Object.entries(lists[key] || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const old of box.querySelectorAll(".archive-facet")) old.remove();
      box.append(
        ...values.map(([value]) => {
          const label = this.template("archive-facet-template");
          const checkbox = label.querySelector("input");
          checkbox.name = key;
          checkbox.value = value;
          label.querySelector(".archive-facet__value").textContent = value;
          return label;
        }),
      );
    }
    for (const select of [this.controls.yearFrom, this.controls.yearTo]) {
      for (const option of [...select.options].slice(1)) option.remove();
      for (const year of years) select.append(new Option(year, year));
    }
    if (this.counts !== undefined) this.drawCounts(this.counts);
  }

  /** A checked box for each value ``state`` chooses that no box is drawn for, and an option for
   * each year bound the range's lists lack, so that every filter on shows and can be taken off:
   * in a search of several collections, another collection's speaker or years; before the
   * lists are drawn, what the address chose. Such boxes no longer chosen go. */
  drawChosen(state) {
    for (const [key, box] of Object.entries(this.controls.facets)) {
      const chosen = state[key] || [];
      for (const label of box.querySelectorAll(".archive-facet[data-chosen]")) {
        if (!chosen.includes(label.querySelector("input").value)) label.remove();
      }
      const drawn = new Set([...box.querySelectorAll(".archive-facet input")].map((input) => input.value));
      for (const value of chosen.filter((v) => !drawn.has(v))) {
        const label = this.template("archive-facet-template");
        label.dataset.chosen = "true";
        const checkbox = label.querySelector("input");
        checkbox.name = key;
        checkbox.value = value;
        checkbox.checked = true;
        label.querySelector(".archive-facet__value").textContent = value;
        box.append(label);
      }
    }
    for (const [select, year] of [[this.controls.yearFrom, state.from], [this.controls.yearTo, state.to]]) {
      if (year && ![...select.options].some((option) => option.value === year)) {
        const later = [...select.options].slice(1).find((option) => option.value > year);
        select.insertBefore(new Option(year, year), later || null);
      }
      select.value = year || "";
    }
  }

  /** Each value's count ``(n)``, or none where the results were too many to count. */
  drawCounts(counts) {
    this.counts = counts;
    for (const [key, box] of Object.entries(this.controls.facets)) {
      for (const label of box.querySelectorAll(".archive-facet")) {
        const value = label.querySelector("input").value;
        const n = counts ? (counts[key] || {})[value] || 0 : null;
        label.querySelector(".archive-facet__count").textContent = n === null ? "" : `(${n})`;
        label.classList.toggle("archive-facet--empty", n === 0);
      }
    }
  }

  /** The filters in force, said on the (perhaps folded) filter panel's summary. */
  drawActive(state) {
    const n = activeFilters(state);
    this.active.textContent = n ? `(${plural(n, "filter")} on)` : "";
  }

  clear() {
    this.results.replaceChildren();
  }

  /** "Show more" while results are left to draw; "Download" while there are any. */
  drawButtons(left, any) {
    this.more.hidden = !left;
    this.csv.hidden = !any;
    this.actions.hidden = !left && !any;
  }

  /** All results of a transcript stay together, under its first (best) result. */
  groupFor(meta) {
    let group = [...this.results.children].find((section) => section.dataset.slug === meta.slug);
    if (!group) {
      group = this.template("archive-group-template");
      group.dataset.slug = meta.slug;
      const title = group.querySelector(".archive-group__title a");
      title.textContent = meta.title;
      title.href = hrefOf(new URL(`transcripts/${meta.slug}/`, this.root));
      group.querySelector(".archive-group__meta").textContent = `${meta.date_display} · ${meta.venue}`;
      this.results.append(group);
    }
    return group;
  }

  /** One passage: a link to it in its transcript, with the words found to highlight there. */
  drawPassage(group, where, excerpt, highlight) {
    const item = this.template("archive-result-template");
    const link = item.querySelector("a");
    const target = new URL(where.url, this.root);
    for (const term of highlight) target.searchParams.append("highlight", term);
    link.href = hrefOf(target);
    item.querySelector(".archive-result__speaker").textContent = where.speaker;
    item.querySelector(".archive-result__where").textContent = `¶ ${where.number}${where.heading ? ` · ${where.heading}` : ""}`;
    item.querySelector(".archive-result__excerpt").innerHTML = excerpt; // escaped by query.js, with <mark>s
    group.querySelector(".archive-group__results").append(item);
    return item;
  }

  /** A passage record's result (``Engine.passage``). */
  drawResult(found, query) {
    return this.drawPassage(this.groupFor(found.where), found.where, found.excerpt, highlightTerms(query, found.marked));
  }

  /** A page record's result (``Engine.transcript``): its passages, the first few shown. */
  drawTranscript({ data, passages, together, inText }, query, shown) {
    if (!passages.length && inText) return; // every passage with the words also has an excluded one
    const group = this.groupFor(data.meta);
    const list = group.querySelector(".archive-group__results");
    const note = (text) => {
      const item = this.template("archive-group-note-template");
      item.textContent = text;
      list.append(item);
    };
    if (!passages.length) note("The words are in this transcript’s title or details, not in its text.");
    else if (!together) note("The words are in this transcript, but not together in one passage:");
    const items = passages.map((passage) => this.drawPassage(group, passage.where, passage.excerpt, highlightTerms(query, passage.marked)));
    const hidden = items.slice(shown);
    if (!hidden.length) return;
    for (const item of hidden) item.hidden = true;
    const reveal = this.template("archive-group-more-template");
    const button = reveal.querySelector("button");
    button.textContent = `${plural(hidden.length, "more passage")} in this transcript`;
    button.addEventListener("click", () => {
      for (const item of hidden) item.hidden = false;
      reveal.remove();
      hidden[0].querySelector("a").focus();
    });
    list.append(reveal);
  }

  /**
   * The status line: how many results, or that none match (with the query without its quotes
   * to try), then what the query may not mean as typed (query.js's hints), each with the
   * search it probably meant. ``go(q)`` runs a search for another query.
   */
  announce({ state, query, total, shown, pages, upTo, go }) {
    const drawnNone = pages && shown >= total && this.results.children.length === 0; // all excluded
    const parts = [];
    if (total === 0 || drawnNone) {
      parts.push(`No passages match ${quoted(state.q)}.`);
      if (query.groups.flat().some((term) => term.quoted)) {
        const loose = state.q.replace(/["“”„«»]/g, "");
        parts.push(" ", this.searchLink(state, loose, `Search for the words without quotes: ${loose}`, go));
      }
    } else if (pages) {
      const drawn = this.results.querySelectorAll(".archive-result").length;
      const more = shown < total ? ` (showing ${shown})` : "";
      // A result is a transcript (page records) or one voice in a transcript (voice records).
      const counted = pages === "voices" ? `${plural(total, "result")} (each one speaker’s passages in one transcript)` : plural(total, "transcript");
      parts.push(`${upTo ? "up to " : ""}${counted}${more}; ${plural(drawn, "passage")} shown.`);
    } else {
      const transcripts = this.results.children.length;
      const more = shown < total ? ` (showing ${shown})` : ` in ${plural(transcripts, "transcript")}`;
      parts.push(`${upTo ? "up to " : ""}${plural(total, "passage")}${more}.`);
    }
    for (const hint of query.hints || []) parts.push(" ", this.hint(state, hint, go));
    this.status.replaceChildren(...parts);
  }

  /**
   * Below the status line: each person the query names, with how many passages they speak (or
   * are quoted in) in how many transcripts, a link to the search of their words alone (their
   * speaker filter, the rest of the query kept) and one to their page; and, where nothing
   * matched, the query with its unknown words replaced by the nearest known ones.
   */
  drawNames(state, people, suggestion, go) {
    const parts = [];
    for (const person of people.slice(0, 5)) {
      if (state.speaker.includes(person.name)) continue;
      const span = this.doc.createElement("span");
      span.className = "archive-search__person";
      const q = withoutName(state.q, person);
      const filtered = { ...state, q, speaker: [...state.speaker, person.name] };
      const only = this.doc.createElement("a");
      only.href = urlOf(filtered);
      only.textContent = q ? `search only ${person.name}’s words` : `show only ${person.name}’s words`;
      only.addEventListener("click", (event) => {
        event.preventDefault();
        go(q, filtered);
      });
      const page = this.doc.createElement("a");
      page.href = new URL(person.page, this.root).pathname;
      page.textContent = `about ${person.name}`;
      span.append(
        `${person.name} speaks or is quoted in ${plural(person.passages, "passage")} of ${plural(person.transcripts, "transcript")}: `,
        only, " · ", page, ".",
      );
      parts.push(parts.length ? " " : "", span);
    }
    if (suggestion) {
      const span = this.doc.createElement("span");
      span.className = "archive-search__hint";
      span.append("Did you mean ", this.searchLink(state, suggestion, suggestion, go), "?");
      parts.push(parts.length ? " " : "", span);
    }
    this.names.replaceChildren(...parts);
    this.names.hidden = parts.length === 0;
  }

  /** The status line before any search: a prompt, or why a query searched nothing. */
  announceNothing(state, query, go) {
    const parts = [];
    if (state.q) parts.push("Type a word or a phrase that is not only common words.");
    else parts.push("Type words or “a phrase” above to search what was said, or choose a speaker, event, kind, theme or years to list their passages.");
    for (const hint of query.hints || []) parts.push(" ", this.hint(state, hint, go));
    this.status.replaceChildren(...parts);
  }

  hint(state, hint, go) {
    const span = this.doc.createElement("span");
    span.className = "archive-search__hint";
    if (hint.kind === "or") {
      span.append("“or” in lower case is a common word, left out: every other word is required. Did you mean ", this.searchLink(state, hint.query, hint.query, go), "?");
    } else if (hint.kind === "not") {
      span.append("NOT is searched as a word; a minus sign leaves a word out. Did you mean ", this.searchLink(state, hint.query, hint.query, go), "?");
    } else if (hint.kind === "short-prefix") {
      span.append(`A * finds the words that begin so with at least ${hint.min} letters before it; ${hint.words.join(", ")} was searched as the letter alone.`);
    }
    return span;
  }

  /** A link to the search for ``q`` with the same filters, which runs it in place. */
  searchLink(state, q, text, go) {
    const link = this.doc.createElement("a");
    link.href = urlOf({ ...state, q });
    link.textContent = text;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go(q);
    });
    return link;
  }
}

