"""Safe, bounded YAML loading that keeps the position of every key and value.

Only PyYAML's safe composer is used: no tag constructs an object, and any explicit tag other
than YAML's standard scalar/collection tags is refused. Limits guard against hostile input:
file size, nesting depth (checked while composing, iteratively, so a deeply nested
file cannot exhaust the stack), and the number of nodes after alias expansion (billion-laughs
style alias bombs). Duplicate mapping keys are errors, not silently overwritten.

Scalars are read as YAML 1.2 (core schema), not PyYAML's YAML 1.1: ``yes``/``no``/``on``/``off``
are text, ``5:40`` is text (not 340), ``1_000`` is text; ``true``/``false`` are the only booleans.
A decimal integer with a leading zero (``010``: 8 in YAML 1.1, 10 in YAML 1.2) is refused with a
hint to quote it or drop the zero, so no reading of the file gives a different number. Every
number literal is bounded (:data:`MAX_DIGITS` digits, exponents within ±:data:`MAX_EXPONENT`).
Every text value (and key) is refused if it holds a control character (C0 other than line feed
and tab, DEL, C1) or a bidirectional formatting character: model text reaches terminals,
Markdown, HTML and DOT, and such characters can rewrite what a reader sees.

Files are opened only if they are regular files (a FIFO or device named as a model, include or
data file is reported as such, never read; :mod:`govmodel.inputfile` reads the bytes); a UTF-16
file is recognised and named. A :class:`Budget` (see :func:`budget`) bounds the total bytes,
values and files of one load across includes, bases and scenarios, so a fan-out of includes
cannot multiply the work.

The result is made of :class:`YMap` and :class:`YList` (dict and list subclasses that know where
each item came from, in :mod:`govmodel.yamltree` with the typed reads of a tree) and plain
scalars; ``raw`` keeps each scalar's source text so numbers such as ``0.1`` can be read exactly
as fractions (with :func:`exact_number`). A document is read in
one pass from libyaml's events straight into that tree (:func:`_build`); a document with anchors
or aliases is composed into nodes first and converted node by node (:func:`_load_via_nodes`), so
that each alias's expansion is counted and depth-checked where it occurs. The two paths read
every document alike (tests/test_yaml_onepass.py compares them).

This module's API (``load_yaml_file``, ``load_yaml_text``, ``read_text``, ``YMap``, ``YList``,
``Limits``, ``budget``, ``exact_number``, ``check_text``; ``read_bytes`` and ``path_problem``
re-exported, as are the tree's types and reads from :mod:`govmodel.yamltree`) is used by the loader, the law data and the scenario parser; keep it stable.

Why this module is long (about 950 lines): it is one idea, turning untrusted text into a
located tree exactly as YAML 1.2 reads it, and every path into a tree must pass the same
limits: the depth check while composing, the YAML 1.2 scalar rules and the load budget, on both
the one-pass path and the node path. Keeping them together keeps that single path easy to audit
(docs/security.md); reading the bytes is already in :mod:`govmodel.inputfile`.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govmodel.errors import Loc, ModelError, Problem

# reading the bytes of an input file; re-exported, as part of this module's API
from govmodel.inputfile import decode_utf8, read_bytes
from govmodel.inputfile import file_kind as file_kind
from govmodel.inputfile import path_problem as path_problem

# the located tree and its typed reads; re-exported, as part of this module's API
from govmodel.yamltree import YamlScalar as YamlScalar
from govmodel.yamltree import YamlValue as YamlValue
from govmodel.yamltree import YList as YList
from govmodel.yamltree import YMap as YMap
from govmodel.yamltree import as_list as as_list
from govmodel.yamltree import as_mapping as as_mapping
from govmodel.yamltree import kind_of as kind_of
from govmodel.yamltree import mappings as mappings
from govmodel.yamltree import unknown_keys as unknown_keys
from govmodel.yamltree import yaml11_hint as yaml11_hint

if TYPE_CHECKING:
    from yaml._yaml import CParser

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_DIGITS = 50  # digits of one number literal (10^50 shares is already absurd; exact either way)
MAX_EXPONENT = 50  # |exponent| of a number literal such as 1e-6
# one load (a model with its includes, variant bases and a scenario) reads at most this much
MAX_TOTAL_BYTES = 8_000_000
MAX_TOTAL_NODES = 1_000_000
MAX_FILES = 200

# libyaml's C parser when PyYAML was built with it (the wheels are); same safe composer semantics.
if TYPE_CHECKING:  # the pure-Python SafeLoader has the same methods
    _BaseLoader = yaml.CSafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """The safe loader with YAML 1.2 core-schema implicit typing of plain scalars."""

    # first character of a plain scalar (None: any) -> the (tag, pattern) rules tried in order
    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


def _core(tag: str, regexp: str, first: Iterable[str]) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(regexp, re.X), list(first))


# '<<' is recognised only to refuse merge keys with a clear message
_core("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")
_core("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_core("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_core(
    "tag:yaml.org,2002:int",
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
    "-+0123456789",
)
_core(
    "tag:yaml.org,2002:float",
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)


def plain_tag(value: str) -> str:
    """The tag YAML 1.2 (core schema, as this loader reads it) gives ``value`` written as a
    plain scalar: writers quote a text whose tag is not ``str``."""
    return _resolve_scalar(value, (True, False))


# Characters refused in every text value: C0 controls except tab and line feed, DEL, C1 controls,
# and the Unicode bidirectional formatting characters (marks, embeddings, overrides, isolates),
# which can make text read differently from what it is ("Trojan Source", CVE-2021-42574).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")


def check_text(value: str) -> str | None:
    """Why ``value`` is not acceptable model text (a control or bidirectional formatting
    character), or None.

    >>> check_text("Oslo kommune") is None
    True
    >>> check_text(chr(27) + "[2J").split(";")[0]
    'text contains the control character U+001B (ESC) at position 1'
    """
    m = _CONTROL.search(value)
    if m is None:
        return None
    ch = m.group()
    label = unicodedata.name(ch, "") or _C0_NAMES.get(ord(ch), "control")
    return (
        f"text contains the control character U+{ord(ch):04X} ({label}) at position {m.start() + 1}; "
        "control characters (other than line breaks and tabs) and bidirectional formatting "
        "characters are not allowed in model text"
    )


_C0_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI"}


def exact_number(text: str) -> Fraction:
    """Read a decimal, fraction or exponent literal exactly, with bounded size.

    Accepts what :class:`fractions.Fraction` accepts (``2/3``, ``0.1``, ``1e-3``), but refuses
    (``ValueError``) more than :data:`MAX_DIGITS` digits or an exponent beyond ±:data:`MAX_EXPONENT`,
    which would make ``Fraction`` compute huge powers of ten (``1e-99999999``).

    >>> exact_number("0.1"), exact_number("2/3"), exact_number("1e-2")
    (Fraction(1, 10), Fraction(2, 3), Fraction(1, 100))
    """
    t = text.strip()
    digits = sum(c.isdigit() for c in t)
    if digits > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    m = re.search(r"[eE]([-+]?)(\d+)\s*$", t)
    if m and int(m.group(2)) > MAX_EXPONENT:
        raise ValueError(f"exponent beyond ±{MAX_EXPONENT}")
    if not t.isascii():
        raise ValueError("not a plain ASCII number")
    return Fraction(t)


@dataclass
class Budget:
    """What one load may still read, across every file it opens (model, includes, bases,
    scenario, data files): bytes, YAML values and files."""

    bytes_left: int = MAX_TOTAL_BYTES
    nodes_left: int = MAX_TOTAL_NODES
    files_left: int = MAX_FILES
    files: list[str] = field(default_factory=list)

    def charge_file(self, name: str, size: int) -> None:
        self.files.append(name)
        self.files_left -= 1
        if self.files_left < 0:
            message = (
                f"one load reads at most {MAX_FILES} files (includes, bases, scenario); "
                "this is the next one: is there a fan-out of includes?"
            )
            raise ModelError([Problem(Loc(name), message)])
        self.bytes_left -= size
        if self.bytes_left < 0:
            _over(name, f"reads at most {MAX_TOTAL_BYTES:,} bytes")

    def charge_nodes(self, name: str, n: int) -> None:
        self.nodes_left -= n
        if self.nodes_left < 0:
            _over(name, f"holds at most {MAX_TOTAL_NODES:,} values")


def _over(name: str, limit: str) -> NoReturn:
    """The error of a load beyond a limit over all its files, at the file ``name``."""
    raise ModelError(
        [
            Problem(
                Loc(name),
                f"one load {limit} in all its files (includes, bases, scenario); "
                "this file goes beyond that",
            )
        ]
    )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def budget(new: Budget | None = None) -> Iterator[Budget]:
    """Run one load under a shared :class:`Budget`: every file read inside is charged to it.
    Nested calls share the outer budget (a scenario applied to a model is one load)."""
    current = _BUDGET.get()
    if current is not None:
        yield current
        return
    b = new or Budget()
    token = _BUDGET.set(b)
    try:
        yield b
    finally:
        _BUDGET.reset(token)


_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_NODES


class _Mark(Protocol):
    """Where an event starts or ends, 0-based: libyaml's marks (``yaml._yaml.Mark``) and
    PyYAML's (``yaml.error.Mark``) both have these."""

    @property
    def name(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def _pymark(mark: _Mark | None) -> yaml.error.Mark | None:
    """PyYAML's own mark for a libyaml mark, with the same fields: the node classes and
    PyYAML's errors are declared with it (PyYAML's C composer passes libyaml's marks as they are)."""
    if mark is None or isinstance(mark, yaml.error.Mark):
        return mark
    return yaml.error.Mark(mark.name, mark.index, mark.line, mark.column, None, 0)


def _loc(name: str, node: Node) -> Loc:
    mark = node.start_mark
    return Loc(name, mark.line + 1, mark.column + 1)


# YAML's line breaks (YAML 1.1 counts NEL, LS and PS as well as CR, LF and CRLF)
_YAML_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


def _mark_loc(name: str, mark: _Mark | None) -> Loc:
    if mark is None:
        return Loc(name)
    return Loc(name, mark.line + 1, mark.column + 1)


def read_text(path: Path, display: str | None = None, limits: Limits = Limits()) -> str:
    """Read a regular file as UTF-8 text, refusing non-regular, oversized, binary, UTF-16 and
    non-UTF-8 files; charged to the active :class:`Budget`."""
    name = display or str(path)
    data = read_bytes(path, name, limits.max_bytes)
    active = _BUDGET.get()
    if active is not None:
        active.charge_file(name, len(data))
    return decode(data, name, limits)


def decode(data: bytes, name: str, limits: Limits = Limits()) -> str:
    """The UTF-8 text of a model file's bytes (see :func:`govmodel.inputfile.decode_utf8`)."""
    return decode_utf8(data, name, limits.max_bytes)


def _raise(name: str, line: int, message: str) -> NoReturn:
    raise ModelError([Problem(Loc(name, line, 1 if line else 0), message)])


def _depth_error(name: str, mark: _Mark | None, limits: Limits) -> ModelError:
    return ModelError(
        [
            Problem(
                _mark_loc(name, mark),
                f"nesting deeper than {limits.max_depth} levels; model files need only a few",
            )
        ]
    )


def _compose(loader: _Loader, name: str, limits: Limits) -> Node | None:
    """Compose the one document of the stream into nodes from the parser's events, refusing
    nesting deeper than the limit as it is read.

    The same composition as PyYAML's ``get_single_node`` (anchors, aliases, tag resolution,
    the same errors), but iterative with an explicit stack: libyaml's C composer recurses once
    per level and a hostile, deeply nested file would overflow the C stack before any limit
    could be checked. Checking the depth here, in the one pass over the events, replaces a
    separate token scan of the whole text before composing (which read every file twice).
    Nodes keep where they start (as PyYAML's marks, :func:`_pymark`), not where they end:
    only the start locates a value or an error.
    """
    loader.get_event()  # StreamStartEvent
    document: Node | None = None
    if not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # DocumentStartEvent
        document = _compose_root(loader, name, limits)
        loader.get_event()  # DocumentEndEvent
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            document.start_mark if document is not None else None,
            "but found another document",
            _pymark(event.start_mark if event is not None else None),
        )
    loader.get_event()  # StreamEndEvent
    return document


