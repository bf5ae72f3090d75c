"""Draft a sidecar from what a capture states about itself (``diparchive add``).

Every value drafted here comes from the capture: its YAML header or its page's ``<head>``, the
lines of its article header (headline, date, time, place), its speaker labels and its address.
Each drafted field is listed under ``draft`` in the sidecar, with the basis written beside it, for
a curator to review; what cannot be determined is reported and left out. Publishers are
recognised by the address the capture states (or a corpus's file naming), through their profiles
(``curate/profiles/``), only to fill in their name, licence and language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
import re
from dataclasses import dataclass, field
from pathlib import Path

from diparchive.model import SourceText
from diparchive.curate.profile import profile_for
from diparchive.infra.slugs import id_slug, page_slug
from diparchive.ingest.people import Registry, alias_key
from diparchive.clean.context import INTRODUCES, TAG_HEADINGS, _place_like
from diparchive.clean.rules import RULES
from diparchive.text import is_sentence
from diparchive.ingest.labels import MARKED_MAX, NAMED, split_label
from diparchive.segment.segment import ANONYMOUS, QUESTION, SPEECH_KINDS, TITLES
from diparchive.ingest.sidecar import is_report
from diparchive.clean.shape import layout
from diparchive.clean.clean import DESK, HONORIFICS, MEDIUM, SMALL_WORDS, office_shaped, unaddressed

UNGDC_FILE = re.compile(r"^(?P<iso>[A-Z]{3})_(?P<session>\d{1,3})_(?P<year>\d{4})$")
"""The UN General Debate Corpus names each statement ISO3_SESSION_YEAR."""

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
DATE_WORDS = re.compile(r"^(?:\w+day,?\s+)?(?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$|^(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]+)\s+(?P<year2>\d{4})$")
TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$")
PUBLISHED = re.compile(r"^Publication date:\s*(.+?\d{4})(?:,\s*(\d{1,2}:\d{2}))?$")
URL_LINE = re.compile(r"^(?:https?://)\S+$")
TITLE_SPLIT = re.compile(r"\s+[•|–—-]\s+")


@dataclass
class Draft:
    values: dict = field(default_factory=dict)  # dotted path -> value
    basis: dict = field(default_factory=dict)  # dotted path -> where it comes from
    missing: list = field(default_factory=list)  # what could not be determined
    new_people: dict = field(default_factory=dict)  # proposed id -> {name, aliases}
    registry_asked: bool = False  # a label was looked up: a draft against another registry may differ

    def put(self, path: str, value, basis: str) -> None:
        if value not in (None, "", [], ()):
            self.values[path] = value
            self.basis[path] = basis


def slugify(text: str, limit: int = 8) -> str:
    """A drafted slug or person id: the first ``limit`` words as ASCII (``slugs.id_slug``)."""
    return id_slug(text, limit) or "capture"


def _date(text: str) -> str | None:
    m = DATE_WORDS.match(text.strip())
    if not m:
        return None
    month = (m.group("month") or m.group("month2") or "").lower()
    day, year = m.group("day") or m.group("day2"), m.group("year") or m.group("year2")
    if month not in MONTHS:
        return None
    try:
        return dt.date(int(year), MONTHS[month], int(day)).isoformat()
    except ValueError:
        return None


def draft(source: SourceText, registry: Registry, name: str) -> Draft:
    d = Draft()
    header = source.header
    units = [u for u in layout(source).units if source.hints.get(u.no) != "front-matter" and u.text]
    texts = [u.text for u in units]
    stem = Path(name).stem

    # The headline: the page's h1, the header's title, or the page title's first part as a line.
    headline = next((u.text for u in units if source.hints.get(u.no) == "heading:1"), None)
    title = header.get("og:title") or header.get("title")
    if headline is None and title:
        candidate = TITLE_SPLIT.split(title)[0] if title not in texts else title
        headline = candidate if candidate in texts else None
    if headline is None and not title:
        first = TITLE_SPLIT.split(texts[0])[0] if texts else None
        if first and texts.count(first) >= 1 and first != texts[0]:
            headline = first
    shown_title = title and TITLE_SPLIT.split(title)[0] if source.form == "html" else title
    d.put("title", " ".join((headline or shown_title or "").split()) or None, "the capture's headline" if headline else "the capture's title")
    if headline and headline in texts:
        d.put("source.headline", [headline], "the headline line of the capture")
    if "title" not in d.values:
        d.missing.append("title: the capture states none")

    # Date, time and place: the header's values, else the article header's lines.
    start = texts.index(headline) + 1 if headline in texts else 0
    head_lines = texts[start : start + 8]
    date = header.get("itemprop:datePublished") or header.get("article:published_time") or header.get("date")
    if date:
        d.put("date", date[:10], "")
        d.put("date_basis", f"The capture states the date of publication ({date[:10]}); check that the event took place that day.", "the same statement of the capture")
        d.basis["date"] = "the capture's own date of publication"
    else:
        found = next((_date(t) for t in head_lines if _date(t)), None) or next((_date(t) for t in texts if _date(t)), None)
        ungdc = UNGDC_FILE.match(stem)
        if found:
            d.put("date", found, "a date line of the article header")
            d.put("date_basis", f"Stated in the capture's article header ({found}).", "the same statement of the capture")
        elif ungdc:
            d.put("date", ungdc.group("year"), "the UN General Debate Corpus file name (session and year)")
            d.put("date_basis", f"The {ungdc.group('session')}th session's general debate, in {ungdc.group('year')} (the corpus file name); the day is not stated in the capture.", "the same statement of the capture")
        else:
            d.missing.append("date: the capture states none")
    time = next((t for t in head_lines if TIME.match(t)), None)
    published = next((PUBLISHED.match(t) for t in texts if PUBLISHED.match(t)), None)
    if "date" not in d.values and published and _date(published.group(1)):
        d.put("date", _date(published.group(1)), "the capture's publication date")
        d.put("date_basis", f"The capture's publication date ({published.group(1)}); check the event's own date.", "the same statement of the capture")
        d.missing = [m for m in d.missing if not m.startswith("date")]
        time = time or published.group(2)
    if time is None and source.form == "markdown":
        time = next((t for t in texts[:10] if TIME.match(t)), None)
    d.put("time", time, "a time line of the article header")
    places = []
    dated = False  # the place line follows the date and time lines; a lead may come before them
    for t in (head_lines if headline else []):
        if TIME.match(t) or _date(t) or RULES["bare-date"].matches(t):
            dated = True
            continue
        if is_sentence(t) or split_label(t) or (INTRODUCES.search(t) and not dated):
            if dated:
                break  # the text has begun
            continue  # the lead
        if not dated or t == headline or t in {"Events", "News", "Transcripts"}:
            continue
        if source.form == "html" and source.hints.get(units[texts.index(t)].no) == "tag":
            continue
        if not _place_like(t) or TAG_HEADINGS.match(t):
            break  # the text has begun ('The message reads, in part:'), or the tags (a page without text)
        places.append(t)
    if source.form == "markdown":
        places = []
        for no, line in enumerate(source.lines, 1):
            t = " ".join(line.replace("\u00a0", " ").split()).strip("*_ ")
            if source.hints.get(no) == "front-matter" or not t:
                continue
            place_shaped = len(t.split()) <= 12 and capitalised(t.replace(" | ", ", "))  # 'The Ellipse Washington, D.C.' is no sentence
            if (is_sentence(t) and not place_shaped) or split_label(t) or TIME.match(t) or len(places) >= 3:
                break
            places.extend(part.strip() for part in t.split(" | "))  # 'Marriott Marquis | Washington, D.C.'

    # A transcript's header, where it opens with bylines ('Antony J. Blinken, Secretary of State'):
    # its place line and its site, before the first turn.
    marked = {u.text for u in units if source.hints.get(u.no) == "label"}  # a bold run ending in a colon
    block = header_block([t for t in texts[start:] if t not in {headline, title}], marked)
    # Without a byline, the place and site lines that run up to the first label ('Honolulu, Hawaii',
    # 'Asia-Pacific Center for Security Studies', 'SECRETARY BLINKEN: …'), where nothing else gave a venue.
    if block.bylines or (block.place and not places and not any(k.startswith("venue.") for k in d.values)):
        places = []
        city, country = (block.city, None) if block.city else place_parts(block.place) if block.place else (None, None)
        d.put("venue.city", city, "the place line before the first turn")
        d.put("venue.country", country, "the place line before the first turn")
        site = block.site if city else block.place
        if site:
            d.put("venue.place", site, "the site line before the first turn" if city else "the place line before the first turn")
        d.put("venue.event", block.event, "the line after the place and the site, before the first turn")
    if places:
        d.put("venue.place", ", ".join(places), "the place line(s) of the article header")

    # Address, publisher, licence.
    url = header.get("og:url") or header.get("source_url") or header.get("canonical")
    if not url or not url.startswith("http"):
        url = next((t for t in texts if URL_LINE.match(t)), None)
    d.put("source.url", url, "the address the capture states")
    known = profile_for(url, stem)  # its address, else a corpus's file naming
    if known:
        d.put("source.publisher", known.publisher, "the publisher's profile, recognised from the capture's address or file name")
        d.put("licence.status", known.licence["status"], "the publisher's terms (its profile)")
        d.put("licence.note", known.licence["note"], "the publisher's terms (its profile)")
        d.put("licence.url", known.licence.get("url"), "the publisher's terms (its profile)")
    else:
        d.missing.append("publisher and licence: the capture's address names no publisher the archive knows (curate/profiles/)")
    lang = (header.get("lang") or header.get("itemprop:inLanguage") or "en").split("-")[0].lower()
    d.put("language.text", lang, "the page's language" if header.get("lang") else "an assumption: the capture says nothing of its language")
    spoken = known.spoken if known else None
    if spoken and spoken != lang:
        d.put("language.original", spoken, "the publisher's own language: its pages in another are its translations")
        d.put("language.translation", known.translation or "official", "the publisher's own translation (its profile)")

    # Speakers from the labels, kind from the shape.
    # a headline with a colon ('The Arctic: …') is no label, nor is a link to another page ('NATO-Russia
    # Relations: A New Quality. Declaration by …', in a 'See also' box) or a photo's caption ('Meeting
    # of the Valdai Club. Photo: …')
    body = [u.text for u in units if u.text not in {headline, title} and source.hints.get(u.no) not in {"link", "caption"}]
    # The people the title names with their offices stand in for bylines the header lacks.
    named = list(block.bylines)
    for person, office in title_people(title or headline or ""):
        if not any(person.split()[-1].casefold() == b[0].split()[-1].casefold() for b in named):
            named.append((person, office))
    speakers, anonymous, questions, labels = _voices(body, registry, header, title or headline or "", d, marked, named)
    if not speakers and not labels and not questions and len(named) == 1 and (block.bylines or REMARKS_BY.search(title or headline or "")):
        # remarks with no label at all ('Remarks as Prepared for Delivery by First Lady Jill Biden'):
        # the one person the byline, or a title of remarks by someone, names is the speaker (a title
        # may name the one addressed: 'Congratulations to film director … Nikita Mikhalkov')
        full, office = named[0]
        pid = registry.resolve(full) or slugify(full, 5)
        speakers = [{"person": pid, "role": office} if office and block.bylines else {"person": pid}]  # a title's office is no label's
        if pid not in registry:
            d.new_people.setdefault(pid, {"name": full, "aliases": []})
    # Interpreted speech: the publisher gives its interpreter's words.
    interpreted = next((t for t in texts if INTERPRETED.search(t)), None)
    if interpreted and "language.translation" not in d.values:
        d.put("language.original", "mul", "a line marked as interpreted: parts were spoken in another language")
        d.put("language.translation", "official", f"a line marked as interpreted ({INTERPRETED.search(interpreted).group(0)})")
        d.put("language.note", "Parts were spoken in another language: the text gives the publisher's interpretation, marked where it begins.",
              "a line marked as interpreted")
    kind = _kind(texts, speakers, anonymous, questions, labels, title or headline or "", stem, block.medium)
    d.put("kind", kind, "the words of the capture's title, else its shape (its labels and questions)")
    d.put("speakers", speakers, "the speaker labels of the capture")
    d.put("anonymous", anonymous, "labels of voices the capture does not name")
    if is_report(kind):
        d.values.pop("speakers", None)
        d.values["speakers"] = []
    if speakers and labels and not is_report(kind) and kind not in SPEECH_KINDS:
        first_label = next((i for i, t in enumerate(texts) if split_label(t, t in marked) and i >= start), None)
        if first_label is not None and first_label > start:
            d.put("main_speaker", None, "")
    return d


BYLINE = re.compile(
    r"^(?!(?:The|A|An)\s)(?P<name>(?:[A-Z][\w’'.-]*\s+|(?:bin|ibn|bint|al|el|de|da|di|del|du|van|von|der|la|le)\s+){1,6}[A-Z][\w’'-]*)\s*,\s+(?P<office>\S.*)$")
"""A byline: a name, then an office after a comma ('Antony J. Blinken, Secretary of State',
'Mohammed bin Abdulrahman Al-Thani, Qatari Deputy Prime Minister …'), a space before it or not
('Yael Lempert , Acting Assistant Secretary …')."""
SITE_WORDS = frozenset(
    "palace hotel house room hall center centre building ministry embassy residence headquarters airport auditorium university "
    "museum library club castle park square stadium memorial cathedral church mosque temple base camp consulate mission".split()
)
"""Words of a building or a site: a line whose part before the comma holds one is a site, no
byline ('El Mouradia Palace, Official Residence')."""
OFFICE_WORDS = frozenset(
    "secretary minister president premier ambassador spokesperson spokesman spokeswoman chancellor director envoy representative "
    "advisor adviser chairperson chairman chairwoman chair commissioner administrator coordinator governor mayor senator "
    "undersecretary deputy counselor counsellor officer official leader king queen prince princess emir sheikh sultan head chief "
    "general admiral commander attorney speaker member professor ceo founder minister-president vice-president taoiseach "
    "president-elect secretary-general".split()
)
"""Words that make the part of a byline after the comma an office: 'Secretary of State', 'Danish
Foreign Minister', 'Permanent Representative to the United Nations' (not 'Moscow', 'New York')."""


