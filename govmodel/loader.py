"""Build a :class:`~govmodel.model.Model` from a model file, its company-form template, the law
data and the reference population data, reporting every problem with its location.

The file is read with :mod:`govmodel.yamlsafe` (safe, bounded). Checks are gathered, not raised
one at a time, so a user sees all problems of a file in one run. Cross-reference and structural
checks (unknown ids, sums, cycles, proxies) are in :mod:`govmodel.validate`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

from govmodel import model as M
from govmodel.apportion import largest_remainder
from govmodel.errors import Loc, ModelError, Problem, did_you_mean, expected_one_of
from govmodel.population import BUILTIN_KOMMUNER, DataFileError, Population, load_population
from govmodel.rules import (
    BASES,
    AllOf,
    AnyOf,
    Approvers,
    ClassConsent,
    Count,
    Quota,
    Rule,
    Unanimity,
)
from govmodel.yamlsafe import YList, YMap, load_yaml_file, yaml11_hint

FORMAT_VERSION = 1
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PROV_KEYS = {"source", "assumption", "document"}
FOR_EACH = ("fylke", "fylkeskommune", "kommune")
MAX_SEATS = 10_000  # per seat entry; a larger count is a typo (and would exhaust memory)


# ---------------------------------------------------------------------------------------------
# Exact fractions and rules


def parse_fraction(
    value: Any, raw: str | None, loc: Loc, problems: list[Problem], what: str
) -> Fraction | None:
    """Read a threshold exactly: ``"2/3"``, ``1``, ``0.1`` (from its source text), ``"33.4%"``."""
    text = raw if raw is not None else value
    if isinstance(value, bool) or value is None:
        problems.append(
            Problem(loc, f'{what} must be a fraction such as "2/3", 0.1 or "33.4%"; got {value!r}')
        )
        return None
    text = str(text).strip().strip("'\"")
    try:
        frac = Fraction(text[:-1].strip()) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        problems.append(
            Problem(
                loc,
                f'{what} {text!r} is not an exact fraction; expected e.g. "2/3", 0.1 or "33.4%"',
            )
        )
        return None
    if not (0 <= frac <= 1):
        problems.append(
            Problem(loc, f"{what} {text} is outside 0–1; thresholds are fractions of a whole")
        )
        return None
    return frac


class RuleParser:
    """Turns the YAML form of a rule into :mod:`govmodel.rules` values (see docs/model-format.md)."""

    KINDS = ("quota", "count", "unanimity", "approvers", "class_consent", "all", "any", "law")

    def __init__(
        self,
        problems: list[Problem],
        law_rules: dict[str, Any],
        law_resolver: Callable[[str], Any] | None = None,
    ) -> None:
        self.problems = problems
        self.law_rules = law_rules
        self.law_resolver = law_resolver
        self.law_refs: list[str] = []

    def parse(self, node: Any, loc: Loc) -> Rule | None:
        if not isinstance(node, YMap) or not node:
            self.problems.append(
                Problem(
                    loc,
                    f"a rule must be a mapping with one of the keys {', '.join(self.KINDS)}; got {_kind(node)}",
                )
            )
            return None
        keys = [k for k in node if k not in PROV_KEYS and k != "note"]
        if len(keys) != 1 or keys[0] not in self.KINDS:
            bad = [k for k in keys if k not in self.KINDS]
            hint = did_you_mean(bad[0], self.KINDS) if bad else ""
            where = node.key_at(bad[0]) if bad else node.loc
            self.problems.append(
                Problem(
                    where,
                    f"a rule needs exactly one of {', '.join(self.KINDS)}; got {', '.join(map(str, keys)) or 'none'}{hint}",
                )
            )
            return None
        kind = keys[0]
        val, vloc = node[kind], node.at(kind)
        if kind == "law":
            ref = str(val)
            target = self.law_resolver(ref) if self.law_resolver else self.law_rules.get(ref)
            if target is None:
                options = list(self.law_rules) if self.law_rules else []
                self.problems.append(
                    Problem(
                        vloc,
                        f"unknown law rule {ref!r}{did_you_mean(ref, options)}; expected e.g. aksjeloven/5-18",
                    )
                )
                return None
            self.law_refs.append(ref)
            return target.rule
        if kind in ("quota", "class_consent"):
            if not isinstance(val, YMap):
                self.problems.append(
                    Problem(
                        vloc, f'{kind} needs a mapping like {{base: votes_cast, more_than: "1/2"}}'
                    )
                )
                return None
            allowed = {"base", "more_than", "at_least"} | (
                {"class"} if kind == "class_consent" else set()
            )
            _unknown_keys(val, allowed, self.problems, kind)
            base = str(val.get("base", ""))
            if base not in BASES:
                self.problems.append(
                    Problem(
                        val.at("base") if "base" in val else val.loc,
                        f"quota base {base!r} is not known{did_you_mean(base, BASES)}; {expected_one_of(BASES)}",
                    )
                )
                return None
            thr = self._threshold(val)
            if thr is None:
                return None
            frac, strict = thr
            if kind == "quota":
                return Quota(base, frac, strict)
            if "class" not in val:
                self.problems.append(
                    Problem(val.loc, "class_consent needs 'class:' naming a share class")
                )
                return None
            return ClassConsent(str(val["class"]), base, frac, strict)
        if kind == "count":
            if not isinstance(val, YMap):
                self.problems.append(Problem(vloc, "count needs a mapping like {at_least: 3}"))
                return None
            _unknown_keys(val, {"more_than", "at_least"}, self.problems, "count")
            both = [k for k in ("more_than", "at_least") if k in val]
            if len(both) != 1:
                self.problems.append(
                    Problem(val.loc, "count needs exactly one of more_than / at_least")
                )
                return None
            n = val[both[0]]
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                self.problems.append(
                    Problem(
                        val.at(both[0]), f"count {both[0]} must be a whole number ≥ 0; got {n!r}"
                    )
                )
                return None
            return Count(n, both[0] == "more_than")
        if kind == "unanimity":
            if val not in ("present", "all"):
                self.problems.append(
                    Problem(vloc, f"unanimity must be 'present' or 'all'; got {val!r}")
                )
                return None
            return Unanimity(str(val))
        if kind == "approvers":
            if not isinstance(val, YList) or not val:
                self.problems.append(
                    Problem(vloc, "approvers needs a list of player ids (or 'chair')")
                )
                return None
            return Approvers(tuple(str(v) for v in val))
        # all / any
        if not isinstance(val, YList) or not val:
            self.problems.append(Problem(vloc, f"{kind} needs a non-empty list of rules"))
            return None
        parts = [self.parse(item, val.at(i)) for i, item in enumerate(val)]
        if any(p is None for p in parts):
            return None
        return AllOf(tuple(parts)) if kind == "all" else AnyOf(tuple(parts))  # type: ignore[arg-type]

    def _threshold(self, val: YMap) -> tuple[Fraction, bool] | None:
        both = [k for k in ("more_than", "at_least") if k in val]
        if len(both) != 1:
            self.problems.append(
                Problem(
                    val.loc,
                    "a quota needs exactly one of 'more_than' or 'at_least' (they differ at the boundary)",
                )
            )
            return None
        key = both[0]
        frac = parse_fraction(
            val[key], val.raw.get(key), val.at(key), self.problems, f"threshold {key}"
        )
        return None if frac is None else (frac, key == "more_than")


def _is_contracting(v: Any) -> bool:
    """true, false or "uncertain" (1 and 0 compare equal to True and False; refuse them)."""
    return isinstance(v, bool) or v == "uncertain"


def _kind(v: Any) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, bool):
        return f"{v!r} (a boolean)"
    if isinstance(v, (int, float)):
        return f"{v!r} (a number)"
    hint = yaml11_hint(v)
    return f"{str(v)!r} (text; {hint})" if hint else f"{str(v)!r} (text)"


def _unknown_keys(node: YMap, allowed: Iterable[str], problems: list[Problem], what: str) -> None:
    allowed = set(allowed)
    for key in node:
        if key not in allowed:
            problems.append(
                Problem(
                    node.key_at(key),
                    f"unknown key {key!r} in {what}{did_you_mean(str(key), allowed)}; {expected_one_of(allowed)}",
                )
            )


# ---------------------------------------------------------------------------------------------
# The builder


TOP_KEYS = {
    "govmodel",
    "id",
    "name",
    "description",
    "source",
    "assumption",
    "variant_of",
    "population",
    "company",
    "actors",
    "groups",
    "organs",
    "relations",
    "documents",
    "activity",
    "attendance",
}
ACTOR_KEYS = {
    "id",
    "name",
    "kind",
    "contracting_authority",
    "reading",
    "fylke",
    "for_each",
    "description",
} | PROV_KEYS
GROUP_KEYS = {
    "id",
    "name",
    "generate",
    "members",
    "select",
    "contracting_authority",
    "for_each",
    "description",
} | PROV_KEYS
COMPANY_KEYS = {
    "id",
    "name",
    "form",
    "share_capital",
    "share_classes",
    "holdings",
    "description",
} | PROV_KEYS
CLASS_KEYS = {"id", "name", "votes_per_share"} | PROV_KEYS
HOLDING_KEYS = {
    "holder",
    "group",
    "shares",
    "class",
    "allocate",
    "exclude",
    "description",
} | PROV_KEYS
ORGAN_KEYS = {
    "id",
    "name",
    "kind",
    "part_of",
    "shareholders",
    "seats",
    "decisions",
    "for_each",
    "fylke",
    "description",
    "omit",
} | PROV_KEYS
SEAT_KEYS = {
    "id",
    "holder",
    "count",
    "votes",
    "chair",
    "members_of",
    "for_each",
    "description",
} | PROV_KEYS
DECISION_KEYS = {"id", "name", "rule", "strategic", "cites", "description", "omit"} | PROV_KEYS
CITE_KEYS = {"source", "rule", "text"}
RELATION_KEYS = {
    "id",
    "type",
    "from",
    "to",
    "decision",
    "to_decision",
    "seats",
    "strength",
    "revocable",
    "basis",
    "scope",
    "link",
    "term",
    "recall",
    "instruction",
    "for_each",
    "description",
    "omit",
} | PROV_KEYS
DOCUMENT_KEYS = {"id", "name", "kind", "adopted_by", "clauses", "description"} | PROV_KEYS
ACTIVITY_KEYS = {"measure", "years", "description"} | PROV_KEYS
YEAR_KEYS = {"year", "total", "with_controlling"} | PROV_KEYS
ATTEND_KEYS = {"organ", "absent", "present", "group", "fraction", "order"} | PROV_KEYS


def _name(value: Any) -> M.Text:
    """A Text from trusted law data: a plain string or an {nb, en} map."""
    if isinstance(value, dict):
        nb = str(value.get("nb") or value.get("en") or "")
        return M.Text(nb, str(value.get("en") or nb))
    return M.Text("" if value is None else str(value))


MAX_NAME = 300  # characters in a name (a name is one line in tables, diagrams and terminals)
MAX_TEXT = 20_000  # characters in a description, assumption or note


def read_text_value(
    val: Any, loc: Loc, what: str, problems: list[Problem], *, single_line: bool = False
) -> M.Text | None:
    """A :class:`~govmodel.model.Text` from a YAML value: a plain string (the same text in
    both languages) or ``{nb: ..., en: ...}`` (both keys, both text, no other key). Names are
    one line of at most :data:`MAX_NAME` characters; other texts at most :data:`MAX_TEXT`.
    Control characters were refused when the YAML was read. None (and a problem) if invalid."""
    limit = MAX_NAME if single_line else MAX_TEXT
    if isinstance(val, dict):
        bad = False
        for k in val:
            if k not in M.LANGUAGES:
                problems.append(
                    Problem(
                        val.key_at(k) if isinstance(val, YMap) else loc,
                        f"{what}: unknown language {str(k)!r}{did_you_mean(str(k), M.LANGUAGES)}; "
                        "a text in two languages is {nb: ..., en: ...}",
                    )
                )
                bad = True
        for lang in M.LANGUAGES:
            if lang not in val:
                problems.append(
                    Problem(loc, f"{what} has no {lang!r} text; write {{nb: ..., en: ...}}")
                )
                bad = True
            elif not isinstance(val[lang], str):
                problems.append(
                    Problem(
                        val.at(lang) if isinstance(val, YMap) else loc,
                        f"{what} ({lang}) must be text; got {_kind(val[lang])}",
                    )
                )
                bad = True
        if bad:
            return None
        parts = (val["nb"], val["en"])
        locs = tuple(val.at(lang) if isinstance(val, YMap) else loc for lang in M.LANGUAGES)
    elif isinstance(val, str):
        parts = (val, val)
        locs = (loc, loc)
    else:
        problems.append(
            Problem(loc, f"{what} must be text or {{nb: ..., en: ...}}; got {_kind(val)}")
        )
        return None
    ok = True
    for part, ploc in zip(parts, locs, strict=True):
        if len(part) > limit:
            problems.append(
                Problem(ploc, f"{what} is {len(part):,} characters long; at most {limit:,} allowed")
            )
            ok = False
        elif single_line and ("\n" in part or "\t" in part):
            problems.append(Problem(ploc, f"{what} must be one line (no line breaks or tabs)"))
            ok = False
    return M.Text(parts[0], parts[1]) if ok else None


def _substitute(node: Any, subs: dict[str, str]) -> Any:
    """Deep copy of a YAML tree with ``{nr}``/``{name}`` replaced in every string."""
    if isinstance(node, str):
        out = node
        for k, v in subs.items():
            out = out.replace("{" + k + "}", v)
        return out
    if isinstance(node, YMap):
        new = YMap(node.loc)
        for k, v in node.items():
            new[k] = _substitute(v, subs)
        new.key_loc = dict(node.key_loc)
        new.val_loc = dict(node.val_loc)
        new.raw = {
            k: (_substitute(v, subs) if isinstance(v, str) else v) for k, v in node.raw.items()
        }
        return new
    if isinstance(node, YList):
        lst = YList(node.loc)
        lst.extend(_substitute(v, subs) for v in node)
        lst.item_loc = list(node.item_loc)
        lst.raw = list(node.raw)
        return lst
    return copy.copy(node)


class Builder:
    """One load of one model file. Collects problems; :meth:`build` raises if there are any."""

    def __init__(
        self,
        tree: Any,
        name: str,
        law: Any,
        base_dir: Path | None,
        population: Population | None = None,
    ) -> None:
        self.tree = tree
        self.name = name
        self.law = law
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.population = population
        self.rules = RuleParser(self.problems, law_rules=dict(law.rules))
        # the YAML node of each relation, decision ("organ.decision"), document and the company,
        # so that validate.py can point at the offending field rather than the entry
        self.nodes: dict[tuple[str, str], YMap] = {}
        self.omitted: set[str] = set()  # ids of template entries the model omits

    # -- helpers -------------------------------------------------------------------------------

    def err(self, loc: Loc, msg: str) -> None:
        self.problems.append(Problem(loc, msg))

    def warn(self, loc: Loc, msg: str) -> None:
        self.warnings.append(Problem(loc, msg, "warning"))

    def prov(
        self, node: YMap, what: str, required: bool = True, inherited: M.Provenance | None = None
    ) -> M.Provenance:
        src = node.get("source")
        ass = node.get("assumption")
        doc = node.get("document")
        for key, val in (("source", src), ("document", doc)):
            if val is not None and not isinstance(val, str):
                self.err(node.at(key), f"{key} must be text; got {_kind(val)}")
        if ass is not None:
            ass = read_text_value(ass, node.at("assumption"), "assumption", self.problems)
        if doc is not None and isinstance(doc, str):
            self.doc_refs.append((doc, node.at("document")))
        if required and not src and not ass and inherited is None:
            self.err(
                node.loc,
                f"{what} has no provenance; add 'source:' (e.g. \"002 §5.4.4\" or \"aksjeloven § 5-17\") or 'assumption:' with the reason",
            )
        if inherited is not None and not src and not ass:
            return M.Provenance(
                inherited.source,
                inherited.assumption,
                doc if isinstance(doc, str) else inherited.document,
                node.loc,
            )
        return M.Provenance(
            src if isinstance(src, str) else None,
            ass,
            doc if isinstance(doc, str) else None,
            node.loc,
        )

    def mapping(self, node: Any, loc: Loc, what: str) -> YMap | None:
        if not isinstance(node, YMap):
            self.err(loc, f"{what} must be a mapping (key: value lines); got {_kind(node)}")
            return None
        return node

    def seq(self, node: Any, loc: Loc, what: str) -> YList:
        if node is None:
            return YList(loc)
        if not isinstance(node, YList):
            self.err(loc, f"{what} must be a list (lines starting with '- '); got {_kind(node)}")
            return YList(loc)
        return node

    def ident(self, node: YMap, what: str, key: str = "id") -> str | None:
        if key not in node:
            self.err(node.loc, f"{what} has no '{key}:'")
            return None
        val = node[key]
        if not isinstance(val, str) or not ID_RE.match(val):
            self.err(
                node.at(key),
                f"{what} id {val!r} is not valid; expected lower-case letters, digits and '_', starting with a letter (e.g. 'generalforsamling', 'k0301')",
            )
            return None
        return val

    def text(self, node: YMap, key: str, what: str, default: str = "") -> M.Text:
        """The text at ``key`` (a name is one line); ``default`` if absent or invalid."""
        val = node.get(key)
        if val is None:
            return M.Text(default)
        out = read_text_value(
            val, node.at(key), f"{what} {key}", self.problems, single_line=key == "name"
        )
        return M.Text(default) if out is None else out

    def choice(
        self, node: YMap, key: str, options: Iterable[str], what: str, default: str | None = None
    ) -> str | None:
        opts = tuple(options)
        if key not in node:
            if default is None:
                self.err(node.loc, f"{what} has no '{key}:'; {expected_one_of(opts)}")
            return default
        val = node[key]
        if val not in opts:
            self.err(
                node.at(key),
                f"{what} {key} {val!r} is not known{did_you_mean(str(val), opts)}; {expected_one_of(opts)}",
            )
            return default
        return str(val)

    def boolean(self, node: YMap, key: str, what: str, default: bool = False) -> bool:
        val = node.get(key, default)
        if not isinstance(val, bool):
            self.err(node.at(key), f"{what} {key} must be true or false; got {_kind(val)}")
            return default
        return val

    def integer(
        self, node: YMap, key: str, what: str, default: int | None = None, minimum: int = 0
    ) -> int | None:
        if key not in node:
            if default is None:
                self.err(node.loc, f"{what} has no '{key}:' (a whole number)")
            return default
        val = node[key]
        if isinstance(val, bool) or not isinstance(val, int):
            self.err(node.at(key), f"{what} {key} must be a whole number; got {_kind(val)}")
            return default
        if val < minimum:
            self.err(node.at(key), f"{what} {key} must be at least {minimum}; got {val}")
            return default
        return val

    def expand(self, items: YList, what: str) -> list[tuple[YMap, dict[str, str]]]:
        """Entries with ``for_each: fylke|fylkeskommune`` become one entry per fylke (``{nr}``,
        ``{name}``); ``for_each: kommune`` one entry per kommune (``{nr}`` kommunenummer,
        ``{name}``, ``{fylke}`` its fylkesnummer)."""
        out: list[tuple[YMap, dict[str, str]]] = []
        for i, item in enumerate(items):
            node = self.mapping(item, items.at(i), what)
            if node is None:
                continue
            fe = node.get("for_each")
            if fe is None:
                out.append((node, {}))
                continue
            if fe not in FOR_EACH:
                self.err(
                    node.at("for_each"),
                    f"for_each {fe!r} is not known; {expected_one_of(FOR_EACH)}",
                )
                continue
            if fe == "kommune":
                for k in self.pop.kommuner:
                    subs = {"nr": k.nr, "name": k.name, "fylke": k.fylke_nr}
                    out.append((_substitute(node, subs), subs))
                continue
            for f in self.pop.fylker:
                if fe == "fylkeskommune" and not f.has_fylkeskommune:
                    continue
                subs = {"nr": f.nr, "name": f.name}
                out.append((_substitute(node, subs), subs))
        return out

    # -- build ---------------------------------------------------------------------------------

    def build(self) -> M.Model:
        self.doc_refs: list[tuple[str, Loc]] = []
        tree = self.tree
        if tree is None:
            raise ModelError(
                [
                    Problem(
                        Loc(self.name, 1, 1),
                        "file is empty; expected a govmodel model (see docs/model-format.md)",
                    )
                ]
            )
        if not isinstance(tree, YMap):
            raise ModelError(
                [
                    Problem(
                        getattr(tree, "loc", Loc(self.name, 1, 1)),
                        f"a model file must be a mapping at the top; got {_kind(tree)}",
                    )
                ]
            )
        _unknown_keys(tree, TOP_KEYS, self.problems, "the model")
        version = tree.get("govmodel")
        if version != FORMAT_VERSION or isinstance(version, bool):  # true == 1
            self.err(
                tree.at("govmodel") if "govmodel" in tree else tree.loc,
                f"'govmodel: {FORMAT_VERSION}' (the format version) is required at the top; got {version!r}",
            )
        mid = self.ident(tree, "the model") or "model"
        mname = self.text(tree, "name", "the model", mid)
        mprov = self.prov(tree, "the model")

        pop_spec = tree.get("population", BUILTIN_KOMMUNER)
        if self.population is None or pop_spec != BUILTIN_KOMMUNER:
            try:
                self.pop = load_population(str(pop_spec), self.base_dir)
            except DataFileError as exc:
                raise ModelError(
                    [Problem(tree.at("population") if "population" in tree else tree.loc, str(exc))]
                ) from None
        else:
            self.pop = self.population

        company_node = self.mapping(
            tree.get("company"), tree.at("company") if "company" in tree else tree.loc, "company"
        )
        form_code = "AS"
        template: YMap | None = None
        if company_node is not None:
            form_code = str(company_node.get("form", "AS"))
            template = self.law.forms.get(form_code)
            if template is None:
                self.err(
                    company_node.at("form"),
                    f"company form {form_code!r} is not known{did_you_mean(form_code, self.law.forms)}; {expected_one_of(self.law.forms)}",
                )
        form = self._form(form_code, template)

        actors, groups = self._actors_and_groups(tree)
        self.actors = actors
        self.groups = groups
        company = self._company(company_node, form)
        organs = self._organs(tree, template)
        relations = self._relations(tree, template, organs, company)
        documents = self._documents(tree)
        activity = self._activity(tree)
        attendance = self._attendance(tree, organs, company)

        model = M.Model(
            id=mid,
            name=mname,
            description=self.text(tree, "description", "the model"),
            path=self.name,
            provenance=mprov,
            form=form,
            company=company,
            actors=actors,
            groups=groups,
            organs=organs,
            relations=tuple(relations),
            documents=documents,
            activity=tuple(activity),
            attendance=attendance,
            population_source=self.pop.source,
            variant_of=tree.get("variant_of") if isinstance(tree.get("variant_of"), str) else None,
        )
        from govmodel.validate import validate_model

        validate_model(model, self)
        if self.problems:
            raise ModelError(self.problems)
        return M.Model(**{**model.__dict__, "warnings": tuple(self.warnings)})

    def _actor_reading(self, node: YMap, aid: str) -> str | None:
        """The legal reading an actor's status follows (``reading:``), checked against the
        readings of the law data; ``contracting_authority`` may then not be given as well."""
        if "reading" not in node:
            return None
        from govmodel.law.readings import load_readings

        rid = node["reading"]
        catalogue = load_readings()
        if not isinstance(rid, str) or rid not in catalogue:
            self.err(
                node.at("reading"),
                f"reading of {aid} must be a known reading{did_you_mean(str(rid), catalogue)}; "
                f"readings: {', '.join(catalogue)}",
            )
            return None
        if not all("contracting_authority" in a.effects for a in catalogue[rid].alternatives):
            self.err(node.at("reading"), f"reading {rid} does not set a contracting authority")
            return None
        if "contracting_authority" in node:
            self.err(
                node.key_at("contracting_authority"),
                f"actor {aid} takes its status from reading {rid}; "
                "give either contracting_authority or reading, not both",
            )
        return rid

    def _form(self, code: str, tpl: YMap | None) -> M.FormInfo:
        if tpl is None:
            return M.FormInfo(code, code, "", True, None, False, M.Provenance())
        kinds = tpl.get("owner_kinds", "any")
        owner_kinds = None if kinds == "any" else tuple(str(k) for k in (kinds or []))
        return M.FormInfo(
            form=code,
            name=_name(tpl.get("name")) or code,
            statute=str(tpl.get("statute", "")),
            has_shares=bool(tpl.get("has_shares", True)),
            owner_kinds=owner_kinds,
            one_member_one_vote=bool(tpl.get("one_member_one_vote", False)),
            provenance=M.Provenance(source=str(tpl.get("source", "")) or None, loc=tpl.loc),
            notes=_name(tpl.get("notes")),
        )

    # -- actors and groups ----------------------------------------------------------------------

    def _actors_and_groups(self, tree: YMap) -> tuple[dict[str, M.Actor], dict[str, M.Group]]:
        actors: dict[str, M.Actor] = {}
        groups: dict[str, M.Group] = {}
        self.actor_loc: dict[str, Loc] = {}
        for node, subs in self.expand(
            self.seq(tree.get("actors"), tree.at("actors"), "actors"), "an actor"
        ):
            _unknown_keys(node, ACTOR_KEYS, self.problems, "an actor")
            aid = self.ident(node, "an actor")
            if aid is None:
                continue
            if aid in actors:
                self.err(
                    node.at("id"),
                    f"duplicate actor id {aid!r} (first at line {self.actor_loc[aid].line})",
                )
                continue
            kind = self.choice(node, "kind", M.ACTOR_KINDS, f"actor {aid}") or "person"
            ca = node.get("contracting_authority", False)
            if not _is_contracting(ca):
                self.err(
                    node.at("contracting_authority"),
                    f"contracting_authority of {aid} must be true, false or uncertain; got {ca!r}",
                )
                ca = "uncertain"
            reading = self._actor_reading(node, aid)
            if reading is not None:
                from govmodel.law.readings import actor_status

                ca = actor_status(reading, None)  # the default; --reading switches it
            fylke = (
                subs.get("fylke")
                or subs.get("nr")
                or (str(node["fylke"]) if "fylke" in node else None)
            )
            actors[aid] = M.Actor(
                aid,
                self.text(node, "name", f"actor {aid}", aid),
                kind,
                ca,
                self.prov(node, f"actor {aid}"),
                fylke=fylke,
                reading=reading,
            )
            self.actor_loc[aid] = node.at("id")

        raw_groups = self.expand(
            self.seq(tree.get("groups"), tree.at("groups"), "groups"), "a group"
        )
        # generated groups first (they create actors), then listed/selected groups
        pending: list[tuple[YMap, str]] = []
        for node, _subs in raw_groups:
            _unknown_keys(node, GROUP_KEYS, self.problems, "a group")
            gid = self.ident(node, "a group")
            if gid is None:
                continue
            if gid in groups or any(gid == p[1] for p in pending):
                self.err(node.at("id"), f"duplicate group id {gid!r}")
                continue
            if gid in actors:
                self.err(node.at("id"), f"group id {gid!r} is also an actor id; ids must be unique")
                continue
            gen = node.get("generate")
            if gen is None:
                pending.append((node, gid))
                continue
            if gen not in ("kommuner", "fylkeskommuner"):
                self.err(
                    node.at("generate"),
                    f"generate {gen!r} is not known; expected one of: kommuner, fylkeskommuner",
                )
                continue
            ca = node.get("contracting_authority", True)
            if not _is_contracting(ca):
                self.err(
                    node.at("contracting_authority"),
                    "contracting_authority must be true, false or uncertain",
                )
                ca = True
            prov = self.prov(node, f"group {gid}")
            members = []
            if gen == "kommuner":
                for k in self.pop.kommuner:
                    aid = f"k{k.nr}"
                    members.append(aid)
                    actors[aid] = M.Actor(
                        aid,
                        k.name,
                        "kommune",
                        ca,
                        prov,
                        fylke=k.fylke_nr,
                        population=k.population,
                        groups=(gid,),
                    )
            else:
                for f in self.pop.fylker:
                    if not f.has_fylkeskommune:
                        continue
                    aid = f"fk{f.nr}"
                    members.append(aid)
                    actors[aid] = M.Actor(
                        aid,
                        f"{f.name} fylkeskommune",
                        "fylkeskommune",
                        ca,
                        prov,
                        fylke=f.nr,
                        population=f.population,
                        groups=(gid,),
                    )
            for aid in members:
                if aid in self.actor_loc:
                    self.err(
                        node.at("generate"),
                        f"generated actor {aid} clashes with an actor declared at line {self.actor_loc[aid].line}",
                    )
                self.actor_loc[aid] = node.at("generate")
            groups[gid] = M.Group(
                gid,
                self.text(node, "name", f"group {gid}", gid),
                tuple(members),
                prov,
                generate=str(gen),
            )

        def resolve_member(mid: str, loc: Loc, seen: tuple[str, ...]) -> list[str]:
            if mid in actors:
                return [mid]
            if mid in groups:
                return list(groups[mid].members)
            for node, gid in pending:
                if gid == mid:
                    if gid in seen:
                        self.err(loc, f"group {gid} contains itself through {' -> '.join(seen)}")
                        return []
                    build_group(node, gid, seen + (gid,))
                    return list(groups[gid].members) if gid in groups else []
            options = list(actors) + list(groups) + [g for _, g in pending]
            self.err(loc, f"unknown actor or group {mid!r}{did_you_mean(mid, options)}")
            return []

        def build_group(node: YMap, gid: str, seen: tuple[str, ...]) -> None:
            if gid in groups:
                return
            members: list[str] = []
            if "members" in node:
                lst = self.seq(node["members"], node.at("members"), f"members of group {gid}")
                for i, m in enumerate(lst):
                    if not isinstance(m, str):
                        self.err(
                            lst.at(i),
                            f"a member of group {gid} must be an actor or group id; got {_kind(m)}",
                        )
                        continue
                    names = (
                        [m.replace("{nr}", f.nr) for f in self.pop.fylker] if "{nr}" in m else [m]
                    )
                    for n in names:
                        members.extend(resolve_member(n, lst.at(i), seen))
            if "select" in node:
                sel = self.mapping(node["select"], node.at("select"), f"select of group {gid}")
                if sel is not None:
                    _unknown_keys(sel, {"from", "fylke"}, self.problems, f"select of group {gid}")
                    base = resolve_member(str(sel.get("from", "")), sel.at("from"), seen)
                    fy = sel.get("fylke")
                    members.extend(a for a in base if fy is None or actors[a].fylke == str(fy))
            if "members" not in node and "select" not in node:
                self.err(node.loc, f"group {gid} needs 'generate:', 'members:' or 'select:'")
            uniq = list(dict.fromkeys(members))
            groups[gid] = M.Group(
                gid,
                self.text(node, "name", f"group {gid}", gid),
                tuple(uniq),
                self.prov(node, f"group {gid}"),
            )

        for node, gid in pending:
            build_group(node, gid, (gid,))
        # record group membership on actors
        member_of: dict[str, list[str]] = {}
        for g in groups.values():
            for a in g.members:
                member_of.setdefault(a, []).append(g.id)
        for aid, gs in member_of.items():
            a = actors[aid]
            actors[aid] = M.Actor(**{**a.__dict__, "groups": tuple(dict.fromkeys(gs))})
        return actors, groups

    # -- company ------------------------------------------------------------------------------

    def _company(self, node: YMap | None, form: M.FormInfo) -> M.Company:
        if node is None:
            return M.Company("company", "company", form.form, 0, (), (), (), M.Provenance())
        _unknown_keys(node, COMPANY_KEYS, self.problems, "company")
        self.nodes[("company", "")] = node
        cid = self.ident(node, "company") or "company"
        prov = self.prov(node, "company")
        capital = (
            self.integer(
                node,
                "share_capital",
                "company",
                default=0 if not form.has_shares else None,
                minimum=0,
            )
            or 0
        )
        classes: list[M.ShareClass] = []
        cls_nodes = self.seq(node.get("share_classes"), node.at("share_classes"), "share_classes")
        if not cls_nodes:
            classes.append(
                M.ShareClass(
                    "ordinary",
                    "Ordinære aksjer",
                    Fraction(1),
                    M.Provenance(source="aksjeloven § 5-3 (1)"),
                )
            )
        for i, cn in enumerate(cls_nodes):
            c = self.mapping(cn, cls_nodes.at(i), "a share class")
            if c is None:
                continue
            _unknown_keys(c, CLASS_KEYS, self.problems, "a share class")
            cid2 = self.ident(c, "a share class")
            if cid2 is None:
                continue
            if any(x.id == cid2 for x in classes):
                self.err(c.at("id"), f"duplicate share class {cid2!r}")
                continue
            vps = Fraction(1)
            if "votes_per_share" in c:
                v = c["votes_per_share"]
                try:
                    vps = Fraction(str(c.raw.get("votes_per_share", v)).strip("'\""))
                    if vps < 0:
                        raise ValueError
                except (ValueError, ZeroDivisionError):
                    self.err(
                        c.at("votes_per_share"),
                        f'votes_per_share must be a number ≥ 0 such as 1, 0 or "1/10"; got {v!r}',
                    )
            classes.append(
                M.ShareClass(
                    cid2,
                    self.text(c, "name", "share class", cid2),
                    vps,
                    self.prov(c, f"share class {cid2}", required=False),
                )
            )
        class_ids = [c.id for c in classes]
        blocks: list[M.HoldingBlock] = []
        holdings: list[M.Holding] = []
        hnodes = self.seq(node.get("holdings"), node.at("holdings"), "holdings")
        for i, hn in enumerate(hnodes):
            h = self.mapping(hn, hnodes.at(i), "a holding")
            if h is None:
                continue
            _unknown_keys(h, HOLDING_KEYS, self.problems, "a holding")
            hprov = self.prov(h, "a holding")
            shares = self.integer(h, "shares", "a holding", minimum=0)
            cls = str(h.get("class", class_ids[0] if class_ids else "ordinary"))
            if cls not in class_ids:
                self.err(
                    h.at("class"),
                    f"unknown share class {cls!r}{did_you_mean(cls, class_ids)}; {expected_one_of(class_ids)}",
                )
            if ("holder" in h) == ("group" in h):
                self.err(
                    h.loc,
                    "a holding needs exactly one of 'holder:' (an actor) or 'group:' (a group with 'allocate:')",
                )
                continue
            if shares is None:
                continue
            if "holder" in h:
                who = str(h["holder"])
                if who not in self.actors:
                    hint = (
                        " (a group: write 'group:' with 'allocate:')"
                        if who in self.groups
                        else did_you_mean(who, self.actors)
                    )
                    self.err(h.at("holder"), f"unknown holder {who!r}{hint}")
                    continue
                if "allocate" in h:
                    self.err(h.at("allocate"), "'allocate:' applies to a group holding only")
                blocks.append(M.HoldingBlock(who, False, shares, cls, None, hprov))
                holdings.append(M.Holding(who, cls, shares, hprov))
                continue
            gid = str(h["group"])
            if gid not in self.groups:
                self.err(h.at("group"), f"unknown group {gid!r}{did_you_mean(gid, self.groups)}")
                continue
            rule = self.choice(h, "allocate", M.ALLOCATION_RULES, f"holding of group {gid}")
            if rule is None:
                continue
            members = self.groups[gid].members
            if "exclude" in h:
                excl = self.seq(h["exclude"], h.at("exclude"), "exclude")
                allocated = {
                    m
                    for h2 in hnodes
                    if isinstance(h2, YMap) and str(h2.get("group")) in self.groups
                    for m in self.groups[str(h2["group"])].members
                }
                for j, x in enumerate(excl):
                    if str(x) not in members and str(x) not in allocated:
                        self.err(
                            excl.at(j),
                            f"{x!r} is not a member of group {gid}{did_you_mean(str(x), members)}",
                        )
                members = tuple(m for m in members if m not in {str(x) for x in excl})
            basis = self._allocation_basis(members, rule, h)
            if basis is None:
                continue
            counts = largest_remainder(shares, basis)
            blocks.append(M.HoldingBlock(gid, True, shares, cls, rule, hprov))
            for aid in members:
                holdings.append(M.Holding(aid, cls, counts[aid], hprov, block=gid))
                if counts[aid] == 0:
                    self.warn(
                        h.loc,
                        f"{aid} ({self.actors[aid].name}) gets 0 shares from the {rule} allocation of {shares} shares; it is not an owner",
                    )
        # a holding refused above is already reported; a sum check would only repeat it
        self.holdings_complete = len(blocks) == len(hnodes)
        return M.Company(
            cid,
            self.text(node, "name", "company", cid),
            form.form,
            capital,
            tuple(classes),
            tuple(blocks),
            tuple(holdings),
            prov,
        )

    def _allocation_basis(
        self, members: tuple[str, ...], rule: str, node: YMap
    ) -> dict[str, int] | None:
        if not members:
            self.err(node.at("group"), "cannot allocate shares over an empty group")
            return None
        if rule == "equal":
            return {a: 1 for a in members}
        basis: dict[str, int] = {}
        for aid in members:
            a = self.actors[aid]
            if a.population is None:
                self.err(
                    node.at("allocate"),
                    f"{rule} allocation needs population data, and {aid} has none; use 'equal' or a group of kommuner/fylkeskommuner",
                )
                return None
            # DigiFin: kommuner paid NOK 20 and fylkeskommuner NOK 5 per inhabitant (seed 001)
            rate = {"kommune": 20, "fylkeskommune": 5}.get(a.kind, 0) if rule == "digifin" else 1
            if rule == "digifin" and rate == 0:
                self.err(
                    node.at("allocate"),
                    f"digifin allocation applies to kommuner and fylkeskommuner; {aid} is a {a.kind}",
                )
                return None
            basis[aid] = a.population * rate
        if not any(basis.values()):
            self.err(
                node.at("allocate"),
                f"{rule} allocation over a group whose population is 0 in total; use 'equal'",
            )
            return None
        return basis

    # -- organs -------------------------------------------------------------------------------

    def _merged_entries(
        self, model_list: YList, tpl_list: YList | None, what: str
    ) -> list[tuple[YMap, dict[str, str], bool]]:
        """Template entries overlaid by model entries with the same id; ``omit: true`` drops one."""
        tpl_entries = {str(e.get("id")): e for e in (tpl_list or []) if isinstance(e, YMap)}
        out: list[tuple[YMap, dict[str, str], bool]] = []
        model_entries = self.expand(model_list, what)
        model_ids: dict[str, YMap] = {}
        for n, _ in model_entries:
            nid = str(n.get("id"))
            if nid in tpl_entries and nid in model_ids:
                self.err(
                    n.at("id"),
                    f"duplicate {what} id {nid!r} (first at line {model_ids[nid].at('id').line})",
                )
                continue
            model_ids.setdefault(nid, n)
        for tid, t in tpl_entries.items():
            m = model_ids.get(tid)
            if m is None:
                out.append((t, {}, True))
            elif m.get("omit") is True:
                self.omitted.add(tid)
                continue
            else:
                out.append((_overlay(t, m), {}, False))
        for n, subs in model_entries:
            if str(n.get("id")) in tpl_entries:
                continue
            if n.get("omit") is True:
                known = list(tpl_entries) + [
                    str(e.get("id")) for e, _ in model_entries if e.get("omit") is not True
                ]
                self.err(
                    n.at("omit"),
                    f"no {what} {n.get('id')!r} to omit or remove: it is in neither the model nor the "
                    f"{what} template{did_you_mean(str(n.get('id')), known)}",
                )
                continue
            out.append((n, subs, False))
        return out

    def _organs(self, tree: YMap, template: YMap | None) -> dict[str, M.Organ]:
        organs: dict[str, M.Organ] = {}
        self.organ_loc: dict[str, Loc] = {}
        entries = self._merged_entries(
            self.seq(tree.get("organs"), tree.at("organs"), "organs"),
            template.get("organs") if template else None,
            "organ",
        )
        for node, subs, _from_tpl in entries:
            _unknown_keys(node, ORGAN_KEYS, self.problems, "an organ")
            oid = self.ident(node, "an organ")
            if oid is None:
                continue
            if oid in organs:
                self.err(
                    node.at("id"),
                    f"duplicate organ id {oid!r} (first at line {self.organ_loc[oid].line})",
                )
                continue
            if oid in self.actors or oid in self.groups:
                self.err(
                    node.at("id"),
                    f"organ id {oid!r} is also an actor or group id; ids must be unique",
                )
                continue
            self.organ_loc[oid] = node.at("id")
            kind = self.choice(node, "kind", M.ORGAN_KINDS, f"organ {oid}") or "advisory_body"
            part_of = (
                self.choice(node, "part_of", M.PART_OF, f"organ {oid}", default="company")
                or "company"
            )
            prov = self.prov(node, f"organ {oid}")
            shareholders = self.boolean(node, "shareholders", f"organ {oid}")
            seats = self._seats(node, oid, shareholders)
            decisions = self._decisions(node, oid, prov)
            organs[oid] = M.Organ(
                id=oid,
                name=self.text(node, "name", f"organ {oid}", oid),
                kind=kind,
                part_of=part_of,
                provenance=prov,
                shareholders=shareholders,
                seats=tuple(seats),
                decisions=tuple(decisions),
                description=self.text(node, "description", f"organ {oid}"),
                fylke=subs.get("fylke")
                or subs.get("nr")
                or (str(node["fylke"]) if "fylke" in node else None),
            )
        return organs

    def _seats(self, node: YMap, oid: str, shareholders: bool) -> list[M.Seat]:
        seats: list[M.Seat] = []
        raw = self.seq(node.get("seats"), node.at("seats"), f"seats of {oid}")
        if shareholders and raw:
            self.err(
                node.at("seats"),
                f"organ {oid} has 'shareholders: true'; its players are the holders, so it takes no 'seats:'",
            )
            return seats
        expanded = self.expand(raw, f"a seat of {oid}")
        # per-fylke seat counts given as {total, by} are apportioned across the expansion
        share_counts: dict[int, dict[str, int]] = {}
        for node2, subs in expanded:
            cnt = node2.get("count")
            if isinstance(cnt, YMap) and subs:
                key = id(node2.loc)
                if node2.get("for_each") == "kommune":
                    if key not in share_counts:
                        self.err(
                            node2.at("count"),
                            "a count of {total, by} is apportioned per fylke; use 'for_each: fylke' (or a whole number with 'for_each: kommune')",
                        )
                    share_counts[key] = {}
                    continue
                if key not in share_counts:
                    total = cnt.get("total")
                    by = cnt.get("by", "population")
                    if (
                        not isinstance(total, int)
                        or isinstance(total, bool)
                        or not 0 <= total <= MAX_SEATS
                        or by not in ("population", "equal")
                    ):
                        self.err(
                            node2.at("count"),
                            f"a per-fylke seat count must be {{total: N, by: population|equal}} with 0 ≤ N ≤ {MAX_SEATS:,}",
                        )
                        share_counts[key] = {}
                    else:
                        fylker = [
                            f
                            for f in self.pop.fylker
                            if (node2.get("for_each") != "fylkeskommune" or f.has_fylkeskommune)
                        ]
                        weights = {
                            f.nr: (f.population if by == "population" else 1) for f in fylker
                        }
                        if not any(weights.values()):
                            weights = {nr: 1 for nr in weights}
                        share_counts[key] = largest_remainder(total, weights)
        used: set[str] = set()
        for sn, subs in expanded:
            _unknown_keys(sn, SEAT_KEYS, self.problems, f"a seat of {oid}")
            sid = self.ident(sn, f"a seat of {oid}")
            if sid is None:
                continue
            if sid in used:
                self.err(sn.at("id"), f"duplicate seat id {sid!r} in organ {oid}")
                continue
            used.add(sid)
            prov = self.prov(sn, f"seat {oid}.{sid}")
            votes = self.integer(sn, "votes", f"seat {oid}.{sid}", default=1, minimum=0) or 0
            chair = self.boolean(sn, "chair", f"seat {oid}.{sid}")
            if "members_of" in sn:
                gid = str(sn["members_of"])
                if gid not in self.groups:
                    self.err(
                        sn.at("members_of"),
                        f"unknown group {gid!r}{did_you_mean(gid, self.groups)}",
                    )
                    continue
                for aid in self.groups[gid].members:
                    seats.append(M.Seat(f"{oid}.{aid}", oid, sid, aid, votes, False, prov))
                continue
            cnt_raw = sn.get("count", 1)
            if isinstance(cnt_raw, YMap):
                count = share_counts.get(id(sn.loc), {}).get(subs.get("nr", ""), 0)
                if not subs:
                    self.err(sn.at("count"), "a count of {total, by} needs 'for_each:' on the seat")
            else:
                count = self.integer(sn, "count", f"seat {oid}.{sid}", default=1, minimum=0) or 0
                if count > MAX_SEATS:
                    self.err(
                        sn.at("count"),
                        f"seat {oid}.{sid} count {count:,} is more than {MAX_SEATS:,}; is it a typo?",
                    )
                    continue
            holder = sn.get("holder")
            if holder is not None:
                holder = str(holder)
                if holder not in self.actors:
                    self.err(
                        sn.at("holder"),
                        f"unknown seat holder {holder!r}{did_you_mean(holder, self.actors)}; a holder is an actor id",
                    )
                    continue
                if count != 1:
                    self.err(
                        sn.at("count"),
                        "a seat with a fixed holder has count 1; list more seats for more holders",
                    )
                    continue
                seats.append(M.Seat(f"{oid}.{sid}", oid, sid, holder, votes, chair, prov))
                continue
            if count == 1:
                seats.append(M.Seat(f"{oid}.{sid}", oid, sid, None, votes, chair, prov))
            else:
                for n in range(1, count + 1):
                    seats.append(
                        M.Seat(f"{oid}.{sid}#{n}", oid, sid, None, votes, chair and n == 1, prov)
                    )
        return seats

    def _decisions(self, node: YMap, oid: str, organ_prov: M.Provenance) -> list[M.Decision]:
        out: list[M.Decision] = []
        raw = self.seq(node.get("decisions"), node.at("decisions"), f"decisions of {oid}")
        seen: set[str] = set()
        for i, dn in enumerate(raw):
            d = self.mapping(dn, raw.at(i), f"a decision of {oid}")
            if d is None:
                continue
            if d.get("omit") is True:
                continue
            _unknown_keys(d, DECISION_KEYS, self.problems, f"a decision of {oid}")
            did = self.ident(d, f"a decision of {oid}")
            if did is None:
                continue
            if did in seen:
                self.err(d.at("id"), f"duplicate decision id {did!r} in organ {oid}")
                continue
            seen.add(did)
            self.nodes[("decision", f"{oid}.{did}")] = d
            before = len(self.rules.law_refs)
            if "rule" not in d:
                self.err(d.loc, f"decision {oid}.{did} has no 'rule:'")
            rule = self.rules.parse(d["rule"], d.at("rule")) if "rule" in d else None
            law_ref = (
                self.rules.law_refs[-1]
                if len(self.rules.law_refs) > before
                and isinstance(d.get("rule"), YMap)
                and "law" in d["rule"]
                else None
            )
            if rule is None:
                rule = Unanimity("all")  # placeholder: the problem is reported, no model is built
            if law_ref is not None and not d.get("source") and not d.get("assumption"):
                prov = M.Provenance(self.law.rules[law_ref].section, None, d.get("document"), d.loc)
                if d.get("document"):
                    self.doc_refs.append((str(d["document"]), d.at("document")))
            else:
                prov = self.prov(d, f"decision {oid}.{did}")
            cited: list[M.CitedRule] = []
            craw = self.seq(d.get("cites"), d.at("cites"), f"cites of {oid}.{did}")
            for j, cn in enumerate(craw):
                c = self.mapping(cn, craw.at(j), "a cited rule")
                if c is None:
                    continue
                _unknown_keys(c, CITE_KEYS, self.problems, "a cited rule")
                crule = self.rules.parse(c.get("rule"), c.at("rule")) if "rule" in c else None
                if crule is None:
                    if "rule" not in c:
                        self.err(c.loc, "a cited rule needs 'rule:' and 'source:'")
                    continue
                cited.append(
                    M.CitedRule(
                        str(c.get("source", "")),
                        crule,
                        self.text(c, "text", "a cited rule"),
                        c.loc,
                    )
                )
            out.append(
                M.Decision(
                    id=did,
                    organ=oid,
                    name=self.text(d, "name", f"decision {oid}.{did}", did),
                    rule=rule,
                    provenance=prov,
                    law=law_ref,
                    strategic=self.boolean(d, "strategic", f"decision {oid}.{did}"),
                    cited=tuple(cited),
                    description=self.text(d, "description", f"decision {oid}.{did}"),
                )
            )
        return out

    # -- relations ----------------------------------------------------------------------------

    def _relations(
        self, tree: YMap, template: YMap | None, organs: dict[str, M.Organ], company: M.Company
    ) -> list[M.Relation]:
        out: list[M.Relation] = []
        ids: dict[str, Loc] = {}
        entries = self._merged_entries(
            self.seq(tree.get("relations"), tree.at("relations"), "relations"),
            template.get("relations") if template else None,
            "relation",
        )
        auto = 0
        for node, _subs, from_tpl in entries:
            if from_tpl and {str(node.get("from")), str(node.get("to"))} & self.omitted:
                # a template relation of a template organ the model omits goes with the organ
                # (it used to be reported as an unknown id in the package's template file)
                continue
            _unknown_keys(node, RELATION_KEYS, self.problems, "a relation")
            rtype = self.choice(node, "type", M.RELATION_TYPES, "a relation")
            if rtype is None:
                continue
            if "id" in node:
                rid = self.ident(node, "a relation")
                if rid is None:
                    continue
            else:
                auto += 1
                rid = f"{rtype}_{node.get('from')}_{node.get('to')}"
                if rid in ids:
                    rid = f"{rid}_{auto}"
            if rid in ids:
                self.err(
                    node.at("id"), f"duplicate relation id {rid!r} (first at line {ids[rid].line})"
                )
                continue
            ids[rid] = node.loc
            self.nodes[("relation", rid)] = node
            prov = self.prov(node, f"relation {rid}")
            src, dst = node.get("from"), node.get("to")
            if not isinstance(src, str) or not isinstance(dst, str):
                self.err(node.loc, f"relation {rid} needs 'from:' and 'to:' ids")
                continue
            strength = None
            if rtype == "recommends":
                strength = self.choice(
                    node, "strength", M.STRENGTHS, f"relation {rid}", default="advisory"
                )
            revocable = None
            if rtype == "proxy":
                revocable = self.boolean(node, "revocable", f"relation {rid}", default=True)
            seats: tuple[str, ...] = ()
            if "seats" in node:
                sl = self.seq(node["seats"], node.at("seats"), f"seats of relation {rid}")
                seats = tuple(str(s) for s in sl)
            recall, instruction = self._terms(node, rtype, src, organs, rid)
            link = self._link(node, rtype, strength, revocable, prov, rid, recall, instruction)
            out.append(
                M.Relation(
                    id=rid,
                    type=rtype,
                    source=src,
                    target=dst,
                    provenance=prov,
                    link=link,
                    decision=str(node["decision"]) if "decision" in node else None,
                    to_decision=str(node["to_decision"]) if "to_decision" in node else None,
                    seats=seats,
                    strength=strength,
                    revocable=revocable,
                    basis=self.text(node, "basis", f"relation {rid}") or None,
                    scope=str(node["scope"]) if "scope" in node else None,
                    description=self.text(node, "description", f"relation {rid}"),
                    term=self.text(node, "term", f"relation {rid}") or None,
                    recall=recall,
                    instruction=instruction,
                )
            )
        # ownership edges are derived from the holdings
        totals: dict[str, int] = {}
        for h in company.holdings:
            totals[h.holder] = totals.get(h.holder, 0) + h.shares
        for holder, shares in totals.items():
            if shares > 0:
                first = next(h for h in company.holdings if h.holder == holder)
                out.append(
                    M.Relation(
                        f"owns_{holder}",
                        "owns",
                        holder,
                        company.id,
                        first.provenance,
                        "firm",
                        basis=M.Text(f"{shares} aksjer", f"{shares} shares"),
                    )
                )
        return out

    def _terms(
        self, node: YMap, rtype: str, src: str, organs: dict[str, M.Organ], rid: str
    ) -> tuple[str | None, bool | None]:
        """The terms of an election or appointment: ``recall`` (``any_time``: the electors may
        remove the elected at any time; ``term``: not before the term ends) and
        ``instruction`` (may the electors instruct the elected). Not given, an organ of the
        company follows company law (aksjeloven § 6-7: whoever elected a board member may remove
        it, so ``any_time``); any other elector (an association's organs, such as KS's) is
        taken to elect for a term (``term``): periodic, not firm, unless the model shows a
        recall or instruction right."""
        if rtype not in ("elects", "appoints"):
            for key in ("recall", "instruction", "term"):
                if key in node:
                    self.err(
                        node.key_at(key),
                        f"{key} is a term of an election or appointment; relation {rid} is "
                        f"'{rtype}'",
                    )
            return None, None
        recall = (
            self.choice(node, "recall", M.RECALLS, f"relation {rid}") if "recall" in node else None
        )
        if recall is None:
            o = organs.get(src)
            recall = "any_time" if o is not None and o.part_of in ("company", "owners") else "term"
        instruction = (
            self.boolean(node, "instruction", f"relation {rid}", default=False)
            if "instruction" in node
            else False
        )
        return recall, instruction

    def _link(
        self,
        node: YMap,
        rtype: str,
        strength: str | None,
        revocable: bool | None,
        prov: M.Provenance,
        rid: str,
        recall: str | None = None,
        instruction: bool | None = None,
    ) -> str:
        """The grade of a control link, derived from its legal form and terms: an explicit
        ``link:`` (a scenario's what-if), else from the type, the terms of an election and the
        document that grants it. Strongest first: firm, contractual, periodic, revocable,
        advisory."""
        if "link" in node:
            return self.choice(node, "link", M.LINKS, f"relation {rid}") or "firm"
        if rtype in ("prepares", "advises", "secretariat_for", "reports_to", "member_of"):
            return "advisory"
        if rtype == "recommends" and strength == "advisory":
            return "advisory"
        if rtype == "proxy":
            # aksjeloven § 5-2 (2): a proxy can be revoked at any time
            return "revocable" if revocable else "contractual"
        if rtype in ("elects", "appoints") and recall == "term" and not instruction:
            return "periodic"  # elected for a term, no recall or instruction
        if prov.document and self._doc_kind(prov.document) in (
            "aksjonaeravtale",
            "eierstrategi",
            "oppdragsdokument",
            "mandat",
            "other",
        ):
            return "contractual"
        return "firm"

    def _doc_kind(self, doc_id: str) -> str | None:
        docs = self.tree.get("documents") if isinstance(self.tree, YMap) else None
        if not isinstance(docs, YList):
            return None  # 'documents: 1' is reported by _documents; iterating it crashed
        for d in docs:
            if isinstance(d, YMap) and d.get("id") == doc_id:
                return str(d.get("kind", "other"))
        return None

    # -- documents, activity, attendance --------------------------------------------------------

    def _documents(self, tree: YMap) -> dict[str, M.Document]:
        docs: dict[str, M.Document] = {}
        raw = self.seq(tree.get("documents"), tree.at("documents"), "documents")
        for i, dn in enumerate(raw):
            d = self.mapping(dn, raw.at(i), "a document")
            if d is None:
                continue
            _unknown_keys(d, DOCUMENT_KEYS, self.problems, "a document")
            did = self.ident(d, "a document")
            if did is None:
                continue
            if did in docs:
                self.err(d.at("id"), f"duplicate document id {did!r}")
                continue
            kind = (
                self.choice(d, "kind", M.DOCUMENT_KINDS, f"document {did}", default="other")
                or "other"
            )
            clauses = d.get("clauses") or YMap(d.loc)
            if not isinstance(clauses, dict):
                self.err(d.at("clauses"), "clauses must be a mapping")
                clauses = {}
            adopted = d.get("adopted_by")
            self.nodes[("document", did)] = d
            docs[did] = M.Document(
                id=did,
                name=self.text(d, "name", f"document {did}", did),
                kind=kind,
                provenance=self.prov(d, f"document {did}"),
                adopted_by=str(adopted) if adopted is not None else None,
                clauses=dict(clauses),
                description=self.text(d, "description", f"document {did}"),
            )
        self.doc_nodes = raw
        return docs

    def _activity(self, tree: YMap) -> list[M.ActivityYear]:
        if "activity" not in tree:
            return []
        node = self.mapping(tree["activity"], tree.at("activity"), "activity")
        if node is None:
            return []
        _unknown_keys(node, ACTIVITY_KEYS, self.problems, "activity")
        parent = self.prov(node, "activity")
        out: list[M.ActivityYear] = []
        years = self.seq(node.get("years"), node.at("years"), "activity years")
        for i, yn in enumerate(years):
            y = self.mapping(yn, years.at(i), "an activity year")
            if y is None:
                continue
            _unknown_keys(y, YEAR_KEYS, self.problems, "an activity year")
            year = self.integer(y, "year", "an activity year", minimum=1900)
            total = self.integer(y, "total", "an activity year", minimum=0)
            ctrl = self.integer(y, "with_controlling", "an activity year", minimum=0)
            if year is None or total is None or ctrl is None:
                continue
            if ctrl > total:
                self.err(
                    y.at("with_controlling"),
                    f"turnover with the controlling authorities ({ctrl}) exceeds the total ({total}) in {year}",
                )
            out.append(
                M.ActivityYear(
                    year, total, ctrl, self.prov(y, "an activity year", inherited=parent)
                )
            )
        return out

    def _attendance(
        self, tree: YMap, organs: dict[str, M.Organ], company: M.Company
    ) -> dict[str, frozenset[str]]:
        absent: dict[str, set[str]] = {}
        raw = self.seq(tree.get("attendance"), tree.at("attendance"), "attendance")
        for i, an in enumerate(raw):
            a = self.mapping(an, raw.at(i), "an attendance entry")
            if a is None:
                continue
            _unknown_keys(a, ATTEND_KEYS, self.problems, "an attendance entry")
            oid = str(a.get("organ", ""))
            if oid not in organs:
                self.err(
                    a.at("organ") if "organ" in a else a.loc,
                    f"unknown organ {oid!r}{did_you_mean(oid, organs)}",
                )
                continue
            organ = organs[oid]
            players = list(company.holders()) if organ.shareholders else [s.id for s in organ.seats]
            out = absent.setdefault(oid, set())
            for key in ("absent", "present"):
                if key not in a:
                    continue
                lst = self.seq(a[key], a.at(key), key)
                ids: list[str] = []
                for j, x in enumerate(lst):
                    x = str(x)
                    members = self.groups[x].members if x in self.groups else (x,)
                    for m in members:
                        if m not in players:
                            self.err(
                                lst.at(j),
                                f"{m!r} is not a player of {oid}{did_you_mean(m, players)}",
                            )
                        else:
                            ids.append(m)
                if key == "absent":
                    out.update(ids)
                else:
                    out.update(p for p in players if p not in ids)
            if "fraction" in a:
                gid = str(a.get("group", ""))
                if gid not in self.groups:
                    self.err(
                        a.at("group") if "group" in a else a.loc,
                        "a turnout fraction needs 'group:' naming a group",
                    )
                    continue
                frac = parse_fraction(
                    a["fraction"],
                    a.raw.get("fraction"),
                    a.at("fraction"),
                    self.problems,
                    "turnout fraction",
                )
                order = self.choice(
                    a,
                    "order",
                    ("largest_first", "smallest_first"),
                    "attendance",
                    default="largest_first",
                )
                if frac is None:
                    continue
                members = [m for m in self.groups[gid].members if m in players]
                members.sort(
                    key=lambda m: (company.shares_of(m) if organ.shareholders else 0, m),
                    reverse=order == "largest_first",
                )
                n_present = (frac * len(members)).__ceil__()
                out.update(members[n_present:])
        return {k: frozenset(v) for k, v in absent.items()}


def _overlay(template: YMap, model: YMap) -> YMap:
    """Model keys override template keys; decisions are merged by id."""
    out = YMap(model.loc)
    for src in (template, model):
        for k, v in src.items():
            if k == "decisions" and k in out and isinstance(v, YList) and isinstance(out[k], YList):
                merged = YList(v.loc)
                by_id = {
                    str(d.get("id")): (d, loc)
                    for d, loc in zip(v, v.item_loc, strict=False)
                    if isinstance(d, YMap) and "id" in d
                }
                # entries that cannot override (not a mapping, no id) used to be dropped
                # silently; keep them so that _decisions reports them
                invalid = [
                    (d, loc)
                    for d, loc in zip(v, v.item_loc, strict=False)
                    if not isinstance(d, YMap) or "id" not in d
                ]
                for d, loc in zip(out[k], out[k].item_loc, strict=False):
                    did = str(d.get("id")) if isinstance(d, YMap) else None
                    if did in by_id:
                        nd, nloc = by_id.pop(did)
                        merged.append(nd)
                        merged.item_loc.append(nloc)
                    else:
                        merged.append(d)
                        merged.item_loc.append(loc)
                    merged.raw.append(None)
                for nd, nloc in [*by_id.values(), *invalid]:
                    merged.append(nd)
                    merged.item_loc.append(nloc)
                    merged.raw.append(None)
                out[k] = merged
                out.val_loc[k] = v.loc
                continue
            out[k] = v
            out.key_loc[k] = src.key_at(k)
            out.val_loc[k] = src.at(k)
            if k in src.raw:
                out.raw[k] = src.raw[k]
            elif k in out.raw:
                del out.raw[k]
    return out


def load_tree(path: Path | str) -> tuple[Any, str]:
    """Read a model file into a located YAML tree."""
    path = Path(path)
    return load_yaml_file(path, str(path)), str(path)


def build_model(tree: Any, name: str, base_dir: Path | None = None, law: Any = None) -> M.Model:
    """Build a model from an already-parsed tree (used by scenarios and tests)."""
    from govmodel.law import builtin_law

    law = law or builtin_law()
    return Builder(tree, name, law, base_dir, population=_default_population()).build()


_POP_CACHE: list[Population] = []


def _default_population() -> Population:
    if not _POP_CACHE:
        _POP_CACHE.append(load_population(BUILTIN_KOMMUNER))
    return _POP_CACHE[0]


def load_model(path: Path | str, *, scenario: Path | str | None = None, law: Any = None) -> M.Model:
    """Load, validate and build a model file (optionally with a scenario overlay).

    Raises :class:`~govmodel.errors.ModelError` listing every problem with its location.
    """
    from govmodel.scenario import resolve_model_tree

    path = Path(path)
    tree, name = load_tree(path)
    tree = resolve_model_tree(tree, path)
    if scenario is not None:
        from govmodel.scenario import apply_scenario_file

        tree, scen_name = apply_scenario_file(tree, Path(scenario), path)
        model = build_model(tree, name, path.parent, law)
        return M.Model(**{**model.__dict__, "scenario": scen_name})
    return build_model(tree, name, path.parent, law)
