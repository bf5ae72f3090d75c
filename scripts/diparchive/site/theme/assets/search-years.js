// The search page's "Per year" view: for any search, a chart of the share of each year's
// transcripts that match, with a line for each speaker or country the reader splits it by (up
// to five), the counts in a table under it (and printed), a sentence that says it, and the
// table as CSV. The counts are Pagefind's own for the search (Engine.yearCounts), the totals
// the archive's (data/years.json). The skeleton is docs/overrides/search.html's; every text
// is set as text.
import { csvField, saveCSV } from "./search-csv.js";
import { cloneTemplate } from "./search-draw.js";
import { MAX_SPLIT, quoted } from "./search-state.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 230;
const LEFT = 44; // room for the scale
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 200; // the axis; the years' labels under it
const SCALES = [1, 2, 5, 10, 20, 25, 50, 100]; // the top of the scale, in per cent
const TICK_STEPS = [1, 2, 5, 10, 20];
const PER = 10000; // words, for the rate

const percent = (share) => (share >= 10 || share === 0 ? share.toFixed(0) : share.toFixed(1));
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/** The years to chart: every year from the archive's first to its last within the search's
 * range, those it has no transcripts of included (a time axis, not a list of the years it has). */
export function yearsOf(totals, state) {
  const held = Object.keys(totals)
    .filter((year) => (!state.from || year >= state.from) && (!state.to || year <= state.to) && totals[year].transcripts > 0)
    .map(Number);
  if (!held.length) return [];
  const first = Math.min(...held);
  const last = Math.max(...held);
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

/** Years as a reader writes a list of them: "2010–2017, 2019 and 2020". */
export function yearRanges(years) {
  const runs = [];
  for (const year of years.map(Number)) {
    const last = runs[runs.length - 1];
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  const named = runs.flatMap(([a, b]) => (a === b ? [String(a)] : b === a + 1 ? [String(a), String(b)] : [`${a}–${b}`]));
  return named.length < 2 ? named.join("") : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

/**
 * The chart's rows: per year, the transcripts that match and that year's, the share, the
 * records (passages where records are passages), the words and the rate per 10,000 words of
 * what is counted (passages, or transcripts where records are voices or pages), and each split
 * line's (a speaker's or a country's) matching transcripts and share.
 */
export function rowsOf(years, counts, totals, splits, passages) {
  return years.map((year) => {
    const total = totals[year] || { transcripts: 0, words: 0 };
    const found = counts.years[year] || { records: 0, transcripts: 0 };
    const share = total.transcripts ? (100 * found.transcripts) / total.transcripts : 0;
    const counted = passages ? found.records : found.transcripts;
    return {
      year,
      covered: total.transcripts > 0, // the archive has transcripts of that year
      matching: found.transcripts,
      transcripts: total.transcripts,
      share,
      passages: found.records,
      words: total.words,
      rate: total.words ? (PER * counted) / total.words : 0,
      // A line's share is of its own transcripts that year where it has its own totals (a
      // collection's), else of all.
      split: splits.map(({ years: per, totals: own }) => {
        const n = (per[year] || { transcripts: 0 }).transcripts;
        const of = own ? (own[year] || { transcripts: 0 }).transcripts : total.transcripts;
        return { matching: n, of, covered: of > 0, share: of ? (100 * n) / of : 0 };
      }),
    };
  });
}

/** The sentence under the chart. */
export function summaryOf(rows, what, counted) {
  const matching = rows.reduce((sum, r) => sum + r.matching, 0);
  const total = rows.reduce((sum, r) => sum + r.transcripts, 0);
  if (!rows.length) return "The archive has no transcripts in these years.";
  const span = `${rows[0].year}–${rows[rows.length - 1].year}`;
  if (!matching) return `No transcript of ${span} matches ${what}.`;
  const found = rows.filter((r) => r.matching);
  const covered = rows.filter((r) => r.covered);
  const top = Math.max(...found.map((r) => r.share));
  const peaks = found.filter((r) => percent(r.share) === percent(top));
  let largest;
  if (peaks.length === covered.length && covered.length > 1) largest = `the same share in every year with transcripts: ${percent(top)} %.`;
  else if (peaks.length > 1) largest = `the largest share, ${percent(top)} %, in ${peaks.length} years alike: ${yearRanges(peaks.map((r) => r.year))}.`;
  else largest = `the largest share in ${peaks[0].year}: ${peaks[0].matching} of ${peaks[0].transcripts} (${percent(top)} %).`;
  const parts = [
    `${plural(matching, "transcript")} of ${total.toLocaleString("en")} (${percent((100 * matching) / total)} %) in ${span} match ${what},`,
    `in ${plural(found.length, "year")} from ${found[0].year} to ${found[found.length - 1].year};`,
    largest,
  ];
  const gaps = rows.filter((r) => !r.covered).map((r) => r.year);
  if (gaps.length) parts.push(`The archive has no transcripts of ${yearRanges(gaps)}: marked on the chart as not covered, not counted as none.`);
  if (counted) parts.push(`Counted over the first ${counted.counted.toLocaleString("en")} of ${plural(counted.of, "result")}, by relevance: combined words are counted over their results, not by the index.`);
  return parts.join(" ");
}

/** How many transcripts match, for the status line: "12 transcripts match “…”" (the sentence under the chart says the rest). */
export function matchingOf(rows, q) {
  const matching = rows.reduce((sum, r) => sum + r.matching, 0);
  return `${plural(matching, "transcript")} match ${quoted(q)}`;
}

/** The table's columns: [header, cell of a row]. */
function columnsOf(passages, recordsName, splits) {
  const columns = [
    ["Year", (r) => r.year],
    ["Transcripts with it", (r) => r.matching],
    ["Transcripts that year", (r) => r.transcripts],
    ["Share", (r) => (r.covered ? `${percent(r.share)} %` : "not covered")],
  ];
  if (passages) columns.push(["Passages with it", (r) => r.passages]);
  else columns.push([`Results (${recordsName})`, (r) => r.passages]);
  columns.push(["Words that year", (r) => r.words.toLocaleString("en")]);
  columns.push([`${passages ? "Passages" : "Transcripts"} per ${PER.toLocaleString("en")} words`, (r) => r.rate.toFixed(2)]);
  splits.forEach(({ name, totals }, i) => {
    columns.push([`${name}: transcripts`, (r) => r.split[i].matching]);
    if (totals) columns.push([`${name}: its transcripts that year`, (r) => r.split[i].of]);
    columns.push([`${name}: share`, (r) => (r.split[i].covered ? `${percent(r.split[i].share)} %` : "not covered")]);
  });
  return columns;
}

/** The counts as CSV (numbers as numbers, names made safe for a spreadsheet). */
export function yearsCSV(rows, passages, recordsName, splits) {
  const header = ["year", "transcripts_matching", "transcripts", "share_percent", passages ? "passages_matching" : `results_${recordsName}`, "words", `${passages ? "passages" : "transcripts"}_per_${PER}_words`];
  for (const { name, totals } of splits) header.push(`${name}: transcripts_matching`, ...(totals ? [`${name}: transcripts`] : []), `${name}: share_percent`);
  const lines = [header];
  for (const r of rows) {
    // A year not covered has no share (an empty field), not a share of 0.
    const line = [r.year, r.matching, r.transcripts, r.covered ? r.share.toFixed(2) : "", r.passages, r.words, r.covered ? r.rate.toFixed(4) : ""];
    r.split.forEach((s, k) => line.push(s.matching, ...(splits[k].totals ? [s.of] : []), s.covered ? s.share.toFixed(2) : ""));
    lines.push(line);
  }
  return lines.map((line) => line.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export class YearsView {
  constructor(doc) {
    this.doc = doc;
    const $ = (selector) => doc.querySelector(selector);
    this.panel = $("#archive-years");
    this.svg = $("#archive-years-chart");
    this.summary = $("#archive-years-summary");
    this.legend = $("#archive-years-legend");
    this.split = $("#archive-split");
    this.caption = $("#archive-years-caption");
    this.head = $("#archive-years-table thead tr");
    this.body = $("#archive-years-table tbody");
    this.csv = $("#archive-years-csv");
    this.csvText = "";
    this.csv.addEventListener("click", () => this.download());
  }

  el(name, attributes = {}, text = null) {
    const node = this.doc.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== null) node.textContent = text;
    return node;
  }

  /** The speakers or countries (``by``) to split by: those of the search with the most results
   * (``counts``: {name: results}), and those chosen; none, nor the chooser, where ``counts`` is
   * null (a search of several collections, whose lines are the collections). */
  drawSplit(counts, chosen, by = "speaker") {
    for (const old of this.split.querySelectorAll(".archive-facet")) old.remove();
    if (counts === null) {
      this.split.hidden = true;
      return;
    }
    const names = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 8)
      .map(([name]) => name);
    for (const name of chosen) if (!names.includes(name)) names.push(name);
    const boxes = names.map((name) => {
      const label = cloneTemplate(this.doc, "archive-split-template");
      const box = label.querySelector("input");
      box.value = name;
      box.dataset.by = by;
      box.checked = chosen.includes(name);
      box.disabled = !box.checked && chosen.length >= MAX_SPLIT;
      label.querySelector(".archive-facet__value").textContent = name;
      label.querySelector(".archive-facet__count").textContent = counts[name] ? `(${counts[name]})` : "";
      return label;
    });
    this.split.append(...boxes);
    // Kept where there is a choice of lines to make (the chooser of speaker or country).
    this.split.hidden = names.length === 0 && this.split.querySelector(".archive-split__by").hidden;
  }

  /**
   * Draw the chart of ``counts`` (Engine.yearCounts) against ``totals`` for ``state``, with a line
   * per split speaker or country (``splits``: [{name, years, totals?}]). ``design`` is the
   * index's record design.
   */
  draw({ counts, totals, splits, state, design }) {
    const passages = design === "passages";
    const recordsName = { voices: "voices", pages: "transcripts", passages: "passages" }[design] || "records";
    const what = quoted(state.q);
    const years = yearsOf(totals, state);
    const rows = rowsOf(years, counts, totals, splits, passages);
    const counted = counts.counted === null ? null : counts;
    const summary = summaryOf(rows, what, counted);
    this.drawChart(rows, splits, what);
    this.summary.textContent = summary;
    this.drawLegend(splits);
    this.caption.textContent = `Transcripts that match ${what}, per year, against the year’s transcripts and words`;
    const columns = columnsOf(passages, recordsName, splits);
    this.head.replaceChildren(
      ...columns.map(([name]) => {
        const th = this.doc.createElement("th");
        th.scope = "col";
        th.textContent = name;
        return th;
      }),
    );
    this.body.replaceChildren(
      ...rows.map((row) => {
        const tr = this.doc.createElement("tr");
        tr.dataset.year = row.year;
        columns.forEach(([, cell], i) => {
          const td = this.doc.createElement(i === 0 ? "th" : "td");
          if (i === 0) td.scope = "row";
          td.textContent = String(cell(row));
          tr.append(td);
        });
        return tr;
      }),
    );
    this.csvText = yearsCSV(rows, passages, recordsName, splits);
    this.panel.dataset.for = state.q;
    return { rows, summary };
  }

  drawChart(rows, splits, what) {
    // As wide as it is shown (up to 640), so that its text is as large on a phone as on a desk.
    const shown = Math.round(this.svg.getBoundingClientRect().width);
    const width = shown > 0 ? Math.max(300, Math.min(WIDTH, shown)) : WIDTH;
    const top = Math.max(0, ...rows.map((r) => r.share), ...rows.flatMap((r) => r.split.map((s) => s.share)));
    const scale = SCALES.find((s) => s >= top) || 100;
    const step = (width - LEFT - RIGHT) / Math.max(1, rows.length);
    const y = (share) => BOTTOM - ((BOTTOM - TOP) * share) / scale;
    const round = (n) => Math.round(n * 100) / 100;
    const middle = (i) => round(LEFT + (i + 0.5) * step);
    const nodes = [this.el("title", { id: "archive-years-svgtitle" }, `Share of each year’s transcripts that match ${what}`)];
    rows.forEach((r, i) => {
      if (r.covered) return;
      const gap = this.el("rect", { class: "by-year__gap", x: round(LEFT + i * step), y: TOP, width: round(step), height: BOTTOM - TOP, "data-year": r.year });
      gap.append(this.el("title", {}, `${r.year}: no transcripts in the archive (not covered)`));
      nodes.push(gap);
    });
    nodes.push(this.el("line", { class: "by-year__axis", x1: LEFT, y1: BOTTOM, x2: width - RIGHT, y2: BOTTOM }));
    for (const share of [scale, scale / 2]) {
      nodes.push(this.el("line", { class: "by-year__grid", x1: LEFT, y1: y(share), x2: width - RIGHT, y2: y(share) }));
    }
    for (const share of [scale, scale / 2, 0]) {
      nodes.push(this.el("text", { class: "by-year__scale", x: LEFT - 4, y: y(share) + 4, "text-anchor": "end" }, `${share} %`));
    }
    rows.forEach((r, i) => {
      if (!r.covered) return;
      const height = BOTTOM - y(r.share);
      const bar = this.el("rect", {
        class: "by-year__bar",
        x: round(LEFT + i * step + step * 0.1),
        y: round(y(r.share)),
        width: round(Math.max(1, step * 0.8)),
        height: round(height),
        "data-year": r.year,
        "data-matching": r.matching,
        "data-share": r.share.toFixed(4),
      });
      bar.append(this.el("title", {}, `${r.year}: ${r.matching} of ${r.transcripts} transcripts (${percent(r.share)} %)`));
      nodes.push(bar);
    });
    // A label every 1, 2, 5… years, as many as fit (about 36 units each: "2008" and a space).
    const room = Math.max(1, Math.floor((width - LEFT - RIGHT) / 36));
    const every = TICK_STEPS.find((k) => rows.length / k <= room) || 50;
    rows.forEach((r, i) => {
      if (Number(r.year) % every !== 0 && rows.length > room) return;
      nodes.push(this.el("text", { class: "by-year__tick", x: middle(i), y: BOTTOM + 16, "text-anchor": "middle" }, r.year));
    });
    splits.forEach(({ name }, k) => {
      // A line through the years its collection or speaker is covered, broken where not.
      const runs = [[]];
      rows.forEach((r, i) => {
        if (r.covered && r.split[k].covered) runs[runs.length - 1].push(`${middle(i)},${round(y(r.split[k].share))}`);
        else if (runs[runs.length - 1].length) runs.push([]);
      });
      const d = runs.filter((points) => points.length).map((points) => `M${points.join("L")}`).join("");
      const line = this.el("path", { class: `by-year__line by-year__line--${k}`, d, "data-split": name });
      line.append(this.el("title", {}, `${name}: share of each year’s transcripts in which they said it`));
      nodes.push(line);
      rows.forEach((r, i) => {
        if (!r.split[k].matching) return;
        const dot = this.el("circle", { class: `by-year__dot by-year__line--${k}`, cx: middle(i), cy: round(y(r.split[k].share)), r: 3 });
        dot.append(this.el("title", {}, `${name}, ${r.year}: ${r.split[k].matching} of ${r.split[k].of} transcripts (${percent(r.split[k].share)} %)`));
        nodes.push(dot);
      });
    });
    this.svg.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    this.svg.replaceChildren(...nodes);
  }

  drawLegend(splits) {
    this.legend.replaceChildren(
      ...splits.map(({ name }, k) => {
        const item = this.doc.createElement("li");
        const swatch = this.doc.createElementNS(SVG, "svg");
        swatch.setAttribute("viewBox", "0 0 24 8");
        swatch.setAttribute("aria-hidden", "true");
        swatch.setAttribute("class", "by-year__swatch");
        swatch.append(this.el("line", { class: `by-year__line by-year__line--${k}`, x1: 0, y1: 4, x2: 24, y2: 4 }));
        item.append(swatch, name);
        return item;
      }),
    );
    this.legend.hidden = splits.length === 0;
  }

  download() {
    saveCSV(this.csvText, "search-per-year.csv");
  }
}
