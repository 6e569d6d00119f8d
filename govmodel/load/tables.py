"""Member tables: a CSV file a model names, one row per member (an actor generated from data).

Columns: ``id`` (a model id, required), ``name`` (required), ``population`` (a whole number
≥ 0, optional: needed for allocation by population) and ``region`` (optional, e.g. a county
code). Other columns are ignored. The file is read like every input: a regular file only, at most
:data:`MAX_BYTES` bytes and :data:`MAX_ROWS` rows, UTF-8, every name checked for control
characters, every problem located (FILE:LINE).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
>>> _ = p.write_text("id,name,population,region\\nm1,Ale,32000,O\\n", encoding="utf-8")
>>> read_member_table(str(p), None)[0]
MemberRow(id='m1', name='Ale', population=32000, region='O', line=2)
"""

from __future__ import annotations

import csv
from pathlib import Path

from govmodel.errors import Loc, ModelError, Problem
from govmodel.frozen import frozen_dataclass
from govmodel.load.keys import is_id
from govmodel.yamlsafe import check_text, read_bytes

MAX_BYTES = 5_000_000
MAX_ROWS = 10_000
COLUMNS = ("id", "name", "population", "region")


@frozen_dataclass
class MemberRow:
    id: str
    name: str
    population: int | None
    region: str | None
    line: int


def read_member_table(spec: str, base_dir: Path | None) -> tuple[MemberRow, ...]:
    """The rows of a member table (path relative to the model's folder), or a ModelError."""
    path = Path(spec)
    if base_dir is not None and not path.is_absolute():
        path = base_dir / path
    name = str(path)
    raw = read_bytes(path, name, MAX_BYTES, what="a CSV file")
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(Loc(name), f"member table larger than {MAX_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelError(
            [Problem(Loc(name, line, 1), "not valid UTF-8; save the file as UTF-8")]
        ) from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in ("id", "name") if c not in header]
    if missing:
        raise ModelError(
            [
                Problem(
                    Loc(name, 1, 1),
                    f"member table lacks column(s) {', '.join(missing)}; "
                    f"expected a header with {', '.join(COLUMNS)} (population, region optional)",
                )
            ]
        )
    problems: list[Problem] = []
    rows: list[MemberRow] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if len(rows) >= MAX_ROWS:
                problems.append(Problem(Loc(name, line, 1), f"more than {MAX_ROWS:,} rows"))
                break
            mid = (row.get("id") or "").strip()
            mname = (row.get("name") or "").strip()
            pop_text = (row.get("population") or "").strip()
            region = (row.get("region") or "").strip() or None
            here = Loc(name, line, 1)
            if not is_id(mid):
                problems.append(Problem(here, f"id {mid!r} is not a valid id (a-z, 0-9, _)"))
                continue
            if mid in seen:
                problems.append(
                    Problem(here, f"id {mid} appears twice (first on line {seen[mid]})")
                )
                continue
            seen[mid] = line
            for col, value in (("name", mname), ("region", region or "")):
                why = check_text(value)
                if why is None and ("\n" in value or len(value) > 300):
                    why = "a name is one line of at most 300 characters"
                if why is not None:
                    problems.append(Problem(here, f"{col}: {why}"))
            if not mname:
                problems.append(Problem(here, f"member {mid} has no name"))
            population = None
            if pop_text:
                if not pop_text.isascii() or not pop_text.isdigit() or len(pop_text) > 12:
                    problems.append(
                        Problem(here, f"population {pop_text!r} is not a whole number ≥ 0")
                    )
                else:
                    population = int(pop_text)
            rows.append(MemberRow(mid, mname, population, region, line))
    except csv.Error as exc:
        problems.append(Problem(Loc(name, reader.line_num + 1, 1), f"not a valid CSV file: {exc}"))
    if not rows and not problems:
        problems.append(Problem(Loc(name, 1, 1), "member table has no rows"))
    if problems:
        raise ModelError(problems)
    return tuple(rows)
