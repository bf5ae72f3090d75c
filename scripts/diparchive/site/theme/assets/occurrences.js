// On a transcript opened from a search result (?highlight=…): once archive.js has marked the
// searched words, a bar to go from one place they occur to the next ("3 of 7"), by its buttons
// or the keys n and p. Loaded by docs/overrides/transcript.html; its look is occurrences.css.
const root = new URL("../", import.meta.url);
const MARKS = ".transcript-body mark.pagefind-highlight";

/** The marks, in document order, as occurrences: marks with only spaces or hyphens between
 * them in one paragraph ("Nagorno Karabakh", each word marked) are one occurrence. */
export function occurrencesOf(marks) {
  const found = [];
  for (const mark of marks) {
    const last = found[found.length - 1];
    if (last) {
      const previous = last[last.length - 1];
      const between = document.createRange();
      between.setStartAfter(previous);
      between.setEndBefore(mark);
      const block = (element) => element.closest("p, li, h1, h2, h3, h4, h5, h6, blockquote, td");
      if (block(previous) === block(mark) && /^[\s\-‐‑–]*$/.test(between.toString())) {
        last.push(mark);
        continue;
      }
    }
    found.push([mark]);
  }
  return found;
}

/** The element an address's ``hash`` names: by its id percent-decoded, or as written where it is
 * no valid percent-encoding ("#%", "#%E0%A4%A"); null where none has that id. */
export function hashTarget(hash = location.hash) {
  const written = hash.replace(/^#/, "");
  if (!written) return null;
  let id = written;
  try {
    id = decodeURIComponent(written);
  } catch {
    id = written; // not percent-encoded text: the id as written
  }
  return document.getElementById(id) || document.getElementById(written);
}

/** Resolves to the marks once archive.js has made them (all at once), or to none after a while. */
function marksMade(body, wait = 8000) {
  return new Promise((resolve) => {
    const now = () => document.querySelectorAll(MARKS);
    if (now().length) return resolve(now());
    const observer = new MutationObserver(() => {
      if (!now().length) return;
      observer.disconnect();
      clearTimeout(timer);
      setTimeout(() => resolve(now())); // after the task that marked them all
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(now());
    }, wait);
    observer.observe(body, { childList: true, subtree: true });
  });
}

function stylesheet() {
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("assets/occurrences.css", root).href;
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    document.head.append(link);
  });
}

function bar(count) {
  const nav = document.createElement("nav");
  nav.className = "archive-occurrences";
  nav.setAttribute("aria-label", "Found words on this page");
  const label = document.createElement("span");
  label.className = "archive-occurrences__label";
  label.textContent = "Found words:";
  const position = document.createElement("span");
  position.className = "archive-occurrences__position";
  position.setAttribute("role", "status");
  position.setAttribute("aria-live", "polite");
  const button = (cls, text, title, keys) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `archive-occurrences__button ${cls}`;
    b.textContent = text;
    b.title = title;
    b.setAttribute("aria-label", title);
    if (keys) b.setAttribute("aria-keyshortcuts", keys);
    return b;
  };
  const previous = button("archive-occurrences__previous", "‹ Previous", "Previous occurrence (p)", "p");
  const next = button("archive-occurrences__next", "Next ›", "Next occurrence (n)", "n");
  const close = button("archive-occurrences__close", "×", "Hide this bar");
  nav.append(label, " ", position, " ", previous, " ", next, " ", close);
  previous.disabled = next.disabled = count < 2;
  return { nav, position, previous, next, close };
}

async function main() {
  const body = document.querySelector(".transcript-body");
  if (!body || !new URLSearchParams(location.search).has("highlight")) return;
  const [marks] = await Promise.all([marksMade(body), stylesheet()]);
  const occurrences = occurrencesOf(marks);
  if (!occurrences.length) return;
  const controls = bar(occurrences.length);
  // The first occurrence is the one in the passage the result named, where the page opened.
  const target = hashTarget();
  let at = target ? occurrences.findIndex((marks) => target.contains(marks[0])) : -1;
  const show = (i, scroll) => {
    if (at >= 0) for (const mark of occurrences[at]) mark.classList.remove("archive-occurrence--current");
    at = (i + occurrences.length) % occurrences.length;
    for (const mark of occurrences[at]) mark.classList.add("archive-occurrence--current");
    controls.position.textContent = `${at + 1} of ${occurrences.length}`;
    if (scroll) occurrences[at][0].scrollIntoView({ block: "center" });
  };
  if (at >= 0) show(at, false);
  else controls.position.textContent = `${occurrences.length} on this page`;
  const go = (step) => show(at < 0 ? (step > 0 ? 0 : occurrences.length - 1) : at + step, true);
  controls.previous.addEventListener("click", () => go(-1));
  controls.next.addEventListener("click", () => go(1));
  controls.close.addEventListener("click", () => {
    controls.nav.remove();
    document.removeEventListener("keydown", keys);
  });
  const keys = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "n") go(1);
    else if (event.key === "p" || event.key === "N") go(-1);
    else return;
    event.preventDefault();
  };
  document.addEventListener("keydown", keys);
  document.body.append(controls.nav);
}

await main();
