// Names and near words: after a search, the people its words name (with how much they say, their
// speaker filter and their page), and, where nothing matched, the nearest words of the archive's
// own vocabulary ("Did you mean Rasmussen?"). Both come from search-data/words/<letter>.json
// (diparchive/site/search_index.py, ``write_vocabulary``), one file per first letter of a word,
// fetched only for the letters a query's words begin with.

const WORD = /\p{L}{3,}/gu; // as search_index.VOCABULARY_WORD: letters, three or more
const files = new Map();

/** The vocabulary file of words (and names with a word) beginning with ``word``'s first letter. */
export function letterFile(word) {
  return `${word.toLowerCase().codePointAt(0).toString(16).padStart(4, "0")}.json`;
}

function letter(root, word) {
  const name = letterFile(word);
  const key = `${root.href} ${name}`;
  if (!files.has(key)) {
    const reading = fetch(new URL(`search-data/words/${name}`, root))
      .then((response) => (response.ok ? response.json() : { words: {}, people: [] }))
      .catch(() => ({ words: {}, people: [] }));
    files.set(key, reading);
  }
  return files.get(key);
}

/** The words of a query that can be names or misspellings: every word of its terms, phrases'
 * too, of three letters or more, lower case, each once, in order. */
export function queryWords(query) {
  const words = query.groups.flat().flatMap((term) => term.text.toLowerCase().match(WORD) || []);
  return [...new Set(words)];
}

/** Levenshtein distance, given up past ``most`` (returns most + 1). */
export function distance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > most) return most + 1;
    previous = row;
  }
  return previous[b.length];
}

/** How far a word may be from the one typed to be offered: one letter in a short word, two in a
 * longer one. */
const reach = (word) => (word.length <= 4 ? 1 : 2);

/**
 * The people a query names: those whose surname (the last word of their name) is a word of the
 * query, or whose whole name it holds. Each {name, page, passages, transcripts, words}, ``words``
 * being the query's words that name them. Most passages first.
 */
export async function namedPeople(query, root) {
  const words = queryWords(query);
  const found = new Map();
  for (const word of words) {
    const { people } = await letter(root, word);
    for (const [name, page, passages, transcripts] of people) {
      const parts = name.toLowerCase().match(WORD) || [];
      const surname = parts[parts.length - 1];
      const whole = parts.length > 1 && parts.every((part) => words.includes(part));
      if (surname !== word && !whole) continue;
      const known = found.get(name) || { name, page, passages, transcripts, words: new Set() };
      for (const part of parts) if (words.includes(part)) known.words.add(part);
      found.set(name, known);
    }
  }
  return [...found.values()].sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name));
}

/**
 * For each word of a query that the archive never has, the nearest one it has: {typed, word,
 * count}, the most frequent of the nearest. Words it has are left as they are.
 */
export async function nearestWords(query, root) {
  const out = [];
  for (const typed of queryWords(query)) {
    const { words } = await letter(root, typed);
    if (words[typed]) continue;
    const most = reach(typed);
    let best = null;
    for (const [word, count] of Object.entries(words)) {
      const d = distance(typed, word, most);
      if (d > most) continue;
      if (!best || d < best.d || (d === best.d && count > best.count)) best = { typed, word, count, d };
    }
    if (best) out.push(best);
  }
  return out;
}

/** ``q`` with each typed word replaced by its suggestion, in the case it was typed in. */
export function corrected(q, suggestions) {
  let out = q;
  for (const { typed, word } of suggestions) {
    out = out.replace(new RegExp(`(?<!\\p{L})${typed}(?!\\p{L})`, "giu"), (as) => {
      if (as === as.toUpperCase()) return word.toUpperCase();
      return as[0] === as[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word;
    });
  }
  return out;
}

/** ``q`` without the words that name a person (to search what they said with their filter on). */
export function withoutName(q, person) {
  let out = q;
  for (const word of person.words) out = out.replace(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, "giu"), "");
  return out.replace(/""/g, "").replace(/\s+/g, " ").trim();
}