def is_office(text: str) -> bool:
    """A byline's office: shaped as one (``office_shaped``) with an office's word in it."""
    return office_shaped(text) and any(w.casefold().strip(".,()") in OFFICE_WORDS for w in text.split())
US_REGIONS = frozenset(
    "D.C. DC Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana "
    "Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada "
    "Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming".split()
) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island", "South Carolina",
     "South Dakota", "West Virginia"}
"""A place line's last part that is a region of the United States, not a country ('Washington, D.C.')."""


@dataclass
class HeaderBlock:
    """What the lines before the first turn state: bylines ([(name, office)]), the place line
    ('Kangerlussuaq, Greenland') and the site ('Kangerlussuaq Airport')."""

    bylines: list[tuple[str, str]] = field(default_factory=list)
    place: str | None = None
    site: str | None = None
    medium: str | None = None  # how it was held ('Via Teleconference'): no place
    city: str | None = None  # a place line of a city alone, over a site line ('Sde Boker', 'Kedma Hotel')
    event: str | None = None  # a line after the place and the site: what was held there


INTERPRETED = re.compile(
    r"\((?:(?:via|through)\s+(?:an\s+)?(?:interpret(?:er|ation)|translat(?:or|ion))|as\s+(?:interpreted|translated)|retranslated|interpreted"
    r"|(?:speaks?\s+|spoken\s+)?in\s+(?:English|French|Spanish|Arabic|Russian|Chinese|Mandarin|German|Portuguese|Japanese|Korean|Italian"
    r"|Ukrainian|Turkish|Hebrew|Persian|Farsi|Hindi|Polish|Dutch|Greek|Vietnamese|Indonesian|Thai|Swahili))\.?\)", re.I)
