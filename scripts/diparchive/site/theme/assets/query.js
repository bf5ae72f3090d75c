// The archive's query language, on top of Pagefind (no DOM here: the search-*.js modules draw
// the page).
//
//   "open door" NATO       an exact phrase and a word, both required
//   indivisible security   words, stemmed; passages with them as a phrase rank first
//   Kiev OR Kyiv           either
//   NATO -enlargement      exclude passages with a word (or "a phrase")
//   indivis*               any word that begins so (indivisible, indivisibility)
//
// Pagefind switches to exact-phrase matching only when the whole query is one quoted string, so
// each phrase and each word is its own Pagefind search, and the sets are combined here.
import { stem } from "./stem.js";

const STOP_WORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were with".split(" "),
);

const QUOTES = /[“”„«»"]/g;
/** Dashes between words ("them–the", "Russia – NATO"): the index keeps the words either side
 * apart (``JOINED``), so a query asks for the words. */
const JOINING_DASH = /(?<=[\p{L}\p{N}])[\u2012-\u2015\u2212](?=[\p{L}\p{N}])/gu;
const LONE_DASH = /^[\u2012-\u2015\u2212-]+$/u;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The fewest letters a prefix search (``word*``) takes: one letter would match most words. */
export const MIN_PREFIX = 2;

/** Split a query into terms: {text, phrase, exclude, quoted, prefix} and OR markers, each with
 * where it is in the query (``at``, ``end``) and as typed (``raw``). */
function tokenize(input) {
  const text = input.replace(QUOTES, '"'); // each quote is one code unit: positions still hold
  const tokens = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  let match;
  while ((match = pattern.exec(text))) {
    const place = { at: match.index, end: match.index + match[0].length, raw: match[0] };
    if (match[2] !== undefined) {
      const phrase = match[2].trim().replace(/\s+/g, " ");
      if (phrase) tokens.push({ text: phrase, phrase: phrase.includes(" "), exclude: match[1] === "-", quoted: true, prefix: false, ...place });
    } else if (match[3] === "OR") {
      tokens.push({ or: true, ...place });
    } else {
      const word = match[3];
      const exclude = word.startsWith("-") && word.length > 1;
      const body = exclude ? word.slice(1) : word;
      const bare = body.replace(EDGES, "");
      const starred = /[\p{L}\p{N}]\*+[^\p{L}\p{N}*]*$/u.test(body);
      const letters = (bare.match(/[\p{L}\p{N}]/gu) || []).length;
      if (bare) {
        tokens.push({
          text: bare, phrase: false, exclude, quoted: false,
          prefix: starred && letters >= MIN_PREFIX, shortPrefix: starred && letters < MIN_PREFIX, ...place,
        });
      }
    }
  }
  return tokens;
}

/** Replace tokens of ``input`` (by position) with new text. */
function rewrite(input, replacements) {
  let out = input;
  for (const [token, text] of [...replacements].sort((a, b) => b[0].at - a[0].at)) {
    out = out.slice(0, token.at) + text + out.slice(token.end);
  }
  return out;
}

/** What the query may not mean as typed, each with the query it probably meant:
 * ``or`` in lower case (a common word, ignored: the words are all required), ``NOT`` (searched as
 * a word; ``-word`` excludes), a ``*`` after a single letter (too short to search as a prefix). */
function hintsOf(input, tokens) {
  const hints = [];
  const searchable = (t) => t && !t.or && !t.exclude && (t.quoted || t.prefix || !STOP_WORDS.has(t.text.toLowerCase()));
  const ors = tokens.filter((t, i) => !t.or && !t.quoted && t.raw === "or" && searchable(tokens[i - 1]) && searchable(tokens[i + 1]));
  if (ors.length) hints.push({ kind: "or", query: rewrite(input, ors.map((t) => [t, "OR"])) });
  const nots = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (!t.or && !t.quoted && t.raw === "NOT" && next && !next.or && !next.exclude) nots.push([t, next]);
  });
  if (nots.length) {
    const replacements = [];
    for (const [not, next] of nots) {
      replacements.push([{ at: not.at, end: next.at }, ""], [next, `-${input.slice(next.at, next.end)}`]);
    }
    hints.push({ kind: "not", query: rewrite(input, replacements) });
  }
  const short = tokens.filter((t) => t.shortPrefix);
  if (short.length) hints.push({ kind: "short-prefix", words: short.map((t) => t.raw), min: MIN_PREFIX });
  return hints;
}