class _OpenNode:
    """A collection node being composed and, in a mapping, the key node waiting for its value
    (None: the next node is a key)."""

    __slots__ = ("node", "key")

    def __init__(self, node: SequenceNode | MappingNode) -> None:
        self.node = node
        self.key: Node | None = None


def _compose_root(loader: _Loader, name: str, limits: Limits) -> Node:
    anchors: dict[str, Node] = {}
    stack: list[_OpenNode] = []  # open collections, innermost last
    while True:
        event = loader.get_event()
        node: Node
        opened: SequenceNode | MappingNode | None = None
        if isinstance(event, yaml.AliasEvent):
            alias = event.anchor
            if alias is None or alias not in anchors:
                raise yaml.composer.ComposerError(
                    None, None, "found undefined alias", _pymark(event.start_mark)
                )
            node = anchors[alias]
        elif isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop().node
            if not stack:
                return done
            continue
        elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            anchor = event.anchor
            start = _pymark(event.start_mark)
            if anchor is not None and anchor in anchors:
                raise yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence",
                    anchors[anchor].start_mark,
                    "second occurrence",
                    start,
                )
            tag = event.tag
            if isinstance(event, yaml.ScalarEvent):
                if tag is None or tag == "!":
                    tag = loader.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(tag, event.value, start, None, style=event.style)
            else:
                if len(stack) >= limits.max_depth:
                    raise _depth_error(name, event.start_mark, limits)
                kind = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                node = opened = kind(tag, [], start, None, flow_style=event.flow_style)
            if anchor is not None:
                anchors[anchor] = node
        else:  # inside a document the parser gives only nodes and the ends of collections
            raise yaml.composer.ComposerError(None, None, f"unexpected {event!r}", None)
        if stack:
            top = stack[-1]
            if isinstance(top.node, SequenceNode):
                top.node.value.append(node)
            elif top.key is None:
                top.key = node
            else:
                top.node.value.append((top.key, node))
                top.key = None
        if opened is not None:
            stack.append(_OpenNode(opened))
        elif not stack:
            return node


