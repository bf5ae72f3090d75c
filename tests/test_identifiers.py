"""Identifiers are checked whole, page paths take any script, and registries hold words, not
patterns: ids with a final line break, names in Cyrillic, Chinese or Arabic, a person's alias
'.*' and a theme's signal '(a+)+'."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SIDECAR, TRANSCRIPTS, copy_project
from diparchive.publish import browse
from diparchive.site.collections import CollectionFields, read_collections
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.enrich.mentions import Entity, Gazetteer
from diparchive.ingest.people import EntryFields, read_people
from diparchive.pipeline import discover
from diparchive.infra.schema import SLUG, Entries, Invalid, LineNumber, List, Matching, Nested, fields
from diparchive.ingest.sidecar import SidecarFields, read_sidecar
from diparchive.enrich.themes import ThemeFields, read_themes

# --------------------------------------------------------------------------- identifiers whole


def identifier_fields() -> dict[str, Matching | LineNumber]:
    """Every field whose value is an identifier (an id, a language tag, an address, a line
    number), by where it is declared: the fields of each declaration and the keys of registries."""
    found: dict[str, Matching | LineNumber] = {}
    for declaration in (SidecarFields, ThemeFields, EntryFields, CollectionFields):
        for path, field in fields(declaration).items():
            field = field.item if isinstance(field, List) else field
            if isinstance(field, (Matching, LineNumber)):
                found[f"{declaration.__name__}.{path}"] = field
            elif isinstance(field, Entries):
                found[f"{declaration.__name__}.{path} (key)"] = field.key
    found["a registry's id (key)"] = Entries(EntryFields).key
    return found


IDENTIFIERS = identifier_fields()
VALID = {"id": "sergey-lavrov", "language tag": "en-GB", "url": "https://www.mid.ru/en/", "line number": "34"}
AFFIXES = st.sampled_from(["\n", "\r\n", "\r", " ", "\t", "\x0b", "\x0c", "\x00", "\x1b", "\x07", "\x7f", "\x85", "\u2028", "\u00a0", "\u3000"])


def test_the_identifier_fields_are_all_found():
    kinds = {field.kind for field in IDENTIFIERS.values()}
    assert kinds == set(VALID), kinds
    assert {"SidecarFields.speakers[].person", "SidecarFields.main_speaker", "SidecarFields.quoted",
            "SidecarFields.theme_overrides[].add", "SidecarFields.language.text", "SidecarFields.source.url",
            "ThemeFields.id", "ThemeFields.related", "a registry's id (key)"} <= set(IDENTIFIERS)


@pytest.mark.parametrize("name", sorted(IDENTIFIERS))
@settings(max_examples=60, deadline=None)
@given(data=st.data(), affix=AFFIXES, before=st.booleans())
def test_an_identifier_with_white_space_or_a_control_character_around_it_is_refused(name, data, affix, before):
    field = IDENTIFIERS[name]
    pattern = getattr(field, "pattern", None)
    valid = data.draw(st.from_regex(pattern, fullmatch=True) if pattern is not None else st.just(VALID[field.kind]))
    assert field.parse(valid) in (valid, int(valid) if field.kind == "line number" else valid)
    with pytest.raises(Invalid):
        field.parse(affix + valid if before else valid + affix)


@settings(max_examples=200, deadline=None)
@given(valid=st.from_regex(SLUG, fullmatch=True), affix=AFFIXES)
def test_the_slug_pattern_refuses_a_final_line_break_even_with_match(valid, affix):
    """Other modules check a capture's name with ``SLUG.match``: the pattern itself is anchored."""
    assert SLUG.match(valid) and not SLUG.match(valid + affix) and not SLUG.match(affix + valid)