/**
 * Parse a query into required groups (each a list of alternatives), exclusions, the words of
 * an unquoted query to rank as a phrase, and hints where the query may not say what was meant.
 */
export function parseQuery(input) {
  const tokens = tokenize(input || "");
  const groups = [];
  const exclude = [];
  let joinNext = false;
  for (const token of tokens) {
    if (token.or) {
      joinNext = groups.length > 0;
      continue;
    }
    const { at, end, raw, shortPrefix, ...term } = token;
    if (term.exclude) {
      exclude.push(term);
      joinNext = false;
      continue;
    }
    if (!term.quoted && !term.prefix && STOP_WORDS.has(term.text.toLowerCase())) continue;
    if (joinNext) groups[groups.length - 1].push(term);
    else groups.push([term]);
    joinNext = false;
  }
  const plain = tokens.filter((t) => !t.or);
  const unquoted = plain.length > 1 && plain.every((t) => !t.quoted && !t.exclude && !t.prefix) && !tokens.some((t) => t.or);
  return {
    groups,
    exclude,
    rankPhrase: unquoted ? plain.map((t) => t.text).join(" ") : null,
    hints: hintsOf(input || "", tokens),
  };
}

/** Whether a query has prefix terms (``word*``), whose matches are checked against the text. */
export const hasPrefixes = (query) => [...query.groups.flat(), ...query.exclude].some((term) => term.prefix);

/** A Pagefind query string that is a prefix search (as ``expand`` writes it: ``indivis*``). */
export const isPrefixQuery = (q) => q.endsWith("*");

/** Every spelling a term stands for: curated variants and hyphen/space forms. */
export function expand(term, variants) {
  if (term.prefix) return [`${term.text.toLowerCase()}*`];
  const lookup = new Map();
  for (const group of variants) for (const word of group) lookup.set(word.toLowerCase(), group);
  const words = term.text.split(" ");
  let forms = [[]];
  for (const word of words) {
    const group = lookup.get(word.toLowerCase()) || [word];
    forms = forms.flatMap((form) => group.map((alt) => [...form, alt])).slice(0, 16);
  }
  const queries = new Set();
  for (const form of forms) {
    // A dash joining two words is searched as a hyphen is ("Russia–NATO" as "Russia-NATO"), and a
    // dash on its own is not a word ("them – the").
    const text = form
      .join(" ")
      .replace(JOINING_DASH, "-")
      .split(" ")
      .filter((word) => !LONE_DASH.test(word))
      .join(" ");
    if (!text) continue;
    const quoted = term.quoted || term.phrase;
    queries.add(quoted ? `"${text}"` : text);
    if (text.includes("-")) {
      // "Nagorno-Karabakh" and "Nagorno Karabakh" are one name to a reader.
      queries.add(`"${text.replace(/-/g, " ")}"`);
    }
  }
  return [...queries];
}

/** The words to highlight on the transcript page for one result: the quoted phrases as they
 * are, and what was found in this passage (``marked``: ``markedTexts`` of its marks, or an
 * excerpt with ``<mark>``s): a phrase's words in a row as one term, every other word on its own
 * (all the words of ``Nagorno Karabakh``, in the forms the passage has them), without common
 * words and without the single words of a quoted phrase (which would light up everywhere). */