def _raise_yaml(exc: yaml.YAMLError, name: str, text: str = "") -> None:
    if isinstance(exc, yaml.reader.ReaderError):
        # a character YAML does not allow (control characters): located by its position
        pos = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        raise ModelError(
            [
                Problem(
                    Loc(name, line, col),
                    f"YAML syntax error: {exc.reason} (character U+{char:04X})",
                )
            ]
        ) from None
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    msg = f"YAML syntax error: {problem}"
    if context:
        msg += f" ({context})"
    index = getattr(mark, "index", None)
    at_tab = index is not None and 0 <= index < len(text) and text[index] == "\t"
    if at_tab or "\\t" in str(problem) or "\t" in str(problem):
        msg += "; indent with spaces, not tabs"
    loc = _mark_loc(name, mark)
    if text and loc.line:
        # libyaml moves the end-of-stream mark to a new line when the file does not end with a
        # line break, so an error at the end pointed one line past the last line: clamp it
        lines = _YAML_BREAK.split(text)
        if loc.line > len(lines):
            loc = Loc(name, len(lines), len(lines[-1]) + 1)
    raise ModelError([Problem(loc, msg)]) from None


def load_yaml_text(text: str, name: str, limits: Limits = Limits()) -> YamlValue:
    """Parse one YAML document into YMap/YList/scalars, or raise ModelError."""
    try:
        parser = _CParser(text) if _CParser is not None else None
        try:
            built = _build(parser, name, limits) if parser is not None else None
        finally:
            if parser is not None:
                parser.dispose()
    except yaml.YAMLError as exc:
        _raise_yaml(exc, name, text)
    if built is None:  # anchors or aliases, or no libyaml: compose the nodes, then convert
        return _load_via_nodes(text, name, limits)
    result, count, problems = built
    active = _BUDGET.get()
    if active is not None:
        active.charge_nodes(name, count)
    if problems:
        raise ModelError(problems)
    return result


