"""One person across the archive's collections (``identities.yml``, ``site/identities.py``,
``scripts/propose_identities.py``): the declaration checked, the proposals joining spellings of
one person and keeping namesakes apart, and a person's page linking their pages in the other
collections, with how much they say there as that collection's own site counts it."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from diparchive.infra.errors import InputError
from diparchive.model import Person
from diparchive.site.identities import elsewhere, read_identities

sys.path.insert(0, str(ROOT / "scripts"))
import propose_identities  # noqa: E402

COLLECTIONS = {"default": "Diplomatic transcripts", "kremlin": "Kremlin (English)", "un": "UN General Debate"}
SEARCH = [{"id": cid, "name": name, "url": f"https://example.org/{cid}/"} for cid, name in COLLECTIONS.items()]


def declared(tmp_path, text: str) -> dict:
    path = tmp_path / "identities.yml"
    path.write_text(text, "utf-8")
    return read_identities(path, COLLECTIONS)


# --------------------------------------------------------------------------- the declaration


def test_an_identity_gives_a_persons_ids_in_each_collection_and_their_pages_elsewhere(tmp_path):
    identities = declared(tmp_path, "sergey-lavrov:\n  name: Sergey Lavrov\n  default: sergey-lavrov\n  kremlin: sergei-lavrov\n"
                                    "  un: [sergey-lavrov-rus, sergei-lavrov-rus]\n")
    assert identities == {"sergey-lavrov": {"default": ("sergey-lavrov",), "kremlin": ("sergei-lavrov",), "un": ("sergey-lavrov-rus", "sergei-lavrov-rus")}}
    pages = elsewhere(identities, SEARCH, "default")
    assert [e.page for e in pages["sergey-lavrov"]] == [
        "https://example.org/kremlin/people/sergei-lavrov/", "https://example.org/un/people/sergey-lavrov-rus/", "https://example.org/un/people/sergei-lavrov-rus/"]
    assert [e.page for e in elsewhere(identities, SEARCH, "un")["sergei-lavrov-rus"]][0] == "https://example.org/default/people/sergey-lavrov/"
    assert "vladimir-putin" not in pages  # no identity, no section


@pytest.mark.parametrize("text, found", [
    ("lavrov:\n  name: Sergey Lavrov\n  default: sergey-lavrov\n  mars: lavrov\n", "field 'mars'"),
    ("lavrov:\n  name: Sergey Lavrov\n  default: sergey-lavrov\n", "in two collections or more"),
    ("lavrov:\n  default: sergey-lavrov\n  kremlin: sergei-lavrov\n", "'name:'"),
    ("lavrov:\n  name: Sergey Lavrov\n  default: Sergey Lavrov\n  kremlin: sergei-lavrov\n", "field 'default'"),
    # one person of a collection in two identities: two namesakes can never be made one by accident
    ("a:\n  name: Sergei Ivanov\n  default: x\n  kremlin: sergei-ivanov\nb:\n  name: Sergei Ivanov\n  un: y\n  kremlin: sergei-ivanov\n",
     "already in 'a'"),
])
def test_a_wrong_declaration_is_one_line_naming_the_entry(tmp_path, text, found):
    with pytest.raises(InputError) as caught:
        declared(tmp_path, text)
    message = str(caught.value)
    assert "identities.yml" in message and found in message and "\n" not in message


# --------------------------------------------------------------------------- the proposals


def person(pid: str, name: str, *aliases: str) -> Person:
    return Person(pid, name, "", aliases)


def test_spellings_of_one_person_are_joined_and_namesakes_are_left_to_a_curator():
    people_of = {
        "default": {"sergey-lavrov": person("sergey-lavrov", "Sergey Lavrov", "S.V. Lavrov"),
                    "volodymyr-zelenskyy": person("volodymyr-zelenskyy", "Volodymyr Zelenskyy")},
        "kremlin": {"sergei-lavrov": person("sergei-lavrov", "Sergei Lavrov"),
                    "sergei-ivanov": person("sergei-ivanov", "Sergei Ivanov"),
                    "sergei-ivanov-alrosa": person("sergei-ivanov-alrosa", "Sergei Ivanov")},
        "un": {"mr-sergey-v-lavrov-rus": person("mr-sergey-v-lavrov-rus", "Mr. Sergey V. Lavrov"),
               "sergei-lavrov-rus": person("sergei-lavrov-rus", "Sergei Lavrov"),
               "sergei-ivanov-rus": person("sergei-ivanov-rus", "Sergei Ivanov"),
               "volodymyr-zelensky-ukr": person("volodymyr-zelensky-ukr", "Volodymyr Zelensky")},
    }
    identities, undecided = propose_identities.propose(people_of)
    assert identities["sergey-lavrov"] == {"name": "Sergey Lavrov", "default": "sergey-lavrov", "kremlin": "sergei-lavrov",
                                           "un": ["mr-sergey-v-lavrov-rus", "sergei-lavrov-rus"]}
    assert identities["volodymyr-zelenskyy"]["un"] == "volodymyr-zelensky-ukr"
    assert not any("ivanov" in ident for ident in identities)  # the Kremlin's two Sergei Ivanovs: no telling which
    assert undecided == {"sergei ivanov": ["kremlin"]}
    assert propose_identities.name_key("Mr. Sergei V. Lavrov") == propose_identities.name_key("Sergey Lavrov")
    assert propose_identities.name_key("Sergei Ivanov") != propose_identities.name_key("Igor Ivanov")


CHECKED_BY_HAND = (
    "kersti-kaljulaid", "jean-yves-le-drian", "emmanuel-macron", "lazarus-chakwera", "ilham-aliyev", "francois-hollande", "heiko-maas",
    "hamad-bin-isa-al-khalifa", "benjamin-netanyahu", "vladimir-putin", "mahmoud-abbas", "william-ruto", "yoweri-museveni", "gjorge-ivanov",
    "linda-thomas-greenfield", "boyko-borissov", "maia-sandu", "jacob-zuma", "angela-merkel", "pedro-sanchez", "edi-rama", "rumen-radev",
    "jan-lipavsky", "xi-jinping", "abdulaziz-kamilov", "peter-pellegrini", "milos-zeman", "tamim-bin-hamad-al-thani", "olaf-scholz",
    "nikos-christodoulides",
)
"""30 of the proposed joins drawn at random (random.Random(26)) and checked by hand against the
registries' names and the people's offices: each is one person in every collection it names."""


def test_the_repositorys_identities_are_well_formed_and_join_the_people_the_issue_names():
    collections = {c["id"]: c["name"] for c in [{"id": cid, "name": cid} for cid in yaml.safe_load((ROOT / "collections.yml").read_text("utf-8"))]}
    identities = read_identities(ROOT / "identities.yml", collections)
    assert len(identities) >= 100
    for ident, collections_of in (("sergey-lavrov", {"default", "kremlin", "un"}), ("vladimir-putin", {"default", "kremlin", "un"}),
                                  ("jens-stoltenberg", {"default", "un", "state", "whitehouse"}), ("antony-blinken", {"default", "state", "whitehouse"}),
                                  ("joe-biden", {"default", "un", "whitehouse"}), ("volodymyr-zelenskyy", {"un", "whitehouse"})):
        assert collections_of <= set(identities[ident]), (ident, identities.get(ident))
    assert all(len(identities[ident]) >= 2 for ident in CHECKED_BY_HAND)
    own = yaml.safe_load((ROOT / "transcripts" / "people.yml").read_text("utf-8"))
    assert all(pid in own for ids in identities.values() for pid in ids.get("default", ()))


# --------------------------------------------------------------------------- the person's page


def test_a_persons_page_links_their_pages_in_the_other_collections_and_no_one_elses(site):
    html = urllib.request.urlopen(site + "people/sergey-lavrov/").read().decode("utf-8")
    assert 'href="https://diplomatic-transcripts.github.io/kremlin/people/sergei-lavrov/"' in html
    assert 'data-page="people/sergey-lavrov-rus/"' in html and "person-elsewhere.js" in html
    identities = yaml.safe_load((ROOT / "identities.yml").read_text("utf-8"))
    joined = {entry["default"] for entry in identities.values() if "default" in entry}
    pages = sorted(p.stem for p in (ROOT / "docs" / "people").glob("*.md") if p.stem not in {"index", "notes"})
    alone = [pid for pid in pages if pid not in joined]
    assert alone and joined & set(pages)
    for pid in alone:  # a person in this collection only: no section, no script
        html = urllib.request.urlopen(site + f"people/{pid}/").read().decode("utf-8")
        assert "archive-elsewhere" not in html and "person-elsewhere.js" not in html, pid


@pytest.fixture(scope="module")
def two_collections(tmp_path_factory):
    """Two collections served on origins of their own, as two published sites: the default four,
    and a second collection (declared as the Kremlin's) holding one of them, the Security Council
    of February 2022, in which Vladimir Putin speaks, and Sergey Lavrov, spelt there as the
    Kremlin spells him (Sergei Lavrov, ``sergei-lavrov``: identities.yml joins the two). Yields
    (default address, other address)."""
    import functools
    import shutil
    import subprocess
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import _Shared, copy_project

    base = tmp_path_factory.mktemp("identities")
    other = base / "other"
    copy_project(other, ["2022-02-21-lavrov-putin-security-council-moscow"])
    for name in ("collections.yml", "identities.yml"):
        shutil.copy(ROOT / name, other / name)
    people = other / "transcripts" / "people.yml"
    people.write_text(people.read_text("utf-8").replace("sergey-lavrov:\n  name: Sergey Lavrov\n", "sergei-lavrov:\n  name: Sergei Lavrov\n")
                      .replace("    - Sergei Lavrov\n", "    - Sergey Lavrov\n"), "utf-8")
    sidecar = other / "transcripts" / "2022-02-21-lavrov-putin-security-council-moscow.yml"
    sidecar.write_text(sidecar.read_text("utf-8").replace("person: sergey-lavrov", "person: sergei-lavrov"), "utf-8")
    servers = {
        "default": ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Shared, directory=str(base / "default"))),
        "kremlin": ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Shared, directory=str(other / "site"))),
    }
    urls = {cid: f"http://127.0.0.1:{server.server_address[1]}/" for cid, server in servers.items()}
    urls["un"] = "http://127.0.0.1:9/"  # a collection whose site does not answer
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "DIPARCHIVE_COLLECTION_URLS": ",".join(f"{c}={u}" for c, u in urls.items())}
    for cid, cwd, out in (("kremlin", other, other / "site"), ("default", ROOT, base / "default")):
        if cid == "kremlin":
            subprocess.run([sys.executable, "-m", "diparchive", "build"], cwd=cwd, check=True, capture_output=True, env=env)
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=cwd, capture_output=True, text=True,
                             env={**env, "SITE_URL": urls[cid], "DIPARCHIVE_COLLECTION": cid})
        assert run.returncode == 0, run.stderr[-2000:]
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield urls["default"], urls["kremlin"]
    for server in servers.values():
        server.shutdown()


@pytest.mark.browser
def test_a_persons_page_says_how_much_they_say_in_another_collection_as_its_open_data_counts(two_collections, page):
    """Vladimir Putin's page links his page on the other collection's site, and says how much he
    says there, as that site's open data counts it; the UN's pages of him are links of their own."""
    from test_search_reader import spoken

    default, other = two_collections
    counts = spoken(other)["Vladimir Putin"]
    page.goto(default + "people/vladimir-putin/")
    selector = ".archive-elsewhere li[data-collection='kremlin']"
    page.wait_for_function(f"() => document.querySelector({selector!r})?.dataset.transcripts", timeout=10_000)
    item = page.locator(selector)
    assert item.locator("a").get_attribute("href") == other + "people/vladimir-putin/"
    assert (int(item.get_attribute("data-passages")), int(item.get_attribute("data-transcripts"))) == counts
    assert f"{counts[0]} passages of {counts[1]} transcript" in item.inner_text()
    assert page.request.get(other + "people/vladimir-putin/").ok
    un = page.locator(".archive-elsewhere li[data-collection='un']")
    assert un.count() >= 1 and not un.first.get_attribute("data-transcripts")  # a site that does not answer leaves the link alone
    # and the other way: his page there links his page here
    page.goto(other + "people/vladimir-putin/")
    assert page.locator(".archive-elsewhere li[data-collection='default'] a").get_attribute("href") == default + "people/vladimir-putin/"


# --------------------------------------------------------------------------- one person in a search of several


def speakers_searched(page, url: str, state: str) -> dict[str, dict]:
    """A search of several collections from the site at ``url``: per collection, its count line
    and the speakers of its results (from the result's own voice line)."""
    from test_search_collections import open_search, sections

    open_search(page, url, state)
    found = {s["id"]: s for s in sections(page)}
    for cid in found:
        section = page.locator(f".archive-collection[data-collection='{cid}']")
        found[cid]["count"] = section.locator(".archive-collection__count").inner_text()
        found[cid]["voices"] = section.locator(".archive-result .archive-result__speaker").all_inner_texts()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("home", ["default", "kremlin"])
def test_a_speaker_chosen_in_a_search_of_several_collections_is_the_same_person_in_each(two_collections, page, home):
    """Sergey Lavrov chosen on either site finds his passages in both, as each collection names
    him (Sergey here, Sergei there), as many as each site's own search of its own name finds."""
    from urllib.parse import quote

    from test_search_collections import open_search

    urls = dict(zip(("default", "kremlin"), two_collections))
    named = {"default": "Sergey Lavrov", "kremlin": "Sergei Lavrov"}
    own = {}
    for cid, url in urls.items():
        open_search(page, url, f"q=NATO&speaker={quote(named[cid])}")
        own[cid] = int(page.inner_text("#archive-status").split()[0].replace(",", ""))
        assert own[cid] > 0, cid
    found = speakers_searched(page, urls[home], f"q=NATO&speaker={quote(named[home])}&in=default&in=kremlin")
    assert set(found) == {"default", "kremlin"}
    for cid, section in found.items():
        assert section["count"].startswith(f"({own[cid]} "), (cid, section["count"], own[cid])
        assert section["voices"] and all(named[cid] in voice for voice in section["voices"]), (cid, section["voices"])  # he speaks, or a report quotes him
        assert ("speaker here: " + named[cid] in section["count"]) == (cid != home)


@pytest.mark.browser
def test_a_person_no_identity_joins_is_in_no_other_collection_and_namesakes_stay_apart(two_collections, page):
    """The rule itself, on made-up collections: a joined person is searched under each
    collection's names of them; a person of this collection whom no identity joins is no one
    elsewhere, even where another collection has a namesake; a name this collection lacks is
    taken from the identities of the others, else searched as written."""
    default, _ = two_collections
    page.goto(default + "about/")
    got = page.evaluate(
        """async (url) => {
          const { speakersThere, NO_ONE } = await import(url);
          const homeMap = { "Sergey Lavrov": "lavrov" };
          const there = { "Sergei Lavrov": "lavrov", "S. Lavrov": "lavrov", "Sergei Ivanov": "ivanov-kgb" };
          const homeNames = new Set(["Sergey Lavrov", "Sergei Ivanov"]);
          const ask = (values, self = false, anywhere = {}) => speakersThere(values, { homeNames, homeMap, there: self ? homeMap : there, anywhere, self });
          return {
            joined: ask(["Sergey Lavrov"]), joinedHome: ask(["Sergey Lavrov"], true),
            namesake: ask(["Sergei Ivanov"]), namesakeHome: ask(["Sergei Ivanov"], true),
            elsewhere: ask(["Sergei Lavrov"], false, there), elsewhereHome: ask(["Sergei Lavrov"], true, there),
            unknown: ask(["Nobody Known"]), both: ask(["Sergey Lavrov", "Sergei Ivanov"]), none: NO_ONE,
            hostile: ask(["constructor", "__proto__", "<img src=x onerror=alert(1)>"]),
          };
        }""",
        default + "assets/search-collections.js",
    )
    none = got.pop("none")
    assert got == {
        "joined": ["S. Lavrov", "Sergei Lavrov"], "joinedHome": ["Sergey Lavrov"],
        "namesake": [none], "namesakeHome": ["Sergei Ivanov"],
        "elsewhere": ["S. Lavrov", "Sergei Lavrov"], "elsewhereHome": ["Sergey Lavrov"],
        "unknown": ["Nobody Known"], "both": ["S. Lavrov", "Sergei Lavrov"],
        "hostile": ["<img src=x onerror=alert(1)>", "__proto__", "constructor"],  # names as written, never the object's own properties
    }


def test_the_search_configuration_names_the_joined_speakers_and_no_one_else(site):
    """Each site's search configuration maps the speaker filter's names of its joined people to
    their identity, for a search of several collections; no other name is in it."""
    import json

    config = json.loads(urllib.request.urlopen(site + "assets/search-config.json").read().decode("utf-8"))
    identities = yaml.safe_load((ROOT / "identities.yml").read_text("utf-8"))
    people = yaml.safe_load((ROOT / "transcripts" / "people.yml").read_text("utf-8"))
    joined = {people[entry["default"]]["name"]: ident for ident, entry in identities.items() if entry.get("default") in people}
    assert config["identities"]["Sergey Lavrov"] == "sergey-lavrov" and config["identities"]["Vladimir Putin"] == "vladimir-putin"
    assert set(config["identities"].items()) <= set(joined.items())
    records = [json.loads(line) for line in urllib.request.urlopen(site + "data/corpus.jsonl").read().decode("utf-8").splitlines()]
    voices = {r["speaker"] for r in records} | {name for r in records for name in r["quoted"]}
    # every voice of the index that is joined (speakers, and people a report quotes), and no one else
    assert set(config["identities"]) == voices & set(joined) and "Question" not in config["identities"]


HOSTILE = '<img src=x onerror="window.pwned=1">Vladimir "V." Putin & =SUM(1)'


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_other_collections_answer_stays_text_and_the_section_fits_a_phone_and_a_desktop(two_collections, page, width):
    """What another site says of the person (its vocabulary file) is data: a hostile name is
    shown as written, runs nothing, and the section fits a 390 px phone and a desktop."""
    import json

    default, other = two_collections
    page.set_viewport_size({"width": width, "height": 800})
    answer = json.dumps({"words": {}, "people": [[HOSTILE, "people/vladimir-putin/", 7, 2]]})
    page.route(other + "search-data/words/**", lambda route: route.fulfill(status=200, content_type="application/json", body=answer))
    page.goto(default + "people/vladimir-putin/")
    item = page.locator(".archive-elsewhere li[data-collection='kremlin']")
    page.wait_for_function("() => document.querySelector(\".archive-elsewhere li[data-collection='kremlin']\").dataset.transcripts")
    assert item.locator(".archive-elsewhere__count").inner_text() == f", as “{HOSTILE}”: speaks or is quoted in 7 passages of 2 transcripts"
    assert page.locator(".archive-elsewhere img").count() == 0 and page.evaluate("window.pwned") is None
    assert page.is_visible(".archive-elsewhere")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".archive-elsewhere").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