def sidecar_text(**replace: str) -> str:
    data = yaml.safe_load(SIDECAR)
    for dotted, value in replace.items():
        *parents, leaf = dotted.split(".")
        target = data
        for parent in parents:
            target = target[int(parent)] if parent.isdigit() else target[parent]
        target[leaf] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("where, value", [
    ("speakers.0.person", "sergey-lavrov\n"), ("main_speaker", "sergey-lavrov\n"), ("language.text", "en\n"),
    ("source.url", "https://www.mid.ru/en/\n"), ("speakers.0.person", "sergey-lavrov\u2028"),
])
def test_a_sidecar_id_with_a_final_line_break_is_refused_in_one_line(tmp_path, where, value):
    path = tmp_path / "t.yml"
    path.write_text(sidecar_text(**{where: value}), "utf-8")
    with pytest.raises(InputError) as refused:
        read_sidecar(path, "t", "t.yml")
    assert "\n" not in str(refused.value) and str(refused.value).startswith("t.yml, ")
    path.write_text(sidecar_text(), "utf-8")
    assert read_sidecar(path, "t", "t.yml").speakers[0].person == "sergey-lavrov"


def refusal(read, *args) -> str:
    """The one problem a reader refuses a file for, as printed."""
    with pytest.raises((InputError, BuildFailed)) as refused:
        read(*args)
    errors = refused.value.errors if isinstance(refused.value, BuildFailed) else [refused.value]
    assert len(errors) == 1, errors
    return str(errors[0])


def test_registry_ids_with_a_final_line_break_are_refused(tmp_path):
    people = tmp_path / "people.yml"
    people.write_text('"a-b\\n":\n  name: A B\n  description: x\n  aliases: [B]\n', "utf-8")
    assert re.fullmatch(r"people.yml, entry 'a-b.+' \(line 1\): expected an id of lowercase letters, digits and hyphens; found 'a-b.+'", refusal(read_people, people, "people.yml"))
    themes = tmp_path / "themes.yml"
    themes.write_text('- id: "osce\\n"\n  label: A\n  description: x\n  signals: [OSCE]\n', "utf-8")
    assert refusal(read_themes, themes, "themes.yml").startswith("themes.yml, theme 1, field 'id' (line 1): expected an id of lowercase letters")
    themes.write_text('- id: osce\n  label: A\n  description: x\n  signals: [OSCE]\n  related: ["osce\\n"]\n', "utf-8")
    assert refusal(read_themes, themes, "themes.yml").startswith("themes.yml, theme 1, field 'related' (line 5): expected a list of theme ids")
    collections = tmp_path / "collections.yml"
    collections.write_text('"default\\n":\n  name: A\n  url: https://a.example/\n  description: B\n', "utf-8")
    assert re.match(r"collections.yml, entry 'default.+' \(line 1\): expected an id", refusal(read_collections, collections))
    # and the same files without the line break read
    people.write_text("a-b:\n  name: A B\n  description: x\n  aliases: [B]\n", "utf-8")
    themes.write_text("- id: osce\n  label: A\n  description: x\n  signals: [OSCE]\n  related: [osce]\n", "utf-8")
    collections.write_text("default:\n  name: A\n  url: https://a.example/\n  description: B\n", "utf-8")
    assert list(read_people(people, "people.yml")) == ["a-b"]
    assert "osce" in read_themes(themes, "themes.yml")
    assert [c.id for c in read_collections(collections)] == ["default"]


def test_a_capture_whose_name_ends_in_a_line_break_is_refused(small_project):
    good = small_project.transcripts / "2020-01-02-test.txt"
    bad = small_project.transcripts / "2020-01-03-test\n.txt"
    bad.write_bytes(good.read_bytes())
    bad.with_suffix(".yml").write_bytes(good.with_suffix(".yml").read_bytes())
    found, errors = discover(small_project)
    assert list(found) == ["2020-01-02-test"]
    assert len(errors) == 1 and errors[0].where == "file name" and "'2020-01-03-test\\n.txt'" in str(errors[0]), errors


# --------------------------------------------------------------------------- page paths in any script


