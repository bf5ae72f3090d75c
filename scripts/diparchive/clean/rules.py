"""The named cleaning rules: each recognises a *kind* of page furniture, not one page's strings.

Every rule carries a name (shown in the build report and on each transcript page), why it exists,
and examples that it must remove (``examples``) and examples of the transcript's own words it
must leave alone (``counter_examples``); ``tests/test_rules.py`` runs both lists of the line rules.

Line rules look at one line at a time. Context rules (``context=True``) need the whole capture:
where the headline is, what is above it, what follows the last sentence; ``clean.py`` and
``context.py`` apply them, one pass each. A context rule's examples are judged in small captures,
its ``cases``, which ``tests/test_context_rules.py`` cleans: each example is removed by the rule,
each counter-example kept.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from diparchive.text import TERMINAL, WORD, is_sentence, more_words_than, words  # noqa: F401 (the rules' vocabulary)

# --------------------------------------------------------------------------- vocabularies

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
SOCIAL = (
    "share|shares|tweet|print|email|e-mail|mail|facebook|twitter|x|google|google\\+|pinterest|linkedin|"
    "tumblr|reddit|whatsapp|telegram|viber|vkontakte|vk|youtube|instagram|odnoklassniki|ok|livejournal|"
    "flickr|rss|copy|link|leave|a|reply|comment|comments|like|save|send|\\+|поделиться|partager"
)
CONTACT_LABELS = (
    "address|adress|adresse|adres|postal address|tel|tél|phone|telephone|téléphone|fax|e-mail|email|"
    "courriel|web|website|site|hotline|contacts?|телефон|адрес|факс|горячая линия|эл\\. почта"
)
RELATED = (
    "additional materials|documents supplémentaires|дополнительные материалы|related|related articles|"
    "related news|related content|related stories|related topics|see also|read also|read more|"
    "more on this topic|more on this|also read|you may also like|recommended|information générale|"
    "general information|общая информация|tags|keywords|topics|sections|additional"
)



def _alternatives(vocabulary: str) -> str:
    """A '|'-separated vocabulary for a VERBOSE pattern, where a plain space would be ignored."""
    return vocabulary.replace(" ", r"\s+")


CONTACT_LABELS = _alternatives(CONTACT_LABELS)
RELATED = _alternatives(RELATED)

BULLET = re.compile(r"^[•·▪◦‣*\-–]\s+")


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text.strip())


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Case:
    """A small capture in which a context rule's examples are judged, with what they need around
    them: the capture's ``units`` in order, one line each (``form`` 'text', or 'markdown' with its
    YAML header), or its page's body, one element each (``form`` 'html'). ``headline`` is what
    its sidecar records as the headline, ``curated`` the units its 'remove' names, ``speakers``
    the labels that open a turn ('Sergey Lavrov:'). Cleaned, the capture loses each unit of
    ``removes`` to the rule and keeps each unit of ``keeps``."""

    units: tuple[str, ...]
    removes: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    curated: tuple[str, ...] = ()
    form: str = "text"
    names: tuple[str, ...] = ()
    """The names of the speakers its sidecar lists (as the registry spells them)."""
    venue: tuple[str | None, str | None, str | None] = (None, None, None)
    """Its sidecar's venue: place, city and country."""
    event: str | None = None
    """Its sidecar's event (``venue.event``)."""


@dataclass(frozen=True)
class Rule:
    """A named kind of page furniture."""

    name: str
    why: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()
    pattern: re.Pattern | None = None
    max_words: int | None = None
    context: bool = False
    group: str = "furniture"
    cases: tuple[Case, ...] = ()
    """A context rule's examples and counter-examples in the captures they need to be judged."""

    def matches(self, line: str) -> bool:
        """Does this line rule recognise ``line`` (already typographically normalised)?"""
        return self._matches_text(strip_bullet(line))

    def _matches_text(self, text: str, length: int | None = None) -> bool:
        """``matches`` for a line whose bullet is stripped; ``length``, when given, is its word
        count if under ``LONGEST``, else ``LONGEST``."""
        if self.pattern is None or not text:
            return False
        if self.max_words is not None:
            if length is None:
                if more_words_than(text, self.max_words):
                    return False
            elif length > self.max_words:
                return False
        return bool(self.pattern.search(text))


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


