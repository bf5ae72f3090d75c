"""Publishing: links under a subpath, citations and meta tags, feeds and data in the site, print,
accessibility (axe-core), sharing cards, the sitemap and the 404 page. Real browser, real site."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urljoin as _resolve

import pytest
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PAGE = "transcripts/2022-02-21-lavrov-putin-security-council-moscow/"


def test_every_internal_link_and_anchor_resolves_under_the_subpath(site):
    """LinkChecker crawls the whole site from its subpath: zero broken links or anchors."""
    run = subprocess.run(
        [sys.executable, "-m", "linkcheck", "--config", str(ROOT / "tests" / "linkcheckerrc"), "--no-status", "-o", "text", site],
        capture_output=True, text=True, timeout=900,
    )
    summary = [line for line in run.stdout.splitlines() if "links in" in line and "checked" in line]
    assert run.returncode == 0, run.stdout[-4000:]
    assert summary and "0 errors found" in summary[0] and int(summary[0].split()[2]) > 300, summary


def test_citation_meta_tags_and_sharing_cards(site, page):
    page.goto(site + PAGE)
    meta = lambda name: page.locator(f"meta[name='{name}']").first.get_attribute("content")  # noqa: E731
    prop = lambda name: page.locator(f"meta[property='{name}']").first.get_attribute("content")  # noqa: E731
    assert meta("citation_title") == "Sergey Lavrov's report and exchange with Vladimir Putin at the Security Council of Russia"
    assert page.locator("meta[name='citation_author']").evaluate_all("els => els.map(e => e.content)") == ["Sergey Lavrov", "Vladimir Putin"]
    assert meta("citation_date") == "2022/02/21"
    assert meta("citation_public_url") == site + PAGE
    assert prop("og:url") == site + PAGE and prop("og:type") == "article"
    assert prop("og:description").startswith("21 February 2022, Extraordinary meeting of the Security Council")
    assert meta("twitter:card") == "summary"


def test_cite_the_transcript_and_a_paragraph(site, page):
    page.goto(site + PAGE)
    note = page.locator("#cite-note")
    expect(note).to_contain_text("Sergey Lavrov and Vladimir Putin, “Sergey Lavrov's report")
    expect(note).to_contain_text(f"Diplomatic Transcripts Archive, {site}{PAGE}.")
    page.locator("button[data-copy-from='cite-note']").click()
    expect(page.locator(".archive-toast")).to_contain_text("Copied the citation: Sergey Lavrov and Vladimir Putin")
    page.locator("details#cite-this summary").click()  # the note itself is folded under the header
    assert page.evaluate("navigator.clipboard.readText()") == note.inner_text().strip()
    page.locator("#L45").hover()
    page.locator("#L45 button.para-cite").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Vladimir Putin, “Sergey Lavrov's report")  # the paragraph's own speaker
    assert f"February 21, 2022), para. 20, Diplomatic Transcripts Archive, {site}{PAGE}#L45." in copied


def test_downloads_and_feeds_are_served_under_the_subpath(site, page):
    page.goto(site + PAGE)
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        href = page.locator(".transcript-cite a", has_text=label).get_attribute("href")
        with urllib.request.urlopen(_resolve(page.url, href)) as response:
            assert response.status == 200
    feed = page.locator("link[rel~='alternate'][type='application/atom+xml']").first.get_attribute("href")
    with urllib.request.urlopen(_resolve(page.url, feed)) as response:
        root = ET.fromstring(response.read())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link").get("href").startswith(site + "transcripts/")


def test_the_sitemap_lists_the_transcripts_under_the_subpath(site):
    with urllib.request.urlopen(site + "sitemap.xml") as response:
        locations = [e.text for e in ET.fromstring(response.read()).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert site + PAGE in locations and all(url.startswith(site) for url in locations)


def test_a_transcript_prints_as_a_clean_document(site, page):
    page.goto(site + PAGE)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".archive-header-search", "button.para-cite"):
        for element in page.locator(selector).all():
            assert element.evaluate("el => getComputedStyle(el).display") == "none", selector
    assert page.locator("dl.transcript-meta").first.is_visible()
    assert page.locator(".speaker-label").first.is_visible() and page.locator("a.para-number").first.is_visible()
    shot = page.screenshot(full_page=False)
    assert len(shot) > 1000
    page.emulate_media(media="screen")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).display") != "none"


@pytest.mark.parametrize("path", ["", PAGE, "themes/indivisibility-of-security/", "search/?q=%22open+door%22", "themes/", "people/sergey-lavrov/", "data/"])
def test_no_serious_or_critical_accessibility_violations(site, page, path):
    assert AXE.is_file(), "axe-core is missing: run scripts/setup.sh --test"
    page.goto(site + path)
    if path.startswith("search/"):
        page.wait_for_function("() => { const r = document.querySelector('#archive-results'); return r && r.dataset.for; }")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


def test_languages_are_marked(site, page):
    page.goto(site + "transcripts/2021-12-02-lavrov-osce-stockholm/")
    assert page.locator("html").get_attribute("lang") == "en"
    cells = page.locator(".transcript-removed td[lang]")
    assert page.locator(".transcript-removed td[lang='ru']", has_text="Посольство").count() == 1
    assert page.locator(".transcript-removed td[lang='fr']", has_text="Ambassade de Russie à Paris").count() == 1
    assert cells.count() > 20


def test_skip_link_and_visible_focus(site, page):
    page.goto(site + PAGE)
    page.keyboard.press("Tab")
    skip = page.locator("a.archive-skip")
    expect(skip).to_be_focused()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#main-content'")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.goto(site + PAGE)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
    assert style[0] != "none" or style[2] != "none", style


def test_the_404_page_offers_search(site, page):
    page.goto(site + "404.html")
    expect(page).to_have_title("Page not found - Diplomatic Transcripts Archive")
    expect(page.locator("h1")).to_have_text("Page not found")
    # The box is seen: the search page's look (search.css), a border that stands out from the page.
    box = page.locator("#archive-404-q")
    look = box.evaluate("""(input) => { const s = getComputedStyle(input), page = getComputedStyle(document.body);
      return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, page.backgroundColor, input.getBoundingClientRect().width]; }""")
    assert float(look[0][:-2]) >= 1 and look[1] == "solid" and look[2] != look[3] and look[4] > 100, look
    page.locator("#archive-404-q").fill("Rasmussen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/archive/search/?q=Rasmussen")
    page.wait_for_function("() => { const r = document.querySelector('#archive-results'); return r && r.dataset.for === location.pathname + location.search; }")
    assert page.locator(".archive-result").count() == 6


def test_a_theme_page_offers_its_feed_and_requests_nothing_that_fails(site, page):
    """Material takes every link[rel=alternate] for a language version of the site and fetches
    sitemap.xml beside it (beside a theme's feed there is none; beside the site's, the whole
    sitemap, for nothing): the feeds are "alternate feed", so no page asks for a sitemap."""
    failed, asked = [], []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site + "themes/indivisibility-of-security/")
    page.wait_for_load_state("networkidle")
    feeds = page.evaluate("() => [...document.querySelectorAll('link[type=\"application/atom+xml\"]')].map(l => [[...l.relList], l.href, l.title])")
    assert [(rel, href) for rel, href, _ in feeds if "alternate" in rel] == [
        (["alternate", "feed"], site + "feed.xml"),
        (["alternate", "feed"], site + "themes/indivisibility-of-security/feed.xml"),
    ]
    assert feeds[1][2] == "Indivisibility of security"
    assert failed == []
    assert [url for url in asked if "sitemap" in url] == []
