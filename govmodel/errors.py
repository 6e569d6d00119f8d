"""Located problems and the error type every loading step raises.

A :class:`Problem` says where (file, line, column; 1-based) and what is wrong; a
:class:`ModelError` carries every problem found in one run, so a user sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govmodel.frozen import frozen_dataclass


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a file: 1-based line and column; 0 when unknown."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.file}:{self.line}:{self.col}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@frozen_dataclass
class Problem:
    """One thing wrong with an input, located."""

    loc: Loc
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.loc}: {tag}{self.message}"


class GovmodelError(Exception):
    """The root of every error govmodel raises on purpose: a user error (bad input, a refused
    output) that the CLI reports without a traceback and with exit status 2. Anything else that
    escapes is an internal error (exit 1)."""


class ModelError(GovmodelError):
    """Raised when an input (model, scenario, law or data file) is invalid.

    ``problems`` lists every error found, sorted by position.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        # the same problem found twice (e.g. once per for_each expansion) is reported once
        unique = dict.fromkeys(problems)
        self.problems = tuple(sorted(unique, key=lambda p: (p.loc.file, p.loc.line, p.loc.col)))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix for the closest option, or an empty string."""
    import difflib  # only when a word is wrong: start-up does not need it

    matches = difflib.get_close_matches(str(word), sorted(set(options)), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def expected_one_of(options: Iterable[str], limit: int = 12) -> str:
    opts = sorted(set(options))
    shown = ", ".join(opts[:limit])
    more = f" (and {len(opts) - limit} more)" if len(opts) > limit else ""
    return f"expected one of: {shown}{more}"