LINE_RULES: tuple[Rule, ...] = (
    Rule(
        "bare-timestamp",
        "A time of day alone on a line is the page's publication stamp, not speech.",
        ("23:28", "12:05 PM", "09:15 GMT"),
        ("At 23:28 the session closed.",),
        _rx(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}|UTC[+-]\d+)?$"),
    ),
    Rule(
        "bare-date",
        "A date alone on a line (often the day the page was printed, not the day of the event, "
        "as in 'Friday, March 29') is page furniture; the event's date lives in the metadata.",
        ("Friday, March 29", "5 December 2008", "December 2, 2021", "Announcement, March 15, 2016", "Announcement, April 25 − 26, 2016", "02.12.2021", "2021-12-02", "2 декабря 2021 года"),
        ("On 5 December 2008 we met.", "March"),
        _rx(
            rf"""^(?:[A-Z][\w-]{{2,20}},\s+)?(?:(?:{WEEKDAYS}),?\s+)?
            (?:\d{{1,2}}\s+(?:{MONTHS})\.?(?:,?\s+\d{{4}})?(?:\s+(?:года|г\.))?
              |(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[−–-]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?
              |\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}
              |\d{{4}}-\d{{2}}-\d{{2}})
            (?:,?\s+\d{{1,2}}:\d{{2}})?$"""
        ),
    ),
    Rule(
        "end-mark",
        "The mark a press office prints where its release ends ('###', '# # #', '-30-'), a sign for "
        "editors, not a word said. The closing time ('END', 'END 1:42 P.M. EDT') says when the event "
        "ended and is kept as narration (end-of-transcript).",
        ("###", "# # #", "-30-"),
        ("END 1:42 P.M. EDT", "END", "#1", "# 1 #"),
        _rx(r"^(?:\#\s*){3}$|^-\s*30\s*-$"),
    ),
    Rule(
        "page-artefact",
        "What a printed record's page adds: a page number or count alone on a line, a document "
        "symbol (A/48/PV.5), a print job number (93-86185), or these together.",
        ("12", "A/48/PV.5", "A/C.1/64/PV.3", "93-86185", "- 4 -", "17/26", "17/26 15-29437", "A/70/PV.17 29/09/2015", "A/PV.1859"),
        ("1997.", "In 1993 we met.", "1/2 of the members"),
        _rx(
            r"""^(?:-\s*)?\d{1,4}(?:\s*-)?$|
            ^(?:\d{1,3}/\d{1,3}\s*)?(?:\d{2}-\d{5})?$|
            ^[A-Z]{1,3}(?:/[A-Z0-9.]+)*/(?:PV|SR)\.\d+(?:\s+\d{2}/\d{2}/\d{4})?$"""
        ),
    ),
    Rule(
        "last-updated",
        "'Last updated', 'Published' and similar stamps describe the web page, not the event.",
        ("Last updated: 3 March 2022", "Published 12:03", "Updated December 5, 2009 18:30 GMT", "Last updated at July 6, 2020, 17:53"),
        ("Published reports say the talks failed.",),
        _rx(r"^(?:last\s+)?(?:updated|modified|published|posted|дата\s+публикации)(?:\s+(?:on|at))?\s*:?\s*[\w ,.:/-]*\d[\w ,.:/-]*$"),
        max_words=10,
    ),
    Rule(
        "navigation-menu",
        "Three or more short items joined by '|', '·', '»' or '>' are a site menu or breadcrumb trail.",
        ("Text Only | Disarmament Diplomacy | Disarmament Documentation | ACRONYM Reports", "Home > News > Statements"),
        ("Either | or.",),
        _rx(r"^[^|·»>›]{1,40}(?:\s[|·»>›]\s[^|·»>›]{1,40}){2,}$"),
    ),
    Rule(
        "skip-or-back-link",
        "Links that move the reader around the page or site ('Back to …', 'Skip to content', "
        "'Accessibility links') are navigation.",
        ("back to the acronym home page", "Back to the Top of the Page", "Skip to main content", "Accessibility links"),
        ("Back to the question of sanctions: we will respond.",),
        _rx(
            r"""^(?:back\s+to\b[^.!?:;]*|return\s+to\b[^.!?:;]*|go\s+to\s+top|top\s+of\s+(?:the\s+)?page|to\s+top|
            skip\s+to\b[^.!?:;]*|skip\s+navigation|accessibility\s+links|jump\s+to\b[^.!?:;]*|main\s+menu|menu)$"""
        ),
        max_words=8,
    ),
    Rule(
        "contact-details",
        "Address-book entries (field labels, telephone and fax numbers, e-mail and web addresses, "
        "dash placeholders) are contact blocks, such as an embassy's. A web address closed by a full "
        "stop ends a sentence of the text ('… at the summit's website at:' and the address).",
        ("Adresse :", "Téléphone :", "Fax", "E-mail", "Web", "+33 1 45-04-05-50", "ambrusfrance@mid.ru", "https://france.mid.ru/ru/", "-",
         "+7 495 937-14-42 (Административный отдел)", "http://en.kremlin.ru/events/president/news/58482"),
        ("Call +7 495 937-15-00 if you need a visa.", "http://asean2010.vn/asean_en/news/48/2DA976/Notice-No1-on-media-accreditation."),
        _rx(
            rf"""^(?:{CONTACT_LABELS})\s*:?$|
            ^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$|
            ^(?:https?://|www\.)\S+(?<!\.)$|
            ^[-–—•·]$|
            ^(?:(?:\+|\()?\d[\d\s().-]{{5,}}\d(?:\s*\([^)]{{1,60}}\))?[,;]?\s*)+$"""
        ),
    ),
    Rule(
        "share-widget",
        "A line made only of social-network names and share verbs is a sharing widget.",
        ("Google+ Pinterest LinkedIn Tumblr +", "Share.", "Leave A Reply", "Twitter", "Vkontakte"),
        ("Share the burden.", "Please share this with Twitter users who asked."),
        _rx(rf"^(?:(?:{SOCIAL})[\s.,:|/]*)+$"),
        max_words=8,
    ),
    Rule(
        "call-to-action",
        "Invitations to click, subscribe or read more address the web reader, not the audience.",
        ("To find out more, click here.", "Subscribe to our newsletter", "Read more", "Follow us on Telegram"),
        ("We will find out more when the experts meet.",),
        _rx(
            r"""(?:\bclick\s+here\b|^read\s+more\b|^subscribe\b|^sign\s+up\b|^follow\s+us\b|
            ^download\s+(?:the|our)\s+app\b|^(?:to\s+)?find\s+out\s+more[,:]?\s*(?:here|click))"""
        ),
        max_words=12,
    ),
    Rule(
        "legal-notice",
        "Copyright lines, cookie and privacy notices and warnings about the publisher's legal "
        "status are the site's, not the transcript's.",
        (
            "RFE/RL has been declared an \"undesirable organization\" by the Russian government.",
            "If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian passport or are a stateless person residing permanently in Russia or the Russia-controlled parts of Ukraine, please note that you could face fines or imprisonment for sharing, liking, commenting on, or saving our content, or for contacting us.",
            "© 2021 Ministry of Foreign Affairs. All rights reserved.",
            "This site uses cookies. By continuing you accept our cookie policy.",
        ),
        ("We respect copyright and the rights of minorities.",),
        _rx(
            r"""(?:all\s+rights\s+reserved|^©|^\(c\)\s*\d{4}|^copyright\s+(?:©\s*)?\d{4}|
            \bcookies?\b.*\b(?:use|policy|accept|consent)|privacy\s+policy|terms\s+of\s+(?:use|service)|
            has\s+been\s+(?:declared|designated|labell?ed)\s+(?:an?\s+)?["“]?(?:undesirable|foreign\s+agent)|
            could\s+face\s+(?:fines|prosecution|imprisonment)|reproduction\s.*(?:permitted|prohibited|allowed))"""
        ),
        max_words=90,
    ),
    Rule(
        "photo-caption",
        "Photo credits, album labels and photo counters belong to images, which the archive does not keep.",
        ("Album de photos", "1 de 1 photos dans l'album", "Reportage photos", "Photo: Reuters", "Photos", "Photo gallery",
         "Presidential Address to the Federal Assembly. Photo: TASS"),
        ("The photos were published in the magazine.", "We saw it. Photo: the evidence is clear, and we will act on it now."),
        _rx(
            r"""^(?:photo|photograph|image|picture|video)\s*(?::|by\b|©|credit\b).{0,80}$|
            ^(?:album\s+de\s+photos|photo\s+album|photo\s+gallery|photos?|videos?|reportage\s+photos|фото(?:графии)?|фотоальбом)$|
            ^\d+\s+(?:de|of|из)\s+\d+\s+(?:photos?|фото)\b.*$|^\((?:photo|photograph)[:\s].{0,60}\)$|
            ^[^.!?]{3,120}\.\s+(?:photo|photograph)s?\s*(?::|by\b|©)\s*[^.!?]{1,60}\.?$"""
        ),
        max_words=12,
    ),
    Rule(
        "related-content",
        "Headings of boxes beside the text ('Additional materials', 'See also', 'General information') "
        "introduce links to other pages.",
        ("Documents supplémentaires", "Information générale", "Additional materials", "See also", "Related articles"),
        ("See also our letter of January.",),
        _rx(rf"^(?:{RELATED})\s*:?$"),
    ),
    Rule(
        "publication-footer",
        "What a page says about its own publication (its status, sections, publication date, "
        "permanent link, text version) follows the text and is not part of it.",
        ("Publication status", "Published in section: News", "Published in sections: News, Transcripts",
         "Publication date: July 6, 2020, 15:25", "Direct link: en.kremlin.ru/d/63613", "Text version",
         "Release date: March 16, 2022", "Permalink: https://example.org/p/1"),
        ("The publication date of the report was moved to May.", "A direct link between the two events exists."),
        _rx(
            r"""^(?:publication\s+status|text\s+version|print\s+version|version\s+for\s+print(?:ing)?)$|
            ^(?:published\s+in\s+sections?|publication\s+date|release\s+date|direct\s+link|permalink|short\s+link)\s*:\s*\S.{0,120}$"""
        ),
        max_words=16,
    ),
    Rule(
        "page-marker",
        "A page marker of a PDF extraction ('### Page 4:', 'Page 4 of 12') shows where a printed "
        "page began, not what was said.",
        ("### Page 4:", "Page 4", "Page 4 of 12", "- Page 12 -", "## Page 2"),
        ("Page 4 of the report lists the victims.", "Turn the page."),
        _rx(r"^(?:\#{1,6}\s*)?-?\s*page\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?\s*-?\s*:?$"),
    ),
    Rule(
        "source-credit",
        "A 'Source: …' credit line names where the text came from; it is recorded in the metadata "
        "(source.credit_line or source.original_url) and shown in the page header.",
        ("Source: Russian Ministry for Foreign Affairs, www.russianembassy.org.", "Source: https://www.mid.ru/ru/foreign_policy/news/1799823/"),
        ("Sources say the meeting failed.",),
        _rx(r"^(?:source|sources|источник|source\s+de\s+l'information)\s*:\s*\S"),
        max_words=30,
    ),
)

