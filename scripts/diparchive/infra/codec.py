"""The build's data as JSON and back, checked field by field against the model's type hints.

The cache (``cache.py``) stores transcripts in this form rather than as pickles: a pickle is
code, and whoever can write a file into ``.cache/`` could run anything on the next build. JSON
is data, and every value read back is checked against the type its field declares (``int``,
``str``, ``X | None``, ``tuple[X, ...]``, ``dict[int, X]``, a nested dataclass); anything else
raises ``Malformed``, and the cache then drops the entry and builds it afresh.

Fields typed as a bare ``dict`` (a capture's YAML header, which holds whatever the publisher
wrote) are stored with each value tagged by its type, so that a date, a tuple or a mapping with
numeric keys comes back as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import lru_cache
from pathlib import Path


class Malformed(ValueError):
    """A stored value that is not what its field declares."""


def encode(value, hint=None):
    """``value`` as JSON-ready data (lists, dicts with string keys, strings, numbers)."""
    return _encoder(hint if hint is not None else type(value))(value)


def decode(data, hint):
    """The value of type ``hint`` that ``data`` (from ``encode``) describes; ``Malformed`` if
    anything in it is not of the declared type."""
    try:
        return _decoder(hint)(data)
    except Malformed:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as error:
        raise Malformed(str(error)) from None


# --------------------------------------------------------------------------- type hints


def _args(hint) -> tuple:
    return typing.get_args(hint)


def _is_union(hint) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


@lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


# --------------------------------------------------------------------------- encoding


@lru_cache(maxsize=None)
def _encoder(hint):
    if dataclasses.is_dataclass(hint):
        fields = _fields(hint)
        encoders = [(name, _encoder(h)) for name, h in fields]
        return lambda v: {name: enc(getattr(v, name)) for name, enc in encoders}
    if _is_union(hint):
        options = [a for a in _args(hint) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"unsupported union {hint}")
        inner = _encoder(options[0])
        return lambda v: None if v is None else inner(v)
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = _args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _encoder(args[0])
            return lambda v: [item(x) for x in v]
        items = [_encoder(a) for a in args]
        return lambda v: [enc(x) for enc, x in zip(items, v)]
    if origin is dict:
        key, value = (_encoder(a) for a in _args(hint))
        return lambda v: [[key(k), value(x)] for k, x in v.items()]
    if hint is dict or hint is typing.Any:
        return _tagged
    if hint is Path:
        return lambda v: v.as_posix()
    if hint in (str, int, float, bool):
        return lambda v: v
    raise TypeError(f"unsupported type {hint}")


def _tagged(value):
    """Any YAML value, each tagged with its type."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"int": str(value)}  # no JSON number rounds it
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, list):
        return {"list": [_tagged(v) for v in value]}
    if isinstance(value, tuple):
        return {"tuple": [_tagged(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    raise TypeError(f"unsupported value of type {type(value).__name__}")


# --------------------------------------------------------------------------- decoding


def _expect(data, kind, what: str):
    if type(data) is not kind:
        raise Malformed(f"expected {what}, found {type(data).__name__}")
    return data


@lru_cache(maxsize=None)
def _decoder(hint):
    if dataclasses.is_dataclass(hint):
        fields = _fields(hint)
        decoders = [(name, _decoder(h)) for name, h in fields]
        names = {name for name, _ in fields}

        def record(data):
            _expect(data, dict, f"a {hint.__name__}")
            if data.keys() != names:
                raise Malformed(f"{hint.__name__}: expected the fields {sorted(names)}, found {sorted(data)}")
            return hint(**{name: dec(data[name]) for name, dec in decoders})

        return record
    if _is_union(hint):
        inner = _decoder(next(a for a in _args(hint) if a is not type(None)))
        return lambda d: None if d is None else inner(d)
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = _args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda d: tuple(item(x) for x in _expect(d, list, "a list"))
        items = [_decoder(a) for a in args]

        def fixed(d):
            if len(_expect(d, list, "a list")) != len(items):
                raise Malformed(f"expected {len(items)} items, found {len(d)}")
            return tuple(dec(x) for dec, x in zip(items, d))

        return fixed
    if origin is dict:
        key, value = (_decoder(a) for a in _args(hint))

        def mapping(d):
            pairs = [_expect(p, list, "a pair") for p in _expect(d, list, "a list of pairs")]
            if any(len(p) != 2 for p in pairs):
                raise Malformed("expected pairs")
            return {key(k): value(x) for k, x in pairs}

        return mapping
    if hint is dict:
        return lambda d: _expect(_untagged(d), dict, "a mapping")
    if hint is typing.Any:
        return _untagged
    if hint is Path:
        return lambda d: Path(_expect(d, str, "a path"))
    if hint is float:
        return lambda d: float(d) if type(d) is int else _expect(d, float, "a number")
    if hint in (str, int, bool):
        return lambda d: _expect(d, hint, hint.__name__)
    raise TypeError(f"unsupported type {hint}")


_UNTAG = {
    "int": lambda v: int(_expect(v, str, "digits")),
    "float": lambda v: float(_expect(v, str, "a number")),
    "datetime": lambda v: dt.datetime.fromisoformat(_expect(v, str, "a time")),
    "date": lambda v: dt.date.fromisoformat(_expect(v, str, "a date")),
    "list": lambda v: [_untagged(x) for x in _expect(v, list, "a list")],
    "tuple": lambda v: tuple(_untagged(x) for x in _expect(v, list, "a list")),
    "dict": lambda v: {_untagged(_pair(p)[0]): _untagged(p[1]) for p in _expect(v, list, "a list of pairs")},
    "bytes": lambda v: bytes.fromhex(_expect(v, str, "hex digits")),
}


def _pair(p):
    if type(p) is not list or len(p) != 2:
        raise Malformed("expected a pair")
    return p


def _untagged(data):
    if data is None or type(data) in (bool, str):
        return data
    if type(data) is dict and len(data) == 1:
        (tag, value), = data.items()
        if tag in _UNTAG:
            return _UNTAG[tag](value)
    raise Malformed(f"expected a tagged value, found {type(data).__name__}")