"""A mark of interpreted speech: '(Via interpreter)', '(Via translation)', '(As interpreted.)',
'(retranslated)', or a change of language ('(In English)', '(In Arabic)'): other parts were
spoken in another language."""


def header_block(texts: list[str], marked=frozenset(), titled: bool = True) -> HeaderBlock:
    """The lines before the first label or sentence, read as a transcript's header: bylines,
    then a place line and a site line (short lines of capitalised words). Only where there is a
    byline, or where those lines run up to the first label: else a short line before the text may
    be a heading or a speech's address.
    With ``titled``, a line of an office and a name ('French Foreign Minister Jean-Yves Le Drian')
    is a byline too."""
    block = HeaderBlock()
    rest: list[str] = []
    to_label = False
    # a site and its place on one line, as a '|' parts them ('Marriott Marquis | Washington, D.C.')
    texts = [part.strip() for text in texts for part in (text.split(" | ") if " | " in text and len(text.split()) <= 12 else [text])]
    for text in texts:
        if split_label(text, text in marked):
            to_label = True
            break
        short = len(text.split()) <= 8 and capitalised(text)
        if is_sentence(text) and not BYLINE.match(text) and not short:
            break
        byline = BYLINE.match(text)
        named = title_people(text) if titled and not byline and ":" not in text else []
        if byline and any(w.casefold() in SITE_WORDS for w in byline["name"].split()):
            byline = None  # a site and what it is ('El Mouradia Palace, Official Residence')
        if byline and is_office(byline["office"]):
            block.bylines.append((unaddressed(byline["name"]), byline["office"].strip().rstrip(".")))
        elif len(named) == 1 and text.rstrip(". ").endswith(named[0][0]):  # 'French Foreign Minister Jean-Yves Le Drian'
            block.bylines.append(named[0])
        elif TIME.match(text) or _date(text) or RULES["bare-date"].matches(text):
            continue
        elif MEDIUM.match(text) or DESK.match(text):
            block.medium = block.medium or (text if MEDIUM.match(text) else None)
            continue  # how it was held, the desk that issued it: no place
        elif short:
            rest.append(text)
        else:
            break
    if not block.bylines and not to_label:
        return HeaderBlock()
    lines, used = [], 0
    for text in rest:
        if len(lines) >= 2:
            break
        lines += _site_and_capital(text)
        used += 1
    if len(lines) >= 2 and used < len(rest) and "," not in rest[used]:
        block.event = rest[used]  # what was held there, after its place and site ('U.S.-Japan Economic Policy Consultative Committee')
    rest = lines[:2]
    if len(rest) == 2 and not any("," in text for text in rest):  # a city alone, then the site ('Sde Boker', 'Kedma Hotel')
        block.place = block.city = rest[0]
        block.site = rest[1]
        return block
    for text in rest:
        if block.place is None and ("," in text or len(rest) == 1):
            block.place = text
        elif block.site is None:
            block.site = text
    return block


CAPITAL = re.compile(r"^(?:(?P<site>.*\S)\s+)?Washington,?\s+D\.?\s?C\.?$")
"""The US capital as a place line prints it, with or without its comma, after a site or alone
('Washington D.C.', 'Benjamin Franklin Room Washington, D.C.')."""


def _site_and_capital(line: str) -> list[str]:
    """A place line as its site and its city: 'Benjamin Franklin Room Washington, D.C.' is the
    site 'Benjamin Franklin Room' in 'Washington, D.C.'; 'Washington D.C.' is 'Washington, D.C.'."""
    capital = CAPITAL.match(line.strip())
    if not capital:
        return [line]
    return [capital["site"], "Washington, D.C."] if capital["site"] else ["Washington, D.C."]


def capitalised(text: str) -> bool:
    """A line of capitalised words and small ones ('Quai d’Orsay', 'Washington, D.C.', 'Ministry of
    Foreign Affairs'), no sentence's punctuation inside."""
    words = text.replace(",", " ").split()
    if not words or any(ch in text for ch in "?!;:\"“”"):
        return False
    def fits(w: str) -> bool:
        w = w.strip("()")
        return bool(w) and (w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS or (len(w) > 2 and w[1] in "’'" and w[2].isupper()))
    return words[0][0].isupper() and all(fits(w) for w in words)


def place_parts(line: str) -> tuple[str | None, str | None]:
    """A place line as (city, country): 'Brussels, Belgium'; 'Washington, D.C.' is the United
    States' (its region restated by the line, not kept); a line without a comma is a site."""
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if len(parts) < 2:
        return None, None
    last = parts[-1]
    if last in {"D.C.", "DC"}:
        return ", ".join(parts), "United States"  # 'Washington, D.C.': the city's own name
    if last in US_REGIONS:
        return parts[0], "United States"  # 'Honolulu, Hawaii' 
    return parts[0], last


DEPARTMENTS = frozenset(
    "state defense defence foreign external affairs commerce treasury homeland security energy agriculture education economy trade "
    "industry health interior justice labor labour transportation finance development environment climate culture".split()
)
"""Words of an office's department ('Secretary of Defense', 'Minister of External Affairs'): part of the office, never of a name."""
TITLE_EVENT = re.compile(
    r"\s+(?:at|before|after|following|during|on|in)\s+(?:a|an|the|their|his|her)\b.*$|\s+(?:at|on|before|after|following|during)\s+[A-Z].*$"
    r"|\s+(?:(?:joint|opening|closing|brief)\s+)?(?:statements?|remarks|comments)\s+(?:to|with|before|at|on|for)\b.*$"
    r"|\s+in\s+(?:an?\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:Chat|Conversation|Conference|Interview|Discussion|Call|Meeting|Dialogue|Roundtable)\b.*$"
    r"|\s+(?:en\s+route|aboard|upon|previewing|as\s+part\s+of)\b.*$", re.I)
