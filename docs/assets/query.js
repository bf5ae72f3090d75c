// The archive's query language, on top of Pagefind (no DOM here: search.js draws the page).
//
//   "open door" NATO       an exact phrase and a word, both required
//   indivisible security   words, stemmed; passages with them as a phrase rank first
//   Kiev OR Kyiv           either
//   NATO -enlargement      exclude passages with a word (or "a phrase")
//
// Pagefind switches to exact-phrase matching only when the whole query is one quoted string, so
// each phrase and each word is its own Pagefind search, and the sets are combined here.

const STOP_WORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were with".split(" "),
);

const QUOTES = /[“”„«»"]/g;

/** Split a query into terms: {text, phrase, exclude} and OR markers. */
function tokenize(input) {
  const text = input.replace(QUOTES, '"');
  const tokens = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  let match;
  while ((match = pattern.exec(text))) {
    if (match[2] !== undefined) {
      const phrase = match[2].trim().replace(/\s+/g, " ");
      if (phrase) tokens.push({ text: phrase, phrase: phrase.includes(" "), exclude: match[1] === "-", quoted: true });
    } else if (match[3] === "OR") {
      tokens.push({ or: true });
    } else {
      const word = match[3];
      const exclude = word.startsWith("-") && word.length > 1;
      const bare = (exclude ? word.slice(1) : word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (bare) tokens.push({ text: bare, phrase: false, exclude, quoted: false });
    }
  }
  return tokens;
}

/**
 * Parse a query into required groups (each a list of alternatives), exclusions, and the words of
 * an unquoted query to rank as a phrase.
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
    if (token.exclude) {
      exclude.push(token);
      joinNext = false;
      continue;
    }
    if (!token.quoted && STOP_WORDS.has(token.text.toLowerCase())) continue;
    if (joinNext) groups[groups.length - 1].push(token);
    else groups.push([token]);
    joinNext = false;
  }
  const plain = tokens.filter((t) => !t.or);
  const unquoted = plain.length > 1 && plain.every((t) => !t.quoted && !t.exclude) && !tokens.some((t) => t.or);
  return { groups, exclude, rankPhrase: unquoted ? plain.map((t) => t.text).join(" ") : null };
}

/** Every spelling a term stands for: curated variants and hyphen/space forms. */
export function expand(term, variants) {
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
    const text = form.join(" ");
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
 * are, and for unquoted words the forms Pagefind matched in this passage (its excerpt marks them),
 * without common words. */
export function highlightTerms(query, excerpt) {
  const terms = new Set();
  const phraseWords = new Set();
  for (const group of query.groups) {
    for (const term of group) {
      if (term.quoted) {
        terms.add(term.text);
        for (const word of term.text.toLowerCase().split(" ")) phraseWords.add(word);
      }
    }
  }
  for (const mark of excerpt.match(/<mark>(.*?)<\/mark>/g) || []) {
    const word = mark
      .replace(/<\/?mark>/g, "")
      .replace(/&[a-z]+;|&#\d+;/g, "")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const lower = word.toLowerCase();
    if (word && !STOP_WORDS.has(lower) && !phraseWords.has(lower)) terms.add(word);
  }
  return [...terms];
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
 */
export async function execute(query, variants, run, { pages = false } = {}) {
  const searches = new Map();
  const once = (q) => {
    if (!searches.has(q)) searches.set(q, run(q));
    return searches.get(q);
  };
  const union = async (terms) => {
    const combined = new Map();
    const queries = terms.flatMap((term) => expand(term, variants));
    const answers = await Promise.all(queries.map(once));
    for (const [i, answer] of answers.entries()) {
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
    return { combined, single: answers.length === 1 ? answers[0] : null };
  };

  const groups = await Promise.all(query.groups.map(union));
  if (!groups.length) return { results: [], exact: null };
  let ids = [...groups[0].combined.keys()];
  for (const group of groups.slice(1)) ids = ids.filter((id) => group.combined.has(id));
  const excluded = query.exclude.length ? (await union(query.exclude)).combined : new Map();
  if (!pages) ids = ids.filter((id) => !excluded.has(id));
  let phrase = new Map();
  if (query.rankPhrase) phrase = (await union([{ text: query.rankPhrase, phrase: true, quoted: true }])).combined;

  const results = ids.map((id) => {
    let rank = 0;
    for (const group of groups) rank += group.combined.get(id).score;
    if (phrase.has(id)) rank += 1000 + phrase.get(id).score; // the words as a phrase: first
    return Object.assign(groups[0].combined.get(id).result, {
      rank,
      parts: groups.map((group) => group.combined.get(id).all),
      without: excluded.has(id) ? excluded.get(id).all : [],
      phrase: phrase.has(id) ? phrase.get(id).all : [],
    });
  });
  const exact = groups.length === 1 && !query.exclude.length && groups[0].single ? groups[0].single : null;
  return { results, exact, order: exact ? "pagefind" : "rank" };
}

/** Words as Pagefind compares them in a phrase: letters and digits, lower case. */
const wordsOf = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];

const escapeHTML = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where a phrase begins in a text, counted in whitespace-separated tokens, or -1. */
function phraseAt(tokens, phrase) {
  const wanted = wordsOf(phrase);
  if (!wanted.length) return -1;
  const flat = []; // [word, token index]
  tokens.forEach((token, i) => {
    for (const word of wordsOf(token)) flat.push([word, i]);
  });
  for (let i = 0; i + wanted.length <= flat.length; i++) {
    if (wanted.every((word, j) => flat[i + j][0] === word)) return [flat[i][1], flat[i + wanted.length - 1][1]];
  }
  return -1;
}

/** An excerpt of about ``length`` words around a phrase, escaped, the phrase marked as Pagefind marks. */
export function phraseExcerpt(text, phrase, length = 36) {
  const tokens = text.split(/\s+/).filter(Boolean);
  const at = phraseAt(tokens, phrase);
  if (at === -1) return escapeHTML(tokens.slice(0, length).join(" "));
  const [first, last] = at;
  const start = Math.max(0, Math.min(first - Math.floor(length / 2), tokens.length - length));
  return tokens
    .slice(start, start + length)
    .map((token, i) => (start + i >= first && start + i <= last ? `<mark>${escapeHTML(token)}</mark>` : escapeHTML(token)))
    .join(" ");
}

/** The text of each paragraph of a page record's data, by anchor: the words between its heading
 * (``¶ 12``, which Pagefind reads as text) and the next. */
export function paragraphsOf(data) {
  const words = (data.content || "").split(/\s+/).filter(Boolean);
  const headings = (data.anchors || []).filter((a) => /^h\d$/i.test(a.element)).sort((a, b) => a.location - b.location);
  const paragraphs = new Map();
  headings.forEach((heading, i) => {
    const end = i + 1 < headings.length ? headings[i + 1].location : words.length;
    const text = words.slice(heading.location, end).join(" ");
    paragraphs.set(heading.id, { title: heading.text, text: text.replace(/^¶\s*\d+\.?\s*/, "") });
  });
  return paragraphs;
}

/**
 * The passages of one page record to draw, best first: Pagefind's sub-results (one per paragraph
 * heading that holds a match) that contain every required group, none of the exclusions, ranked
 * with the phrase first. ``load(result)`` resolves to a Pagefind result's data. Pagefind reports
 * only the first place a quoted phrase occurs in a record, so phrases are found in the
 * paragraphs' text. When no single passage holds every group, the passages holding any are
 * returned with ``together: false``; ``inText: false`` when the record matched only on its title
 * and details.
 */
export async function passagesOf(result, load) {
  const anchors = async (parts) => {
    const found = new Map();
    const add = (id, sub, score) => {
      const known = found.get(id);
      if (!known || known.score < score) found.set(id, { id, sub, score });
    };
    for (const { result: part, q } of parts || []) {
      const data = await load(part);
      const subs = new Map((data.sub_results || []).filter((sub) => sub.anchor && sub.anchor.id).map((sub) => [sub.anchor.id, sub]));
      if (q.startsWith('"')) {
        // Every paragraph with the phrase as written, and the one Pagefind found (which may be
        // another form of its words: "Minsk agreement" for "Minsk agreements").
        for (const [id, { title, text }] of paragraphsOf(data)) {
          if (phraseAt(text.split(/\s+/), q) !== -1) add(id, { title, anchor: { id }, excerpt: phraseExcerpt(text, q) }, 1);
        }
        for (const [id, sub] of subs) if (!found.has(id)) add(id, sub, 1);
        continue;
      }
      for (const [id, sub] of subs) add(id, sub, (sub.weighted_locations || []).reduce((sum, at) => sum + (at.balanced_score || 0), 0));
    }
    return found;
  };
  const parts = await Promise.all((result.parts || [[{ result, q: "" }]]).map(anchors));
  const without = await anchors(result.without);
  const phrase = await anchors(result.phrase);
  const score = (id) => parts.reduce((sum, part) => sum + (part.has(id) ? part.get(id).score : 0), 0) + (phrase.has(id) ? 1e6 : 0);
  const pick = (ids) =>
    [...ids]
      .filter((id) => !without.has(id))
      .sort((a, b) => score(b) - score(a) || a.localeCompare(b, undefined, { numeric: true }))
      .map((id) => parts.find((part) => part.has(id)).get(id).sub);
  const inText = parts.some((part) => part.size > 0);
  const together = pick([...parts[0].keys()].filter((id) => parts.every((part) => part.has(id))));
  if (together.length || parts.length === 1) return { passages: together, together: true, inText };
  return { passages: pick(new Set(parts.flatMap((part) => [...part.keys()]))), together: false, inText };
}
