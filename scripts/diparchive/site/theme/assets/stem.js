// The Snowball English stemmer (Porter 2, as Snowball 3.0 defines it: https://snowballstem.org/),
// which Pagefind applies to English words when it indexes and searches. The search page uses it
// to tell, among the places Pagefind's unquoted search reports (which also match longer words:
// "Russian" for "Russia"), those where a form of the word itself stands.

const VOWELS = "aeiouy";
const isVowel = (c) => c !== undefined && VOWELS.includes(c);
const R1_PREFIXES = ["arsen", "commun", "emerg", "gener", "later", "organ", "past", "univers"];
const EXCEPTIONS = {
  skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
  andes: "andes", atlas: "atlas", bias: "bias", cosmos: "cosmos", howe: "howe", news: "news", sky: "sky",
};
const STEP2 = [
  ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
  ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"],
  ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["ogist", "og"],
  ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"],
  ["bli", "ble"], ["ogi", "og"], ["li", ""],
];
const STEP3 = [
  ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
  ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""],
];
const STEP4 = ["ement", "ment", "ance", "ence", "able", "ible", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];

/** The longest of ``suffixes`` (strings, or [suffix, replacement]) that ``word`` ends with. */
function longest(word, suffixes) {
  let found = null;
  for (const entry of suffixes) {
    const suffix = typeof entry === "string" ? entry : entry[0];
    if (word.endsWith(suffix) && (!found || suffix.length > found[0].length)) found = typeof entry === "string" ? [entry] : entry;
  }
  return found;
}

/** Whether ``word`` up to ``end`` ends in a short syllable: a non-vowel (not w, x or Y), a vowel
 * and a non-vowel; a vowel and a non-vowel at the word's start; or "past". */
function shortSyllable(word, end = word.length) {
  const [a, b, c] = [word[end - 3], word[end - 2], word[end - 1]];
  if (end >= 3 && !isVowel(a) && isVowel(b) && c !== undefined && !isVowel(c) && !"wxY".includes(c)) return true;
  if (end === 2 && isVowel(b) && !isVowel(c)) return true;
  return word.slice(0, end).endsWith("past");
}

/** Where R1 and R2 begin: after the first non-vowel that follows a vowel (R1 after one of a few
 * prefixes, as in "gener-ous"), and after the next such in R1. */
function regions(word) {
  const after = (from) => {
    let i = from;
    while (i < word.length && !isVowel(word[i])) i++;
    while (i < word.length && isVowel(word[i])) i++;
    return Math.min(i + 1, word.length);
  };
  const prefix = R1_PREFIXES.find((p) => word.startsWith(p));
  const r1 = prefix ? prefix.length : after(0);
  return [r1, after(r1)];
}

/** The stem of one English word (lower case, letters and apostrophes). */
export function stem(input) {
  let word = input.toLowerCase().replace(/[’‘]/g, "'");
  if (Object.hasOwn(EXCEPTIONS, word)) return EXCEPTIONS[word];
  if (word.length < 3) return word;
  if (word.startsWith("'")) word = word.slice(1);
  // y at the start or after a vowel is a consonant: Y.
  word = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
  const [r1, r2] = regions(word);

  // Step 0 (part of 1a in Snowball): possessives.
  const possessive = longest(word, ["'s'", "'s", "'"]);
  if (possessive) word = word.slice(0, -possessive[0].length);

  // Step 1a.
  if (word.endsWith("sses")) word = `${word.slice(0, -4)}ss`;
  else if (word.endsWith("ied") || word.endsWith("ies")) word = word.length > 4 ? `${word.slice(0, -3)}i` : `${word.slice(0, -3)}ie`;
  else if (word.endsWith("us") || word.endsWith("ss")) {
    // unchanged
  } else if (word.endsWith("s") && /[aeiouy]/.test(word.slice(0, -2))) word = word.slice(0, -1);

  // Step 1b.
  const step1b = longest(word, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
  if (step1b) {
    const [suffix] = step1b;
    const before = word.slice(0, -suffix.length);
    let remove = false;
    if (suffix === "eed" || suffix === "eedly") {
      if (!["succ", "proc", "exc"].includes(before) && before.length >= r1) word = `${before}ee`;
    } else if (suffix === "ing" && /^[^aeiouy]y$/.test(before)) {
      word = `${before[0]}ie`; // dying, lying, tying
    } else if (suffix === "ing" && ["even", "cann", "inn", "earr", "herr", "out"].includes(before)) {
      // inning, outing, canning, herring, earring, evening: unchanged
    } else {
      remove = /[aeiouy]/.test(before);
    }
    if (remove) {
      word = before;
      if (/(at|bl|iz)$/.test(word)) word += "e";
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(word)) {
        if (!(word.length === 3 && "aeo".includes(word[0]))) word = word.slice(0, -1); // "add", "egg" stay
      } else if (word.length === r1 && shortSyllable(word)) word += "e";
    }
  }

  // Step 1c: y after a non-vowel that is not the first letter.
  if (/[yY]$/.test(word) && word.length > 2 && !isVowel(word[word.length - 2])) word = `${word.slice(0, -1)}i`;

  // Step 2.
  const step2 = longest(word, STEP2);
  if (step2 && word.length - step2[0].length >= r1) {
    const [suffix, replacement] = step2;
    const before = word.slice(0, -suffix.length);
    if (suffix === "ogi") {
      if (before.endsWith("l")) word = `${before}og`;
    } else if (suffix === "li") {
      if (/[cdeghkmnrt]$/.test(before)) word = before;
    } else word = before + replacement;
  }

  // Step 3.
  const step3 = longest(word, STEP3);
  if (step3 && word.length - step3[0].length >= r1) {
    const [suffix, replacement] = step3;
    const before = word.slice(0, -suffix.length);
    if (suffix === "ative") {
      if (before.length >= r2) word = before;
    } else word = before + replacement;
  }

  // Step 4.
  const step4 = longest(word, STEP4);
  if (step4 && word.length - step4[0].length >= r2) {
    const [suffix] = step4;
    const before = word.slice(0, -suffix.length);
    if (suffix !== "ion" || /[st]$/.test(before)) word = before;
  }

  // Step 5.
  if (word.endsWith("e")) {
    const at = word.length - 1;
    if (at >= r2 || (at >= r1 && !shortSyllable(word, at))) word = word.slice(0, -1);
  } else if (word.endsWith("ll") && word.length - 1 >= r2) word = word.slice(0, -1);

  return word.replace(/Y/g, "y");
}