TITLE_PEOPLE = re.compile(r"^(?:(?:joint\s+)?(?:opening\s+)?remarks\s+(?:by|with)\s+)", re.I)
REMARKS_BY = re.compile(r"\b(?:remarks|address|speech|keynote|statement)\b.*?\bby\s", re.I)
"""A title of words spoken by someone: 'Remarks as Prepared for Delivery by …'."""
TITLE_BY = re.compile(r"^((?:[\w’'-]+\s+){1,6}?)(?:by|with|from)\s+", re.I)
"""What an event is, before the people it is by ('On-the-Record Press Gaggle by …')."""


def title_people(title: str) -> list[tuple[str, str]]:
    """The people a title names with their offices, as (name, office): 'Secretary Antony J.
    Blinken and German Foreign Minister Annalena Baerbock at the Munich Security Conference' gives
    ('Antony J. Blinken', 'Secretary') and ('Annalena Baerbock', 'German Foreign Minister'). A
    name is the capitalised words after the last word of an office (``OFFICE_WORDS``,
    ``DEPARTMENTS``), words of address left out; a part with no office names no one here. What
    the event is, before 'by' or 'with', is no office ('Press Briefing by Press Secretary Jen
    Psaki'); an office may hold an 'and' ('Advisor for Cyber and Emerging Technology Anne
    Neuberger')."""
    head = TITLE_EVENT.sub("", TITLE_PEOPLE.sub("", title.strip()))
    after = re.search(r"\s+with\s+(.*)$", TITLE_PEOPLE.sub("", title.strip())[len(head):])
    # the guest less the event that may follow ('… with Indian External Affairs Minister Dr. S. Jaishankar As Part of …')
    guest = re.fullmatch(r"((?:[\w.’'-]+\s+){1,8}[A-Z][\w’'-]+)\s*", TITLE_EVENT.sub("", after.group(1))) if after else None
    if guest and _offices(guest.group(1).split()):  # '… at the Launch of the … Dialogue on Holocaust Issues with German Foreign Minister Heiko Maas'
        head = f"{head} and {guest.group(1)}"
    event = TITLE_BY.match(head)
    if event and not _offices(event.group(1).split()):
        head = head[event.end():]
    parts: list[list[str]] = []
    pieces = re.split(r"(,\s*(?:and\s+)?|\s+and\s+|\s+with\s+)", head, flags=re.I)
    for at in range(0, len(pieces), 2):
        part, joint = pieces[at], (pieces[at - 1] if at else "")
        words = part.replace("’s", "").replace("'s", "").split()
        joined = [w for w in joint.replace(",", " ").split() if w.casefold() == "and"]
        if parts and words and joint.strip().casefold() != "with" and (_office_bare(parts[-1]) or (
                "," in joint and _office_of_domain(parts[-1]) and not any(w.casefold() in OFFICE_WORDS for w in words)
                and (len(words) <= 2 or any(w.casefold() in DEPARTMENTS for w in words)))):
            # an office of several, its name after the last ('Vice President and Foreign Minister Marta
            # Lucia Ramirez', 'Minister of Economy, Trade, and Industry Hagiuda Koichi')
            if "," in joint:
                parts[-1][-1] += ","
            parts[-1] += [*joined, *words]
        elif parts and words and not _offices(words) and len(words) > 2 and words[0][0].isupper() and _office_open(parts[-1]):
            parts[-1] += ["and", *words]  # 'Cyber and Emerging Technology Anne Neuberger': still the office
        else:
            parts.append(words)
    found = []
    for words in parts:
        offices = _offices(words)
        if not offices:
            continue
        last = offices[-1]
        name = [w for w in words[last + 1:] if w.casefold() not in HONORIFICS]
        if any(w.casefold() in EVENT_WORDS for w in name):
            continue  # 'Secretary Blinken's Interview': an event, no name
        if not 2 <= len(name) <= 5 or not all(w[0].isupper() for w in name if w.casefold() not in PARTICLES):
            # the name is the last words ('… for Cyber and Emerging Technology Anne Neuberger')
            size = 3 if len(words) > 3 and (len(words[-2].rstrip(".")) == 1 or words[-2].casefold() in PARTICLES) else 2
            name = words[-size:]
            if len(words) - size <= last or not all(w[0].isupper() for w in name) or any(w.casefold() in OFFICE_WORDS | DEPARTMENTS for w in name):
                continue
            office = " ".join(words[: len(words) - size])
        else:
            office = " ".join(words[: last + 1])
        found.append((" ".join(name), office))
    return found


def _office_open(words: list[str]) -> bool:
    """Does a part of a title end in its office, with no name after it yet ('Deputy National
    Security Advisor for Cyber', not 'First Lady Jill Biden')?"""
    offices = _offices(words)
    if not offices:
        return False
    after = [w for w in words[offices[-1] + 1:] if w.casefold() not in HONORIFICS]
    return not (2 <= len(after) <= 5 and all(w[0].isupper() for w in after if w.casefold() not in PARTICLES))


def _office_of_domain(words: list[str]) -> bool:
    """Does a part of a title end in what an office is for, a list of such to follow ('Under
    Secretary of State for Economic Growth', then ', Energy, and the Environment Jose W. Fernandez')?"""
    offices = _offices(words)
    after = [w.casefold() for w in words[offices[-1] + 1:]] if offices else []
    return bool(after) and after[0] in {"for", "of"} and len(after) <= 4


def _office_bare(words: list[str]) -> bool:
    """Is a part of a title an office and nothing after it ('Colombian Vice President', 'Minister
    of Economy'), so that the next part goes on with it?"""
    offices = _offices(words)
    return bool(offices) and offices[-1] == len(words) - 1


def _offices(words: list[str]) -> list[int]:
    """Where the words of an office stand among ``words`` ('First Lady' is one)."""
    return [
        i for i, w in enumerate(words)
        if w.casefold().strip(".,") in (OFFICE_WORDS | DEPARTMENTS) - HONORIFICS
        or (i and w.casefold() in {"lady", "gentleman"} and words[i - 1].casefold() in {"first", "second"})
    ]


EVENT_WORDS = frozenset("interview remarks briefing press availability conference call meeting statement gaggle trip visit".split())
"""Words of an event, never of a name."""
PARTICLES = frozenset({"bin", "al", "de", "van", "von", "der", "da", "le", "del", "di", "la"})
"""Lower-case words within a name ('Ursula von der Leyen')."""


