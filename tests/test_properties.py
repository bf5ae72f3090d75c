"""Invariants over arbitrary text (hypothesis): any text renders as itself; cleaning and
segmentation never lose or alter a kept character; every line is accounted for."""

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.utils import yaml_load
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SIDECAR, TRANSCRIPTS
from diparchive.clean.clean import clean, normalise
from diparchive.infra.errors import BuildFailed
from diparchive.publish.markdown_text import escape
from diparchive.model import SourceText
from diparchive.ingest.people import Registry, read_people
from diparchive.clean.rules import LINE_RULES
from diparchive.segment.segment import LabelResolver, segment
from diparchive.ingest.sidecar import read_sidecar


def markdown_config():
    """The Markdown extensions exactly as mkdocs.yml configures them."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it knows !ENV
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    return extensions, configs


EXTENSIONS, CONFIGS = markdown_config()


class TextOf(HTMLParser):
    """The text a reader sees in one element (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def shown(md: str) -> tuple[str, list[str]]:
    parser = TextOf()
    parser.feed(markdown.markdown(md, extensions=EXTENSIONS, extension_configs=CONFIGS))
    return "".join(parser.parts), parser.tags


MARKUP = [
    "*", "**", "_", "__", "`", "#", "# ", "## ", "> ", "1. ", "2) ", "- ", "+ ", "* ", "---", "===", "<", ">", "&",
    "&amp;", "&#169;", "&nbsp;", "<script>alert(1)</script>", "<b>", "[x](y)", "![i](j)", "[^1]", "[TOC]", "{: .c }",
    "{ #id }", "\\", "\\*", "|", "| a | b |", "~~", "^", "$", ":", "::", "!!! note", "http://example.org", "<http://a.b>",
    "    ", "\t", "\u00a0", " ", "word", "Lavrov", "“", "”", "«", "»", "é", "Ф", "1", ".", "(", ")", "'", '"',
]
TEXT = st.one_of(
    st.lists(st.sampled_from(MARKUP), min_size=1, max_size=12).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60),
).map(normalise).filter(bool)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_any_text_renders_as_itself_in_a_paragraph(text):
    seen, tags = shown(f"[7](#L3){{ .para-number }} {escape(text)}\n{{ #L3 .para }}\n")
    assert seen == f"7 {text}"
    assert tags == ["p", "a"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_renders_as_itself_in_a_heading_and_a_label(text):
    seen, tags = shown(f"## {escape(text)} {{ #L5 }}\n")
    assert (seen, tags) == (text, ["h2"])
    seen, tags = shown(f"**{escape(text)}**{{ .speaker-name }} *{escape(text)}*{{ .speaker-label }}\n")
    assert (seen, tags) == (f"{text} {text}", ["p", "strong", "em"])


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)


INVISIBLE = {"\u200b", "\u2060", "\ufeff", "\u00ad"}
FURNITURE = [example for rule in LINE_RULES for example in rule.examples]
LINES = st.lists(
    st.one_of(
        st.sampled_from(FURNITURE),
        st.sampled_from(["", " ", "Question: What next?", "S.V. Lavrov: We shall see.", "***", "Eyes On The SCO"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    path = tmp_path_factory.mktemp("meta") / "t.yml"
    path.write_text(SIDECAR, "utf-8")
    meta = read_sidecar(path, "t", "t.yml")
    return meta, Registry(read_people(TRANSCRIPTS / "people.yml", "people.yml"))


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in INVISIBLE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINES)
def test_cleaning_keeps_every_character_of_a_kept_line_and_accounts_for_every_line(setting, lines):
    meta, registry = setting
    resolver = LabelResolver(meta, registry)
    source = SourceText(Path("t.txt"), tuple(lines), "0")
    result = clean(source, meta, resolver.is_label)
    # A unit is a line, or in a hard-wrapped capture a paragraph of adjacent lines (shape.py):
    # every non-blank line lies in exactly one unit, kept or removed, and keeps every character.
    spans = [(k.no, k.end or k.no, k.text) for k in result.kept] + [(r.line, r.end or r.line, r.text) for r in result.removals]
    covered = [no for start, end, _ in spans for no in range(start, end + 1) if normalise(lines[no - 1])]
    nonblank = [no for no, line in enumerate(lines, 1) if normalise(line)]
    assert sorted(covered) == nonblank
    for start, end, text in spans:
        assert visible(text) == "".join(visible(lines[no - 1]) for no in range(start, end + 1))
    by_line = {k.no: k.text for k in result.kept}

    try:
        blocks, turns = segment(result, meta, resolver)
    except BuildFailed:
        assume(False)  # an unknown label-shaped line: refused loudly, tested elsewhere
    labels = {b.line: turns[b.turn].label for b in blocks if b.starts_turn and turns[b.turn].label}
    rebuilt = {b.line: (labels[b.line] + " " + b.text if b.line in labels else b.text) for b in blocks}
    for no, text in by_line.items():
        if no in rebuilt:
            assert visible(rebuilt[no]) == visible(text)
        else:  # a label alone on its line opens the turn of the next paragraph
            assert any(turn.label == text for turn in turns)


# The quick test that lets theme tagging skip a theme: never skips one that would match.
WORDLIKE = st.text(alphabet=st.sampled_from("aAbBnNtTo'’-–. *\u00a0çÇß"), min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(phrases=st.lists(WORDLIKE, min_size=1, max_size=4), text=st.text(alphabet=st.sampled_from("aAbBnNtTo'’-–., *\u00a0çÇß\n"), max_size=60))
def test_a_phrase_set_is_never_skipped_when_it_would_match(phrases, text):
    from diparchive.enrich.matching import PhraseSet, Words, fold

    phrases = [p for p in phrases if p.split() and p.split()[0] != "*"]
    assume(phrases)
    for case_sensitive in (True, False):
        try:
            found = PhraseSet([(p, "k") for p in phrases], case_sensitive=case_sensitive)
        except ValueError:
            return
        if found.find(text):
            assert found.may_occur_in(Words(fold(text))), (phrases, text)


REMOVED_TEXT = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["President of Russia", "Direct link: en.kremlin.ru/d/43121", "null", "- item", "# not a comment", "'quoted'",
                     '"double"', "key: value", "  leading", "trailing  ", "2008-12-05", "1.5", "yes", "~", "a\u2028b", "\ufeffbom",
                     "Русский", "x" * 5000, "", "@at", "`tick`", "*alias", "&anchor", "!tag", "%percent", "{flow}", "[list]"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["page-header", "share-buttons", "photo-caption"]), REMOVED_TEXT,
                               st.sampled_from([None, "ru", "fr"])), max_size=12),
    before=st.dictionaries(st.sampled_from(["title", "date", "speakers"]), st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3))),
    after=st.dictionaries(st.sampled_from(["stats", "themes", "zz"]), st.one_of(st.integers(), st.text(max_size=30))),
)
def test_the_front_matter_is_byte_for_byte_what_one_yaml_dump_writes(entries, before, after):
    """render.FrontMatter dumps each distinct removed line once per process: the page must be
    exactly what python-frontmatter writes with one yaml.dump of it all, whatever the text."""
    import frontmatter

    from diparchive.publish.render import page

    removed = [{"line": n, "rule": rule, "text": text, "lang": lang} for n, rule, text, lang in entries]
    meta = {**before, "removed": removed, **after}
    options = dict(sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    expected = frontmatter.dumps(frontmatter.Post("Body.", **meta), **options).rstrip("\n") + "\n"
    assert page(meta, "Body.") == expected
    assert page(meta, "Body.") == expected  # and again, from the dumped entries