def _load_via_nodes(text: str, name: str, limits: Limits) -> YamlValue:
    """:func:`load_yaml_text` through a node tree: the path for documents with anchors and
    aliases, whose expansion is counted and depth-checked node by node."""
    try:
        loader = _Loader(text)
        try:
            node = _compose(loader, name, limits)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        _raise_yaml(exc, name, text)
    except RecursionError:
        _raise(name, 0, "YAML nesting too deep")
    if node is None:
        return None
    problems: list[Problem] = []
    counter = [0]
    result = _convert(node, name, limits, counter, problems)
    active = _BUDGET.get()
    if active is not None:
        active.charge_nodes(name, counter[0])
    if problems:
        raise ModelError(problems)
    return result


# libyaml's event parser alone (no constructor or resolver objects): the one-pass builder
# below needs only its events
_CParser: type[CParser] | None = getattr(getattr(yaml, "_yaml", None), "CParser", None)
_STR, _SEQ, _MAP = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT = _Loader.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])
# the rules to try for a plain scalar, by its first character ("" for the empty scalar)
_RULES = {first: rules + _WILDCARD for first, rules in _IMPLICIT.items() if first is not None}
# the pending key of a mapping whose key was refused: its value is read, not kept (told apart
# from a key by identity)
_REFUSED: tuple[str, Loc] = ("", Loc("<refused key>"))
_new = object.__new__


