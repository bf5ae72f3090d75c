// On every page: keyboard shortcuts for the header's search box; copy buttons; on a transcript,
// a "cite" button for each paragraph; and, on a transcript opened from a search result
// (?highlight=…), the searched words highlighted with Pagefind's highlighter.
const root = new URL("../", import.meta.url);

document.addEventListener("keydown", (event) => {
  const box = document.getElementById("archive-header-q");
  if (!box || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
  if (typing) {
    if (event.key === "Escape" && event.target === box) box.blur();
    return;
  }
  if (event.key === "/" || event.key === "s" || event.key === "f") {
    event.preventDefault();
    const page = document.getElementById("archive-q"); // on the search page, its own box
    (page || box).focus();
  }
});

// ------------------------------------------------------------------ citations and copying

const status = document.createElement("p");
status.className = "archive-toast";
status.setAttribute("role", "status");
status.setAttribute("aria-live", "polite");
document.body.append(status);

async function copy(text, what) {
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    copied = false; // no clipboard (an insecure context): show the text to copy by hand
  }
  status.textContent = copied ? `Copied ${what}: ${text}` : `${what[0].toUpperCase()}${what.slice(1)}: ${text}`;
  status.classList.add("archive-toast--shown");
  clearTimeout(status.timer);
  status.timer = setTimeout(() => status.classList.remove("archive-toast--shown"), 8000);
}

for (const button of document.querySelectorAll("[data-copy-from]")) {
  button.addEventListener("click", () => copy(document.getElementById(button.dataset.copyFrom).textContent.trim(), "the citation"));
}

const citation = document.getElementById("citation-data");
if (citation) {
  const data = JSON.parse(citation.textContent);
  let speaker = null;
  for (const element of document.querySelectorAll(".transcript-body p.turn, .transcript-body p.para")) {
    if (element.classList.contains("turn")) {
      speaker = element.dataset.speaker;
      continue;
    }
    const number = element.querySelector(".para-number").textContent.trim();
    const author = data.speakers[speaker] || data.author;
    const note = data.pattern
      .replace("@@AUTHOR@@, ", author ? `${author}, ` : "")
      .replace("@@LOCATOR@@", `, para. ${number}`)
      .replace("@@URL@@", `${data.url}#${element.id}`);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "para-cite";
    button.textContent = "cite";
    button.setAttribute("aria-label", `Copy a citation of paragraph ${number}`);
    button.dataset.citation = note;
    button.addEventListener("click", () => copy(note, `the citation of paragraph ${number}`));
    element.querySelector(".para-number").after(button);
  }
}

// ------------------------------------------------------------------ who is speaking

// The bar under the header names the speaker of the paragraph at its lower edge (the first whose
// bottom is below it), once that paragraph's speaker turn has scrolled up to the bar; it is
// hidden above the first turn, in narration and past the last paragraph. Paragraphs are in
// document order, so a binary search over their positions finds the one at the edge.
const now = document.querySelector(".transcript-now");
if (now) {
  const bar = now.querySelector(".transcript-now__bar");
  const name = now.querySelector(".transcript-now__name");
  const role = now.querySelector(".transcript-now__role");
  const paragraphs = [];
  let turn = null;
  for (const element of document.querySelectorAll(".transcript-body p.turn, .transcript-body p.para")) {
    if (element.classList.contains("turn")) turn = element;
    else paragraphs.push({ element, turn });
  }
  let shown = null;
  let frame = 0;
  const show = (current) => {
    if (current === shown) return;
    shown = current;
    now.classList.toggle("transcript-now--shown", Boolean(current));
    now.dataset.speaker = current ? current.dataset.speaker || "" : "";
    name.textContent = current ? current.querySelector(".speaker-name")?.textContent.trim() || "" : "";
    role.textContent = current ? current.querySelector(".speaker-role")?.textContent.trim() || "" : "";
  };
  const update = () => {
    frame = 0;
    const edge = bar.getBoundingClientRect().bottom;
    let low = 0;
    let high = paragraphs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (paragraphs[middle].element.getBoundingClientRect().bottom > edge) high = middle;
      else low = middle + 1;
    }
    const current = paragraphs[low];
    show(current && current.turn && current.turn.getBoundingClientRect().top < edge ? current.turn : null);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  addEventListener("scroll", schedule, { passive: true });
  addEventListener("resize", schedule);
  addEventListener("hashchange", schedule);
  addEventListener("load", schedule);
  update();
}

// ------------------------------------------------------------------ highlighting

if (new URLSearchParams(location.search).has("highlight") && document.querySelector(".transcript-body")) {
  await import(new URL("pagefind/pagefind-highlight.js", root).href);
  // Whole words only ("NATO" not inside "signatory"); the search page sends the forms found.
  const markOptions = {
    className: "pagefind-highlight",
    exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", "button", "button *"],
    accuracy: { value: "exactly", limiters: [..."\"'“”‘’«»()[]{},.;:!?/…—–-"] },
  };
  new PagefindHighlight({ highlightParam: "highlight", markContext: ".transcript-body", addStyles: false, markOptions });
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView({ block: "start" });
}
