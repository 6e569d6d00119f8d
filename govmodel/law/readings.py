"""Legal readings: the open questions of law, their alternatives, and the values chosen.

Where the law is open (is KS a contracting authority? which bodies must the authorities be
represented in?), the tool does not decide in code. Each question is a named *reading* in
``readings.yaml`` beside this module, with its alternatives, the default the tool uses and the
sources for that default. A :class:`Readings` value holds the chosen alternative of every reading;
analysis functions take one (``None`` means the defaults) and say which readings a verdict rests
on; the command line switches one with ``--reading ID=VALUE``.

>>> r = Readings.default()
>>> r.value("ks_contracting_authority")
'yes'
>>> r.with_values({"ks_contracting_authority": "no"}).is_default("ks_contracting_authority")
False
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from govmodel.errors import GovmodelError, Loc, ModelError, Problem, did_you_mean
from govmodel.frozen import frozen_dataclass
from govmodel.jsonvalue import JsonObject
from govmodel.law.entries import by_id, shipped
from govmodel.yamlsafe import YList, YMap, load_yaml_text, unknown_keys

READING_KEYS = frozenset(
    {"id", "name", "question", "alternatives", "default", "source", "in_force", "description"}
)
ALTERNATIVE_KEYS = frozenset({"value", "text", "contracting_authority"})
LANGS = ("nb", "en")


class ReadingError(GovmodelError, ValueError):
    """A reading id or value the user gave that is not in the law data (a user error, exit 2)."""


@frozen_dataclass
class Alternative:
    """One answer to a reading's question; ``effects`` are what it makes a model element that
    names the reading (today: ``contracting_authority`` of an actor)."""

    value: str
    text: Mapping[str, str]
    effects: Mapping[str, bool | str] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )


@frozen_dataclass
class Reading:
    """An open legal question with its alternatives, the default and the sources for it."""

    id: str
    name: Mapping[str, str]
    question: Mapping[str, str]
    alternatives: tuple[Alternative, ...]
    default: str
    sources: tuple[str, ...]
    in_force: _dt.date | None = None
    loc: Loc | None = None

    def alternative(self, value: str) -> Alternative:
        for a in self.alternatives:
            if a.value == value:
                return a
        raise ReadingError(self._bad_value(value))

    def values(self) -> tuple[str, ...]:
        return tuple(a.value for a in self.alternatives)

    def _bad_value(self, value: str) -> str:
        vals = self.values()
        return (
            f"reading {self.id} has no alternative {value!r}{did_you_mean(value, vals)}; "
            f"alternatives: {', '.join(vals)}"
        )


# -- loading --------------------------------------------------------------------------------------


def _bilingual(node: YMap, key: str, what: str, problems: list[Problem]) -> Mapping[str, str]:
    value = node.get(key)
    if not isinstance(value, YMap) or set(value) != set(LANGS):
        problems.append(
            Problem(node.at(key), f"{key} of {what} must be a mapping with nb and en texts")
        )
        return MappingProxyType({lang: "" for lang in LANGS})
    out = {}
    for lang in LANGS:
        text = value[lang]
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(value.at(lang), f"{key}.{lang} of {what} must be a text"))
            text = ""
        out[lang] = " ".join(str(text).split())
    return MappingProxyType(out)


def _reading(node: object, loc: Loc, problems: list[Problem]) -> Reading | None:
    if not isinstance(node, YMap):
        problems.append(Problem(loc, "a reading must be a mapping"))
        return None
    rid = node.get("id")
    if not isinstance(rid, str) or not rid:
        problems.append(Problem(node.at("id"), "a reading needs an 'id:' text"))
        return None
    what = f"reading {rid}"
    unknown_keys(node, READING_KEYS, problems, what)
    alts: list[Alternative] = []
    raw = node.get("alternatives")
    if not isinstance(raw, YList) or len(raw) < 2:
        problems.append(Problem(node.at("alternatives"), f"{what} needs at least two alternatives"))
        raw = YList(node.loc)
    for i, a in enumerate(raw):
        value = a.get("value") if isinstance(a, YMap) else None
        if not isinstance(a, YMap) or not isinstance(value, str):
            problems.append(
                Problem(raw.item_loc[i], f"an alternative of {what} needs a 'value:' text")
            )
            continue
        unknown_keys(a, ALTERNATIVE_KEYS, problems, f"an alternative of {what}")
        effects: dict[str, bool | str] = {}
        if "contracting_authority" in a:
            ca = a["contracting_authority"]
            # a boolean or "uncertain" (1 and 0 compare equal to True and False: refused)
            if isinstance(ca, bool) or ca == "uncertain":
                effects["contracting_authority"] = ca
            else:
                problems.append(
                    Problem(
                        a.at("contracting_authority"),
                        "contracting_authority must be true, false or uncertain",
                    )
                )
        alts.append(
            Alternative(
                value,
                _bilingual(a, "text", f"alternative {value} of {what}", problems),
                MappingProxyType(effects),
            )
        )
    values = [a.value for a in alts]
    if len(set(values)) != len(values):
        problems.append(Problem(node.at("alternatives"), f"{what} lists an alternative twice"))
    default = node.get("default")
    if default not in values:
        problems.append(
            Problem(
                node.at("default"),
                f"default of {what} must be one of its alternatives: {', '.join(values)}",
            )
        )
    src = node.get("source")
    cited = [src] if isinstance(src, str) else list(src) if isinstance(src, YList) else []
    texts = [s for s in cited if isinstance(s, str)]
    if not texts or len(texts) != len(cited):  # one text, or a list of texts
        problems.append(Problem(node.at("source"), f"{what} needs its source(s) cited in full"))
        texts = []
    sources = tuple(" ".join(s.split()) for s in texts)
    for s in sources:
        if "brief" in s.lower():
            problems.append(
                Problem(node.at("source"), f"{what} cites the team's notes; cite a primary source")
            )
    in_force = None
    if "in_force" in node:
        try:
            in_force = _dt.date.fromisoformat(str(node["in_force"]))
        except ValueError:
            problems.append(
                Problem(node.at("in_force"), f"in_force of {what} must be a date YYYY-MM-DD")
            )
    return Reading(
        id=rid,
        name=_bilingual(node, "name", what, problems),
        question=_bilingual(node, "question", what, problems),
        alternatives=tuple(alts),
        default=str(default),
        sources=sources,
        in_force=in_force,
        loc=node.loc,
    )


def parse_readings(text: str, name: str) -> Mapping[str, Reading]:
    """The readings of one readings file; raises :class:`ModelError` with every located
    problem (unknown keys, a default that is not an alternative, a missing source ...)."""
    problems: list[Problem] = []
    tree = load_yaml_text(text, name)
    items = tree.get_list("readings") if isinstance(tree, YMap) else None
    if not isinstance(tree, YMap) or items is None:
        raise ModelError([Problem(Loc(name, 1, 1), "a readings file needs a 'readings:' list")])
    unknown_keys(tree, frozenset({"readings"}), problems, "the readings file")
    read = [
        (_reading(node, items.item_loc[i], problems), items.item_loc[i])
        for i, node in enumerate(items)
    ]
    return by_id(read, "reading", problems)


@lru_cache(maxsize=1)
def load_readings() -> Mapping[str, Reading]:
    """The readings shipped with govmodel (``govmodel/law/readings.yaml``), in file order."""
    return parse_readings(*shipped("readings.yaml"))


# -- the chosen values ----------------------------------------------------------------------------


@frozen_dataclass
class Readings:
    """The chosen alternative of every reading (frozen and hashable; file order).

    Build with :meth:`default`, :meth:`parse` or :meth:`with_values`; a wrong id or value raises
    :class:`ReadingError` naming the known ids or alternatives.
    """

    chosen: tuple[tuple[str, str], ...]

    @classmethod
    def default(cls) -> Readings:
        return cls(tuple((r.id, r.default) for r in load_readings().values()))

    @classmethod
    def parse(cls, specs: Iterable[str], base: Readings | None = None) -> Readings:
        """Readings from ``ID=VALUE`` texts (the ``--reading`` flag), the rest as in ``base``
        (default: the defaults)."""
        values: dict[str, str] = {}
        for spec in specs:
            rid, sep, value = str(spec).partition("=")
            if not sep or not rid.strip() or not value.strip():
                raise ReadingError(f"a reading is written ID=VALUE; got {spec!r}")
            values[rid.strip()] = value.strip()
        return (base or cls.default()).with_values(values)

    def with_values(self, values: Mapping[str, str]) -> Readings:
        """These readings with some switched; raises :class:`ReadingError` on an unknown id or
        a value that is not one of the reading's alternatives."""
        catalogue = load_readings()
        for rid, value in values.items():
            if rid not in catalogue:
                raise ReadingError(
                    f"unknown reading {rid!r}{did_you_mean(rid, catalogue)}; "
                    f"readings: {', '.join(catalogue)} (see `govmodel readings`)"
                )
            catalogue[rid].alternative(value)  # raises on a wrong value
        current = dict(self.chosen)
        current.update(values)
        return Readings(tuple((rid, current.get(rid, r.default)) for rid, r in catalogue.items()))

    def value(self, rid: str) -> str:
        for k, v in self.chosen:
            if k == rid:
                return v
        reading = load_readings().get(rid)
        if reading is None:
            raise ReadingError(f"unknown reading {rid!r}{did_you_mean(rid, load_readings())}")
        return reading.default

    def is_default(self, rid: str) -> bool:
        return self.value(rid) == load_readings()[rid].default

    def items(self) -> tuple[tuple[str, str], ...]:
        return self.chosen

    def changed(self) -> tuple[str, ...]:
        """Ids of the readings switched away from their default."""
        return tuple(rid for rid, _ in self.chosen if not self.is_default(rid))

    def summary(self, lang: str = "en") -> list[JsonObject]:
        """The readings as JSON-ready records: id, value, default, alternatives, source (and the
        reading's name in ``lang``) — the ``"readings"`` field of the JSON reports."""
        catalogue = load_readings()
        out: list[JsonObject] = []
        for rid, value in self.chosen:
            r = catalogue[rid]
            out.append(
                {
                    "id": rid,
                    "name": r.name[lang],
                    "value": value,
                    "text": r.alternative(value).text[lang],
                    "default": r.default,
                    "alternatives": list(r.values()),
                    "source": list(r.sources),
                }
            )
        return out


def actor_status(reading_id: str, readings: Readings | None) -> bool | str:
    """The ``contracting_authority`` status that the chosen alternative of ``reading_id`` gives
    an actor that names it (``True``, ``False`` or ``"uncertain"``)."""
    readings = readings or Readings.default()
    alt = load_readings()[reading_id].alternative(readings.value(reading_id))
    if "contracting_authority" not in alt.effects:
        raise ReadingError(f"reading {reading_id} says nothing about contracting authorities")
    status: bool | str = alt.effects["contracting_authority"]
    return status
