"""Declarations of curated input, as MkDocs declares ``mkdocs.yml`` (``config/defaults.py``):
each field a typed class attribute followed by its docstring, e.g. ``event = Text(required=True)``
then ``\"\"\"The event or meeting.\"\"\"``. A mapping field is a declaration of its own (``Nested``), a
list declares its item (``List``), a registry maps ids to one (``Entries``). From the declarations
come the checks (``Checker``: typed values, and every problem named by file, field and line), the
documentation (``fields``: docs/about/metadata.md, ``diparchive schema``) and drafts (``dump``).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import re
from pathlib import Path
from typing import Any, Callable, ClassVar

import yaml

from diparchive.infra.errors import BuildFailed, InputError, order, quote, shorten
from diparchive.model import PartialDate

# Anchored with \A and \Z, never ^ and $: '$' matches before a final line break, so 'osce\n'
# would pass for 'osce' with ``match``. The checks here use ``fullmatch`` all the same.
SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANGUAGE_TAG = re.compile(r"\A[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
URL = re.compile(r"\Ahttps?://[^\s\x00-\x1f\x7f-\x9f]+\Z")
LINE_NUMBER = re.compile(r"\A[1-9][0-9]*\Z")


def kind_of(value: Any) -> str:
    """How a message names a value of the wrong kind: 'nothing', 'a list', 'a mapping', 'text 'x''."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return f"text {shorten(str(value))}"


def shown(value: Any) -> str:
    """A value found where another was expected: text quoted, anything else named by its kind."""
    return shorten(value) if isinstance(value, str) else kind_of(value)


def absent(value: Any) -> bool:
    """Nothing written: no value, blank text, an empty list or mapping."""
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def nothing(value: Any) -> str:
    return "nothing" if value is None or value == "" else "only white space" if isinstance(value, str) else kind_of(value)


