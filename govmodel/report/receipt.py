"""The receipt at the end of every report: exactly what was evaluated, so that a memo can cite it
and anyone can reproduce it — the tool's version, the SHA-256 of every model, data and law file
read, the readings and the scenario, and the date.

The date is never the clock's unless nothing else is given: ``--date``, else the environment's
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else today (UTC). With a fixed date the
same input gives byte-identical reports.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from govmodel.jsonvalue import JsonObject
from govmodel.law.readings import Readings
from govmodel.model import Model

_LAW = Path(__file__).resolve().parent.parent / "law"
_DATA = Path(__file__).resolve().parent.parent / "data"
_ROOT = Path(__file__).resolve().parent.parent.parent


def report_date(
    option: str | None = None, environ: Mapping[str, str] | None = None
) -> datetime.date:
    """The date a report carries: ``option`` (ISO ``YYYY-MM-DD``), else ``SOURCE_DATE_EPOCH``
    (seconds since 1970, UTC), else today in UTC. Raises ValueError on a malformed value.

    >>> report_date("2026-11-30")
    datetime.date(2026, 11, 30)
    >>> report_date(None, {"SOURCE_DATE_EPOCH": "0"})
    datetime.date(1970, 1, 1)
    """
    env = os.environ if environ is None else environ
    if option:
        return datetime.date.fromisoformat(option)
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or len(epoch) > 12:
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


def tool_version() -> str:
    try:
        return metadata.version("govmodel")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _shown(path: Path) -> str:
    """The path as a reader can find it: relative to the project or the working folder."""
    p = path.resolve()
    for base in (Path.cwd().resolve(), _ROOT):
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            continue
    return p.as_posix()


def model_files(model: Model) -> list[Path]:
    """Every file the model was read from: the model file, its includes and templates, the
    scenario and the population data."""
    seen: dict[str, None] = {}

    def add(loc: object) -> None:
        f = getattr(loc, "file", None)
        if f:
            seen[str(f)] = None

    add(model.provenance.loc)
    add(model.company.provenance.loc)
    for table in (model.actors, model.organs, model.groups, model.documents):
        for x in table.values():
            add(x.provenance.loc)
    for r in model.relations:
        add(r.provenance.loc)
    if model.scenario:
        seen[str(model.scenario)] = None
    out = [Path(f) for f in seen if Path(f).is_file()]
    src = model.population_source
    if src.startswith("builtin:"):
        data = _DATA / (src.split(":", 1)[1] + ".csv")
        if data.is_file():
            out.append(data)
    elif Path(src).is_file():
        out.append(Path(src))
    return sorted(dict.fromkeys(out), key=lambda p: _shown(p))


def law_files() -> list[Path]:
    """The law data: every statute, regulation, form, reading and the source registry."""
    return sorted(list(_LAW.glob("*.yaml")) + list(_LAW.glob("forms/*.yaml")))


@dataclass(frozen=True)
class Receipt:
    version: str
    date: datetime.date
    files: tuple[tuple[str, str], ...]  # (path as shown, sha256)
    readings: tuple[tuple[str, str, bool], ...]  # (id, value, is default)
    scenario: str | None

    def as_json(self) -> JsonObject:
        return {
            "tool": "govmodel",
            "version": self.version,
            "date": self.date.isoformat(),
            "files": [{"path": p, "sha256": h} for p, h in self.files],
            "readings": [{"id": i, "value": v, "default": d} for i, v, d in self.readings],
            "scenario": self.scenario,
        }


def receipt(models: Iterable[Model], date: datetime.date) -> Receipt:
    """The receipt of a report on ``models``."""
    models = list(models)
    files: dict[str, str] = {}
    for m in models:
        for p in model_files(m):
            files[_shown(p)] = _sha256(p)
    for p in law_files():
        files[_shown(p)] = _sha256(p)
    readings: dict[str, tuple[str, bool]] = {}
    for m in models:
        r = getattr(m, "readings", None) or Readings.default()
        for rid, value in r.items():
            readings[rid] = (str(value), bool(r.is_default(rid)))
    scenario = next((str(m.scenario) for m in models if m.scenario), None)
    return Receipt(
        version=tool_version(),
        date=date,
        files=tuple(files.items()),
        readings=tuple((k, v, d) for k, (v, d) in readings.items()),
        scenario=scenario,
    )


__all__ = ["Receipt", "law_files", "model_files", "receipt", "report_date", "tool_version"]