export function highlightTerms(query, marked) {
  const found =
    typeof marked === "string"
      ? (marked.match(/<mark>(.*?)<\/mark>/g) || []).map((mark) => ({
          text: mark.replace(/<\/?mark>/g, "").replace(/&[a-z]+;|&#\d+;/g, ""),
          phrase: false,
        }))
      : marked || [];
  const terms = new Map(); // lower case -> as written
  const phraseWords = new Set();
  for (const term of query.groups.flat()) {
    if (!term.quoted) continue;
    terms.set(term.text.toLowerCase(), term.text);
    for (const word of term.text.toLowerCase().split(" ")) phraseWords.add(word);
  }
  for (const { text } of found) {
    const term = text.replace(EDGES, "").replace(/\s+/g, " ");
    const lower = term.toLowerCase();
    if (!term || terms.has(lower)) continue;
    if (!term.includes(" ") && (STOP_WORDS.has(lower) || phraseWords.has(lower))) continue;
    terms.set(lower, term);
  }
  return [...terms.values()];
}

/**
 * Run a parsed query. ``run(q)`` performs one Pagefind search (with the current filters and sort)
 * and resolves to Pagefind's answer. Returns the ordered results (Pagefind result objects with a
 * combined ``rank``) and, where the final set is exactly one Pagefind search, that search (whose
 * filter counts are then exact).
 *
 * Each result also carries, for drawing its passages, the Pagefind results of the same record
 * from every search, each with its query ``q``: ``parts`` (one list per required group),
 * ``without`` (the exclusions) and ``phrase``. With page records (``pages``: one record per transcript) a word excluded somewhere in
 * a transcript must not hide the transcript's other passages, so exclusion is left to the
 * passages (``passagesOf``), as is requiring all the words in one passage.
 *
 * A result that Pagefind's answers leave unsure carries ``checks`` (see ``passesChecks``), what
 * its text must hold or not, or null where nothing is left to check: found by a prefix search
 * (``indivis*``), or holding an excluded word only as far as the word's unquoted search says
 * (``run`` gives those records as ``unsure``: "Russia–NATO", which the quoted search misses).
 */
export async function execute(query, variants, run, { pages = false } = {}) {
  const searches = new Map();
  const once = (q) => {
    if (!searches.has(q)) searches.set(q, run(q));
    return searches.get(q);
  };
  const union = async (terms) => {
    const combined = new Map();
    const unsure = new Map(); // id -> parts: records only a word's unquoted search found
    const queries = terms.flatMap((term) => expand(term, variants));
    const answers = await Promise.all(queries.map(once));
    for (const [i, answer] of answers.entries()) {
      for (const result of answer.unsure || []) {
        if (!unsure.has(result.id)) unsure.set(result.id, []);
        unsure.get(result.id).push({ result, q: queries[i] });
      }
      const top = Math.max(1e-9, ...answer.results.map((r) => r.score || 0));
      for (const result of answer.results) {
        const score = (result.score || 0) / top;
        const known = combined.get(result.id);
        const part = { result, q: queries[i] };
        if (!known) combined.set(result.id, { result, score, all: [part] });
        else {
          known.all.push(part);
          if (known.score < score) Object.assign(known, { result, score });
        }
      }
    }
    return { combined, unsure, single: answers.length === 1 ? answers[0] : null };
  };

  const groups = await Promise.all(query.groups.map(union));
  if (!groups.length) return { results: [], exact: null };
  let ids = [...groups[0].combined.keys()];
  for (const group of groups.slice(1)) ids = ids.filter((id) => group.combined.has(id));
  const exclusions = query.exclude.length ? await union(query.exclude) : { combined: new Map(), unsure: new Map() };
  const excluded = exclusions.combined;
  // A prefix search's Pagefind answer is a candidate only (Pagefind matches the stems, and falls
  // back to a shorter word where none begins so): it leaves out a record only where it is sure.
  const surelyExcluded = (id) => excluded.has(id) && excluded.get(id).all.some((part) => !isPrefixQuery(part.q));
  if (!pages) ids = ids.filter((id) => !surelyExcluded(id));
  let phrase = new Map();
  if (query.rankPhrase) phrase = (await union([{ text: query.rankPhrase, phrase: true, quoted: true }])).combined;

  const results = ids.map((id) => {
    let rank = 0;
    for (const group of groups) rank += group.combined.get(id).score;
    if (phrase.has(id)) rank += 1000 + phrase.get(id).score; // the words as a phrase: first
    const parts = groups.map((group) => group.combined.get(id).all);
    const without = excluded.has(id) ? excluded.get(id).all : [];
    const unsure = exclusions.unsure.get(id) || [];
    return Object.assign(groups[0].combined.get(id).result, {
      rank,
      parts,
      // With page records the passages are checked (passagesOf), with every part that may hold
      // an excluded word.
      without: pages ? [...without, ...unsure] : without,
      phrase: phrase.has(id) ? phrase.get(id).all : [],
      checks: pages ? null : checksOf(parts, without, unsure),
    });
  });
  const exact =
    groups.length === 1 && !query.exclude.length && !hasPrefixes(query) && groups[0].single ? groups[0].single : null;
  return { results, exact, order: exact ? "pagefind" : "rank" };
}

/** What a result's text must show: ``need``, for each required group it was found in only by
 * prefix searches, those searches (one must match); ``without``, the exclusions it was found by
 * only as candidates (a prefix search, or a word's unquoted search alone), none of which may
 * match. Null where there is nothing to check. */
function checksOf(parts, without, unsure) {
  const queriesOf = (list) => [...new Set(list.map((part) => part.q))];
  const need = parts.filter((all) => all.every((part) => isPrefixQuery(part.q))).map(queriesOf);
  const candidates = without.every((part) => isPrefixQuery(part.q)) ? [...without, ...unsure] : [];
  return need.length || candidates.length ? { need, without: queriesOf(candidates) } : null;
}

/** Text as Pagefind compares it: lower case, without diacritics. */
const fold = (text) => text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

/** Words as Pagefind compares them in a phrase: letters and digits, folded. */
export const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];