def _byline_for(label_name: str, bylines: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The byline a label names: 'FOREIGN MINISTER KOFOD' (an office, then a surname), 'PREMIER
    EGEDE', 'SECRETARY BLINKEN' are the bylines' 'Jeppe Kofod', 'Mute Egede', 'Antony J. Blinken'
    (the surname alike, or one letter off). One byline only, else none."""
    words = label_name.replace(".", " ").split()
    if not words:
        return None
    own = [w for w in words if w.casefold() not in OFFICE_WORDS | DEPARTMENTS | TITLES | {"the", "of", "for"}]
    if not label_name.isupper() and len(own) > 1:
        return None  # a label that prints a name of its own ('Federal President of Austria Alexander Van der Bellen')
    surname = words[-1].casefold()
    found = [b for b in bylines if b[0].split()[-1].casefold() == surname]
    if not found:  # a family name first ('Hayashi Yoshimasa', 'Chung Eui-yong')
        found = [b for b in bylines if surname in {w.casefold() for w in b[0].split()[:-1] if len(w.rstrip(".")) > 1}]
    if not found:
        found = [b for b in bylines if _edit_distance_at_most_one(b[0].split()[-1].casefold(), surname) and len(surname) > 4]
    if len(found) == 1:
        return found[0]
    if not found and len(words) >= 2:
        whole = " ".join(words[-2:]).casefold()  # a label that is the whole name
        found = [b for b in bylines if b[0].casefold().endswith(whole)]
        return found[0] if len(found) == 1 else None
    return None


def _spellings(registry: Registry, pid: str) -> tuple[str, ...]:
    person = registry.people.get(pid)
    return (person.name, *person.aliases) if person else ()


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _printed(entry: dict, label: str) -> None:
    """Remember a label as the capture prints it, for the reviewer of a proposed person."""
    if label not in entry.setdefault("printed", []):
        entry["printed"].append(label)


def _named_alone(name: str, texts) -> bool:
    """Does some text name ``name`` as a whole name: after the start, a lower-case word or
    punctuation, not after another capitalised word ('Trade Denis Manturov')?"""
    for text in texts:
        for match in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text):
            before = text[: match.start()].rstrip()
            if not before or not before[-1].isalpha() or before.split()[-1][:1].islower():
                return True
    return False


def _name_and_role(label_name: str, tags: list[str], elsewhere: list[str] = ()) -> tuple[str, str | None]:
    """Split 'President of Russia Vladimir Putin' into the name and the role printed before it,
    helped by the page's Persons tags (printed surname first: 'Putin Vladimir')."""
    words = label_name.split()
    for tag in tags:
        parts = tag.split()
        for k in range(1, len(parts)):  # 'Gref German', 'Ali Rao Hamid': the surname, however long, first
            name = parts[k:] + parts[:k]
            n = len(name)
            if [w.casefold() for w in words[-n:]] == [w.casefold() for w in name]:
                return " ".join(words[-n:]), " ".join(words[:-n]) or None
    particles = {"van", "von", "de", "der", "den", "da", "di", "al", "bin", "la", "le", "du", "ibn"}
    i = len(words) - 2
    while i >= 0 and words[i].lower() in particles:
        i -= 1
    start = max(i, 0)
    # longer, while the capture never names the person by the shorter form alone but does by the
    # longer ('Hamid Ali Rao' in the lead, never 'Ali Rao')
    while (
        start > 0 and words[start - 1][:1].isupper() and words[start - 1].lower().strip(".") not in TITLES
        and not _named_alone(" ".join(words[start:]), elsewhere) and _named_alone(" ".join(words[start - 1 :]), elsewhere)
    ):
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start]) or None
    n = 2
    while n < len(words) and words[-n - 1][:1].islower() and words[-n - 1] not in {"of", "and", "the"}:
        n += 1
    if n < len(words) and words[-n][:1].isupper() and words[-n - 1].lower() in {"van", "von", "de", "der", "al", "bin"}:
        n += 1
    return " ".join(words[-n:]), " ".join(words[:-n]) or None


ARTICLES = {"the", "a", "an"}
"""A label's words before a name that are no role: 'The United Kingdom:' quotes a country in a list."""
ROLE_ENDS = {"of", "from", "for", "and", "the", "to", "at", "in", "on", "with"}
"""Words a role may hold but never end with: after one, a place or an office, not a name."""
RANKS = {"patriarch", "king", "queen", "emir", "prince", "princess", "crown", "sheikh", "sultan", "pope", "metropolitan", "archbishop", "bishop"}
"""Titles of rank a name may follow ('Patriarch John'): a first word of no name."""


NAME_ALONE = re.compile(r"^(?:[A-Z][\w’'-]*\.?\s+){1,4}[A-Z][\w’'-]*\.?$")
"""A name alone after a label: two to five capitalised words, a full stop at most."""


