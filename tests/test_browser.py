"""End to end in a real browser: Debian's Chromium, driven by Playwright, on the built site.

Never skipped: if Chromium is missing the tests fail, because CI must prove the pages work.
The site is served under a subpath, as a GitHub Pages project site is (fixtures in conftest.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PAGE = "transcripts/2022-02-21-lavrov-putin-security-council-moscow/"

pytestmark = pytest.mark.browser


def test_the_metadata_header_is_drawn_from_front_matter(site, page):
    page.goto(site + PAGE)
    header = page.locator("header.transcript-header")
    expect(header.locator("h1")).to_have_text("Sergey Lavrov's report and exchange with Vladimir Putin at the Security Council of Russia")
    expect(header.locator("time[datetime='2022-02-21']")).to_have_text("21 February 2022")
    expect(header).to_contain_text("Extraordinary meeting of the Security Council of the Russian Federation, The Kremlin, Moscow, Russia")
    expect(header.locator(".transcript-speakers li")).to_have_count(2)
    expect(header).to_contain_text("Vladimir Putin, President of the Russian Federation")
    expect(header).to_contain_text("English, translated from Russian: unofficial translation; translator: unknown.")
    expect(header).to_contain_text("Meeting (speeches and exchanges)")


def test_speaker_turns_show_the_person_and_the_label_as_printed(site, page):
    page.goto(site + PAGE)
    turns = page.locator("p.turn")
    expect(turns).to_have_count(5)
    expect(turns.nth(0).locator(".speaker-name")).to_have_text("Sergey Lavrov")
    expect(turns.nth(0).locator(".speaker-label")).to_have_text("S.V. Lavrov:")
    expect(turns.nth(1).locator(".speaker-name")).to_have_text("Vladimir Putin")
    expect(turns.nth(4).locator(".speaker-label")).to_have_text("Sergey Lavrov:")
    assert turns.nth(0).locator(".speaker-name").is_visible()


def test_a_paragraph_anchor_scrolls_to_its_paragraph(site, page):
    page.goto(site + PAGE + "#L51")
    target = page.locator("#L51")
    expect(target).to_contain_text("Yes, Vladimir Vladimirovich, despite the multiplying publications")
    page.wait_for_function("() => window.scrollY > 0")
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400, f"paragraph L51 is at {top}px from the top of the viewport"
    assert target.evaluate("el => el.matches(':target')")


def test_the_paragraph_number_is_a_link_to_its_anchor(site, page):
    page.goto(site + PAGE)
    link = page.locator("#L13 a.para-number")
    expect(link).to_have_text("4")
    link.click()
    page.wait_for_function("() => location.hash === '#L13'")
    assert page.locator("#L13").evaluate("el => el.matches(':target')")


def test_the_removed_lines_are_listed_with_their_rules(site, page):
    page.goto(site + PAGE)
    details = page.locator("details.transcript-removed")
    details.locator("summary").click()
    rows = details.locator("tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.nth(0)).to_contain_text("bare-date")
    expect(rows.nth(0)).to_contain_text("Friday, March 29")


def test_the_home_page_lists_transcripts_newest_first(site, page):
    page.goto(site)
    titles = page.locator("article li strong a").all_inner_texts()
    assert titles[0].startswith("Sergey Lavrov's report and exchange with Vladimir Putin")
    assert titles[-1].startswith("Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council")
    assert len(titles) == 4


def test_a_theme_page_passage_link_opens_the_right_paragraph(site, page):
    page.goto(site + "themes/indivisibility-of-security/")
    link = page.locator("a.theme-anchor", has_text="¶ 4").filter(has=page.locator("xpath=self::*[contains(@href, '2022-02-21')]"))
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url("**/transcripts/2022-02-21-lavrov-putin-security-council-moscow/#L13")
    target = page.locator("#L13")
    expect(target).to_contain_text("principle of indivisibility of security")
    assert target.evaluate("el => el.matches(':target')")
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400


def test_the_themes_grid_is_a_real_table_that_scrolls_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    phone = context.new_page()
    phone.goto(site + "themes/")
    grid = phone.locator(".theme-grid")
    expect(grid.locator("caption")).to_contain_text("Passages tagged with each theme")
    expect(grid.locator("tbody th[scope=row]")).to_have_count(17)
    assert grid.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls sideways, page does not
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def test_search_within_a_theme(site, page):
    page.goto(site + "themes/georgia/")
    page.locator("a", has_text="Search within this theme").click()
    page.wait_for_function("() => { const r = document.querySelector('#archive-results'); return r && r.dataset.for === location.pathname + location.search; }")
    assert page.locator("#archive-f-theme input[value='Georgia']").is_checked()
    assert page.locator(".archive-result").count() == 8