def dotted(path: tuple) -> str:
    """('speakers', 0, 'role') -> 'speakers[0].role', as ``load_yaml`` keys its lines."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).removeprefix(".")


def parse_date(value: Any) -> PartialDate:
    """Read ``2008-12-05``, ``2009-12`` or ``1946`` (YAML may hand a date, an int or a string)."""
    if isinstance(value, dt.datetime):
        raise ValueError("a time of day is not part of a date here")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value).strip())
    if not match:
        raise ValueError("not of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:
        raise ValueError("there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if day is not None:
        dt.date(year, month, day)  # raises ValueError "day is out of range for month"
    return PartialDate(year, month, day)


class Invalid(Exception):
    """A value its field refuses: what was expected there, and what was found."""

    def __init__(self, expected: str, found: str):
        super().__init__(expected, found)
        self.expected, self.found = expected, found


# --------------------------------------------------------------------------- field types


class Field:
    """One key of a declaration, followed in the source by its docstring. ``expected`` gives the
    field a message of its own, used for every problem with it (missing, of the wrong kind, wrong)."""

    kind = "text"
    """The type, as the documentation names it."""
    expected = "text"
    choices: tuple[str, ...] = ()

    def __init__(self, required: bool = False, *, expected: str | None = None, default: Any = None):
        self.required, self.message, self.default = required, expected, default
        self.name = self.doc = ""

    @property
    def kinds(self) -> str:
        return self.kind + "s"

    def check(self, value: Any, checker: Checker, path: tuple, at: tuple | None) -> Any:
        """The typed value of what was written, or ``Invalid`` (a type's ``parse``)."""
        return self.parse(value)  # type: ignore[attr-defined]


class Text(Field):
    """Text, on one line: every run of white space is read as one space, unless ``verbatim``."""

    kinds = "text"

    def __init__(self, required: bool = False, *, verbatim: bool = False, **options: Any):
        super().__init__(required, **options)
        self.verbatim = verbatim

    def parse(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(self.expected, kind_of(value))
        return value if self.verbatim else " ".join(value.split())


class Matching(Field):
    """Text of a form a pattern states."""

    pattern: re.Pattern

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            raise Invalid(self.expected, shown(value))
        return value


class Slug(Matching):
    kind, expected, pattern = "id", "an id of lowercase letters, digits and hyphens", SLUG


class Url(Matching):
    kind, expected, pattern = "url", "an http(s) address", URL


class LanguageTag(Matching):
    kind, expected, pattern = "language tag", "a language tag such as 'en' or 'ru'", LANGUAGE_TAG


class LineNumber(Field):
    """A source line number as written (``34``; YAML's ``0700`` would be the octal 448)."""

    kind, expected = "line number", "a source line number such as 34"

    def parse(self, value: Any) -> int:
        if not isinstance(value, str) or not LINE_NUMBER.fullmatch(value):
            raise Invalid(self.expected, shown(value))
        return int(value)


class Choice(Field):
    kind = "choice"

    def __init__(self, choices: Any, required: bool = False, **options: Any):
        super().__init__(required, **options)
        self.choices = tuple(choices)
        self.expected = "one of " + ", ".join(self.choices)

    def parse(self, value: Any) -> str:
        if value not in self.choices:
            raise Invalid(self.expected, shown(value))
        return value


class Date(Field):
    """A date known to the day, the month or the year, not after the day of the build."""

    kind, expected = "date", "a real date as YYYY-MM-DD, YYYY-MM or YYYY"

    def parse(self, value: Any) -> Any:
        try:
            date = parse_date(value)
        except ValueError as exc:
            raise Invalid(self.expected, f"{shown(value)} ({exc})") from None
        if date.sort_key > dt.date.today().timetuple()[:3]:  # even its earliest day is to come
            raise Invalid(self.expected, f"{shown(value)} (after the day of the build)")
        return date


class Day(Date):
    """A date known to the day, read as its text YYYY-MM-DD."""

    kind = "full date"

    def parse(self, value: Any) -> str:
        date = super().parse(value)
        if date.precision != "day":
            raise Invalid("a full date YYYY-MM-DD", shown(value))
        return date.iso


class Nested(Field):
    """A mapping whose fields a declaration states; a mapping with a problem reads as None."""

    kind, kinds = "mapping", "mappings"

    def __init__(self, declaration: type[Declaration], required: bool = False, **options: Any):
        super().__init__(required, **options)
        self.declaration, self.expected = declaration, declaration.expected

    def check(self, value: Any, checker: Checker, path: tuple, at: tuple | None) -> Any:
        declaration = self.declaration
        if isinstance(value, str) and declaration.shorthand:
            value = {declaration.shorthand: value}
        if not isinstance(value, dict):
            raise Invalid(self.expected, kind_of(value))
        values, clean = checker.mapping(declaration, value, path, at)
        return declaration.make(values) if clean else None


class List(Field):
    """A list of items of one type, read as a tuple (an item with a problem as None). A ``whole``
    list reports a problem with an item as its own, showing the list as written."""

    expected = "a list"

    def __init__(self, item: Field | type[Declaration], required: bool = False, *, min: int = 0, whole: bool = False, **options: Any):
        super().__init__(required, default=(), **options)
        self.item = item if isinstance(item, Field) else Nested(item)
        self.min, self.whole = min, whole

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"list of {self.item.kinds}"

    def check(self, value: Any, checker: Checker, path: tuple, at: tuple | None) -> tuple:
        if not isinstance(value, list):
            raise Invalid(self.expected, kind_of(value))
        count = len(checker.problems)
        items = tuple(checker.item(self.item, item, path + (index,), at) for index, item in enumerate(value))
        if (self.whole and len(checker.problems) > count) or len(value) < self.min:
            del checker.problems[count:]
            raise Invalid(self.expected, quote(value))
        return items


class Entries(Field):
    """A registry: id -> a mapping a declaration states (an entry with a problem is left out)."""

    kind, expected = "mapping of ids", "a mapping of id -> fields"

    def __init__(self, item: type[Declaration], required: bool = False, **options: Any):
        super().__init__(required, default={}, **options)
        self.item, self.key = Nested(item), Slug()

    def check(self, value: Any, checker: Checker, path: tuple, at: tuple | None) -> dict:
        if not isinstance(value, dict):
            raise Invalid(self.expected, kind_of(value))
        entries = {}
        for key, item in value.items():
            if checker.value(self.key, key, path + (key,), at) is not None:
                entry = checker.item(self.item, item, path + (key,), at)
                if entry is not None:
                    entries[key] = entry
        return entries


# --------------------------------------------------------------------------- declarations


class Declaration:
    """A mapping of declared fields: each a class attribute followed by its docstring. Options
    are given as class keywords: ``class SpeakerFields(Declaration, into=Speaker, whole=True)``."""

    fields: ClassVar[dict[str, Field]] = {}
    into: ClassVar[Any] = None
    """The class a valid mapping's values are given to (else they stay a dict)."""
    whole: ClassVar[bool] = False
    """A problem with one of its fields is reported at the mapping (its message names the key)."""
    shorthand: ClassVar[str | None] = None
    """The field that a text written in place of the mapping gives ('- x' for '- person: x')."""
    expected: ClassVar[str] = "a mapping of fields"
    unknown: ClassVar[str] = "a field of '{path}' ({fields})"
    """The message for an undeclared key: {path}, {fields} in order, {sorted}."""

    def __init_subclass__(cls, **options: Any):
        super().__init_subclass__()
        for name, value in options.items():
            setattr(cls, name, value)
        docs = _docstrings(inspect.getsourcefile(cls) or "").get(cls.__qualname__, {})
        cls.fields = {name: field for name, field in vars(cls).items() if isinstance(field, Field)}
        for name, field in cls.fields.items():
            field.name, field.doc = name, docs.get(name, "")
            if not field.doc:
                raise TypeError(f"{cls.__qualname__}.{name}: a declared field needs a docstring")

    @classmethod
    def make(cls, values: dict[str, Any]) -> Any:
        """The typed object of a mapping without problems (may raise ``Invalid``)."""
        return cls.into(**values) if cls.into else values


@functools.cache
def _docstrings(filename: str) -> dict[str, dict[str, str]]:
    """Class qualname -> field -> the string that follows the field's assignment in the source."""
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = {
                    target.targets[0].id: " ".join(doc.value.value.split())
                    for target, doc in zip(node.body, node.body[1:])
                    if isinstance(target, ast.Assign) and isinstance(target.targets[0], ast.Name)
                    and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)
                }
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(node.body, f"{prefix}{node.name}.<locals>.")

    visit(ast.parse(Path(filename).read_text("utf-8")).body, "")
    return found


def fields(declaration: type[Declaration], prefix: str = "") -> dict[str, Field]:
    """Every field of a declaration by its path ('venue.city', 'speakers[].role'), in order."""
    found: dict[str, Field] = {}
    for name, field in declaration.fields.items():
        found[prefix + name] = field
        inner = field.item if isinstance(field, List) else field
        if isinstance(inner, Nested):
            found.update(fields(inner.declaration, prefix + name + ("[]." if inner is not field else ".")))
    return found


# --------------------------------------------------------------------------- checking


def field_label(at: tuple) -> str:
    return f"field '{dotted(at)}'"


class Checker:
    """Reads one file against its declaration, collecting every problem: each names the file,
    the field (as ``where`` names this file's fields) and the line its key stands on."""

    def __init__(self, shown: str, lines: dict[str, int], where: Callable[[tuple], str] = field_label):
        self.shown, self.lines, self.where = shown, lines, where
        self.problems: list[InputError] = []

    @property
    def errors(self) -> list[InputError]:
        """The problems in file and line order."""
        return sorted(self.problems, key=order)

    def fail(self, at: tuple, expected: str, found: str, line: tuple | None = None) -> None:
        """A problem named at ``at``, on the line of ``line`` (or the nearest key written above it)."""
        path = at if line is None else line
        number = next((self.lines[k] for k in (dotted(path[:n]) for n in range(len(path), 0, -1)) if k in self.lines), None)
        where = self.where(at) + (f" (line {number})" if number else "") if at else ""
        self.problems.append(InputError(self.shown, where, expected, found))

    def refuse(self, always_all: bool = False) -> None:
        """Raise the problems, if any: the one InputError, or a BuildFailed of them all."""
        if len(self.problems) == 1 and not always_all:
            raise self.problems[0]
        if self.problems:
            raise BuildFailed(self.problems)

    def read(self, schema: Field | type[Declaration], data: Any) -> Any:
        """The typed values of a whole file. A file declared by a Declaration reads as the dict
        of its values even with problems (None in place of each wrong one), for the reader's own
        checks across fields; None if it is not a mapping at all."""
        if isinstance(schema, type):
            if isinstance(data, dict):
                return self.mapping(schema, data, (), None)[0]
            self.fail((), schema.expected, "an empty file" if data is None else kind_of(data))
            return None
        if data is None:
            if schema.required:
                self.fail((), schema.message or schema.expected, "an empty file")
            return schema.default
        return self.value(schema, data, (), None)

    def value(self, field: Field, value: Any, path: tuple, at: tuple | None) -> Any:
        """The typed value of one field, or None after a problem, reported at ``at`` if given
        (the item a field belongs to), else at the field itself."""
        try:
            return field.check(value, self, path, at)
        except Invalid as bad:
            self.fail(at or path, field.message or bad.expected, bad.found, path)
            return None

    def item(self, field: Field, value: Any, path: tuple, at: tuple | None) -> Any:
        """An item of a list or a registry, which must be written."""
        if absent(value):
            self.fail(at or path, field.message or field.expected, nothing(value), path)
            return None
        return self.value(field, value, path, at)

    def mapping(self, declaration: type[Declaration], data: dict, path: tuple, at: tuple | None) -> tuple[dict[str, Any], bool]:
        """The values of a mapping's declared fields, and whether they are free of problems. A key
        it does not declare is a problem too, but leaves the values as good as they are."""
        names = declaration.fields
        for key in data:
            if key not in names:
                expected = declaration.unknown.format(path=dotted(path), fields=", ".join(names), sorted=", ".join(sorted(names)))
                self.fail(path + (key,), expected, shorten(str(key)))
        inner, count = (at or path) if declaration.whole else at, len(self.problems)
        values = {}
        for name, field in names.items():
            value, here = data.get(name), path + (name,)
            if not absent(value):
                values[name] = self.value(field, value, here, inner)
                continue
            values[name] = field.default
            if field.required:
                found = f"no {name}" if name not in data else nothing(value)
                self.fail(inner or here, field.message or f"a value ({field.doc})", found, here)
        return values, len(self.problems) == count


def validate(schema: Field | type[Declaration], data: Any, shown: str, lines: dict[str, int], where: Callable[[tuple], str] = field_label) -> tuple[Any, list[InputError]]:
    """A file's typed values and its problems, in file and line order."""
    checker = Checker(shown, lines, where)
    return checker.read(schema, data), checker.errors


# --------------------------------------------------------------------------- writing


def dump(declaration: type[Declaration], values: dict[str, Any], comments: dict[str, str] | None = None) -> str:
    """YAML of ``values`` (a nested dict; a list of dicts for a list of mappings) in the
    declaration's order, every value double-quoted so that ``load_yaml`` reads back the same text
    (a text field's white space as it will be read: folded). ``comments`` maps a field's path
    ('venue.city', 'speakers[0].role') to a comment written on the line above it. A key the
    declaration does not state is a ValueError."""
    comments = comments or {}
    out: list[str] = []

    def write(declaration: type[Declaration], data: dict[str, Any], indent: int, prefix: str) -> None:
        if set(data) - set(declaration.fields):
            raise ValueError(f"{declaration.__name__} declares no field {', '.join(map(repr, set(data) - set(declaration.fields)))}")
        for name, field in declaration.fields.items():
            if name not in data:
                continue
            value, pad, path = data[name], " " * indent, prefix + name
            if path in comments:
                out.append(f"{pad}# {' '.join(comments[path].split())}")
            if value is None or (isinstance(value, (list, tuple, dict)) and not value):
                out.append(f"{pad}{name}: " + ("null" if value is None else "{}" if isinstance(value, dict) else "[]"))
            elif isinstance(field, Nested):
                out.append(f"{pad}{name}:")
                write(field.declaration, value, indent + 2, path + ".")
            elif isinstance(field, List):
                out.append(f"{pad}{name}:")
                for index, item in enumerate(value):
                    if not isinstance(field.item, Nested):
                        out.append(f"{pad}  - {scalar(field.item, item, f'{path}[{index}]')}")
                        continue
                    start = len(out)
                    write(field.item.declaration, item, indent + 4, f"{path}[{index}].")
                    first = next((n for n in range(start, len(out)) if not out[n].lstrip().startswith("#")), None)
                    if first is None:
                        out.append(f"{pad}  - {{}}")
                    else:
                        out[first] = f"{pad}  - {out[first].lstrip()}"
            else:
                out.append(f"{pad}{name}: {scalar(field, value, path)}")

    write(declaration, values, 0, "")
    return "\n".join(out) + "\n"


def scalar(field: Field, value: Any, path: str) -> str:
    """One value as a double-quoted YAML scalar: every character escaped that needs it."""
    text = value.iso if isinstance(value, PartialDate) else str(value)  # a line number, a date
    if isinstance(field, Text) and not field.verbatim:
        text = " ".join(text.split())
    elif len((text + ".").splitlines()) > 1:
        raise ValueError(f"{path}: expected one line; found a line break in {text!r}")
    return yaml.dump(text, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")