def _voices(texts, registry: Registry, header, title: str, d: Draft, marked: frozenset | set = frozenset(), bylines=()):
    """The voices the labels name; ``marked``: the texts whose label the capture's markup sets
    apart; ``bylines``: the header's (name, office), which a label of office and surname names."""

    def label_of(text: str):
        return split_label(text, text in marked)

    speakers: list[dict] = []
    anonymous: list[str] = []
    questions = 0
    labels = 0
    tags = _persons_tags(texts)
    seen: dict[str, dict] = {}
    last_sentence = max((i for i, t in enumerate(texts) if is_sentence(t)), default=0)
    not_labels: list[str] = []
    # A list of appointments ('Interior Minister: Vladimir Kolokoltsev.'): three lines or more in
    # a row, each a different office, a colon and a name alone. Those offices are no voices. (A
    # moderator giving the floor, 'Geoff Cutmore: President Niinistö.', is one label again and
    # again, between the answers.)
    run: list[str] = []
    gap = False  # one other line may stand in a list ('Minister for Civil Defence, Emergencies …: …')
    for t in [*(t for t in texts if t.strip()), "", ""]:
        lab = label_of(t)
        appointment = lab is not None and bool(lab.rest) and bool(NAME_ALONE.match(lab.rest))
        if appointment and lab.printed not in run:
            run.append(lab.printed)
            gap = False
            continue
        if run and not appointment and not gap:
            gap = True
            continue
        if len(run) >= 3:
            not_labels += [printed for printed in run if printed not in not_labels]
        run, gap = ([lab.printed] if appointment else []), False
    first_at: dict[str, int] = {}
    for at, text in enumerate(texts):
        first_at.setdefault(text, at)
    for text in texts:
        label = label_of(text)
        index = first_at[text]  # a line printed twice is read where it first stands
        if label is not None and label.printed in not_labels:
            continue
        if label is None or not label.rest and not (
            index < last_sentence and index + 1 < len(texts) and label_of(texts[index + 1]) is None
            and (len(texts[index + 1].split()) >= 3 or text in marked)
        ):
            continue  # a label alone on its line opens a turn only when words follow it (any, if the page sets it apart)
        name = label.name
        d.registry_asked = True
        if len(name.split()) < 2 and not QUESTION.match(name) and not ANONYMOUS.match(name) and registry.resolve(name) is None:
            if label.printed not in not_labels:
                not_labels.append(label.printed)  # 'First:', 'Second:': an enumeration, not a voice
            continue
        if QUESTION.match(name):
            questions += 1
            labels += 1
            continue
        person, role = registry.resolve_titled(name)
        if role and all(w.casefold().rstrip(".") in HONORIFICS | {"miss", "mister", "madam"} for w in role.split()):
            role = None  # 'MS KVIEN': a word of address, no office
        if person is None and ANONYMOUS.match(name):
            if name not in anonymous:
                anonymous.append(name)
            labels += 1
            continue
        # The capture's own bylines first: 'SECRETARY BLINKEN' is the byline's Antony J. Blinken
        # (through the registry, where it knows him), whatever else the registry holds of the name.
        byline = _byline_for(name, bylines) if bylines else None
        if byline is not None and person is not None and registry.resolve(byline[0]) not in (person, None):
            byline = None  # the registry knows the label for someone else
        if byline is not None:
            # 'FOREIGN MINISTER KOFOD': the byline's person, in the office the byline gives
            full, office = byline
            pid = registry.resolve(full) or slugify(full, 5)
            entry = seen.setdefault(pid, {"person": pid, "name": full, "role": office, "labels": []})
            if name not in entry["labels"] and alias_key(name) != alias_key(full):
                entry["labels"].append(name)
            if pid not in registry:
                _printed(d.new_people.setdefault(pid, {"name": full, "aliases": []}), label.printed)
            labels += 1
            continue
        if person is None:
            words = alias_key(name).replace(".", " ").split()
            titled = len(words) >= 2 and words[0] in TITLES | {"the"} and len(words) <= 3
            # an office and a surname ('ACTING ADMINISTRATOR SLAVITT'): the person the title or the text names so
            in_office = 2 <= len(words) <= 4 and words[-1] not in TITLES | OFFICE_WORDS and _office_of_label(name) is not None
            if (titled or in_office) and name.isupper():
                # a role label such as 'THE PRESIDENT' or 'MR. SULLIVAN': whose, the title says
                full = _named_in(title, words[-1]) if words[-1] not in TITLES else _holder(title, words[-1])
                if full is None and words[-1] not in TITLES:  # 'MS. JOHNSTONE': as the text names her ('… welcome Kari Johnstone')
                    full = _named_in_text(texts, name.split()[-1])
                if full is None and words[-1] not in TITLES:  # 'MS. JEAN-PIERRE': the surname, to complete
                    full = _as_printed(texts, name.split()[-1])
                    d.missing.append(f"the full name of '{label.printed}': proposed as '{full}', the surname alone")
                if full is None:
                    d.missing.append(f"who is '{label.printed}': no name in the capture's title")
                    continue
                pid = registry.resolve(full) or slugify(full, 5)
                office = words[-1].title() if words[-1] in TITLES else _office_of_label(name)
                entry = seen.setdefault(pid, {"person": pid, "name": full, "role": office, "labels": []})
                if alias_key(name) != alias_key(full) and not (len(words) == 2 and words[0] in TITLES and words[1] == alias_key(full).split()[-1]):
                    # the label as printed is the sidecar's to resolve ('PRIME MININSTER NETANYAHU'), but
                    # for a plain title and surname ('MR. SULLIVAN'), which the surname resolves
                    if name not in entry["labels"]:
                        entry["labels"].append(name)
                if pid not in registry:
                    _printed(d.new_people.setdefault(pid, {"name": full, "aliases": []}), label.printed)
                labels += 1
                continue
            if len(name.split()) > (MARKED_MAX if text in marked else 20) or not any(ch.isupper() for ch in name):
                continue
            elsewhere = [t for t in texts if not t.startswith(label.printed)]
            full, role = _name_and_role(name, tags, elsewhere)
            if role and (role.casefold() in ARTICLES or role.split()[-1] in ARTICLES - {"the"}):
                # 'The United Kingdom: “Secession … does not contradict international law”': a
                # country's words quoted in a list (the others one word, 'Germany:'), no voice; nor
                # is a topic ('About a Disability Ombudsman: we have a Human Rights Ombudsman …')
                if label.printed not in not_labels:
                    not_labels.append(label.printed)
                continue
            words, whole = name.split(), False  # whole: the name does not end the label, which is his as printed
            head, _, tail = (part.strip() for part in name.rpartition(",")) if "," in name else ("", "", name)
            if head and not NAMED.search(tail):
                # a role after a comma, with no name in it: the name ends what stands before it, in a
                # label the page sets in bold ('Sports commentator Dmitry Guberniyev, ceremony moderator:')
                full, role = _name_and_role(head, tags, elsewhere)
                role, whole = ", ".join(part for part in (role, tail) if part), True
            first = name.split(",")[0].strip()
            if first != name and NAME_ALONE.match(first) and first.split()[0].casefold() not in TITLES | RANKS:
                # the name, then the speaker's role after a comma ('Alisa Shmelyova, metrology
                # engineer:', 'Alexei Kudrin, Chairman of the Accounts Chamber:')
                full, role, whole = first, name[len(first) + 1 :].strip() or None, True
            if not whole and role and "from" in words[1:-1]:
                # a name, then where the speaker is from: 'Alexander Repin from the Nizhny Novgorod Region'
                head = words[: words.index("from")]
                named, titled = _name_and_role(" ".join(head), tags, elsewhere) if len(head) >= 2 else (None, "")
                if titled is None and named.split()[0].casefold() not in TITLES | RANKS:
                    full, role, whole = named, None, True
            if whole:
                pass  # the name as the label prints it, its role after it
            elif role and role.split()[-1] in ROLE_ENDS - {"and"} and len(full.split()) >= 3:
                # a word of the office taken for the name's first: 'US Secretary of State John Kerry'
                role, full = f"{role} {full.split()[0]}", " ".join(full.split()[1:])
            elif role and (role.split()[-1] in ROLE_ENDS or role.endswith(" and All")):
                # no name ends the label: a place or an office does ('Crown Prince Mohammed Al Nahyan
                # of Abu Dhabi', 'Winner of the … Prize for Young Scientists', 'Patriarch of Moscow and
                # All Russia Kirill'). The name is the one before the first such word, where one stands
                # there; else the voice is not named.
                head = words[: next(i for i, w in enumerate(words) if w in ROLE_ENDS)]
                full, role = _name_and_role(" ".join(head), tags, elsewhere) if len(head) >= 2 else (None, None)
                if len(head) == 2 and head[0].casefold() in RANKS:
                    full, role = " ".join(head), None  # 'Patriarch Kirill of Moscow and All Russia'
                elif full is None or len(full.split()) < 2 or full.split()[0].casefold() in TITLES | RANKS:
                    if name not in anonymous:
                        anonymous.append(name)
                    labels += 1
                    continue
                whole = True
            person = registry.resolve(full) or slugify(full, 5)
            if person not in registry:
                _printed(d.new_people.setdefault(person, {"name": full, "aliases": []}), label.printed)
            if whole:
                entry = seen.setdefault(person, {"person": person, "name": full, "role": role, "labels": []})
                if name not in entry["labels"]:
                    entry["labels"].append(name)
        labels += 1
        if person not in seen:
            seen[person] = {"person": person, "name": registry[person].name if person in registry else d.new_people[person]["name"], "role": role, "labels": []}
        elif role and not seen[person]["role"]:
            seen[person]["role"] = role
    for entry in seen.values():
        item = {"person": entry["person"]}
        if entry["role"]:
            item["role"] = entry["role"]
        if entry["labels"]:
            item["labels"] = entry["labels"]
        speakers.append(item)
    d.put("not_speaker_labels", not_labels, "label-shaped lines that name no voice (one-word labels that name no one: an enumeration; offices in a list of appointments), to confirm")
    return speakers, anonymous, questions, labels


