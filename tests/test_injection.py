"""Whatever the sources and the curated metadata say is data, never markup, in every output.

A transcript is built whose every text field (sidecar and registries alike) carries HTML that
would run (an ``img`` with ``onerror``, ``svg/onload``, ``<script>``, quotes and ``</script>`` to
break out of attributes and script elements), Markdown and attribute lists, Jinja and YAML syntax,
and a block-level start ("1. ", "# ", "> ", "- ") or a spreadsheet formula's first character; one
of its paragraphs is a formula. The project is built as it is published (``diparchive build``,
then ``mkdocs build --strict`` with the data, feeds and search index), then every built page is
parsed, every kind of page opened in Chromium, and the feeds and the corpus files read back.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import frontmatter
import pytest
import yaml

from conftest import SUBPATH, copy_project
from diparchive.publish.browse import slugify

SITE_NAME = "Diplomatic Transcripts Archive"
SLUG = "2020-01-02-hostile"

ATTACK = "\"><img src=x onerror=alert(1)><script>alert(2)</script>'\"</script>"
MARKUP = "*em* _u_ `code` [link](javascript:alert(3)) {: onclick=\"alert(4)\" } <!-- &amp; {{ 7*7 }} {% if 1 %} &anchor key: value # comment"


def hostile(field: str, start: str = "- ") -> str:
    """The hostile text for one field, marked with the field's name so a leak says where from."""
    return f"{start}{field}§ {ATTACK} {MARKUP}"


# Field name -> (its value in the input, the text every output must show for it). Names are
# chosen so that none occurs inside another.
FIELDS = {
    "title": (hostile("title", "1. "),) * 2,
    "date-basis": (hostile("date-basis", "+"),) * 2,
    "summary": (hostile("summary", "="),) * 2,
    "event": (hostile("event", "@"),) * 2,
    "series": (hostile("series", "- "),) * 2,
    "place": (hostile("place", "-"),) * 2,
    "city": (hostile("city", "# "),) * 2,
    "country": (hostile("country", "> "),) * 2,
    # Not a one-line field in YAML: the line breaks must not reach the Markdown.
    "role-a": (hostile("role-a", "=") + "\n\n# broken   off", hostile("role-a", "=") + " # broken off"),
    "role-b": (hostile("role-b", "\t+"), hostile("role-b", "+")),
    "speaks-for": (hostile("speaks-for", "-"),) * 2,
    "translator": (hostile("translator"),) * 2,
    "translation-note": (hostile("translation-note"),) * 2,
    "publisher-x": (hostile("publisher-x", "@"),) * 2,
    "credit": (hostile("credit", "> "),) * 2,
    "headline": (hostile("headline", "# "),) * 2,
    "capture": (hostile("capture"),) * 2,
    "original-publisher": (hostile("original-publisher"),) * 2,
    "licence-note": (hostile("licence-note"),) * 2,
    "removal-reason": (hostile("removal-reason"),) * 2,
    "override-reason": (hostile("override-reason", "1. "),) * 2,
    "not-a-label": (hostile("not-a-label"),) * 2,
    "person-name": (hostile("person-name", "Hostile "),) * 2,
    "person-description": (hostile("person-description", "1. "),) * 2,
    "person-alias": (hostile("person-alias"),) * 2,
    "theme-label": (hostile("theme-label"),) * 2,
    "theme-description": (hostile("theme-description", "# "),) * 2,
    "org-name": (hostile("org-name", "@"),) * 2,
    "org-description": (hostile("org-description", "> "),) * 2,
    "pact-name": (hostile("pact-name", "1. "),) * 2,
    "pact-description": (hostile("pact-description", "="),) * 2,
    "time-of-day": (hostile("time-of-day", "="),) * 2,
    "tag-topic": (hostile("tag-topic", "@"),) * 2,
    "anonymous-voice": (hostile("anonymous-voice"),) * 2,
}
SHOWN = {name: shown for name, (_, shown) in FIELDS.items()}
NOT_SHOWN = {"removal-reason", "not-a-label", "person-alias", "anonymous-voice"}
"""Fields that no page shows (they steer the build); every other field must be found."""

URL = "https://example.org/?q=\"><svg/onload=alert(5)><script>alert(6)</script>"
FORMULA = '=HYPERLINK("http://x","y") is what the minister typed into a spreadsheet.'
SPREADSHEET_ACTIVE = ("=", "+", "-", "@", "\t", "\r")
TEXT = [
    SHOWN["headline"], "", SHOWN["credit"], "",
    "Good afternoon. Zorblat Org and Zorblat Person discussed a zorblatic matter under the Zorblat Pact.", "",
    FORMULA, "",
    "Share this page", "",
    "Question: What about <script>alert(7)</script> and the indivisibility of security?", "",
    "Sergey Lavrov: We will see.", "",
]