/** Whether a whitespace-separated word of a text begins with ``prefix`` (itself, as in
 * ``Nagorno-Kar*``, or any of its parts: ``Karabakh`` in ``Nagorno-Karabakh``). */
export function beginsWith(word, prefix) {
  const want = fold(prefix);
  const whole = fold(word || "").replace(EDGES, "");
  return whole.startsWith(want) || wordsOf(word || "").some((part) => part.startsWith(want));
}

/** The stem of a query word as Pagefind searches it, or null for one that is not a single run of
 * letters and digits ("Nagorno-Karabakh"), whose places Pagefind's answer decides alone. */
function stemOfQuery(q) {
  const parts = wordsOf(q);
  return parts.length === 1 ? stem(parts[0]) : null;
}

/** Whether a whitespace-separated word of a text is a form of the query word ``q``: it, or one of
 * its parts ("Russia" in "Russia–NATO" or "Russia's"), has the same stem. Pagefind's unquoted
 * search also reports longer words that begin so ("Russian" for "Russia"). */
export function sameWord(word, q) {
  const wanted = stemOfQuery(q);
  if (wanted === null) return true;
  const whole = fold(word || "").replace(/[’‘]/g, "'").replace(EDGES, "");
  return stem(whole) === wanted || wordsOf(word || "").some((part) => stem(part) === wanted);
}

/** Whether a word of a text answers one search: begins with a prefix search's prefix, is a form
 * of a word searched for, or (a phrase) anything, as phrases are found by Pagefind's quoted search. */
export function matchesQuery(word, q) {
  if (q.startsWith('"')) return true;
  return isPrefixQuery(q) ? beginsWith(word, q.slice(0, -1)) : sameWord(word, q);
}

/** Whether ``words`` (a result's text, as ``recordWords`` gives it) satisfies a result's
 * ``checks``: in every group a word answers one of its searches, and no word answers an
 * exclusion. */
export function passesChecks(checks, words) {
  if (!checks) return true;
  const has = (q) => words.some((word) => matchesQuery(word, q));
  return checks.need.every((any) => any.some(has)) && !checks.without.some(has);
}

/** The mark of a dash's spacing in a record's words (``search_index.indexed_text``): Pagefind
 * counts every word between spaces, a lone dash too, so the index has "them – the" as "them⁠–"
 * "the" and "them–the" as "them–" "⁠the", and a phrase across the dash is found. Where it begins
 * a word, the word was joined to the one before; within one, it stands for a space. */
