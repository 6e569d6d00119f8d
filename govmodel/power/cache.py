"""Exact results kept between runs, validated on every read.

Many decisions share one game (an ordinary resolution, elections and the owners' strategy at
one general meeting), and an exact Shapley–Shubik computation over hundreds of players costs a
noticeable fraction of a second, so exact results of games with weights are kept in memory for
the run and on disk between runs. A cache file is input like any other: it may be truncated,
corrupted, planted or edited. An entry is used only if **all** of these hold, else it is ignored
and the indices are recomputed (and the entry rewritten):

* the file is a regular file (not a symlink, FIFO or device), owned by the current user, not
  writable by group or others, and at most :data:`MAX_BYTES` long;
* it parses as the current format, and the game stored in it equals the game asked for (weights,
  quota, vetoes, rule — compared in full, not only through the file name);
* the SHA-256 checksum of the result part matches (catches truncation and bit rot);
* the result passes :func:`govmodel.power.result.inconsistency` (counts in range, Banzhaf values
  equal to the normalised swing counts, Shapley–Shubik values in [0, 1] summing to 1 or 0, and —
  for weighted games — power never decreasing with weight, which catches swapped players).

Where: ``GOVMODEL_CACHE_DIR``, else ``$XDG_CACHE_HOME/govmodel``, else ``$HOME/.cache/govmodel``;
relative paths are ignored (XDG Base Directory Specification: "If an implementation encounters
a relative path in any of these variables it should consider the path invalid and ignore it"),
and so is an empty ``HOME``; with no valid location nothing is written.
``GOVMODEL_NO_CACHE=1`` turns the disk cache off. Writers are safe to run concurrently: each
writes a private temporary file in the cache folder and renames it into place atomically, so a
reader sees either a whole old entry or a whole new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import string
import tempfile
from collections.abc import Callable, Hashable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from govmodel.jsonvalue import JsonObject, JsonValue
from govmodel.messages import Msg, msg
from govmodel.power import methods as M
from govmodel.power.result import PowerResult, inconsistency

if TYPE_CHECKING:
    from govmodel.power.games import Game

FORMAT = "govmodel-power-3"  # 3: the method as a message (template and values)
MAX_BYTES = 8 << 20
_MAX_DIGITS = 4000  # a count below 2**4096 has at most 1 234 digits; fractions twice that
_MEMORY: dict[tuple[Game, tuple[str, ...], tuple[Hashable, ...]], PowerResult] = {}
_MEMORY_MAX = 64


def cache_dir() -> Path | None:
    """The folder of cached results, or None when the disk cache is off or has no valid place.

    >>> import os
    >>> os.environ["GOVMODEL_CACHE_DIR"] = "relative/dir"
    >>> os.environ["XDG_CACHE_HOME"] = "/tmp/xdg"
    >>> str(cache_dir())
    '/tmp/xdg/govmodel/power'
    >>> del os.environ["GOVMODEL_CACHE_DIR"], os.environ["XDG_CACHE_HOME"]
    """
    if os.environ.get("GOVMODEL_NO_CACHE"):
        return None
    own = os.environ.get("GOVMODEL_CACHE_DIR", "")
    if own and os.path.isabs(own):
        return Path(own) / "power"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "govmodel" / "power"
    home = os.environ.get("HOME", "")
    if home and os.path.isabs(home) and home != "/":
        return Path(home) / ".cache" / "govmodel" / "power"
    return None


def game_spec(game: Game) -> JsonValue:
    """A canonical JSON-able description of a game with weights (None for other games)."""
    describe = getattr(game, "spec", None)
    if describe is None:
        return None
    spec: JsonValue = json.loads(json.dumps(describe()))
    return spec


def _digest(obj: JsonValue) -> str:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fracs(values: tuple[Fraction, ...] | None) -> list[str] | None:
    return None if values is None else [f"{v.numerator}/{v.denominator}" for v in values]


def _unfracs(values: JsonValue) -> tuple[Fraction, ...] | None:
    if values is None:
        return None
    if not isinstance(values, list) or not all(
        isinstance(v, str) and len(v) <= 2 * _MAX_DIGITS for v in values
    ):
        raise ValueError("not a list of fractions")
    return tuple(Fraction(v) for v in values)


def _ints(values: JsonValue) -> tuple[int, ...] | None:
    if values is None:
        return None
    if not isinstance(values, list) or not all(
        isinstance(v, str) and 0 < len(v) <= _MAX_DIGITS and v.isdigit() for v in values
    ):
        raise ValueError("not a list of counts")
    return tuple(int(v) for v in values)


def _method_doc(m: Msg) -> JsonObject:
    return {"text": m.text, "args": [[k, _method_value(v)] for k, v in m.args]}


def _method_value(v: object) -> JsonValue:
    if isinstance(v, Msg):
        return _method_doc(v)
    return v if isinstance(v, int) and not isinstance(v, bool) else str(v)


def _method(doc: JsonValue, depth: int = 0) -> Msg:
    """A method read back from a cache entry: one of the engine's templates
    (:data:`govmodel.power.methods.TEMPLATES`) with exactly its fields, each a number, a short
    text or another method; ValueError otherwise (a hostile entry never reaches a format string)."""
    if depth > 4 or not isinstance(doc, dict):
        raise ValueError("not a method")
    text, args = doc.get("text"), doc.get("args")
    if not isinstance(text, str) or text not in M.TEMPLATES or not isinstance(args, list):
        raise ValueError("not a method of the engine")
    values: dict[str, object] = {}
    for pair in args:
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise ValueError("not a field of a method")
        key, value = pair
        if isinstance(value, dict):
            values[key] = _method(value, depth + 1)
        elif (
            isinstance(value, str)
            and len(value) <= 40
            or isinstance(value, int)
            and not isinstance(value, bool)
            and abs(value) < 10**30
        ):
            values[key] = value
        else:
            raise ValueError("not a value of a method")
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    if fields != set(values):
        raise ValueError("the method's fields do not fit its template")
    return msg(text, **values)


def _result_doc(r: PowerResult) -> JsonObject:
    return {
        "n": r.n,
        "method": _method_doc(r.method),
        "swings": None if r.swings is None else [str(x) for x in r.swings],
        "banzhaf_raw": _fracs(r.banzhaf_raw),
        "banzhaf": _fracs(r.banzhaf),
        "shapley_shubik": _fracs(r.shapley_shubik),
    }


def _path(spec: JsonValue, indices: tuple[str, ...]) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    return d / f"{_digest([FORMAT, spec, list(indices)])}.json"


def _read_trusted(path: Path) -> bytes | None:
    """The bytes of a cache file we may trust to be ours, or None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return None
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            return None
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def load(
    game: Game, indices: tuple[str, ...], weights: tuple[int, ...] | None
) -> PowerResult | None:
    """The cached exact result of ``game`` if a valid one is on disk (see the module notes)."""
    spec = game_spec(game)
    path = None if spec is None else _path(spec, indices)
    if path is None:
        return None
    raw = _read_trusted(path)
    if raw is None or len(raw) > MAX_BYTES:
        return None
    try:
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        if doc.get("game") != spec or doc.get("indices") != list(indices):
            return None
        res = doc.get("result")
        if not isinstance(res, dict) or doc.get("result_sha256") != _digest(res):
            return None
        n = res.get("n")
        if not isinstance(n, int):
            return None
        method = _method(res.get("method"))
        r = PowerResult(
            n=n,
            method=method,
            exact=True,
            swings=_ints(res.get("swings")),
            banzhaf_raw=_unfracs(res.get("banzhaf_raw")),
            banzhaf=_unfracs(res.get("banzhaf")),
            shapley_shubik=_unfracs(res.get("shapley_shubik")),
        )
    except (ValueError, TypeError, ZeroDivisionError, UnicodeDecodeError, RecursionError):
        return None
    want_bz, want_ss = "banzhaf" in indices, "shapley_shubik" in indices
    if (r.swings is None) == want_bz or (r.shapley_shubik is None) == want_ss:
        return None
    if n != getattr(game, "n", None) or inconsistency(r, weights) is not None:
        return None
    return PowerResult(
        n=r.n,
        method=msg(M.CACHED, method=r.method),
        exact=True,
        swings=r.swings,
        banzhaf_raw=r.banzhaf_raw,
        banzhaf=r.banzhaf,
        shapley_shubik=r.shapley_shubik,
    )