def value(name: str) -> str:
    return FIELDS[name][0]


def write_hostile_project(root: Path):
    """The project with one hostile transcript (and, for comparison, the 2009 news report, whose
    summary quotes "fresh start"), a hostile person, theme, organisation and agreement."""
    project = copy_project(root, slugs=["2009-12-04-nato-russia-council-brussels"])
    inputs = project.transcripts
    # The report quotes the hostile person too (rule quoted-speech), so that the name reaches
    # the "quoting ..." marks of its page, theme and person pages, and its search results.
    report = inputs / "2009-12-04-nato-russia-council-brussels"
    text = report.with_suffix(".txt").read_text("utf-8")
    assert text.count(" Lavrov said. ") == 1
    report.with_suffix(".txt").write_text(text.replace(" Lavrov said. ", " Lavrov said, and Zorblat Person said so too. "), "utf-8")
    meta = yaml.safe_load(report.with_suffix(".yml").read_text("utf-8"))
    meta["quoted"].append("hostile-speaker")
    report.with_suffix(".yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), "utf-8")
    (inputs / f"{SLUG}.txt").write_text("\n".join(TEXT), "utf-8")
    sidecar = {
        "title": value("title"), "date": "2020-01-02", "date_basis": value("date-basis"), "time": value("time-of-day"), "kind": "press-conference",
        "summary": value("summary"),
        "venue": {"event": value("event"), "series": value("series"), "place": value("place"), "city": value("city"), "country": value("country")},
        "speakers": [{"person": "hostile-speaker", "role": value("role-a")}, {"person": "sergey-lavrov", "role": value("role-b"), "country": value("speaks-for")}],
        "language": {"text": "en", "original": "ru", "translation": "unofficial", "translator": value("translator"), "note": value("translation-note")},
        "source": {
            "publisher": value("publisher-x"), "url": URL, "credit_line": value("credit"), "headline": [value("headline")],
            "capture": value("capture"), "added": "2026-11-23", "original_publisher": value("original-publisher"), "original_url": URL + "&o",
            "tags": {"topics": [value("tag-topic")]},
        },
        "anonymous": [value("anonymous-voice")],
        "licence": {"status": "unknown", "note": value("licence-note"), "url": URL + "&l"},
        "remove": [{"line": TEXT.index("Share this page") + 1, "reason": value("removal-reason")}],
        "theme_overrides": [{"line": TEXT.index(FORMULA) + 1, "add": "hostile-theme", "reason": value("override-reason")}],
        "not_speaker_labels": [value("not-a-label")],
    }
    (inputs / f"{SLUG}.yml").write_text(yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False), "utf-8")
    people = yaml.safe_load((inputs / "people.yml").read_text("utf-8"))
    people["hostile-speaker"] = {"name": value("person-name"), "description": value("person-description"), "aliases": ["Zorblat Person", value("person-alias")]}
    (inputs / "people.yml").write_text(yaml.safe_dump(people, allow_unicode=True, sort_keys=False), "utf-8")
    themes = yaml.safe_load((inputs / "themes.yml").read_text("utf-8"))
    themes.append({
        "id": "hostile-theme", "label": value("theme-label"), "description": value("theme-description"),
        "signals": ["zorblatic"], "related": ["indivisibility-of-security"], "examples": ["a zorblatic matter"],
    })
    (inputs / "themes.yml").write_text(yaml.safe_dump(themes, allow_unicode=True, sort_keys=False), "utf-8")
    entities = yaml.safe_load((inputs / "entities.yml").read_text("utf-8"))
    entities["organisations"]["hostile-org"] = {"name": value("org-name"), "description": value("org-description"), "aliases": ["Zorblat Org"]}
    entities["agreements"]["hostile-pact"] = {"name": value("pact-name"), "description": value("pact-description"), "aliases": ["Zorblat Pact"]}
    (inputs / "entities.yml").write_text(yaml.safe_dump(entities, allow_unicode=True, sort_keys=False), "utf-8")
    return project


