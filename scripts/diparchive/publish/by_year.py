"""How often something is said, year by year: the counts behind a per-year chart.

For a theme (and, later, any search) the archive shows, for each year it holds transcripts of,
how many of that year's transcripts have a matching passage and how many passages match, each
against that year's totals: the share of the year's transcripts, and the passages per 10,000
words of the year's transcripts (every paragraph, spoken or narrated). The counts come from the
same paragraph view as the pages and the open data (``browse.Catalogue``); the chart is drawn by
a template (``templates/_by_year.md.j2``) as SVG, with the counts in a table beside it, a
sentence that sums them up, and a CSV of the table.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

PER_WORDS = 10_000
"""Passages are counted per this many words of the year's transcripts."""

CSV_FIELDS = ["year", "transcripts_matching", "transcripts", "share_percent", "passages", "words", "passages_per_10000_words"]


def words_in(text: str) -> int:
    """The words of a paragraph, as every count of the archive takes them: split at white space."""
    return len(text.split())


@dataclass(frozen=True)
class Year:
    year: int
    transcripts: int
    """The archive's transcripts of the year."""
    words: int
    """Words in all their paragraphs."""
    matching: int
    """Transcripts of the year with a matching passage."""
    passages: int
    """Matching passages of the year."""

    @property
    def share(self) -> float:
        """Percent of the year's transcripts with a matching passage."""
        return 100 * self.matching / self.transcripts if self.transcripts else 0.0

    @property
    def rate(self) -> float:
        """Matching passages per PER_WORDS words of the year's transcripts."""
        return PER_WORDS * self.passages / self.words if self.words else 0.0


def totals(paras: Iterable) -> dict[int, tuple[int, int]]:
    """{year: (its transcripts, the words of all their paragraphs)} of the paragraphs
    (``browse.Para``: ``item.slug``, ``item.date.year``, ``text``): the same for every chart of
    one archive, counted once for all of them."""
    transcripts: dict[int, set[str]] = {}
    words: Counter = Counter()
    for para in paras:
        year = para.item.date.year
        transcripts.setdefault(year, set()).add(para.item.slug)
        words[year] += words_in(para.text)
    return {year: (len(transcripts[year]), words[year]) for year in transcripts}


def years(paras: Iterable, matches: Callable[[object], bool], of_all: dict[int, tuple[int, int]] | None = None) -> list[Year]:
    """A row per year the archive holds transcripts of, oldest first, counting the paragraphs
    that ``matches`` accepts against the year's ``totals`` (``of_all``, or counted here)."""
    paras = list(paras)
    of_all = totals(paras) if of_all is None else of_all
    matching: dict[int, set[str]] = {}
    passages: Counter = Counter()
    for para in paras:
        if matches(para):
            year = para.item.date.year
            matching.setdefault(year, set()).add(para.item.slug)
            passages[year] += 1
    return [Year(y, *of_all[y], len(matching.get(y, ())), passages[y]) for y in sorted(of_all)]


def summary(rows: list[Year], what: str) -> str:
    """(``what``: 'on Georgia') One sentence for a reader who cannot see the chart: where the share was highest, and the
    first and last years with a match."""
    found = [r for r in rows if r.passages]
    if not found:
        return f"No passage of the archive is {what}."
    top = max(r.share for r in found)
    peaks = [r for r in found if f"{r.share:.0f}" == f"{top:.0f}"]
    span = f"from {found[0].year} to {found[-1].year}" if len(found) > 1 else f"only in {found[0].year}"
    passages = sum(r.passages for r in found)
    transcripts = sum(r.matching for r in found)
    if len(peaks) == len(rows) > 1:
        largest = f"each year's share of transcripts was the same, {top:.0f} %."
    elif len(peaks) > 1:
        largest = f"the largest share of a year's transcripts, {top:.0f} %, was in {len(peaks)} years alike: {year_list([r.year for r in peaks])}."
    else:
        largest = f"the largest share of a year's transcripts was in {peaks[0].year} ({peaks[0].matching} of {peaks[0].transcripts}, {top:.0f} %)."
    gaps = sorted(set(range(rows[0].year, rows[-1].year + 1)) - {r.year for r in rows})
    covered = f" The archive has no transcripts of {year_list(gaps)}: shaded on the chart, not counted as none." if gaps else ""
    return f"{passages} passage{'s are' if passages != 1 else ' is'} {what}, in {transcripts} transcript{'s' if transcripts != 1 else ''}, {span}; {largest}{covered}"


def year_list(years: list[int]) -> str:
    """Years as a reader writes a list of them: "2010–2017, 2019 and 2020"."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    named = [name for a, b in runs for name in ([str(a)] if a == b else [str(a), str(b)] if b == a + 1 else [f"{a}–{b}"])]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def table_csv(rows: list[Year]) -> str:
    """The table as CSV (numbers only: nothing a spreadsheet would read as a formula)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for r in rows:
        writer.writerow([r.year, r.matching, r.transcripts, f"{r.share:.1f}", r.passages, r.words, f"{r.rate:.2f}"])
    return out.getvalue()


def chart(rows: list[Year], what: str, name: str) -> dict:
    """What the template draws: a bar per year of the whole span (a year without transcripts has
    none), its height the share of the year's transcripts; the axis labels; the table; the
    summary; the CSV as a data address named ``name``.csv."""
    width, height, left, bottom, top = 640, 220, 40, 30, 12
    first, last = (rows[0].year, rows[-1].year) if rows else (0, 0)
    span = last - first + 1
    slot = (width - left - 8) / max(span, 1)
    peak = max((r.share for r in rows), default=0.0)
    scale = 100.0 if peak > 50 else 50.0 if peak > 25 else 25.0 if peak > 10 else 10.0
    plot = height - bottom - top
    bars = []
    for r in rows:
        h = round(plot * r.share / scale, 1)
        bars.append({
            "year": r.year, "x": round(left + (r.year - first) * slot + slot * 0.15, 1), "width": round(max(slot * 0.7, 1.0), 1),
            "y": round(top + plot - h, 1), "height": h, "label": f"{r.year}: {r.matching} of {r.transcripts} transcripts ({r.share:.0f} %), {r.passages} passages",
            "share": f"{r.share:.1f}", "matching": r.matching,
        })
    step = next(s for s in (1, 2, 5, 10, 20, 50) if span / s <= 12)
    held = {r.year for r in rows}
    gaps = [{"year": y, "x": round(left + (y - first) * slot, 1), "width": round(slot, 1)} for y in range(first, last + 1) if y not in held] if rows else []
    ticks = [{"year": y, "x": round(left + (y - first) * slot + slot / 2, 1)} for y in range(first, last + 1) if (y - first) % step == 0] if rows else []
    return {
        "what": what, "bars": bars, "gaps": gaps, "ticks": ticks, "rows": rows, "scale": f"{scale:.0f}", "width": width, "height": height,
        "left": left, "bottom": height - bottom, "top": top, "mid": round(top + plot / 2, 1), "half": f"{scale / 2:g}",
        "summary": summary(rows, what), "csv": "data:text/csv;charset=utf-8," + quote(table_csv(rows)), "name": f"{name}.csv",
        "per": f"{PER_WORDS:,}",
    }
