"""Law data: statute rules and provisions, the in-house criteria, and company-form templates.

The YAML files beside this module are the only place statutory thresholds live. Rules are
referenced from models as ``<statute>/<id>`` (``aksjeloven/5-18``). See README.md here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypedDict

from govmodel.errors import Loc, ModelError, Problem
from govmodel.frozen import frozen_dataclass
from govmodel.ruleparse import RuleParser
from govmodel.rules import Rule
from govmodel.yamlsafe import YMap, as_list, as_mapping, load_yaml_text, mappings, unknown_keys


@frozen_dataclass
class LawRule:
    """A statutory voting rule with its section reference."""

    id: str  # qualified: "aksjeloven/5-18"
    section: str
    name: Mapping[str, str]
    text: str
    summary: str
    kind: str
    rule: Rule
    verified: bool
    loc: Loc
    in_force: date | None = None  # from when the rule applies (OpenFisca-style dated parameter)
    in_force_until: date | None = None
    decided_at_meeting: bool = True  # False: a right exercised by written demand (§ 5-6 (2))
    builds_on: tuple[str, ...] = ()  # the law rules its rule refers to (``law:``), qualified
    source: str = ""  # where the wording was read: statute, section, ledd, punktum
    url: str = ""  # the statute (or section) on Lovdata
    checked: str = ""  # which text was read, and when
    note: str = ""  # for an unverified entry: what is uncertain


@frozen_dataclass
class Provision:
    """A non-voting statutory rule (facts the analysis reads), or an in-house criterion."""

    id: str  # qualified
    section: str
    name: Mapping[str, str]
    text: str
    summary: str
    facts: Mapping[str, object]
    verified: bool
    loc: Loc
    extra: Mapping[str, object] = field(default_factory=dict)
    in_force: date | None = None
    in_force_until: date | None = None
    source: str = ""
    url: str = ""
    checked: str = ""
    note: str = ""


@frozen_dataclass
class LawData:
    rules: Mapping[str, LawRule]
    provisions: Mapping[str, Provision]
    criteria: Mapping[str, Provision]  # anskaffelsesforskriften criteria by short id
    forms: Mapping[str, YMap]  # form code (AS, IKS, ...) -> raw template tree
    statutes: Mapping[str, Mapping[str, object]]  # statute name -> header (title, reference, url)


def _text(data: object) -> str:
    return "" if data is None else str(data)


def _names(data: object) -> Mapping[str, str]:
    if isinstance(data, dict):
        return {str(k): str(v) for k, v in data.items()}
    if data is None:
        return {}
    return {"nb": str(data), "en": str(data)}


# Keys each law entry may have; anything else is a located error (a misspelt key would otherwise
# be silently ignored). Criteria entries of anskaffelsesforskriften also carry their parameters.
STATUTE_KEYS = frozenset(
    {
        "statute",
        "title",
        "reference",
        "url",
        "directive",
        "in_force",
        "checked",
        "rules",
        "provisions",
        "criteria",
    }
)
COMMON_KEYS = frozenset(
    {
        "id",
        "section",
        "name",
        "text",
        "summary",
        "verified",
        "in_force",
        "in_force_until",
        "reference",
        "source",
        "url",
        "checked",
        "note",
    }
)
RULE_KEYS = COMMON_KEYS | {"kind", "rule", "decided_at_meeting"}
PROVISION_KEYS = COMMON_KEYS | {"facts", "relevant"}
CRITERION_KEYS = COMMON_KEYS | {"facts", "applies_to", "parameters", "relevant"}
RULE_KINDS = ("resolution", "election", "consent", "minority_right")


def _entries(tree: YMap, key: str, statute: str, problems: list[Problem]) -> Iterator[YMap]:
    """The entries of a statute's list ``key`` (rules, provisions, criteria): a list of
    mappings; anything else is reported where it is."""
    lst = as_list(tree.get(key), tree.at(key), f"{key} of {statute}", problems)
    return mappings(lst, f"an entry of {key} of {statute}", problems)


def _facts(entry: YMap, qid: str, problems: list[Problem]) -> Mapping[str, object]:
    """An entry's ``facts:`` mapping (empty when absent)."""
    if not entry.get("facts"):
        return {}
    return as_mapping(entry["facts"], entry.at("facts"), f"facts of {qid}", problems) or {}


