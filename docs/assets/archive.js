// On every page: keyboard shortcuts for the header's search box, and on a transcript opened from
// a search result (?highlight=…), the searched words highlighted with Pagefind's highlighter.
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

if (new URLSearchParams(location.search).has("highlight") && document.querySelector(".transcript-body")) {
  await import(new URL("pagefind/pagefind-highlight.js", root).href);
  new PagefindHighlight({ highlightParam: "highlight", markContext: ".transcript-body", addStyles: false });
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView({ block: "start" });
}