export const JOINED = "\u2060";

/** Whether a record's word was joined to the one before it in the source. */
const isJoined = (word) => (word || "").startsWith(JOINED);

/** A record's word as the source writes it. */
export const shownWord = (word) => (word || "").replace(/^\u2060/u, "").replaceAll(JOINED, " ");

/** Record words as the source writes them: one space between words, none before a joined one. */
export function joinWords(list) {
  let out = "";
  for (const word of list) {
    if (!word) continue;
    out += (out && !isJoined(word) ? " " : "") + shownWord(word);
  }
  return out;
}

const escapeHTML = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Pagefind record's text as the whitespace-separated words Pagefind numbers its locations in. */
export function recordWords(data) {
  const raw = data.raw_content ?? data.content ?? "";
  if (raw.includes("\u200B")) return raw.split("\u200B").map((word) => word.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  return (data.content ?? raw).split(/[\r\n\s]+/g);
}

/** Every place a phrase's words stand in a row in ``words[start, end)``: [first, last] word
 * indices (Pagefind reports only the first). */
export function phraseSpans(words, phrase, start = 0, end = words.length) {
  const wanted = wordsOf(phrase);
  const spans = [];
  if (!wanted.length) return spans;
  const flat = []; // [word, index of the whitespace-separated word it is in]
  for (let i = Math.max(0, start); i < Math.min(end, words.length); i++) {
    for (const word of wordsOf(words[i])) flat.push([word, i]);
  }
  for (let i = 0; i + wanted.length <= flat.length; i++) {
    if (wanted.every((word, j) => flat[i + j][0] === word)) {
      spans.push([flat[i][1], flat[i + wanted.length - 1][1]]);
      i += wanted.length - 1;
    }
  }
  return spans;
}

/**
 * What to mark in ``words[start, end)`` for the searches that found a record: ``parts`` is a list
 * of {q, locations} (a Pagefind query string and the word locations its answer gives). A quoted
 * phrase is marked wherever its words stand in a row, and where Pagefind found another form of
 * them ("Minsk agreements" for "Minsk agreement"); a prefix search's words only where they begin
 * with the prefix; a word where Pagefind found a form of it (not "Russian" for "Russia").
 * Returns sorted, non-overlapping spans
 * {from, to, phrase}.
 */
export function marksOf(words, parts, start = 0, end = words.length) {
  const spans = [];
  const inRange = (l) => l >= start && l < end;
  for (const { q, locations = [] } of parts) {
    const places = [...new Set(locations)].filter(inRange).sort((a, b) => a - b);
    if (q.startsWith('"')) {
      for (const [from, to] of phraseSpans(words, q.slice(1, -1), start, end)) spans.push({ from, to, phrase: true });
      for (let i = 0; i < places.length; i++) {
        let j = i;
        while (j + 1 < places.length && places[j + 1] === places[j] + 1) j++;
        spans.push({ from: places[i], to: places[j], phrase: true });
        i = j;
      }
    } else {
      for (const l of places) if (matchesQuery(words[l], q)) spans.push({ from: l, to: l, phrase: false });
    }
  }
  spans.sort((a, b) => a.from - b.from || b.to - a.to);
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) {
      last.to = Math.max(last.to, span.to);
      last.phrase ||= span.phrase;
    } else merged.push({ ...span });
  }
  return merged;
}

/** A word's letters and what stands around them: ["(", "Karabakh", ")."]. */
function splitEdges(word) {
  const [, before, core, after] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(word);
  return core ? [before, core, after] : ["", word, ""];
}

/** The text of each mark, its edge punctuation left out: [{text, phrase}]. */
export function markedTexts(words, marks) {
  return marks.map(({ from, to, phrase }) => ({
    text: joinWords(words.slice(from, to + 1)).replace(EDGES, ""),
    phrase,
  }));
}

/** How many words of context a concordance line has on each side of the words found. */
export const CONTEXT_WORDS = 10;