def store(game: Game, indices: tuple[str, ...], r: PowerResult) -> None:
    """Keep an exact result on disk (atomically; errors only make the next run slower)."""
    spec = game_spec(game)
    path = None if spec is None or not r.exact else _path(spec, indices)
    if path is None:
        return
    res = _result_doc(r)
    doc = {
        "format": FORMAT,
        "game": spec,
        "indices": list(indices),
        "result": res,
        "result_sha256": _digest(res),
    }
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass  # a cache that cannot be written is only slower
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def cached_indices(
    game: Game,
    indices: tuple[str, ...],
    compute: Callable[[], PowerResult],
    weights: tuple[int, ...] | None = None,
    extra: tuple[Hashable, ...] = (),
) -> PowerResult:
    """``compute()`` once per distinct game and index set: from memory, else from a validated
    disk entry, else computed (and stored when exact). ``weights``, for a weighted game without
    vetoes, enables the monotonicity check on read; ``extra`` (sample count and seed) is part of
    the in-memory key."""
    key = (game, indices, extra)
    hit = _MEMORY.get(key)
    if hit is None:
        hit = load(game, indices, weights)
        if hit is None:
            hit = compute()
            store(game, indices, hit)
        if len(_MEMORY) >= _MEMORY_MAX:
            _MEMORY.pop(next(iter(_MEMORY)))
        _MEMORY[key] = hit
    return hit


def peek(
    game: Game, indices: tuple[str, ...], extra: tuple[Hashable, ...] = ()
) -> PowerResult | None:
    """The result kept in memory for this game, if any (no disk access, no computation)."""
    return _MEMORY.get((game, indices, extra))


def clear_memory() -> None:
    """Forget the results kept in memory (the disk entries stay)."""
    _MEMORY.clear()
