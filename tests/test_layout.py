"""Reading on a phone and on a desktop, measured in a real browser on the built site: no page
scrolls sideways at 360 and 390 px, a transcript's text starts on the first screen (desktop) or
after one scroll (phone), its header is compact with the rest folded but reachable and printed,
and the speaker of the paragraph in view stays named while reading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SECURITY_COUNCIL = "transcripts/2022-02-21-lavrov-putin-security-council-moscow/"
STOCKHOLM = "transcripts/2021-12-02-lavrov-osce-stockholm/"
TRANSCRIPTS = [
    "transcripts/2008-12-05-lavrov-osce-helsinki/",
    "transcripts/2009-12-04-nato-russia-council-brussels/",  # a report: narration, no speakers
    STOCKHOLM,
    SECURITY_COUNCIL,
]
# One page of every kind the site has.
PAGES = [
    "",  # home
    *TRANSCRIPTS,
    "years/", "years/2009/",
    "themes/",  # the grid, whose table scrolls inside its own box
    "themes/indivisibility-of-security/",
    "people/", "people/sergey-lavrov/",
    "events/", "events/osce-ministerial-council/",
    "mentioned/", "mentioned/nato/",
    "data/",
    "about/", "about/cleaning-rules/", "about/metadata/", "about/build-report/",
    "guide/", "guide/reading/", "guide/curating/", "guide/publishing/", "guide/contributing/", "guide/decisions/",
    "search/", "search/?q=%22indivisibility+of+security%22",
    "404.html",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
RESULTS_DRAWN = "() => { const r = document.querySelector('#archive-results'); return r && r.dataset.for; }"
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_scrolls_sideways_on_a_phone(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for path in PAGES:
        page.goto(site + path)
        if path.startswith("search/?"):
            page.wait_for_function(RESULTS_DRAWN)
        if page.evaluate(OVERFLOW) > 0:
            wide[path] = page.evaluate("document.documentElement.scrollWidth")
        if path in TRANSCRIPTS:  # the folded metadata and citation, opened, wrap too
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            if page.evaluate(OVERFLOW) > 0:
                wide[path + " (folds open)"] = page.evaluate("document.documentElement.scrollWidth")
    assert wide == {}, f"pages wider than {width} px: {wide}"
    page.goto(site + "themes/")
    grid = page.locator(".theme-grid")
    assert grid.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls in its box


@pytest.mark.parametrize("viewport, screens", [(DESKTOP, 1), (PHONE, 2)], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", TRANSCRIPTS)
def test_the_text_starts_on_the_first_screen(site, page, path, viewport, screens):
    """Desktop: the first paragraph begins on the first screen; phone: after at most one scroll."""
    page.set_viewport_size(viewport)
    page.goto(site + path)
    top = page.locator("p.para").first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top < screens * viewport["height"], f"the first paragraph starts at {top:.0f} px"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_header_is_compact_and_the_rest_is_folded_but_reachable(site, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(site + SECURITY_COUNCIL)
    header = page.locator("header.transcript-header")
    for shown in (".transcript-kind", "h1", "time[datetime='2022-02-21']", ".transcript-speakers", "button[data-copy-from='cite-note']"):
        expect(header.locator(shown)).to_be_visible()
    expect(header.locator("dl.transcript-facts")).to_contain_text("The Kremlin, Moscow, Russia")
    expect(header.locator(".transcript-speakers")).to_contain_text("Sergey Lavrov, Minister of Foreign Affairs of the Russian Federation")
    about, cite = header.locator("details.transcript-about"), header.locator("details.transcript-cite")
    for fold in (about, cite):
        assert fold.get_attribute("open") is None
    for folded in ("dl.transcript-meta", ".transcript-summary", "#cite-note"):
        expect(header.locator(folded)).to_be_hidden()
    about.locator("summary").focus()
    page.keyboard.press("Enter")  # a disclosure opens from the keyboard
    for label in ("Themes", "Mentioned", "Language", "Source", "Licence"):
        expect(about.locator("dl.transcript-meta dt", has_text=label)).to_be_visible()
    expect(about).to_contain_text("Terms of reuse unknown")
    cite.locator("summary").click()
    expect(cite.locator("#cite-note")).to_be_visible()
    expect(cite.locator("a", has_text="BibTeX")).to_be_visible()
    page.goto(site + SECURITY_COUNCIL + "#cite-this")  # a link to the citation opens it
    expect(page.locator("details#cite-this")).to_have_attribute("open", "")


def test_the_folds_print_open(site, page):
    page.goto(site + SECURITY_COUNCIL)
    page.emulate_media(media="print")
    for shown in ("dl.transcript-meta", ".transcript-summary", "#cite-note", "#provenance dl.transcript-meta"):
        assert page.locator(shown).first.is_visible(), shown
    for hidden in (".transcript-now", ".transcript-actions"):
        assert page.locator(hidden).evaluate("el => getComputedStyle(el).display") == "none", hidden


def test_printed_paragraph_numbers_stand_apart_from_their_text(site, page):
    page.goto(site + SECURITY_COUNCIL)
    for media in ("print", "screen"):
        page.emulate_media(media=media)
        gaps = page.eval_on_selector_all("p.para", """(paras) => paras.map((p) => {
          const n = p.querySelector('a.para-number');
          const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let t;
          while ((t = walk.nextNode())) if (!n.contains(t) && !t.parentElement.closest('button, .para-quoted, .para-narration') && t.textContent.trim()) break;
          const at = t.textContent.search(/\\S/);
          const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + 1);
          return [n.textContent, r.getBoundingClientRect().left - n.getBoundingClientRect().right]; })""")
        assert len(gaps) > 10 and any(len(number) == 2 for number, _ in gaps)
        assert min(gap for _, gap in gaps) >= 4, (media, min(gaps, key=lambda g: g[1]))


def visible_speaker(page) -> dict:
    """What the reader sees at the top of the text: the sticky label, and where it and the
    header end."""
    return page.evaluate(
        """() => {
          const now = document.querySelector('.transcript-now');
          const bar = now && now.querySelector('.transcript-now__bar');
          const shown = !!bar && getComputedStyle(bar).visibility === 'visible' && bar.getBoundingClientRect().height > 0;
          return {
            shown,
            name: shown ? now.querySelector('.transcript-now__name').textContent : null,
            top: shown ? bar.getBoundingClientRect().top : null,
            bottom: shown ? bar.getBoundingClientRect().bottom : 0,
            header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          };
        }"""
    )


def speaker_of(page, anchor: str) -> str:
    """The speaker of a paragraph, read from the nearest speaker turn before it."""
    return page.evaluate(
        """(id) => {
          let name = null;
          for (const el of document.querySelectorAll('.transcript-body p.turn, .transcript-body p.para')) {
            if (el.classList.contains('turn')) name = el.querySelector('.speaker-name').textContent;
            else if (el.id === id) return name;
          }
        }""",
        anchor,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path, anchor, speaker",
    [
        (SECURITY_COUNCIL, "L13", "Sergey Lavrov"),  # the fourth paragraph of the first turn
        (SECURITY_COUNCIL, "L49", "Vladimir Putin"),
        (SECURITY_COUNCIL, "L55", "Sergey Lavrov"),
        (STOCKHOLM, "L47", "Sergey Lavrov"),  # deep in an answer
        (STOCKHOLM, "L57", "Question"),  # a question: its turn heading is just above it
        (STOCKHOLM, "L87", "Sergey Lavrov"),  # the last answer
    ],
)
def test_a_reader_landing_on_a_paragraph_sees_its_speaker(site, page, viewport, path, anchor, speaker):
    page.set_viewport_size(viewport)
    page.goto(site + path + "#" + anchor)
    page.wait_for_function("() => window.scrollY > 0")
    assert speaker_of(page, anchor) == speaker
    expect(page.locator(".transcript-now__name")).to_have_text(speaker)
    label = visible_speaker(page)
    assert label["shown"] and label["top"] >= label["header"] - 1, label  # below the header, on screen
    target = page.locator("#" + anchor).evaluate("el => el.getBoundingClientRect().top")
    assert label["bottom"] <= target < viewport["height"] / 2, (target, label)  # not covered by the header or the label


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", [SECURITY_COUNCIL, STOCKHOLM])
def test_every_paragraph_anchor_shows_its_speaker_uncovered(site, page, viewport, path):
    """For every paragraph: opened at its anchor, the paragraph is below the header and the label,
    and its speaker is named on screen, by the label or by its turn's heading just above it."""
    page.set_viewport_size(viewport)
    page.goto(site + path)
    anchors = page.locator(".transcript-body p.para").evaluate_all("els => els.map(e => e.id)")
    wrong = []
    for anchor in anchors:
        page.evaluate("id => { location.hash = id; }", anchor)
        page.wait_for_function("id => document.getElementById(id).matches(':target')", arg=anchor)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        label = visible_speaker(page)
        seen = page.evaluate(
            """([id, edge]) => {
              let turn = null;
              for (const el of document.querySelectorAll('.transcript-body p.turn, .transcript-body p.para')) {
                if (el.classList.contains('turn')) turn = el;
                else if (el.id === id) break;
              }
              const r = turn.querySelector('.speaker-name').getBoundingClientRect();
              return {name: turn.querySelector('.speaker-name').textContent, heading: r.top >= edge && r.bottom <= innerHeight,
                      target: document.getElementById(id).getBoundingClientRect().top};
            }""",
            [anchor, max(label["bottom"], label["header"])],
        )
        if not (label["name"] == seen["name"] or seen["heading"]) or seen["target"] < max(label["bottom"], label["header"]):
            wrong.append((anchor, seen, label))
    assert wrong == []