class _EntryFields(TypedDict):
    """What every rule and provision of a law file has: its reference, names, texts, validity."""

    id: str
    section: str
    name: Mapping[str, str]
    text: str
    summary: str
    verified: bool
    loc: Loc
    in_force: date | None
    in_force_until: date | None
    source: str
    url: str
    checked: str
    note: str


def _entry_fields(
    entry: YMap, qid: str, statute: Mapping[str, object], problems: list[Problem]
) -> _EntryFields:
    """The common fields of a law entry ``qid``. What the entry does not give it takes from its
    statute's header: in force from the statute's date, the statute's URL and the text read
    (``checked``); its source is its own section unless it names where it was read."""
    in_force = statute.get("in_force")
    return {
        "id": qid,
        "section": _text(entry.get("section")),
        "name": _names(entry.get("name")),
        "text": _text(entry.get("text")),
        "summary": _text(entry.get("summary")),
        "verified": _verified(entry, problems),
        "loc": entry.loc,
        "in_force": _date(
            entry, "in_force", in_force if isinstance(in_force, date) else None, problems
        ),
        "in_force_until": _date(entry, "in_force_until", None, problems),
        "source": _text(entry.get("source") or entry.get("section")),
        "url": _text(entry.get("url") or statute.get("url")),
        "checked": _text(entry.get("checked") or statute.get("checked")),
        "note": _text(entry.get("note")),
    }


def _law_refs(node: object) -> tuple[str, ...]:
    """The ``law:`` references anywhere in a rule tree, in order."""
    if isinstance(node, Mapping):
        own = (str(node["law"]),) if "law" in node else ()
        return own + tuple(r for k, v in node.items() if k != "law" for r in _law_refs(v))
    if isinstance(node, list):
        return tuple(r for v in node for r in _law_refs(v))
    return ()


def _verified(entry: YMap, problems: list[Problem]) -> bool:
    """The entry's ``verified`` flag: true or false written as such (a quoted "false" is a
    string, and reading it as true would silently vouch for an unchecked rule)."""
    value = entry.get("verified", False)
    if not isinstance(value, bool):
        problems.append(Problem(entry.at("verified"), "verified must be true or false"))
        return False
    return value


def _date(entry: YMap, key: str, default: date | None, problems: list[Problem]) -> date | None:
    """An ``in_force`` date written as a quoted ``"YYYY-MM-DD"`` (the entry's, else the
    statute's)."""
    if key not in entry:
        return default
    try:
        return date.fromisoformat(str(entry[key]))
    except ValueError:
        problems.append(Problem(entry.at(key), f'{key} must be a date written "YYYY-MM-DD"'))
        return default


def _law_files(directory: Path | None) -> list[tuple[str, str]]:
    """(display name, text) of every statute file and every form template."""
    out: list[tuple[str, str]] = []
    if directory is None:
        root = resources.files("govmodel.law")
        for sub in (root, root / "forms"):
            for entry in sorted(sub.iterdir(), key=lambda e: e.name):
                if entry.name.endswith(".yaml"):
                    rel = entry.name if sub is root else f"forms/{entry.name}"
                    out.append((f"govmodel/law/{rel}", entry.read_text(encoding="utf-8")))
    else:
        for p in sorted(directory.glob("*.yaml")) + sorted((directory / "forms").glob("*.yaml")):
            out.append((str(p), p.read_text(encoding="utf-8")))
    return out