def ascii_slug(text: str) -> str:
    """The slug of a Latin name, as it has always been made (its pages' addresses are published)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
    if len(slug) <= browse.SLUG_LENGTH:
        return slug
    digest = hashlib.sha1(slug.encode()).hexdigest()[:8]
    head = slug[: browse.SLUG_LENGTH - len(digest) - 1]
    return f"{head.rsplit('-', 1)[0] if '-' in head else head}-{digest}"


LATIN = st.text(alphabet=st.sampled_from("aZéÈçßøŁĳæœÅñ ’'–—-.,()_/&0123456789½²№ﬁ\u00a0\u0301"), max_size=120)


@settings(max_examples=500, deadline=None)
@given(name=LATIN)
def test_a_latin_name_slugs_exactly_as_before(name):
    assert browse.slugify(name) == ascii_slug(name)


NAMES = {
    "Совет министров ОБСЕ": "совет-министров-обсе",
    "Заседание СМИД ОБСЕ": "заседание-смид-обсе",
    "Хельсинки": "хельсинки",
    "Стокгольм": "стокгольм",
    "上海合作组织峰会": "上海合作组织峰会",
    "北京": "北京",
    "جامعة الدول العربية": "جامعة-الدول-العربية",
    "القاهرة": "القاهرة",
    "OSCE — Совет": "osce-совет",
    "ＯＳＣＥ Совет": "osce-совет",  # NFKC: full-width letters are letters
}


@pytest.mark.parametrize("name, slug", NAMES.items())
def test_a_name_in_another_script_keeps_its_letters(name, slug):
    assert browse.slugify(name) == slug


@settings(max_examples=300, deadline=None)
@given(name=st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВ北京上海合作عربيةالدول َ-.,—"), min_size=1, max_size=200))
def test_a_slug_in_any_script_is_a_short_path_of_words(name):
    slug = browse.slugify(name)
    assert slug and len(slug.encode("utf-8")) <= browse.SLUG_LENGTH and slug == browse.slugify(name)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug and "/" not in slug
    words = [w for w in re.split(r"[\s\-.,—]+", unicodedata.normalize("NFKC", name).casefold()) if any(c.isalnum() for c in w)]
    if words and len("-".join(words).encode()) <= browse.SLUG_LENGTH:
        assert slug == "-".join(words)


def test_names_in_other_scripts_do_not_collide():
    assert len({browse.slugify(name) for name in NAMES if "OSCE" not in name and "ＯＳＣＥ" not in name}) == len(NAMES) - 2


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


EVENTS = [  # slug, event, city, country
    ("2020-01-02-helsinki", "Совет министров ОБСЕ", "Хельсинки", "Финляндия"),
    ("2020-01-03-stockholm", "Заседание СМИД ОБСЕ", "Стокгольм", "Швеция"),
    ("2020-01-04-beijing", "上海合作组织峰会", "北京", "中国"),
    ("2020-01-05-shanghai", "上海合作组织外长会议", "上海", "中国"),
    ("2020-01-06-cairo", "جامعة الدول العربية", "القاهرة", "مصر"),
    ("2020-01-07-alexandria", "مجلس وزراء الخارجية العرب", "الإسكندرية", "مصر"),
]


def test_events_and_places_in_cyrillic_chinese_and_arabic_build_distinct_pages_whose_links_work(tmp_path):
    root = tmp_path / "project"
    copy_project(root, slugs=[])
    for slug, event, city, country in EVENTS:
        text = sidecar_text(**{"venue.event": event, "venue.city": city, "venue.country": country, "date": slug[:10], "source.capture": slug + ".txt"})
        (root / "transcripts" / f"{slug}.yml").write_text(text, "utf-8")
        (root / "transcripts" / f"{slug}.txt").write_text("Good afternoon.\n\nQuestion: What next?\n\nSergey Lavrov: We will see.\n", "utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SITE_URL": "http://127.0.0.1:8000/", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "diparchive", "--root", str(root), "build"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    docs = root / "docs"
    events = {p.relative_to(docs).as_posix() for p in (docs / "events").rglob("*.md")}
    expected = {f"events/{browse.slugify(e)}.md" for _, e, _, _ in EVENTS} | {f"events/places/{browse.slugify(c)}/{browse.slugify(t)}.md" for _, _, t, c in EVENTS}
    assert len(expected) == 2 * len(EVENTS) and expected <= events, sorted(events)
    assert "events/совет-министров-обсе.md" in events and "events/places/中国/北京.md" in events and "events/places/مصر/القاهرة.md" in events
    assert "events/x.md" not in events

    site = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=root, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    pages = [site / "events" / "index.html", *(site / "transcripts").glob("*/index.html"), *(site / "events").rglob("*/index.html")]
    reached = set()
    for page in pages:
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        url = "http://127.0.0.1:8000/" + page.parent.relative_to(site).as_posix() + "/"
        for href in parser.hrefs:
            target = urljoin(url, href)
            if not target.startswith("http://127.0.0.1:8000/"):
                continue
            path = unquote(urlsplit(target).path.removeprefix("/"))
            file = site / path
            assert (file / "index.html").is_file() if path.endswith("/") or not path else file.is_file(), (page, href)
            reached.add(path)
    for _, event, city, country in EVENTS:
        assert f"events/{browse.slugify(event)}/" in reached
        assert f"events/places/{browse.slugify(country)}/{browse.slugify(city)}/" in reached
    html = (site / "events" / "index.html").read_text("utf-8")
    assert 'href="%D1%81%D0%BE%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D0%BD%D0%B8%D1%81%D1%82%D1%80%D0%BE%D0%B2-%D0%BE%D0%B1%D1%81%D0%B5/"' in html


# --------------------------------------------------------------------------- aliases are text


def gazetteer(*aliases: str) -> Gazetteer:
    return Gazetteer([Entity("someone", "person", "Some One", "x", aliases)])


def test_an_alias_is_literal_text_never_a_pattern():
    found = gazetteer(".*").find("He said so... Then (.*) and .* appeared; S.O. and Some Ones.")
    assert [(m.entity, m.text) for m in found] == [("someone", ".*"), ("someone", ".*")]
    assert [m.text for m in gazetteer("Lavrov*").find("Lavrovs and Lavrov and Lavrov* spoke")] == ["Lavrov*"]
    assert [m.text for m in gazetteer("S.O.").find("S.O. met SxOx.")] == ["S.O."]
    assert gazetteer(".*", "[a-z]+", "(a+)+").find("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! abc") == []
    assert [m.text for m in gazetteer().find("Some One spoke to Some  One")] == ["Some One", "Some  One"]


# --------------------------------------------------------------------------- theme signals are words


THEME = "- id: test\n  label: Test\n  description: A test.\n  signals: [{signals}]\n  examples: [{examples}]\n"


@pytest.mark.parametrize("signal", ["'*'", "'(a+)+'", "'['", "'terror*ism'", "'**'", "'a|b'", "'\\d+'", "'—'", "'x?'", "'^NATO$'"])
def test_a_signal_that_is_a_pattern_or_no_word_is_refused_in_one_line(tmp_path, signal):
    path = tmp_path / "themes.yml"
    path.write_text(THEME.format(signals=f"nato, {signal}", examples="NATO"), "utf-8")
    shown = yaml.safe_load(signal)
    assert refusal(read_themes, path, "transcripts/themes.yml") == (
        "transcripts/themes.yml, theme 1, field 'signals' (line 4): expected a signal of words, not a regular expression: "
        "with a letter or digit, none of \\ ^ $ | ? + ( ) [ ] { }, and '*' only at the end of a word, for the rest of it "
        f"('terroris*'); found {shown!r}"
    )


def test_a_theme_whose_signals_miss_its_own_example_is_refused(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(THEME.format(signals="nato enlargement", examples="'NATO enlargement', 'the open door'"), "utf-8")
    assert refusal(read_themes, path, "transcripts/themes.yml") == (
        "transcripts/themes.yml, theme 1, field 'examples' (line 5): expected an example one of the theme's signals tags "
        "(signals: 'nato enlargement'); found 'the open door'"
    )


def test_words_signals_and_wildcards_still_read_and_tag(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(THEME.format(signals="'terroris*', 'U.S.-Russia', 'Minsk “Package', 'NATO’s'", examples="'terrorists struck', 'U.S.-Russia talks', 'NATO''s door'"), "utf-8")
    vocabulary = read_themes(path, "transcripts/themes.yml")
    assert "test" in vocabulary.signals_in("against terrorism") and "test" not in vocabulary.signals_in("terror")
    assert read_themes(TRANSCRIPTS / "themes.yml", "transcripts/themes.yml")  # the archive's own vocabulary