def _persons_tags(texts: list[str]) -> list[str]:
    """The names listed under a 'Persons' tag heading ('Gref German'), as printed."""
    tags: list[str] = []
    for index, text in enumerate(texts):
        if text.lower() in {"persons", "people"}:
            for name in texts[index + 1 : index + 30]:
                if is_sentence(name) or len(name.split()) > 5 or name.lower() in {"publication status", "topics", "geography"}:
                    break
                tags.append(name)
    return tags


def _named_in(title: str, surname: str) -> str | None:
    """'Jake Sullivan' from a title that names him, for the label 'MR. SULLIVAN'."""
    m = re.search(rf"([A-Z][\w.’'-]+)\s+(?i:{re.escape(surname)})\b", title)
    if not m:
        return None
    words = [w for w in m.group(1).split() if w.lower().rstrip(".") not in TITLES]
    return " ".join(words + [surname.title() if surname.islower() else surname]) if words else None


def _named_in_text(texts: list[str], surname: str) -> str | None:
    """'Kari Johnstone' for the label 'MS. JOHNSTONE', where the text names her so ('… to
    welcome Kari Johnstone, the Acting Director'): one first name before the surname, the same
    wherever it stands; an office or a word of address before it is none ('Senator Romney')."""
    found = set()
    surname = _as_printed(texts, surname) if surname.isupper() else surname
    pattern = re.compile(rf"\b([A-Z][a-z’'-]+(?:\s+[A-Z]\.)?)\s+{re.escape(surname)}\b")
    for text in texts:
        for m in pattern.finditer(text):
            first = m.group(1).split()[0]
            if first.casefold().rstrip(".") not in OFFICE_WORDS | DEPARTMENTS | TITLES | HONORIFICS | SENTENCE_WORDS:
                found.add(m.group(1))
    return f"{found.pop()} {surname}" if len(found) == 1 else None


def _as_printed(texts: list[str], surname: str) -> str:
    """A surname a label prints in capitals as the text spells it ('DEGIOIA' -> 'DeGioia',
    'MCCAUL' -> 'McCaul'): its most frequent spelling in mixed case, else in title case."""
    spellings = Counter(
        m.group(0) for text in texts for m in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", text, re.I)
        if not m.group(0).isupper() and m.group(0)[0].isupper()
    )
    return max(spellings, key=lambda w: (spellings[w], w)) if spellings else surname.title()


SENTENCE_WORDS = frozenset("the a an and but so thank thanks dear to of for with by from as at in on if when mister madam ranking".split())
"""Words that may stand before a surname without being a first name ('Thank Johnstone', 'Ranking Member')."""


def _office_of_label(label: str) -> str | None:
    """The office a label prints before a surname ('SENATOR ROMNEY' -> 'Senator'), none for a
    word of address alone ('MS. JOHNSTONE')."""
    words = label.replace(".", " ").split()[:-1]
    office = [w for w in words if w.casefold() not in HONORIFICS | {"the"}]
    if not office or not any(w.casefold() in OFFICE_WORDS | DEPARTMENTS for w in office):
        return None
    return " ".join(w.capitalize() if w.isupper() else w for w in office)


def _holder(title: str, office: str) -> str | None:
    """'Joe Biden' for 'THE PRESIDENT' in 'Remarks by President Biden …'."""
    m = re.search(rf"\b(?i:{re.escape(office)})\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)", title)
    if not m:
        return None
    return m.group(1).split()[-1] if len(m.group(1).split()) == 1 else m.group(1)


KIND_WORDS = (  # the first that the title matches: a fireside chat is an interview though its title says 'Remarks'
    # an announcement: 'Russian-Turkish talks will be held on March 5', '… Address … will take place on January 15'
    ("news-report", re.compile(r"\bwill\s+(?:take\s+place|be\s+held)\b", re.I)),
    # 'Background Press Call by Senior Administration Officials …', 'Senior State Department Official On …
    # Background Briefing': the speakers unnamed, on background
    ("background-call", re.compile(
        r"\bbackground\s+(?:press\s+)?(?:call|briefing)\b|\bon\s+background\b|^senior\s+(?:state\s+department|administration|u\.s\.|defense)\s+officials?\b"
        r"|^(?:press\s+)?(?:briefing|call)\s+(?:with|by)\s+(?:a\s+)?senior\s+(?:state\s+department|administration|u\.s\.|defense)\s+officials?\b", re.I)),
    # 'Secretary Antony J. Blinken and … at a Joint Press Availability'
    ("press-availability", re.compile(r"\bpress\s+availability\b", re.I)),
    # '… at a Panel Discussion …', '… in a Moderated Conversation …'
    ("panel", re.compile(r"\bpanel\b|\bmoderated\s+(?:conversation|discussion)\b|\broundtable\b", re.I)),
    # 'Press Briefing by …', 'On-the-Record Press Gaggle …', 'Department Press Briefing'
    ("briefing", re.compile(r"\b(?:briefing|press call|gaggle)\b", re.I)),
    # 'Telephone conversation with …', '… spoke by telephone with …', '… congratulated … over the telephone',
    # 'Readout of … Phone Call with …': published only as a report of it
    ("telephone-conversation", re.compile(
        r"\b(?:tele)?phone\s+(?:conversations?|calls?|talks|conferences?)\b|\b(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone\b|\b(?:tele)?phoned\b", re.I)),
    # 'Interview to Bloomberg', '… (interview to TASS)', '… in Fireside Chat at …', 'Secretary Blinken With
    # Bret Baier of Fox News Sunday' (with a journalist of a news outlet: someone named, of something named)
    ("interview", re.compile(
        r"(?i:\b(?:interview|fireside chat)\b)|\b[Ww]ith\s+(?!(?:the|a|an)\b)"
        r"(?!(?:[A-Z][\w.’'-]*\s+){0,3}(?:Minister|President|Secretary|Ambassador|Premier|Prime|Foreign|Chancellor|King|Queen|Prince|General|Director|Chair)\b)"
        r"(?:[A-Z][\w.’'-]*\s+){1,3}(?:of|from)\s+(?:[Tt]he\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|for|on|de)\s+)*[A-Z][\w’'-]*)*\s*$"
        # 'Secretary Antony J. Blinken On NBC Meet the Press with Chuck Todd': on a broadcaster's programme
        r"|\b(?:[Oo]n|[Ww]ith|[Tt]o)\s+(?:NBC|CBS|ABC|CNN|CNBC|MSNBC|Fox|NPR|PBS|BBC|Bloomberg|Al\s+Jazeera|Sky\s+News|France\s+24|Euronews|DW)\b")),
    # 'News conference following Russian-Bulgarian talks', 'Vladimir Putin’s news conference'
    ("press-conference", re.compile(r"\b(?:news|press) conference\b", re.I)),
    # 'Press statements following Russian-Chinese talks', 'Statements for the press following talks with …',
    # 'Statements following Russian-Syrian talks' (plural: 'Statement by …' is one speaker's)
    ("press-statements", re.compile(r"\bpress\s+statements?\b|\bstatements?\s+(?:for|to)\s+the\s+(?:press|media)\b|^statements\s+following\b", re.I)),
    # 'Greetings to …', 'Birthday greetings to …', 'Message of greetings …', 'Message to …', 'Congratulations on …',
    # 'Condolences to …', '… sent a telegram of condolences to …', '… forwarded a message to …'; not '… congratulated …' nor '… expressed
    # condolences …': as often said in person, at a ceremony or by telephone as written
    ("greetings", re.compile(
        r"^(?:[\w’'-]+\s+){0,3}?(?:greetings?|congratulations?|condolences?)\b|^messages?\s+(?:of|to|on)\b"
        r"|\b(?:sent|sends|forwarded)\b[^;:]{0,80}?\b(?:greetings?|messages?|telegrams?|congratulations|condolences?)\b", re.I)),
    # 'Russian-Chinese talks', 'Talks with President of Belarus …', '… held talks with …'
    ("talks", re.compile(r"^(?:[\w’'-]+\s+){0,2}talks\b|\b(?:held|hold|had|holds)\s+talks\b", re.I)),
    # 'Secretary Antony J. Blinken's Remarks to the Press', '… Remarks to Traveling Press', '… With the Press'
    ("media-remarks", re.compile(r"\bremarks\s+(?:and\s+answers\s+)?to\s+(?:the\s+)?(?:traveling\s+|travelling\s+)?(?:press|media)\b|\b(?:remarks\s+)?with\s+(?:the\s+)?(?:traveling\s+)?press\b", re.I)),
    # 'Remarks by President Biden …', 'Address to the Nation', 'New Year Address to the Nation',
    # 'Speech at State Duma plenary session', 'Statement by …'
    ("speech", re.compile(r"^(?:remarks|address|statement|speech)\b|^(?:[\w’'-]+\s+){1,2}address\s+(?:to|at|on|following)\b", re.I)),
    # 'Secretary Antony J. Blinken Meet and Greet with Embassy Jerusalem Staff', '… At a Town Hall with Kyiv Embassy
    # Personnel': the principal's words to the staff, whom another introduces
    ("speech", re.compile(r"\b(?:meet\s+and\s+greet|town\s+hall)\s+with\s+(?:[\w.’'-]+\s+){0,4}(?:staff|personnel|employees|workforce|team)\b", re.I)),
    # 'Meeting with Sberbank CEO German Gref', 'Security Council meeting', 'Expanded meeting of the Defence Ministry Board'
    ("meeting", re.compile(r"\bmeeting\b", re.I)),
)
"""The kind a title's words name, publisher-neutral where the wording is: the first rule the
title matches decides. A telephone conversation is a report (``sidecar.REPORT_KINDS``)."""

