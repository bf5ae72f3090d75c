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
 */
export async function execute(query, variants, run) {
  const searches = new Map();
  const once = (q) => {
    if (!searches.has(q)) searches.set(q, run(q));
    return searches.get(q);
  };
  const union = async (terms) => {
    const combined = new Map();
    const answers = await Promise.all(terms.flatMap((term) => expand(term, variants)).map(once));
    for (const answer of answers) {
      const top = Math.max(1e-9, ...answer.results.map((r) => r.score || 0));
      for (const result of answer.results) {
        const score = (result.score || 0) / top;
        const known = combined.get(result.id);
        if (!known || known.score < score) combined.set(result.id, { result, score });
      }
    }
    return { combined, single: answers.length === 1 ? answers[0] : null };
  };

  const groups = await Promise.all(query.groups.map(union));
  if (!groups.length) return { results: [], exact: null };
  let ids = [...groups[0].combined.keys()];
  for (const group of groups.slice(1)) ids = ids.filter((id) => group.combined.has(id));
  if (query.exclude.length) {
    const excluded = await union(query.exclude);
    ids = ids.filter((id) => !excluded.combined.has(id));
  }
  let phrase = null;
  if (query.rankPhrase) phrase = (await union([{ text: query.rankPhrase, phrase: true, quoted: true }])).combined;

  const results = ids.map((id) => {
    let rank = 0;
    for (const group of groups) rank += group.combined.get(id).score;
    if (phrase && phrase.has(id)) rank += 1000 + phrase.get(id).score; // the words as a phrase: first
    return Object.assign(groups[0].combined.get(id).result, { rank });
  });
  const exact = groups.length === 1 && !query.exclude.length && groups[0].single ? groups[0].single : null;
  return { results, exact, order: exact ? "pagefind" : "rank" };
}