_PUTIN = "Vladimir Putin:"
_LAVROV = "Sergey Lavrov:"
_GREF_HEADLINE = "Meeting with Sberbank CEO German Gref"
_GREF_LEAD = ("Vladimir Putin had a working meeting with Sberbank CEO and Chairman of the Management Board German Gref. "
              "The meeting concerned the bank’s current operations, the mortgage and consumer lending markets.")
_GREF_TALK = "Vladimir Putin: Let’s talk about the current situation in the bank and the status of its loan portfolio."
_MODI = ("In addition, the President’s personal contribution to these relations can hardly be underestimated. Everyone who "
         "was at our meeting in Sochi, and its outcomes are all still fresh in my memory.")
_MODI_2 = "Mr President, India attaches special importance to our relations with Russia."

CONTEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "source-headline",
        "The capture's own title lines, recorded verbatim in the metadata (source.headline) and "
        "shown in the page header, are not part of what was said.",
        ("Russian Foreign Minister Sergey Lavrov on relations with NATO, 5 December 2008",),
        ("Sergey Lavrov on relations with NATO",),
        context=True,
        cases=(
            Case(("Russian Foreign Minister Sergey Lavrov on relations with NATO, 5 December 2008", "Sergey Lavrov on relations with NATO",
                  "Sergey Lavrov: Our relations with NATO are at a crossroads.", "Thank you."),
                 removes=("Russian Foreign Minister Sergey Lavrov on relations with NATO, 5 December 2008",),
                 keeps=("Sergey Lavrov on relations with NATO",),  # a heading-like line that the sidecar does not record
                 headline=("Russian Foreign Minister Sergey Lavrov on relations with NATO, 5 December 2008",), speakers=(_LAVROV,)),
        ),
    ),
    Rule(
        "header-line",
        "Before the first turn, the lines that restate the metadata: a speaker's byline (a name "
        "the sidecar lists, alone or with an office after a comma), the place (the venue's place, "
        "city and country, or the city with its region) and the site. Drafted into the sidecar "
        "(speakers' roles, venue), they are not what was said. So are a line of the event held there, "
        "which the sidecar records, a line of how it was held ('Via Teleconference') and of the desk "
        "that issued it ('Office of the Spokesperson'). A rank before a byline's name ('Ambassador') "
        "is no part of it. Only "
        "those lines go, and only before the first label or the first sentence that restates nothing.",
        ("Antony J. Blinken, Secretary of State", "French Foreign Minister Jean-Yves Le Drian", "Kangerlussuaq, Greenland", "Kangerlussuaq Airport",
         "East Room", "The Kremlin, Moscow", "Washington, D.C.", "Office of the Spokesperson", "Via Teleconference",
         "Ambassador Bonnie Denise Jenkins, Under Secretary for Arms Control and International Security",
         "U.S.-Japan Economic Policy Consultative Committee", "Yael Lempert , Acting Assistant Secretary for Near Eastern Affairs"),
        ("Good afternoon, everyone.", "Antony J. Blinken, thank you for coming.", "Moscow is a city of many faces.",
         "Jeppe Kofod, Danish Foreign Minister", "Ambassador Bonnie Denise Jenkins will speak first."),
        context=True,
        cases=(
            # The State Department: bylines, the place, the site, then the first label.
            Case(("Antony J. Blinken, Secretary of State", "French Foreign Minister Jean-Yves Le Drian", "Paris, France", "Quai d’Orsay",
                  "FOREIGN MINISTER LE DRIAN: (Via interpreter) Good afternoon."),
                 removes=("French Foreign Minister Jean-Yves Le Drian", "Paris, France", "Quai d’Orsay"),
                 keeps=("FOREIGN MINISTER LE DRIAN: (Via interpreter) Good afternoon.",),
                 speakers=("FOREIGN MINISTER LE DRIAN:",), names=("Antony J. Blinken", "Jean-Yves Le Drian"), venue=("Quai d’Orsay", "Paris", "France")),
            Case(("Antony J. Blinken, Secretary of State", "Mute Egede, Greenlandic Premier", "Kangerlussuaq, Greenland", "Kangerlussuaq Airport",
                  "PREMIER EGEDE: Secretary Blinken, it has been a pleasure to have you as a guest in my country.",
                  "SECRETARY BLINKEN: Thank you very much."),
                 removes=("Antony J. Blinken, Secretary of State", "Mute Egede, Greenlandic Premier", "Kangerlussuaq, Greenland", "Kangerlussuaq Airport"),
                 keeps=("PREMIER EGEDE: Secretary Blinken, it has been a pleasure to have you as a guest in my country.",),
                 speakers=("PREMIER EGEDE:", "SECRETARY BLINKEN:"), names=("Antony J. Blinken", "Mute Egede"),
                 venue=("Kangerlussuaq Airport", "Kangerlussuaq", "Greenland")),
            # The State Department's briefing on background: its desk, how it was held, then the moderator.
            Case(("Office of the Spokesperson", "Via Teleconference", "MODERATOR: Good morning, everyone, and thank you for joining.",
                  "Via teleconference, we reached every embassy."),
                 removes=("Office of the Spokesperson", "Via Teleconference"),
                 keeps=("MODERATOR: Good morning, everyone, and thank you for joining.", "Via teleconference, we reached every embassy."),
                 speakers=("MODERATOR:",), names=(), venue=(None, None, None)),
            # A byline with a rank before the name the sidecar lists; how the call was held.
            Case(("Ambassador Bonnie Denise Jenkins, Under Secretary for Arms Control and International Security", "Via Teleconference",
                  "Ambassador Bonnie Denise Jenkins will speak first.", "MR PRICE: Thanks very much for joining us."),
                 removes=("Ambassador Bonnie Denise Jenkins, Under Secretary for Arms Control and International Security", "Via Teleconference"),
                 keeps=("Ambassador Bonnie Denise Jenkins will speak first.", "MR PRICE: Thanks very much for joining us."),
                 speakers=("MR PRICE:",), names=("Bonnie Denise Jenkins", "Ned Price")),
            # A space before a byline's comma, as the publisher printed it.
            Case(("Yael Lempert , Acting Assistant Secretary for Near Eastern Affairs", "Via Teleconference", "MR PRICE: Thanks very much for joining us."),
                 removes=("Yael Lempert , Acting Assistant Secretary for Near Eastern Affairs", "Via Teleconference"),
                 keeps=("MR PRICE: Thanks very much for joining us.",),
                 speakers=("MR PRICE:",), names=("Yael Lempert", "Ned Price")),
            # The site and the capital on one line, then the event the sidecar records; the same words spoken stay.
            Case(("Antony J. Blinken, Secretary of State", "Benjamin Franklin Room Washington, D.C.", "U.S.-Japan Economic Policy Consultative Committee",
                  "SECRETARY BLINKEN: Well, good morning everyone.", "U.S.-Japan Economic Policy Consultative Committee:", "It meets today."),
                 # (a first paragraph that says the event, as a sentence, is spoken: the next case)
                 removes=("Antony J. Blinken, Secretary of State", "Benjamin Franklin Room Washington, D.C.", "U.S.-Japan Economic Policy Consultative Committee"),
                 keeps=("SECRETARY BLINKEN: Well, good morning everyone.", "U.S.-Japan Economic Policy Consultative Committee:"),
                 speakers=("SECRETARY BLINKEN:",), names=("Antony J. Blinken",), venue=("Benjamin Franklin Room", "Washington, D.C.", "United States"),
                 event="U.S.-Japan Economic Policy Consultative Committee"),
            # The Kremlin: a first paragraph that says the event, as a sentence, is the text.
            Case(("Vladimir Putin met with the leaders of the Russian space industry and cosmonauts.", "Vladimir Putin: Good afternoon."),
                 keeps=("Vladimir Putin met with the leaders of the Russian space industry and cosmonauts.",),
                 removes=(), speakers=("Vladimir Putin:",), names=("Vladimir Putin",),
                 event="Vladimir Putin met with the leaders of the Russian space industry and cosmonauts"),
            # A short spoken first paragraph, then a byline of someone the sidecar does not list.
            Case(("Washington, D.C.", "Good afternoon, everyone.", "Jeppe Kofod, Danish Foreign Minister", "SECRETARY BLINKEN: Thank you."),
                 removes=("Washington, D.C.",), keeps=("Good afternoon, everyone.", "Jeppe Kofod, Danish Foreign Minister"),
                 speakers=("SECRETARY BLINKEN:",), names=("Antony J. Blinken",), venue=(None, "Washington", "United States")),
            # A speech with no labels that opens with a listed speaker's name, spoken.
            Case(("Antony J. Blinken, thank you for coming.", "It is good to be here."),
                 keeps=("Antony J. Blinken, thank you for coming.",), names=("Antony J. Blinken",), venue=(None, "Brussels", "Belgium")),
            # The White House: the room, the time (a line rule's), then the first label.
            Case(("East Room", "3:12 P.M. EST", "THE PRESIDENT: Please, please, have a seat."),
                 removes=("East Room",), keeps=("THE PRESIDENT: Please, please, have a seat.",),
                 speakers=("THE PRESIDENT:",), names=("Joseph R. Biden",), venue=("East Room", "Washington", "United States")),
            # The Kremlin: the place line; a first paragraph that begins with the city is spoken.
            Case(("The Kremlin, Moscow", "Vladimir Putin: Good afternoon, colleagues."),
                 removes=("The Kremlin, Moscow",), keeps=("Vladimir Putin: Good afternoon, colleagues.",),
                 speakers=("Vladimir Putin:",), names=("Vladimir Putin",), venue=("The Kremlin", "Moscow", "Russia")),
            Case(("Moscow is a city of many faces.", "We are glad to see you here."),
                 keeps=("Moscow is a city of many faces.",), venue=("The Kremlin", "Moscow", "Russia")),
        ),
    ),
    Rule(
        "page-header",
        "Above the capture's headline (recorded in the metadata) short lines that are not "
        "sentences are the site's name, menus, section labels and tickers. Without a recorded "
        "headline nothing is cut here: a speech's opening address looks the same.",
        ("WMD Possessors", "About Acronym", "Breaking News"),
        ("Mr. President,", "The Institute publishes this record of the meeting."),
        context=True,
        cases=(
            Case(("WMD Possessors", "About Acronym", "The Institute publishes this record of the meeting.", "Breaking News",
                  "NATO, Russia Paper Over Differences", "After the meeting, NATO struck a conciliatory note."),
                 removes=("WMD Possessors", "About Acronym", "Breaking News"),
                 keeps=("The Institute publishes this record of the meeting.",),  # a sentence, even above the headline
                 headline=("NATO, Russia Paper Over Differences",)),
            Case(("Mr. President,", "It is an honour to speak here today."), keeps=("Mr. President,",)),  # no headline recorded
        ),
    ),
    Rule(
        "duplicated-caption",
        "The same line twice in a row is an image's alternative text followed by its caption.",
        ("Russian Foreign Minister Sergei Lavrov said existing security arrangements in Europe are out of date.",),
        ("Thank you.",),
        context=True,
        cases=(
            Case(("Russian Foreign Minister Sergei Lavrov said existing security arrangements in Europe are out of date.",
                  "Russian Foreign Minister Sergei Lavrov said existing security arrangements in Europe are out of date.",
                  "BRUSSELS -- Today's meeting of the NATO-Russia Council (NRC) marked an important psychological step.",
                  "Sergey Lavrov: Thank you.", "Thank you.", "Thank you."),
                 removes=("Russian Foreign Minister Sergei Lavrov said existing security arrangements in Europe are out of date.",),
                 keeps=("Thank you.",),  # two words said twice: a speaker's
                 speakers=(_LAVROV,)),
        ),
    ),
    Rule(
        "page-footer",
        "After the last sentence of the text, once a line of furniture has begun the footer, the "
        "lines that are not sentences (names of offices, postal addresses, countries, list items) "
        "belong to that footer. Words introducing what follows ('… signed executive orders "
        "appointing:'), followed by a kept line, are the text, and so is the list they introduce.",
        ("Ambassade de Russie à Paris", "40-50, Boulevard Lannes, 75116 Paris", "France"),
        ("Thank you", "Vladimir Kolokoltsev – Minister of the Interior"),
        context=True,
        cases=(
            Case(("Sergey Lavrov: We will see.", "Thank you", "Share", "Ambassade de Russie à Paris", "40-50, Boulevard Lannes, 75116 Paris", "France"),
                 removes=("Ambassade de Russie à Paris", "40-50, Boulevard Lannes, 75116 Paris", "France"),
                 keeps=("Thank you",),  # before the first furniture line
                 speakers=(_LAVROV,)),
            Case(("The President signed the respective executive orders.",
                  "President of the Russian Federation Vladimir Putin signed executive orders appointing:",
                  "Vladimir Kolokoltsev – Minister of the Interior", "Sergei Lavrov – Minister of Foreign Affairs",
                  "Publication status", "Official Website of the President of Russia:", "Twitter", "Addressee email"),
                 removes=("Official Website of the President of Russia:", "Addressee email"),  # words ending in a colon followed by furniture: a share box's
                 keeps=("Vladimir Kolokoltsev – Minister of the Interior", "Sergei Lavrov – Minister of Foreign Affairs")),
        ),
    ),
    Rule(
        "front-matter",
        "A Markdown capture's YAML header (between its '---' lines: title, date, source_url, tags) "
        "is the scraper's record of the page; its values are read as draft metadata, its lines are "
        "not text.",
        ("---", "source_url: https://www.whitehouse.gov/briefing-room/…", "tags: speeches-remarks", 'title: "Remarks by President\\_Biden"'),
        ("title: Remarks",),
        context=True,
        cases=(
            Case(("---", 'title: "Remarks by President\\_Biden"', "tags: speeches-remarks", "source_url: https://www.whitehouse.gov/briefing-room/…",
                  "---", "", "THE PRESIDENT: Good afternoon.", "", "We are here today to talk about Ukraine."),
                 removes=("---", "source_url: https://www.whitehouse.gov/briefing-room/…", "tags: speeches-remarks", 'title: "Remarks by President\\_Biden"'),
                 keeps=("We are here today to talk about Ukraine.",), speakers=("THE PRESIDENT:",), form="markdown"),
            Case(("---", "title: Remarks", "", "We met today."), keeps=("title: Remarks",), form="markdown"),  # no closing '---': no header
        ),
    ),
    Rule(
        "picture-caption",
        "A picture's caption: a line the page marks as one (a <figcaption>, the text beside a "
        "picture in its own block, the few words of a block that holds a picture or a video and no "
        "paragraph, such as a video's title), even where it reads as a label ('With Acting Governor "
        "Alexander Burkov. Photo: RIA Novosti'); in text without markup, one short phrase alone between "
        "paragraphs, ending in a full stop, that names who or where with capitalised words or opens "
        "with 'At', 'With', 'During' …, with no verb and no one speaking ('With Sberbank CEO German "
        "Gref.', 'At the meeting with …'). A run of such lines is a list, not captions.",
        ("With Sberbank CEO and Chairman of the Management Board German Gref.",
         "At News conference following Russian-German talks.",
         "Federal Chancellor of Germany Angela Merkel.",
         "President Biden in the Roosevelt Room."),
        ("Thank you very much.", "Good afternoon, Mr President.", "At the same time, we must act.",
         "With pleasure.", "We met in Helsinki.", "That was a record figure."),
        context=True,
        cases=(
            Case((_GREF_HEADLINE, _GREF_LEAD, "October 8, 2018", "13:20", "Novo-Ogaryovo, Moscow Region",
                  "With Sberbank CEO and Chairman of the Management Board German Gref.", _GREF_TALK,
                  "At News conference following Russian-German talks.", "Good afternoon, Mr President.",
                  "Federal Chancellor of Germany Angela Merkel.", "Thank you very much.",
                  "President Biden in the Roosevelt Room.", "With pleasure.", "We met in Helsinki.",
                  "At the same time, we must act.", "That was a record figure."),
                 removes=("With Sberbank CEO and Chairman of the Management Board German Gref.", "At News conference following Russian-German talks.",
                          "Federal Chancellor of Germany Angela Merkel.", "President Biden in the Roosevelt Room."),
                 keeps=("Thank you very much.", "Good afternoon, Mr President.", "At the same time, we must act.",
                        "With pleasure.", "We met in Helsinki.", "That was a record figure."),
                 headline=(_GREF_HEADLINE,), speakers=(_PUTIN,)),
        ),
    ),
    Rule(
        "article-header",
        "Between the capture's headline (or its YAML header) and the first sentence, lines that are "
        "not sentences are the article's header: its section link, date, time and place, recorded "
        "in the metadata ('Events', 'October 8, 2018', '13:20', 'Novo-Ogaryovo, Moscow Region', "
        "'South Court Auditorium', '1:01 P.M. EDT'). A saved page says more: the line it marks as "
        "the place (microformats' p-location) is the place whatever its shape, and the header ends "
        "where the page marks its article's body to begin (articleBody, e-content).",
        ("Events", "Novo-Ogaryovo, Moscow Region", "South Court Auditorium", "Eisenhower Executive Office Building", "Via Teleconference",
         "The Hall Of Columns Of Trade Union House, Moscow"),
        ("Mr. President,", "Dear leaders,", "May 8. Alexander Garden."),
        context=True,
        cases=(
            Case((_GREF_HEADLINE, "Events", "October 8, 2018", "13:20", "Novo-Ogaryovo, Moscow Region", _GREF_TALK),
                 removes=("Events", "Novo-Ogaryovo, Moscow Region"), headline=(_GREF_HEADLINE,), speakers=(_PUTIN,)),
            Case(("---", "tags: speeches-remarks", "---", "", "South Court Auditorium", "Eisenhower Executive Office Building", "",
                  "1:01 P.M. EDT", "", "THE PRESIDENT: Good afternoon."),
                 removes=("South Court Auditorium", "Eisenhower Executive Office Building"), speakers=("THE PRESIDENT:",), form="markdown"),
            Case(("Background Press Call", "Via Teleconference", "6:00 P.M. EST", "MODERATOR: Thank you, and good evening."),
                 removes=("Via Teleconference",), headline=("Background Press Call",), speakers=("MODERATOR:",)),
            Case(("Remarks to the General Assembly", "Mr. President,", "Dear leaders,", "It is an honour to speak here today."),
                 keeps=("Mr. President,", "Dear leaders,"), headline=("Remarks to the General Assembly",)),  # an address is the text
            Case(("<h1>Laying wreath at the Tomb of the Unknown Soldier</h1>",
                  "<div class='read__lead'><p>Vladimir Putin laid a wreath at the Tomb of the Unknown Soldier</p></div>",
                  "<div class='read__meta'><time>May 8, 2016</time><div class='read__time'>14:50</div>",
                  "<div class='read__place p-location'>The Hall Of Columns Of Trade Union House, Moscow</div></div>",
                  "<div class='entry-content e-content' itemprop='articleBody'><p>May 8. Alexander Garden.</p>",
                  "<p>Laying wreath and flowers at the Tomb of the Unknown Soldier.</p></div>"),
                 removes=("The Hall Of Columns Of Trade Union House, Moscow",),  # the place the page marks, whatever its shape
                 keeps=("May 8. Alexander Garden.",),  # where the page marks its body to begin
                 headline=("Laying wreath at the Tomb of the Unknown Soldier",), form="html"),
        ),
    ),
    Rule(
        "tag-block",
        "After the text has begun, a heading word of a tag block ('Geography', 'Topics', "
        "'Persons', 'Tags') and the short names listed under it, or a link the page marks as a tag, "
        "index the page on its site.",
        ("Geography", "Topics", "Persons", "Foreign policy", "Sassou-Nguesso Denis"),
        ("Topics of the talks included trade and security.", "Persons"),
        context=True,
        cases=(
            Case((_GREF_TALK, "Topics of the talks included trade and security.", "Thank you for your attention.",
                  "Geography", "Republic of the Congo", "Topics", "Foreign policy", "Persons", "Sassou-Nguesso Denis", "Publication status"),
                 removes=("Geography", "Topics", "Foreign policy", "Persons", "Sassou-Nguesso Denis"),
                 keeps=("Topics of the talks included trade and security.",), speakers=(_PUTIN,)),
            Case(("Persons", "Topics of the talks included trade.", _GREF_TALK), keeps=("Persons",), speakers=(_PUTIN,)),  # before the text begins
        ),
    ),
    Rule(
        "related-box",
        "Under a 'See also' or 'Related' heading, the titles and dates of other pages, up to the next "
        "sentence, are a box of links beside the text, even inside it. On a saved page, the box is "
        "the lines made of a link under that heading, dated or not, however long.",
        ("Talks with President of Republic of the Congo Denis Sassou-Nguesso", "Meeting with permanent members of the Security Council", "News of State Council"),
        ("See also our letter of January.", "Text of the Decree on awarding state decorations"),
        context=True,
        cases=(
            Case(("Prime Minister of India Narendra Modi: Your Excellency, good afternoon.", _MODI, "See also",
                  "Talks with President of Republic of the Congo Denis Sassou-Nguesso", "May 23, 2019",
                  "Meeting with permanent members of the Security Council", "May 22, 2019",
                  "See also our letter of January.", _MODI_2, "Vladimir Putin: Thank you, Mr Prime Minister."),
                 removes=("Talks with President of Republic of the Congo Denis Sassou-Nguesso", "Meeting with permanent members of the Security Council"),
                 keeps=("See also our letter of January.",),  # a sentence ends the box
                 speakers=("Prime Minister of India Narendra Modi:", _PUTIN)),
            Case((f"<p>{_GREF_TALK}</p>", f"<p>{_MODI}</p>",
                  "<div class='read__cut'><h3 class='cut__title'>See also</h3><div><a href='/state-council'>News of State Council</a></div></div>",
                  f"<p>{_MODI_2}</p>", "<p><a href='/d/1'>Text of the Decree on awarding state decorations</a></p>", "<p>Thank you.</p>"),
                 removes=("News of State Council",),  # a link under the heading, undated
                 keeps=("Text of the Decree on awarding state decorations",),  # a link under no box's heading
                 speakers=(_PUTIN,), form="html"),
        ),
    ),
    Rule(
        "repeated-text",
        "A unit of eight words or more that repeats text standing inside a longer kept paragraph is "
        "a pull quote or a repeated headline: the words stay where they were said. A passage a saved "
        "page sets apart as a quotation (<blockquote>) is a pull quote when most of its words stand "
        "in the text, in one paragraph or several. The lead is no source of pull quotes, and the same "
        "words again with other punctuation are the text's own.",
        ("We will never accept a world in which the strong dictate to the weak.",),
        ("May 9, 2018, 6:30 am – 8 am at 4 Zubovsky Boulevard, Rossiya Segodnya International Press Centre.",),
        context=True,
        cases=(
            Case(("Sergey Lavrov: Colleagues, good afternoon.",
                  "We will never accept a world in which the strong dictate to the weak, and we say so to all our partners.",
                  "We will never accept a world in which the strong dictate to the weak.",
                  "Military parade marking the anniversary of Victory.",
                  "May 9, 2018, 6:30 am – 8 am, at 4 Zubovsky Boulevard, Rossiya Segodnya International Press Centre.",
                  "Wreath and flower laying ceremony at the Tomb of the Unknown Soldier.",
                  "May 9, 2018, 6:30 am – 8 am at 4 Zubovsky Boulevard, Rossiya Segodnya International Press Centre."),
                 removes=("We will never accept a world in which the strong dictate to the weak.",),  # a pull quote of the paragraph before it
                 keeps=("May 9, 2018, 6:30 am – 8 am at 4 Zubovsky Boulevard, Rossiya Segodnya International Press Centre.",),  # other punctuation
                 speakers=(_LAVROV,)),
        ),
    ),
    Rule(
        "curated-removal",
        "A curator marked the line as furniture no rule recognises (sidecar 'remove', with a reason).",
        (),
        ("We met today.",),
        context=True,
        group="curated",
        cases=(
            Case(("We met today.", "An advertisement that no rule recognises", "Thank you."),
                 removes=("An advertisement that no rule recognises",), keeps=("We met today.",),
                 curated=("An advertisement that no rule recognises",)),
        ),
    ),
)

RULES: dict[str, Rule] = {rule.name: rule for rule in (*LINE_RULES, *CONTEXT_RULES)}


LONGEST = 1 + max(rule.max_words or 0 for rule in LINE_RULES)


def first_line_rule(line: str) -> Rule | None:
    """The first line rule that recognises ``line``, or None. The bullet is stripped and the
    words counted (up to the longest any rule allows) once for all rules."""
    text = strip_bullet(line)
    if not text:
        return None
    length = sum(1 for _ in itertools.islice(WORD.finditer(text), LONGEST))
    for rule in LINE_RULES:
        if rule._matches_text(text, length):
            return rule
    return None