REPORTED_WITHOUT_LABELS = frozenset({"meeting", "talks"})
"""Kinds a title may name of an event that a capture only reports: a capture titled 'Meeting with
…' or '… held talks with …' that prints no speaker label is a news report of it, not its
transcript."""


AT_EVENT = re.compile(r"^(?:[\w.’'-]+\s+){1,6}?at\s+(?:the\s+|an?\s+)?[A-Z0-9]", re.I)
"""A title of someone at an event ('Secretary Antony J. Blinken At the 2022 Trafficking in Persons
Report Launch Ceremony', '… At a Town Hall with Kyiv Embassy Personnel')."""
TELE = re.compile(r"tele(?:conference|phone)|phone", re.I)
"""How a call with the press is held ('Via Teleconference'): a briefing, whatever its labels."""


def _at_event(title: str) -> bool:
    """Is a title one person at an event ('Secretary Antony J. Blinken At the 2022 Trafficking in
    Persons Report Launch Ceremony', 'Under Secretary of State for Economic Growth, Energy, and the
    Environment Jose W. Fernandez At the … Ceremony'), with no one else named?"""
    people = title_people(title)
    if len(people) > 1:
        return False
    if AT_EVENT.match(title):
        return True
    return len(people) == 1 and bool(re.search(rf"{re.escape(people[0][0])}\s+at\s+(?:the\s+|an?\s+)?[A-Z0-9]", title, re.I))


def _kind(texts, speakers, anonymous, questions, labels, title: str, stem: str, medium: str | None = None) -> str:
    """The kind a title's words name (``KIND_WORDS``), else the capture's shape: a call held by
    telephone is a briefing; questions to one or two speakers, a news conference; one person at an
    event whom others introduce or join, without questions, gives a speech; other voices, a meeting."""
    for kind, words in KIND_WORDS:
        if words.search(title):
            if kind in REPORTED_WITHOUT_LABELS and labels == 0:
                return "news-report"
            return kind
    if UNGDC_FILE.match(stem):
        return "speech"
    if labels == 0:
        first_person = sum(1 for t in texts if re.search(r"\b(?:I|we|our)\b", t))
        return "speech" if first_person * 3 >= len(texts) else "news-report"
    if medium and TELE.search(medium):
        return "briefing"
    if questions and len(speakers) <= 2:
        return "press-conference"
    if len(speakers) >= 2:
        if not questions and _at_event(title):
            return "speech"
        return "meeting"
    return "speech"


def one_spelling(sidecars: list[dict], field: str) -> None:
    """Names that differ only in case or punctuation ("Address to the nation", "Address to the
    Nation"; "St Petersburg", "St. Petersburg") name one event or one town, whose page is one:
    each gets the spelling most of its pages print (the earliest page's on a tie)."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for values in sidecars:
        if values.get(field):
            spellings[page_slug(values[field])][values[field]] += 1
    chosen = {key: max(counts, key=lambda name: counts[name]) for key, counts in spellings.items()}
    for values in sidecars:
        if values.get(field):
            values[field] = chosen[page_slug(values[field])]


def drafted_fields(d: Draft) -> list[str]:
    """The fields drafted from the capture, each with the basis it was read from: what a curator
    is to review (the sidecar's ``draft`` list)."""
    return [p for p in d.values if p in d.basis and d.basis[p]]


def sidecar_text(d: Draft, capture_name: str, added: str) -> str:
    """The draft as a sidecar, written from the schema's declaration (``sidecar.dump_sidecar``):
    every value quoted so that it reads back as the same text, each drafted field's basis in a
    comment above it, and the drafted fields listed under ``draft`` for review."""
    from diparchive.ingest.sidecar import dump_sidecar

    values = dict(d.values)
    values["source.capture"] = capture_name
    values["source.added"] = added
    values.setdefault("language.original", values.get("language.text", "en"))
    values.setdefault("language.translation", "unknown")
    values["draft"] = drafted_fields(d)
    comments = {path: f"draft: from {basis}" for path, basis in d.basis.items() if basis}
    header = ("# Drafted by 'diparchive add' from the capture itself. Review every field listed under\n"
              "# 'draft' at the end, correct it, and remove it from that list; then run 'diparchive build'.\n")
    return header + dump_sidecar(values, comments)


def people_text(d: Draft) -> str:
    """The people the draft proposes for transcripts/people.yml, as entries to paste there."""
    import json

    from diparchive.ingest.people import dump_people

    entries, comments = {}, {}
    for pid, entry in sorted(d.new_people.items()):
        entries[pid] = {"name": entry["name"], "description": "(to write: who they are, in one line)", "aliases": []}
        printed = ", ".join(json.dumps(p, ensure_ascii=False) for p in entry.get("printed", ()))
        if printed:
            comments[pid] = {"name": f"labels printed: {printed}"}
    return dump_people(entries, comments) if entries else ""
