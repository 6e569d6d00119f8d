"""Safe, bounded YAML loading that keeps the position of every key and value.

Only PyYAML's safe composer is used: no tag constructs an object, and any explicit tag other
than YAML's standard scalar/collection tags is refused. Limits guard against hostile input:
file size, nesting depth (checked on the token stream before composing, so a deeply nested
file cannot exhaust the stack), and the number of nodes after alias expansion (billion-laughs
style alias bombs). Duplicate mapping keys are errors, not silently overwritten.

The result is made of :class:`YMap` and :class:`YList` (dict and list subclasses that know where
each item came from) and plain scalars; ``raw`` keeps each scalar's source text so numbers such
as ``0.1`` can be read exactly as fractions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govmodel.errors import Loc, ModelError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000

# libyaml's C parser when PyYAML was built with it (the wheels are); same safe composer semantics.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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


class YMap(dict):
    """A mapping that remembers where it, each key and each value came from."""

    loc: Loc
    key_loc: dict[Any, Loc]
    val_loc: dict[Any, Loc]
    raw: dict[Any, str]

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.key_loc = {}
        self.val_loc = {}
        self.raw = {}

    def at(self, key: Any) -> Loc:
        """Location of the value at ``key`` (or of the mapping if absent)."""
        return self.val_loc.get(key, self.loc)

    def key_at(self, key: Any) -> Loc:
        return self.key_loc.get(key, self.loc)


class YList(list):
    """A sequence that remembers where it and each item came from."""

    loc: Loc
    item_loc: list[Loc]
    raw: list[str | None]

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.item_loc = []
        self.raw = []

    def at(self, index: int) -> Loc:
        return self.item_loc[index] if 0 <= index < len(self.item_loc) else self.loc


def _loc(name: str, node: Node | Any) -> Loc:
    mark = node.start_mark
    return Loc(name, mark.line + 1, mark.column + 1)


# YAML's line breaks (YAML 1.1 counts NEL, LS and PS as well as CR, LF and CRLF)
_YAML_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


def _mark_loc(name: str, mark: Any) -> Loc:
    if mark is None:
        return Loc(name)
    return Loc(name, mark.line + 1, mark.column + 1)


def read_text(path: Path, display: str | None = None, limits: Limits = Limits()) -> str:
    """Read a file as UTF-8 text, refusing oversized, binary and non-UTF-8 files."""
    name = display or str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except IsADirectoryError:
        raise ModelError([Problem(Loc(name), "is a directory; expected a YAML file")]) from None
    except OSError as exc:
        raise ModelError([Problem(Loc(name), f"cannot read file: {exc.strerror or exc}")]) from None
    return decode(data, name, limits)


def decode(data: bytes, name: str, limits: Limits = Limits()) -> str:
    if len(data) > limits.max_bytes:
        raise ModelError(
            [
                Problem(
                    Loc(name),
                    f"file is larger than {limits.max_bytes:,} bytes; model files are small YAML documents",
                )
            ]
        )
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data[:at].count(b"\n") + 1
        col = at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise ModelError(
            [
                Problem(
                    Loc(name, line, col),
                    "file contains NUL bytes (binary data); expected a UTF-8 YAML text file",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _raise(
            name,
            line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
        )
    return text.removeprefix("\ufeff")


def _raise(name: str, line: int, message: str) -> Any:
    raise ModelError([Problem(Loc(name, line, 1 if line else 0), message)])


def _check_depth(text: str, name: str, limits: Limits) -> None:
    """Scan tokens (iteratively) and refuse nesting deeper than the limit."""
    depth = 0
    opening = (
        yaml.BlockMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.FlowSequenceStartToken,
    )
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    try:
        for tok in yaml.scan(text, Loader=_Loader):
            if isinstance(tok, opening):
                depth += 1
                if depth > limits.max_depth:
                    loc = _mark_loc(name, tok.start_mark)
                    raise ModelError(
                        [
                            Problem(
                                loc,
                                f"nesting deeper than {limits.max_depth} levels; model files need only a few",
                            )
                        ]
                    )
            elif isinstance(tok, closing):
                depth -= 1
    except yaml.YAMLError as exc:
        _raise_yaml(exc, name, text)


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


def load_yaml_text(text: str, name: str, limits: Limits = Limits()) -> Any:
    """Parse one YAML document into YMap/YList/scalars, or raise ModelError."""
    _check_depth(text, name, limits)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
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
    if problems:
        raise ModelError(problems)
    return result


def load_yaml_file(path: Path | str, display: str | None = None, limits: Limits = Limits()) -> Any:
    path = Path(path)
    name = display or str(path)
    return load_yaml_text(read_text(path, name, limits), name, limits)


def _scalar(node: ScalarNode, name: str, problems: list[Problem]) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:timestamp":
        # a plain 2024-01-01 is a date to YAML; model files have no dates, so it is meant as text
        problems.append(
            Problem(
                _loc(name, node),
                f"{node.value} is read as a date; model files use no dates: write it in quotes, "
                f'"{node.value}", if you mean text, or a year as a whole number',
            )
        )
        return None
    if tag not in _STD_TAGS:
        problems.append(
            Problem(
                _loc(name, node),
                f"YAML tag {tag!r} is not allowed; model files use plain values only",
            )
        )
        return None
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problems.append(
            Problem(_loc(name, node), f"bad {tag.rsplit(':', 1)[-1]} value {node.value!r}: {exc}")
        )
        return None


_CONSTRUCTOR = SafeConstructor()


def _convert(
    node: Node,
    name: str,
    limits: Limits,
    counter: list[int],
    problems: list[Problem],
    depth: int = 0,
) -> Any:
    counter[0] += 1
    if depth > limits.max_depth:
        # only reachable through aliases (the token scan bounds written nesting), e.g. '&a [*a]'
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
            out.append(_convert(item, name, limits, counter, problems, depth + 1))
            out.item_loc.append(_loc(name, item))
            out.raw.append(item.value if isinstance(item, ScalarNode) else None)
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
            key = _scalar(knode, name, problems)
            if isinstance(key, (int, float, bool)) or key is None:
                key = knode.value  # keys are names: keep the text as written
            if key in out_map:
                problems.append(
                    Problem(
                        _loc(name, knode),
                        f"duplicate key {key!r} (first at line {out_map.key_loc[key].line}); each key may appear once",
                    )
                )
                continue
            out_map[key] = _convert(vnode, name, limits, counter, problems, depth + 1)
            out_map.key_loc[key] = _loc(name, knode)
            out_map.val_loc[key] = _loc(name, vnode)
            if isinstance(vnode, ScalarNode):
                out_map.raw[key] = vnode.value
        return out_map
    problems.append(Problem(_loc(name, node), "unsupported YAML node"))
    return None