class _Open:
    """A collection being read: the YMap or YList its items go into (None: not kept) and, in a
    mapping, the key waiting for its value with the key's location (None: the next event is
    a key; :data:`_REFUSED`: the key was refused)."""

    __slots__ = ("into", "key")

    def __init__(self, into: YMap | YList | None) -> None:
        self.into = into
        self.key: tuple[str, Loc] | None = None


def _at(name: str, mark: _Mark | None) -> Loc:
    """``Loc(name, line, column)`` of a libyaml mark, 1-based. Made without the frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field): a model file has
    thousands of located values, and this is a third of the cost of each."""
    if mark is None:  # libyaml marks every event; PyYAML's types allow none
        return Loc(name)
    loc = _new(Loc)
    d = loc.__dict__
    d["file"] = name
    d["line"] = mark.line + 1
    d["col"] = mark.column + 1
    return loc


def _resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag :class:`_Loader`'s resolver gives a scalar without an explicit tag (the same
    rules and order as ``BaseResolver.resolve``; a test compares the two)."""
    if implicit[0]:
        for tag, regexp in _RULES.get(value[:1], _WILDCARD):
            if regexp.match(value):
                return tag
    return _STR


def _build(
    parser: CParser, name: str, limits: Limits
) -> tuple[YamlValue, int, list[Problem]] | None:
    """Read the one document of the stream straight from libyaml's events into YMap, YList and
    scalars, in one pass: the value, the number of values (counted as :func:`_convert` counts
    them) and the problems; None if the document has an anchor or an alias (those take the node
    path, which expands them node by node).

    The same reading as composing nodes and converting them: the same tags, errors, limits and
    problems in the same order. A refused key's value is read but neither kept, counted nor
    checked; past :data:`Limits.max_nodes` values nothing more is kept and the error is raised
    once the document has been read to its end, so a syntax error later in it still comes first.
    """
    get = parser.get_event
    get()  # StreamStartEvent
    root: YamlValue = None
    count = 0
    problems: list[Problem] = []
    over: Loc | None = None  # where the value past the limit starts
    if not isinstance(parser.peek_event(), yaml.StreamEndEvent):
        get()  # DocumentStartEvent
        stack: list[_Open] = []  # open collections, innermost last
        max_depth, max_nodes = limits.max_depth, limits.max_nodes
        Scalar, SeqStart, MapStart = (
            yaml.ScalarEvent,
            yaml.SequenceStartEvent,
            yaml.MappingStartEvent,
        )
        SeqEnd, MapEnd = yaml.SequenceEndEvent, yaml.MappingEndEvent
        key, key_loc = _REFUSED  # the pending key a value is placed at (set with owner)
        while True:
            event = get()
            # text: a scalar's text, None for a collection (the start of one)
            if type(event) is Scalar:
                text: str | None = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _resolve_scalar(event.value, event.implicit)
            elif type(event) is SeqStart or type(event) is MapStart:
                text = None
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _SEQ if type(event) is SeqStart else _MAP
            elif type(event) is SeqEnd or type(event) is MapEnd:
                stack.pop()
                if not stack:
                    break
                continue
            else:  # an alias: the node path expands it where it occurs
                return None
            if event.anchor is not None:  # likewise
                return None
            if text is None and len(stack) >= max_depth:
                raise _depth_error(name, event.start_mark, limits)
            # where the node goes: an item of the open sequence, the value of the open
            # mapping's pending key, the root, the open mapping's next key, or nowhere
            # (inside a value not kept)
            keep = over is None
            top = stack[-1] if stack else None
            items: YList | None = None
            owner: YMap | None = None
            if top is not None and keep:
                into = top.into
                if into is None:
                    keep = False
                elif type(into) is YMap:
                    pending = top.key
                    if pending is None:
                        top.key = _key(text, tag, event.start_mark, name, into, problems)
                        if text is None:
                            stack.append(_Open(None))
                        continue
                    top.key = None
                    if pending is _REFUSED:
                        keep = False
                    else:
                        owner = into
                        key, key_loc = pending
                else:
                    items = into
            value: YamlValue = None
            opened: YMap | YList | None = None
            if keep:
                count += 1
                loc = _at(name, event.start_mark)
                if count > max_nodes:
                    over, keep = loc, False
                else:
                    if text is not None:
                        value = text
                        # plain text without control characters (most values) needs no more
                        if tag is not _STR or not text.isprintable():
                            value = _scalar_value(tag, text, event.start_mark, name, problems)
                    elif tag not in _STD_TAGS:
                        message = (
                            f"YAML tag {tag!r} is not allowed; model files use plain values only"
                        )
                        problems.append(Problem(loc, message))
                    else:
                        value = opened = YList(loc) if type(event) is SeqStart else YMap(loc)
                    if items is not None:
                        items.add(value, loc, text)
                    elif owner is not None:
                        owner.put(key, value, loc, text, key_loc)
                    else:
                        root = value
            if text is None:
                stack.append(_Open(opened))
            elif not stack:
                break
        get()  # DocumentEndEvent
    if not isinstance(parser.peek_event(), yaml.StreamEndEvent):
        event = get()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            None,
            "but found another document",
            _pymark(event.start_mark if event is not None else None),
        )
    if over is not None:
        raise ModelError(
            [
                Problem(
                    over,
                    f"more than {limits.max_nodes:,} values after expanding aliases (an alias bomb?); "
                    "model files are small",
                )
            ]
        )
    return root, count, problems


def _key(
    text: str | None,
    tag: str,
    mark: _Mark | None,
    name: str,
    into: YMap,
    problems: list[Problem],
) -> tuple[str, Loc]:
    """The pending key of mapping ``into`` after reading a key (``text``: a scalar's, None
    for a collection): ``(key, its location)``, or :data:`_REFUSED` with a problem when the
    key is refused (a merge key, a collection, text that is not allowed, a duplicate)."""
    loc = _at(name, mark)
    if tag == _MERGE:
        problems.append(
            Problem(loc, "YAML merge keys ('<<') are not supported; write the keys out")
        )
        return _REFUSED
    if text is None:
        problems.append(Problem(loc, "mapping keys must be plain words"))
        return _REFUSED
    key: str
    if tag in _PLAIN_KEY_TAGS or (tag is _STR and text.isprintable()):
        key = text  # keys are names: keep the text as written
    else:
        # checked text, or None with a problem: every other tag is in _PLAIN_KEY_TAGS
        checked = _scalar_value(tag, text, mark, name, problems)
        if not isinstance(checked, str):
            return _REFUSED
        key = checked
    if key in into:
        problems.append(
            Problem(
                loc,
                f"duplicate key {key!r} (first at line {into.key_loc[key].line}); each key may appear once",
            )
        )
        return _REFUSED
    return (key, loc)


def load_yaml_file(
    path: Path | str, display: str | None = None, limits: Limits = Limits()
) -> YamlValue:
    path = Path(path)
    name = display or str(path)
    return load_yaml_text(read_text(path, name, limits), name, limits)


_PLAIN_KEY_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


def _scalar(node: ScalarNode, name: str, problems: list[Problem]) -> YamlScalar:
    return _scalar_value(node.tag, node.value, node.start_mark, name, problems)


def _scalar_value(
    tag: str, value: str, mark: _Mark | None, name: str, problems: list[Problem]
) -> YamlScalar:
    """Construct a scalar as YAML 1.2 reads it (the resolver gave it its core-schema tag),
    with bounded numbers and checked text; ``mark`` is where it starts."""
    if tag not in _STD_TAGS:
        problems.append(
            Problem(
                _mark_loc(name, mark),
                f"YAML tag {tag!r} is not allowed; model files use plain values only",
            )
        )
        return None
    kind = tag.rsplit(":", 1)[-1]
    if kind == "str":
        why = check_text(value)
        if why is not None:
            problems.append(Problem(_mark_loc(name, mark), why))
            return None
        return value
    if kind == "null":
        return None
    if kind == "bool":
        low = value.lower()
        if low not in ("true", "false"):
            problems.append(
                Problem(_mark_loc(name, mark), f"bad bool value {value!r}; write true or false")
            )
            return None
        return low == "true"
    if kind == "int":
        return _int(value, mark, name, problems)
    if kind == "float":
        return _float(value, mark, name, problems)
    # !!map or !!seq written on a plain value: YAML cannot construct it (PyYAML's safe_load
    # refuses it too); it was once read as a number, and a key as a number rather than text
    problems.append(
        Problem(
            _mark_loc(name, mark),
            f"YAML tag {tag!r} names a collection, not a plain value; model files use plain values only",
        )
    )
    return None


def _int(value: str, mark: _Mark | None, name: str, problems: list[Problem]) -> int | None:
    text = value.strip()
    if _LEADING_ZERO.match(text):
        problems.append(
            Problem(
                _mark_loc(name, mark),
                f"{text} has a leading zero (YAML 1.1 reads it as an octal number, YAML 1.2 as "
                f'decimal); write {int(text, 10)} for the number, or "{text}" in quotes for text '
                "such as a fylkesnummer",
            )
        )
        return None
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    base = 10
    if body[:2] in ("0o", "0x"):
        base = 8 if body[1] == "o" else 16
        body = body[2:]
    if len(body) > MAX_DIGITS or not body:
        problems.append(
            Problem(
                _mark_loc(name, mark),
                f"number {text[:20]}{'…' if len(text) > 20 else ''} has more than {MAX_DIGITS} digits; "
                "model numbers are counts, shares and years",
            )
        )
        return None
    try:
        return sign * int(body, base)
    except ValueError:
        problems.append(Problem(_mark_loc(name, mark), f"bad int value {text!r}"))
        return None


def _float(value: str, mark: _Mark | None, name: str, problems: list[Problem]) -> float | None:
    text = value.strip()
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        return float(text.lower().replace(".", "", 1))
    try:
        exact_number(text)  # the bounds: digits and exponent
        return float(text)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:
        problems.append(
            Problem(
                _mark_loc(name, mark), f"bad number {text[:30]!r}: {exc}; write a plain decimal"
            )
        )
        return None


def _convert(
    node: Node,
    name: str,
    limits: Limits,
    counter: list[int],
    problems: list[Problem],
    depth: int = 0,
) -> YamlValue:
    counter[0] += 1
    if depth > limits.max_depth:
        # only reachable through aliases (_compose bounds written nesting), e.g. '&a [*a]'
        raise ModelError(
            [
                Problem(
                    _loc(name, node),
                    f"nesting deeper than {limits.max_depth} levels through aliases "
                    "(a recursive alias?); model files need only a few",
                )
            ]
        )
    if counter[0] > limits.max_nodes:
        raise ModelError(
            [
                Problem(
                    _loc(name, node),
                    f"more than {limits.max_nodes:,} values after expanding aliases (an alias bomb?); "
                    "model files are small",
                )
            ]
        )
    if isinstance(node, ScalarNode):
        return _scalar(node, name, problems)
    if node.tag not in _STD_TAGS:
        problems.append(
            Problem(
                _loc(name, node),
                f"YAML tag {node.tag!r} is not allowed; model files use plain values only",
            )
        )
        return None
    if isinstance(node, SequenceNode):
        out = YList(_loc(name, node))
        for item in node.value:
            value = _convert(item, name, limits, counter, problems, depth + 1)
            out.add(value, _loc(name, item), item.value if isinstance(item, ScalarNode) else None)
        return out
    if isinstance(node, MappingNode):
        out_map = YMap(_loc(name, node))
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    Problem(
                        _loc(name, knode),
                        "YAML merge keys ('<<') are not supported; write the keys out",
                    )
                )
                continue
            if not isinstance(knode, ScalarNode):
                problems.append(Problem(_loc(name, knode), "mapping keys must be plain words"))
                continue
            key: str
            if knode.tag in _PLAIN_KEY_TAGS:
                key = knode.value  # keys are names: keep the text as written
            else:
                text = _scalar(knode, name, problems)  # checked text or None, as in _key
                if not isinstance(text, str):
                    continue
                key = text
            if key in out_map:
                problems.append(
                    Problem(
                        _loc(name, knode),
                        f"duplicate key {key!r} (first at line {out_map.key_loc[key].line}); each key may appear once",
                    )
                )
                continue
            out_map.put(
                key,
                _convert(vnode, name, limits, counter, problems, depth + 1),
                _loc(name, vnode),
                vnode.value if isinstance(vnode, ScalarNode) else None,
                _loc(name, knode),
            )
        return out_map
    problems.append(Problem(_loc(name, node), "unsupported YAML node"))
    return None