/**
 * Where each of ``words[start, end)``, Pagefind's words of one paragraph, stands in ``text``, the
 * paragraph's exact text (the open data's): [from, to) character offsets, one pair per word, or
 * null where the words are not the text's. Pagefind's words are the text's, split at white space
 * (or, in a language written without spaces, between its words), except that Pagefind ends a
 * paragraph that has no end punctuation with a "." the text does not have.
 */
export function wordSpans(words, text, start = 0, end = words.length) {
  const spans = [];
  let at = 0;
  for (let i = Math.max(0, start); i < Math.min(end, words.length); i++) {
    while (at < text.length && /\s/u.test(text[at])) at++;
    let word = shownWord(words[i]);
    if (!text.startsWith(word, at)) {
      const added = i === Math.min(end, words.length) - 1 && word.endsWith(".") && text.startsWith(word.slice(0, -1), at);
      if (!added) return null;
      word = word.slice(0, -1);
    }
    spans.push([at, at + word.length]);
    at += word.length;
  }
  return text.slice(at).trim() === "" ? spans : null;
}

/**
 * A concordance's lines for the marks in ``words[start, end)``: one per mark, {left, hit, right},
 * plain text (never HTML), the words found in ``hit`` without their edge punctuation (which goes
 * to the context beside it), and up to ``width`` words of the same passage on each side.
 * Given ``text``, the passage's exact text, each part is cut from it (``wordSpans``), so that
 * left, hit and right, joined, are the text itself (less the "…" where it goes on); otherwise,
 * or where Pagefind's words are not the text's, they are Pagefind's words joined by spaces.
 */
export function contextLines(words, marks, { start = 0, end = words.length, width = CONTEXT_WORDS, text = null } = {}) {
  const first = Math.max(0, start);
  const last = Math.min(end, words.length);
  const spans = text === null ? null : wordSpans(words, text, first, last);
  return marks
    .filter((m) => m.from >= first && m.from < last)
    .map(({ from, to }) => {
      const upTo = Math.min(to, last - 1);
      if (spans) {
        const at = (i) => spans[i - first];
        const [before] = splitEdges(text.slice(...at(from)));
        const [, , after] = splitEdges(text.slice(...at(upTo)));
        const hitFrom = at(from)[0] + before.length;
        const hitTo = at(upTo)[1] - after.length;
        return {
          left: (from - width > first ? "… " : "") + text.slice(at(Math.max(first, from - width))[0], hitFrom),
          hit: text.slice(hitFrom, hitTo),
          right: text.slice(hitTo, at(Math.min(last, upTo + 1 + width) - 1)[1]) + (upTo + 1 + width < last ? " …" : ""),
        };
      }
      const found = words.slice(from, upTo + 1).map(shownWord);
      const [before] = splitEdges(found[0]);
      const [, , after] = splitEdges(found[found.length - 1]);
      let hit = joinWords([found[0], ...words.slice(from + 1, upTo + 1)]);
      hit = hit.slice(before.length, hit.length - after.length);
      const joined = isJoined(words[from]) ? JOINED : "";
      const left = joinWords([...words.slice(Math.max(first, from - width), from), joined + before]);
      const right = joinWords([after, ...words.slice(upTo + 1, Math.min(last, upTo + 1 + width))]);
      return {
        left: (from - width > first ? "… " : "") + left,
        hit,
        right: right + (upTo + 1 + width < last ? " …" : ""),
      };
    });
}