def test_the_label_follows_the_reader_and_stays_out_of_narration(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + SECURITY_COUNCIL)
    assert not visible_speaker(page)["shown"]  # above the first turn, the header says who speaks
    for anchor, speaker in (("L45", "Vladimir Putin"), ("L53", "Sergey Lavrov"), ("L59", "Vladimir Putin")):
        page.locator("#" + anchor).evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120)")
        expect(page.locator(".transcript-now__name")).to_have_text(speaker)
        assert visible_speaker(page)["shown"]
    page.evaluate("() => window.scrollTo(0, document.getElementById('provenance').getBoundingClientRect().top + window.scrollY - 60)")
    page.wait_for_function("() => !document.querySelector('.transcript-now').classList.contains('transcript-now--shown')")
    page.goto(site + "transcripts/2009-12-04-nato-russia-council-brussels/#L15")  # a report: nobody's speech
    page.wait_for_function("() => window.scrollY > 0")
    assert page.locator(".transcript-now").count() == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_reading_layout_has_no_serious_accessibility_violations(site, page, viewport):
    """axe-core on a transcript read in the middle (label shown) with its folds open."""
    page.set_viewport_size(viewport)
    page.goto(site + SECURITY_COUNCIL + "#L49")
    expect(page.locator(".transcript-now__name")).to_have_text("Vladimir Putin")
    page.evaluate("() => document.querySelectorAll('details.transcript-fold').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


@pytest.mark.parametrize("address", ["", "search/", SECURITY_COUNCIL])
def test_on_a_phone_the_header_shows_the_whole_name_and_a_search_that_opens_the_search_page(site, browser, address):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + address)
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_have_text("Diplomatic Transcripts Archive")
    fits = name.evaluate("(e) => [e.scrollWidth <= e.clientWidth + 1, e.scrollHeight <= e.clientHeight + 1]")
    assert fits == [True, True], "the site's name is cut"
    box = name.evaluate("(e) => e.getBoundingClientRect()")
    header = page.locator(".md-header").evaluate("(e) => e.getBoundingClientRect()")
    assert header["top"] <= box["top"] and box["bottom"] <= header["bottom"]
    # No box a few letters wide ("Search trar"): the magnifier opens the search page.
    assert not page.locator("#archive-header-q").is_visible()
    page.locator(".archive-header-search__button").click()
    # to the search page (on the search page itself, the search may run in place)
    page.wait_for_function("() => location.pathname.endsWith('/archive/search/') && document.querySelector('#archive-q')")
    expect(page.locator("#archive-q")).to_be_visible()
    context.close()
