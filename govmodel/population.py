"""Reference data on kommuner and fylker (Statistics Norway, NLOD).

The built-in files live in ``govmodel/data``; a model may name another file of the same
shape (a newer SSB extract). Only the columns used are required.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from govmodel.errors import GovmodelError, ModelError
from govmodel.frozen import find, frozen_dataclass
from govmodel.yamlsafe import check_text, read_bytes

BUILTIN_PREFIX = "builtin:"
BUILTIN_KOMMUNER = "builtin:kommuner-2024"

KOMMUNE_COLUMNS = ("kommunenummer", "kommune", "fylkesnummer", "fylke", "folketall")

# Oslo is both kommune and fylke; Oslo kommune carries the fylkeskommune duties, so
# there is no separate fylkeskommune for this fylkesnummer.
FYLKE_WITHOUT_FYLKESKOMMUNE = frozenset({"03"})


class DataFileError(GovmodelError, ValueError):
    """A reference data file is missing or malformed; carries a located message."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


@frozen_dataclass
class Kommune:
    nr: str
    name: str
    fylke_nr: str
    fylke_name: str
    population: int


@frozen_dataclass
class Fylke:
    nr: str
    name: str
    population: int
    kommuner: tuple[str, ...]  # kommunenummer, in file order

    @property
    def has_fylkeskommune(self) -> bool:
        return self.nr not in FYLKE_WITHOUT_FYLKESKOMMUNE


@frozen_dataclass
class Population:
    """The kommuner and the fylker derived from them, with the data file's name."""

    source: str
    kommuner: tuple[Kommune, ...]
    fylker: tuple[Fylke, ...]

    def kommune(self, nr: str) -> Kommune:
        return find(self.kommuner, lambda k: k.nr == nr, nr)

    def fylke(self, nr: str) -> Fylke:
        return find(self.fylker, lambda f: f.nr == nr, nr)


def _read_text(spec: str, base_dir: Path | None) -> tuple[str, str]:
    if spec.startswith(BUILTIN_PREFIX):
        name = spec[len(BUILTIN_PREFIX) :] + ".csv"
        ref = resources.files("govmodel.data") / name
        if not ref.is_file():
            raise DataFileError(
                spec, 0, f"no built-in data set named {spec!r}; expected {BUILTIN_KOMMUNER!r}"
            )
        return ref.read_text(encoding="utf-8"), spec
    path = Path(spec)
    if base_dir is not None and not path.is_absolute():
        path = base_dir / path
    try:
        # a regular file only (a FIFO would block, /dev/zero never end), at most 5 MB
        raw = read_bytes(path, str(path), 5_000_000, what="a CSV data file")
    except ModelError as exc:
        message = exc.problems[0].message.replace("cannot read file", "cannot read data file")
        raise DataFileError(str(path), 0, message) from None
    if len(raw) > 5_000_000:
        raise DataFileError(
            str(path), 0, "data file larger than 5 MB; expected an SSB extract of kommuner"
        )
    try:
        return raw.decode("utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), 0, f"not UTF-8 text (byte {exc.start})") from None


def load_population(spec: str = BUILTIN_KOMMUNER, base_dir: Path | None = None) -> Population:
    """Read a kommune file (``kommunenummer,kommune,fylkesnummer,fylke,folketall``).

    Fylker are derived by summing their kommuner, so a single file is the whole input.
    """
    text, name = _read_text(spec, base_dir)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in KOMMUNE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(
            name,
            1,
            f"missing column(s) {', '.join(missing)}; expected header {','.join(KOMMUNE_COLUMNS)}",
        )
    kommuner: list[Kommune] = []
    seen: set[str] = set()
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field larger than the csv module's limit
            raise DataFileError(name, reader.line_num + 1, f"not a valid CSV file: {exc}") from None
        lineno = reader.line_num  # the physical line (blank lines are skipped by the reader)
        nr = (row["kommunenummer"] or "").strip()
        fnr = (row["fylkesnummer"] or "").strip()
        if not (len(nr) == 4 and nr.isdigit()):
            raise DataFileError(name, lineno, f"kommunenummer {nr!r} is not four digits")
        if not (len(fnr) == 2 and fnr.isdigit()):
            raise DataFileError(name, lineno, f"fylkesnummer {fnr!r} is not two digits")
        if nr in seen:
            raise DataFileError(name, lineno, f"kommunenummer {nr} appears twice")
        seen.add(nr)
        try:
            pop = int((row["folketall"] or "").strip())
        except ValueError:
            raise DataFileError(
                name, lineno, f"folketall {row['folketall']!r} is not a whole number"
            ) from None
        if pop < 0:
            raise DataFileError(name, lineno, "folketall is negative")
        names = ((row["kommune"] or "").strip(), (row["fylke"] or "").strip())
        for col, value in zip(("kommune", "fylke"), names, strict=True):
            why = check_text(value)
            if why is not None or "\n" in value or len(value) > 300:
                raise DataFileError(
                    name,
                    lineno,
                    f"{col} name: {why or 'a name is one line of at most 300 characters'}",
                )
        kommuner.append(Kommune(nr, names[0], fnr, names[1], pop))
    if not kommuner:
        raise DataFileError(name, 1, "no kommuner in data file")
    fylker: dict[str, list[Kommune]] = {}
    for k in kommuner:
        fylker.setdefault(k.fylke_nr, []).append(k)
    fylke_list = tuple(
        Fylke(nr, ks[0].fylke_name, sum(k.population for k in ks), tuple(k.nr for k in ks))
        for nr, ks in sorted(fylker.items())
    )
    return Population(name, tuple(kommuner), fylke_list)


def fylke_names(spec: str, base_dir: Path | None = None) -> dict[str, str]:
    """Fylkesnummer → name from a population data set, or nothing when it cannot be read: the
    names are a nicety beside the numbers, which identify the fylke on their own."""
    try:
        pop = load_population(spec, base_dir)
    except GovmodelError:
        return {}
    return {f.nr: f.name for f in pop.fylker}