const SENTENCE_END = /[.!?…]["'”’»)\]]*$/;

/**
 * An excerpt of ``words[start, end)`` of about ``length`` words: where the marks are thickest,
 * begun at a sentence's start where one is a few words back, escaped, each mark in ``<mark>``
 * (its edge punctuation outside), and "…" where the passage goes on before or after it. It is
 * always cut between words.
 */
export function excerptAround(words, marks, { start = 0, end = words.length, length = 36 } = {}) {
  const first = Math.max(0, start);
  const last = Math.min(end, words.length); // exclusive
  let from = first;
  let to = last;
  if (last - first > length) {
    const inside = marks.filter((m) => m.from >= first && m.to < last);
    let best = null;
    for (const [i, mark] of inside.entries()) {
      const covered = inside.slice(i).filter((m) => m.to < mark.from + length);
      if (!best || covered.length > best.covered.length) best = { mark, covered };
    }
    if (best) {
      const reach = best.covered.reduce((most, m) => Math.max(most, m.to), best.mark.to);
      const slack = Math.max(0, length - (reach - best.mark.from + 1));
      from = best.mark.from - Math.min(Math.floor(slack / 2), 10);
    }
    from = Math.max(first, Math.min(from, last - length));
    to = Math.min(last, from + length);
    // Begin at a sentence's start: one a word or two on (before the first mark), or a few back.
    const firstMark = best ? best.mark.from : from;
    const ahead = words.slice(from, Math.min(firstMark, from + 3)).findIndex((word) => SENTENCE_END.test(word));
    if (ahead >= 0) {
      from += ahead + 1;
      to = Math.min(last, from + length);
    } else if (from - first <= 8) from = first;
    else {
      for (let i = from - 1; i >= Math.max(first, from - 8); i--) {
        if (SENTENCE_END.test(words[i])) {
          from = i + 1;
          break;
        }
      }
    }
  }
  const html = [];
  let open = null; // the mark being written
  for (let i = from; i < to; i++) {
    if (!words[i]) continue;
    const joined = isJoined(words[i]) && html.length > 0;
    const word = shownWord(words[i]);
    if (!word) continue;
    if (joined) html.push(JOINED);
    const mark = open || marks.find((m) => m.from <= i && i <= m.to); // also one begun before the excerpt
    if (!mark) {
      html.push(escapeHTML(word));
      continue;
    }
    const [before, core, after] = splitEdges(word);
    const opens = mark !== open;
    const closes = mark.to === i || i === to - 1;
    let piece = opens ? `${escapeHTML(before)}<mark>${escapeHTML(core)}` : escapeHTML(before + core);
    piece += closes ? `</mark>${escapeHTML(after)}` : escapeHTML(after);
    html.push(piece);
    open = closes ? null : mark;
  }
  const text = html.join(" ").replaceAll(` ${JOINED} `, "");
  return `${from > first ? "… " : ""}${text}${to < last ? " …" : ""}`;
}

/** An excerpt of about ``length`` words around a phrase, escaped, the phrase marked wherever it
 * is (see ``excerptAround``). */
export function phraseExcerpt(text, phrase, length = 36) {
  const words = text.split(/\s+/).filter(Boolean);
  const marks = phraseSpans(words, phrase).map(([from, to]) => ({ from, to, phrase: true }));
  return excerptAround(words, marks, { length });
}

/** The paragraphs of a page record's data, by anchor: their text (the words between the heading,
 * ``¶`` that Pagefind reads as text with a full stop, and the next) and where it is in the
 * record's words (``start``, ``end``). */
export function paragraphsOf(data) {
  const words = recordWords(data);
  const headings = (data.anchors || []).filter((a) => /^h\d$/i.test(a.element)).sort((a, b) => a.location - b.location);
  const paragraphs = new Map();
  headings.forEach((heading, i) => {
    const end = i + 1 < headings.length ? headings[i + 1].location : words.length;
    let start = heading.location;
    if (/^¶\.?$/.test(words[start] || "")) {
      start += 1;
      if (words[start - 1] === "¶" && /^\d+\.$/.test(words[start] || "")) start += 1; // "¶ 12."
    } else if (/^¶\d*\.?$/.test(words[start] || "")) start += 1;
    start = Math.min(start, end);
    paragraphs.set(heading.id, { title: heading.text, text: joinWords(words.slice(start, end)), start, end });
  });
  return paragraphs;
}

/**
 * The passages of one page record to draw, best first: Pagefind's sub-results (one per paragraph
 * heading that holds a match) that contain every required group, none of the exclusions, ranked
 * with the phrase first. ``load(result)`` resolves to a Pagefind result's data. Pagefind reports
 * only the first place a quoted phrase occurs in a record, so phrases are found in the
 * paragraphs' text; a word's paragraphs count only where a form of it stands (``sameWord``), a
 * prefix search's only where a word begins with the prefix.
 * When no single passage holds every group, the passages holding any are returned with
 * ``together: false``; ``inText: false`` when the record matched only on its title and details.
 * Each passage is {anchor: {id}, title, excerpt, marked, lines}: its excerpt marks every word
 * searched for that it holds, ``marked`` lists them (``markedTexts``), and ``lines`` are its
 * concordance lines (``contextLines``), cut from its exact text where ``texts`` ({anchor: text},
 * a Map) has it.
 */
export async function passagesOf(result, load, { length = 36, texts = null } = {}) {
  const base = await load(result);
  const words = recordWords(base);
  const paragraphs = paragraphsOf(base);
  const located = new Map(); // paragraph id -> [{q, locations}] of every search that found it
  let checked = false; // a prefix search's candidate was checked and dropped
  const anchors = async (parts) => {
    const found = new Map();
    const add = (id, q, locations, score) => {
      const known = found.get(id);
      if (!known || known.score < score) found.set(id, { id, score });
      if (!located.has(id)) located.set(id, []);
      located.get(id).push({ q, locations });
    };
    for (const { result: part, q } of parts || []) {
      const data = await load(part);
      const subs = (data.sub_results || []).filter((sub) => sub.anchor && sub.anchor.id && paragraphs.has(sub.anchor.id));
      const score = (sub) => (sub.weighted_locations || []).reduce((sum, at) => sum + (at.balanced_score || 0), 0);
      if (q.startsWith('"')) {
        // Every paragraph with the phrase as written, and the one Pagefind found (which may be
        // another form of its words: "Minsk agreement" for "Minsk agreements").
        for (const [id, { start, end }] of paragraphs) {
          if (phraseSpans(words, q.slice(1, -1), start, end).length) add(id, q, [], 1);
        }
        for (const sub of subs) add(sub.anchor.id, q, sub.locations || [], found.has(sub.anchor.id) ? found.get(sub.anchor.id).score : 1);
        continue;
      }
      for (const sub of subs) {
        // Pagefind's unquoted search also finds longer words ("Russian" for "Russia"), and a
        // prefix search the stems: only the places that answer the search count.
        const locations = (sub.locations || []).filter((l) => matchesQuery(words[l], q));
        if (!locations.length) {
          checked = true;
          continue;
        }
        add(sub.anchor.id, q, locations, score(sub));
      }
    }
    return found;
  };
  const parts = await Promise.all((result.parts || [[{ result, q: "" }]]).map(anchors));
  const dropped = checked;
  const marksBefore = new Map([...located].map(([id, list]) => [id, [...list]]));
  const without = await anchors(result.without);
  const phrase = await anchors(result.phrase);
  const score = (id) => parts.reduce((sum, part) => sum + (part.has(id) ? part.get(id).score : 0), 0) + (phrase.has(id) ? 1e6 : 0);
  const passage = (id) => {
    const { title, start, end } = paragraphs.get(id);
    const marks = marksOf(words, marksBefore.get(id) || [], start, end);
    return {
      title,
      anchor: { id },
      excerpt: excerptAround(words, marks, { start, end, length }),
      marked: markedTexts(words, marks),
      lines: contextLines(words, marks, { start, end, text: (texts && texts.get(id)) ?? null }),
    };
  };
  const pick = (ids) =>
    [...ids]
      .filter((id) => !without.has(id))
      .sort((a, b) => score(b) - score(a) || a.localeCompare(b, undefined, { numeric: true }))
      .map(passage);
  const inText = dropped || parts.some((part) => part.size > 0);
  const together = pick([...parts[0].keys()].filter((id) => parts.every((part) => part.has(id))));
  if (together.length || parts.length === 1) return { passages: together, together: true, inText };
  return { passages: pick(new Set(parts.flatMap((part) => [...part.keys()]))), together: false, inText };
}