class _GitHubPages(SimpleHTTPRequestHandler):
    """Serves a missing address the site's 404 page with status 404, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / SUBPATH / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Build the hostile project as it is published and serve it; yield (address, project, site)."""
    root = tmp_path_factory.mktemp("hostile")
    project = write_hostile_project(root / "project")
    served = root / "served"
    site = served / SUBPATH.strip("/")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GitHubPages, directory=str(served)))
    url = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}"
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SITE_URL": url, "HOME": os.environ.get("HOME", "/tmp")}
    run = subprocess.run([sys.executable, "-m", "diparchive", "--root", str(project.root), "build"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project.root, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert (site / "pagefind" / "pagefind.js").is_file(), "the build did not index the site"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, project, site
    server.shutdown()


# --------------------------------------------------------------------------- the built HTML


class Page(HTMLParser):
    """A built page as a browser's parser reads it: its elements, text and attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.strings: list[str] = []  # text runs and attribute values, decoded
        self.scripts: list[tuple[dict, str]] = []
        self.title = ""  # the document's: not an SVG's <title> (a chart's, a bar's tooltip)
        self._script: dict | None = None
        self._in_title = False
        self._svg = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self.strings += attributes.values()
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        self._svg += tag == "svg"
        self._in_title = tag == "title" and not self._svg

    def handle_endtag(self, tag):
        self._script = None if tag == "script" else self._script
        self._svg -= tag == "svg" and self._svg > 0
        self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)
            return
        self.strings.append(data)
        if self._in_title:
            self.title += data


def parse(path: Path) -> Page:
    parsed = Page()
    parsed.feed(path.read_text("utf-8"))
    parsed.close()
    return parsed


def injected(parsed: Page) -> list[str]:
    """Elements and attributes that came from the input rather than from the templates."""
    found = []
    for tag, attributes in parsed.elements:
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if value.strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "svg") and (attributes.get("src", "").startswith("x") or "onload" in attributes or "onerror" in attributes):
            found.append(f"<{tag} {attributes}>")
    for attributes, text in parsed.scripts:
        if attributes.get("type") == "application/json":  # data: it must still be all there
            try:
                json.loads(text)
            except ValueError:
                found.append(f"<script {attributes}> is not JSON any more: {text[:120]}")
        elif "alert" in text or "alert" in attributes.get("src", ""):
            found.append(f"<script {attributes}>{text[:80]}")
    return found


def misquoted(parsed: Page) -> list[str]:
    """Places where a field's text is shown other than exactly as written (interpreted as
    Markdown, a template, cut by an element, escaped twice)."""
    wrong = []
    for name, shown in SHOWN.items():
        rest = shown[shown.index(name + "§"):]
        for string in parsed.strings:
            for match in re.finditer(re.escape(name + "§"), string):
                if not string.startswith(rest, match.start()):
                    wrong.append(f"{name}: {string[max(0, match.start() - 10):match.start() + len(rest) + 10]!r}")
    return wrong


def test_the_hostile_inputs_are_distinct():
    names = list(FIELDS)
    assert not [(a, b) for a in names for b in names if a != b and f"{a}§" in f"{b}§"]


def test_no_built_page_carries_an_injected_element_or_attribute(hostile_site):
    _, _, site = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    seen: set[str] = set()
    problems = {}
    for path in pages:
        parsed = parse(path)
        found = injected(parsed) + misquoted(parsed)
        if found:
            problems[str(path.relative_to(site))] = found[:5]
        seen |= {name for name in SHOWN if any(SHOWN[name] in s for s in parsed.strings)}
    assert problems == {}
    assert set(SHOWN) - NOT_SHOWN - seen == set(), "fields no page shows"


def test_titles_descriptions_and_headers_carry_the_text_as_text(hostile_site):
    _, _, site = hostile_site
    expected = {
        f"transcripts/{SLUG}/index.html": ("title", "summary"),
        "themes/hostile-theme/index.html": ("theme-label", "theme-description"),
        "people/hostile-speaker/index.html": ("person-name", "person-description"),
        "mentioned/hostile-org/index.html": ("org-name", "org-description"),
        "mentioned/hostile-pact/index.html": ("pact-name", "pact-description"),
        f"events/{slugify(SHOWN['series'])}/index.html": ("series", None),
    }
    for path, (title, description) in expected.items():
        parsed = parse(site / path)
        assert parsed.title.strip() == f"{SHOWN[title]} - {SITE_NAME}", path
        meta = {a.get("name") or a.get("property"): a.get("content") for tag, a in parsed.elements if tag == "meta"}
        if description:
            assert meta["description"] == SHOWN[description], path
        assert [s.strip() for s in parsed.strings].count(SHOWN[title]) >= 2, path  # the header's topic and the heading
    news = parse(site / "transcripts/2009-12-04-nato-russia-council-brussels/index.html")
    summary = " ".join(yaml.safe_load((Path(__file__).parent.parent / "transcripts/2009-12-04-nato-russia-council-brussels.yml").read_text())["summary"].split())
    assert {a.get("name"): a.get("content") for tag, a in news.elements if tag == "meta"}["description"] == summary


def test_a_report_quoting_the_hostile_person_names_them_as_text(hostile_site):
    _, _, site = hostile_site
    news = (site / "transcripts/2009-12-04-nato-russia-council-brussels/index.html").read_text("utf-8")
    mark = re.search(r'<em class="para-quoted"[^>]*>((?:(?!</em>).)*)</em>\s*"We are convinced', news, re.S)
    assert mark, "the paragraph that quotes Lavrov and the hostile person has its mark"
    shown = parse_fragment(mark.group(1))
    assert shown == f"quoting Sergey Lavrov and {SHOWN['person-name']}"
    theme = parse(site / "themes/indivisibility-of-security/index.html")
    assert any(f"quoting Sergey Lavrov and {SHOWN['person-name']}" in s for s in theme.strings)
    details = json.loads((site / "search-data/2009-12-04-nato-russia-council-brussels.json").read_text("utf-8"))
    assert {"name": SHOWN["person-name"], "quoted": True} in details["voices"]


def parse_fragment(html: str) -> str:
    """The text a browser shows for an HTML fragment (entities decoded, no element made)."""
    parsed = Page()
    parsed.feed(html)
    parsed.close()
    assert parsed.elements == [], f"markup in {html!r}"
    return "".join(parsed.strings)


def test_citation_tags_and_data_keep_the_text(hostile_site):
    url, _, site = hostile_site
    parsed = parse(site / f"transcripts/{SLUG}/index.html")
    meta = [(a.get("name") or a.get("property"), a.get("content")) for tag, a in parsed.elements if tag == "meta"]
    assert ("citation_title", SHOWN["title"]) in meta
    assert ("citation_author", SHOWN["person-name"]) in meta
    assert ("citation_conference_title", SHOWN["event"]) in meta
    assert ("og:title", SHOWN["title"]) in meta and ("twitter:title", SHOWN["title"]) in meta
    assert ("og:description", f"2 January 2020, {SHOWN['event']}: {SHOWN['summary']}") in meta
    data = json.loads(next(text for a, text in parsed.scripts if a.get("id") == "citation-data"))
    assert data["author"] == f"{SHOWN['person-name']} and Sergey Lavrov"
    assert f"“{SHOWN['title']}”" in data["pattern"] and SHOWN["event"] in data["pattern"]
    assert data["speakers"]["hostile-speaker"] == SHOWN["person-name"]
    assert [a["href"] for tag, a in parsed.elements if tag == "a" and a.get("href", "").startswith("https://example.org/")] == [URL, URL + "&o", URL + "&l"]


def test_generated_markdown_keeps_front_matter_values_exact(hostile_site):
    _, project, _ = hostile_site
    docs = project.root / "docs"
    meta = frontmatter.load(docs / "transcripts" / f"{SLUG}.md").metadata
    assert (meta["title"], meta["summary"], meta["venue"]["event"]) == (SHOWN["title"], SHOWN["summary"], SHOWN["event"])
    assert [s["role"] for s in meta["speakers"]] == [SHOWN["role-a"], SHOWN["role-b"]]
    assert frontmatter.load(docs / "people" / "hostile-speaker.md")["title"] == SHOWN["person-name"]
    assert frontmatter.load(docs / "themes" / "hostile-theme.md")["description"] == SHOWN["theme-description"]
    assert frontmatter.load(docs / "mentioned" / "hostile-pact.md")["title"] == SHOWN["pact-name"]


def test_feeds_carry_the_text_as_text(hostile_site):
    _, _, site = hostile_site
    for path, title in (("feed.xml", f"{SITE_NAME}: latest transcripts"), ("themes/hostile-theme/feed.xml", f"{SITE_NAME}: {SHOWN['theme-label']}")):
        feed = feedparser.parse((site / path).read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.feed.title == title
        entry = next(e for e in feed.entries if e.link.endswith(f"transcripts/{SLUG}/"))
        assert entry.title == SHOWN["title"] and entry.title_detail.type == "text/plain"
        assert SHOWN["summary"] in entry.summary and SHOWN["person-name"] in entry.summary
        assert entry.summary_detail.type == "text/plain"


def test_the_corpus_csv_never_runs_a_formula_and_the_json_lines_stay_exact(hostile_site):
    _, project, site = hostile_site
    records = [json.loads(line) for line in (site / "data/corpus.jsonl").read_text("utf-8").splitlines()]
    formula = next(r for r in records if r["text"].startswith("=HYPERLINK"))
    assert formula["text"] == FORMULA
    assert (formula["event"], formula["place"], formula["city"]) == (SHOWN["event"], SHOWN["place"], SHOWN["city"])
    rows = list(csv.DictReader(io.StringIO((site / "data/corpus.csv").read_text("utf-8"), newline="")))
    assert [r["paragraph_id"] for r in rows] == [r["paragraph_id"] for r in records]
    row = next(r for r in rows if r["paragraph_id"] == formula["paragraph_id"])
    assert row["text"] == "'" + FORMULA
    assert (row["event"], row["place"], row["city"]) == ("'" + SHOWN["event"], "'" + SHOWN["place"], SHOWN["city"])
    said = next(r for r in records if r["text"] == "We will see.")  # Lavrov's, for a hostile country
    assert said["speaker_country"] == SHOWN["speaks-for"] and {r["speaker_country"] for r in records} == {None, SHOWN["speaks-for"]}
    assert next(r for r in rows if r["paragraph_id"] == said["paragraph_id"])["speaker_country"] == "'" + SHOWN["speaks-for"]
    for record, row in zip(records, rows):
        for field, cell in row.items():
            assert not cell.startswith(SPREADSHEET_ACTIVE), (field, cell)
            exact = ";".join(record[field]) if isinstance(record[field], list) else record[field]
            if isinstance(exact, bool):  # a flag: 'true' or 'false' in the CSV
                exact = "true" if exact else "false"
            assert cell == ("" if exact is None else ("'" + str(exact) if str(exact).startswith(SPREADSHEET_ACTIVE) else str(exact)))
    assert "formula" in (project.root / "docs" / "data.md").read_text("utf-8")


# --------------------------------------------------------------------------- in the browser

KINDS = {
    "home": "",
    "transcript": f"transcripts/{SLUG}/",
    "news report": "transcripts/2009-12-04-nato-russia-council-brussels/",
    "year": "years/2020/",
    "chronology": "years/",
    "theme": "themes/hostile-theme/",
    "themes": "themes/",
    "person": "people/hostile-speaker/",
    "people": "people/",
    "event": f"events/{slugify(SHOWN['series'])}/",
    "events": "events/",
    "organisation": "mentioned/hostile-org/",
    "agreement": "mentioned/hostile-pact/",
    "mentioned": "mentioned/",
    "data": "data/",
    "about": "about/",
    "metadata schema": "about/metadata/",
    "cleaning rules": "about/cleaning-rules/",
    "build report": "about/build-report/",
    "search": "search/?q=zorblatic",
    "404": "no/such/page/",
}

INJECTED_IN_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const s of document.scripts) {
    if (s.type === "application/json") JSON.parse(s.textContent);  // data, still whole
    else if (/alert/.test(s.textContent + s.src)) found.push(`SCRIPT ${s.textContent.slice(0, 80)}`);
  }
  for (const img of document.images) if (img.getAttribute("src") === "x") found.push("IMG src=x");
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_page_runs_nothing_from_the_input(hostile_site, page, kind):
    url = hostile_site[0] + KINDS[kind]
    dialogs, failed = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 and response.url != url else None)
    page.goto(url)
    if kind == "search":
        page.wait_for_function("() => { const r = document.querySelector('#archive-results'); return r && r.dataset.for === location.pathname + location.search; }")
        assert page.locator(".archive-result").count() >= 1
        assert SHOWN["title"] in page.locator("#archive-results").inner_text()
        # The filters show the names as text. (Not to the letter: Pagefind 1.5.2 decodes a
        # filter's value twice, so a literal "&amp;" in a name is listed as "&".)
        narrow = page.locator("#archive-narrow").inner_text()
        assert all(f"{field}§ {ATTACK} *em* _u_ `code`" in narrow for field in ("person-name", "speaks-for", "event", "theme-label"))
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    assert page.evaluate(INJECTED_IN_DOM) == []
    assert failed == []
    if kind == "404":
        assert page.title() == f"Page not found - {SITE_NAME}"
    if kind in ("transcript", "theme", "person", "organisation"):
        topic = page.locator(".md-header__topic[data-md-component='header-topic']").inner_text().strip()
        assert topic == page.title().removesuffix(f" - {SITE_NAME}") and ATTACK in topic