def load_law(directory: Path | None = None) -> LawData:
    """Load every statute, the in-house criteria and the form templates.

    Raises :class:`ModelError` with located problems if a law file is malformed.
    """
    problems: list[Problem] = []
    raw_rules: dict[str, tuple[YMap, str]] = {}
    provisions: dict[str, Provision] = {}
    criteria: dict[str, Provision] = {}
    forms: dict[str, YMap] = {}
    statutes: dict[str, Mapping[str, object]] = {}
    header_of: dict[str, Mapping[str, object]] = {}  # what a statute's entries inherit
    for name, text in _law_files(directory):
        tree = load_yaml_text(text, name)
        if not isinstance(tree, YMap):
            problems.append(Problem(Loc(name, 1, 1), "law file must be a mapping"))
            continue
        if "readings" in tree or "sources" in tree or "judgments" in tree:
            # the legal readings (readings.py), the source registry (sources.yaml) and case law
            # (case_law.yaml) are not statute rules
            continue
        if "form" in tree:
            forms[str(tree["form"])] = tree
            continue
        statute = str(tree.get("statute", ""))
        if not statute:
            problems.append(Problem(tree.loc, "law file has no 'statute:' name"))
            continue
        unknown_keys(tree, STATUTE_KEYS, problems, f"law file {name}")
        statutes[statute] = {
            k: tree[k]
            for k in ("title", "reference", "url", "directive", "in_force", "checked")
            if k in tree
        }
        header = {
            "in_force": _date(tree, "in_force", None, problems),
            "url": tree.get("url"),
            "checked": tree.get("checked"),
        }
        header_of[statute] = header
        for entry in _entries(tree, "rules", statute, problems):
            unknown_keys(entry, RULE_KEYS, problems, f"law rule {statute}/{entry.get('id')}")
            qid = f"{statute}/{entry.get('id')}"
            raw_rules[qid] = (entry, name)
        for key in ("provisions", "criteria"):
            allowed = PROVISION_KEYS if key == "provisions" else CRITERION_KEYS
            for entry in _entries(tree, key, statute, problems):
                unknown_keys(
                    entry, allowed, problems, f"law {key[:-1]} {statute}/{entry.get('id')}"
                )
                qid = f"{statute}/{entry.get('id')}"
                known = {"id", "section", "name", "text", "summary", "facts", "verified"}
                known |= {"in_force", "in_force_until", "source", "url", "checked", "note"}
                prov = Provision(
                    **_entry_fields(entry, qid, header, problems),
                    facts=dict(_facts(entry, qid, problems)),
                    extra={k: v for k, v in entry.items() if k not in known},
                )
                if key == "criteria":
                    criteria[str(entry.get("id"))] = prov
                provisions[qid] = prov

    parser = RuleParser(problems, law_rules={})
    rules: dict[str, LawRule] = {}

    def resolve(qid: str, stack: tuple[str, ...]) -> LawRule | None:
        if qid in rules:
            return rules[qid]
        if qid not in raw_rules:
            return None
        if qid in stack:
            entry, _ = raw_rules[qid]
            problems.append(
                Problem(entry.loc, f"law rule {qid} refers to itself through {' -> '.join(stack)}")
            )
            return None
        entry, _ = raw_rules[qid]
        parser.law_resolver = lambda ref: resolve(ref, stack + (qid,))
        rule = parser.parse(entry.get("rule"), entry.at("rule"))
        if rule is None:
            return None
        kind = _text(entry.get("kind") or "resolution")
        if kind not in RULE_KINDS:
            problems.append(
                Problem(
                    entry.at("kind"), f"kind must be one of {', '.join(RULE_KINDS)}; got {kind!r}"
                )
            )
        at_meeting = entry.get("decided_at_meeting", True)
        if not isinstance(at_meeting, bool):
            problems.append(
                Problem(entry.at("decided_at_meeting"), "decided_at_meeting must be true or false")
            )
            at_meeting = True
        lr = LawRule(
            **_entry_fields(entry, qid, header_of.get(qid.split("/")[0], {}), problems),
            kind=kind,
            rule=rule,
            decided_at_meeting=at_meeting,
            builds_on=_law_refs(entry.get("rule")),
        )
        rules[qid] = lr
        return lr

    for qid in list(raw_rules):
        resolve(qid, ())
    if problems:
        raise ModelError(problems)
    return LawData(
        rules=rules, provisions=provisions, criteria=criteria, forms=forms, statutes=statutes
    )


@lru_cache(maxsize=1)
def builtin_law() -> LawData:
    """The law data shipped with govmodel (cached)."""
    return load_law(None)
