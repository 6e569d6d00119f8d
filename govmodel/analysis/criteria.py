"""The in-house criteria ("utvidet egenregi", anskaffelsesforskriften §§ 3-1 to 3-4) on a model.

Every criterion is read from the law data (``govmodel.law.builtin_law().criteria``): its id,
section, name and parameters (the 80 % threshold and "more than", the three years, whether direct
private capital is allowed, whether indirect control is stated for joint control). Every fact
comes from the model and the control engine (:mod:`govmodel.analysis.control`); this module only
applies the grading rules below, so no verdict is written into code.

Grades (best to worst; see docs/criteria.md):

``satisfied``
    directly: the authorities' own votes, seats or holdings, the model's own clauses;
``satisfied_indirect``
    through a chain of firm links only (elections, instructions, articles);
``conditional``
    rests on a contractual or revocable link, an adopt-or-return recommendation, a turnout
    assumption, an ``assumption:`` in the model, or a reading of the law that its data marks as
    an interpretation (indirect control applied to joint control; a body elected by all read as
    representing each);
``unknown``
    the model lacks the data;
``not_satisfied``.

A verdict is the worst of its elements (one per decision, body, clause, holder or year); each
carries its reasoning as translatable messages (:class:`Msg`), its sources, and the links and
assumptions it rests on (:class:`Basis`).

What the TUI and the CLI call: :func:`evaluate` (everything for one model),
:func:`evaluate_criteria` (criteria only, cheap: used for what-if edits and by the sensitivity
analysis), :func:`decision_making_bodies`, :func:`strategic_decisions`, :func:`statute_checks`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from govmodel.analysis.control import LEVEL as LEVEL_OF
from govmodel.analysis.control import LEVELS, ControlAnalysis
from govmodel.analysis.coverage import WEAKNESS, Coverage, coverage
from govmodel.i18n import N_
from govmodel.law import LawData, builtin_law
from govmodel.model import Model, Relation
from govmodel.power.voting import passes
from govmodel.rules import Rule

GRADES = ("satisfied", "satisfied_indirect", "conditional", "unknown", "not_satisfied")
RANK = {g: i for i, g in enumerate(GRADES)}
STATUTE = "anskaffelsesforskriften"
CRITERIA_ORDER = (
    "control_single",
    "joint_control_representation",
    "joint_control_influence",
    "no_contrary_interests",
    "indirect_control",
    "activity",
    "no_private_capital",
)
#: Criteria that make up the control criterion (kontrollkriteriet) for several authorities.
JOINT_CONTROL = ("joint_control_representation", "joint_control_influence", "no_contrary_interests")
#: Actor kinds that are legal persons through which control can run (indirect control).
LEGAL_PERSONS = ("association", "company", "state_body", "private")
#: Organ kinds that are decision-making bodies of the supplier by default.
BODY_KINDS = ("general_meeting", "board")
#: Document kinds whose adoption is a strategic decision, and those whose clauses state purpose.
STRATEGIC_DOCUMENTS = ("vedtekter", "eierstrategi", "selskapsavtale")
ARTICLES = ("vedtekter", "selskapsavtale")
#: Coverage link kind -> grade of that representation.
LINK_GRADE = {
    "direct": "satisfied",
    "chain": "satisfied_indirect",
    "contractual": "conditional",
    "revocable": "conditional",
    "diffuse": "conditional",
    "none": "not_satisfied",
}
_REGIONAL = re.compile(r"_\d{2}(?!\d)")


def worst(grades: Iterable[str]) -> str:
    gs = list(grades)
    return max(gs, key=lambda g: RANK[g]) if gs else "unknown"


def best(grades: Iterable[str]) -> str:
    gs = list(grades)
    return min(gs, key=lambda g: RANK[g]) if gs else "unknown"


# -- messages ---------------------------------------------------------------------------------


class Term(str):
    """A word rendered through the catalogue (a grade, a link kind, a role)."""


@dataclass(frozen=True)
class RuleText:
    """A voting rule rendered in the report's language."""

    rule: Rule


@dataclass(frozen=True)
class Msg:
    """A translatable sentence: an English msgid with ``{named}`` fields and their values.

    Values are plain text, :class:`Term` (translated), :class:`RuleText`, nested :class:`Msg`,
    Fractions (written ``2/3``) or sequences of those (joined with ", ")."""

    text: str
    args: tuple[tuple[str, Any], ...] = ()

    def render(self, gettext: Callable[[str], str], lang: str = "en") -> str:
        vals = {k: _render_arg(v, gettext, lang) for k, v in self.args}
        return gettext(self.text).format(**vals)


def msg(template: str, /, **args: Any) -> Msg:
    return Msg(template, tuple(sorted(args.items())))


def _render_arg(v: Any, gettext: Callable[[str], str], lang: str) -> str:
    if isinstance(v, Term):
        return gettext(str(v))
    if isinstance(v, Msg):
        return v.render(gettext, lang)
    if isinstance(v, RuleText):
        return v.rule.describe(lang)
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_render_arg(x, gettext, lang) for x in v)
    return str(v)


# -- verdicts ---------------------------------------------------------------------------------

#: Basis kinds that make a verdict conditional.
CONDITIONAL_KINDS = ("recommendation", "assumption", "turnout", "interpretation", "projection")


@dataclass(frozen=True)
class Basis:
    """One thing a verdict rests on.

    ``kind``: ``relation`` (a link used; ``link`` is firm/contractual/revocable),
    ``recommendation`` (an adopt-or-return recommendation the decision needs), ``assumption``
    (an ``assumption:`` in the model; ``ref`` names the element), ``turnout`` (the modelled
    attendance), ``interpretation`` (a reading of the law that the law data marks as open),
    ``projection`` (activity measured on fewer years than the law asks), ``clause`` (a clause of
    a document), ``form`` (the company form's statute), ``data`` (a fact of the model)."""

    kind: str
    ref: str
    link: str = ""
    text: str = ""
    source: str = ""

    @property
    def conditional(self) -> bool:
        return self.kind in CONDITIONAL_KINDS or (
            self.kind == "relation" and self.link in ("contractual", "revocable")
        )


@dataclass(frozen=True)
class Element:
    """A part of a verdict: one decision, body, clause, holder or year."""

    key: str
    verdict: str
    reasoning: tuple[Msg, ...]
    rests_on: tuple[Basis, ...] = ()
    route: str | None = None  # direct | chain | diffuse | none ... where it applies


@dataclass(frozen=True)
class Verdict:
    """The graded verdict on one criterion."""

    id: str
    section: str
    name: Mapping[str, str]
    verdict: str
    reasoning: tuple[Msg, ...]
    sources: tuple[str, ...]
    rests_on: tuple[Basis, ...]
    elements: tuple[Element, ...] = ()

    def element(self, key: str) -> Element:
        for e in self.elements:
            if e.key == key:
                return e
        raise KeyError(key)


@dataclass(frozen=True)
class StatuteCheck:
    """A rule the model cites from another source (the study) compared with the law data."""

    organ: str
    decision: str
    source: str  # e.g. "002 §5.4.6"
    cited_text: str
    cited_rule: Rule
    law_rule: Rule
    law_id: str | None
    section: str
    agrees: bool


@dataclass(frozen=True)
class Evaluation:
    """Everything :func:`evaluate` finds for one model."""

    model: Model
    authorities: tuple[str, ...]
    bodies: tuple[str, ...]
    criteria: tuple[Verdict, ...]
    summary: tuple[Verdict, ...]  # "control" (kontrollkriteriet) and "in_house" (utvidet egenregi)
    not_applicable: tuple[tuple[str, Msg], ...]
    coverage: Coverage
    statute_checks: tuple[StatuteCheck, ...]
    decisions: tuple[Any, ...] = ()  # DecisionStructure of the GF and councils (structure.py)
    sensitivity: tuple[Any, ...] | None = None  # Flip (sensitivity.py), when computed
    options: Mapping[str, Any] = field(default_factory=dict)

    def criterion(self, cid: str) -> Verdict:
        for v in self.criteria + self.summary:
            if v.id == cid:
                return v
        raise KeyError(cid)

    def has(self, cid: str) -> bool:
        return any(v.id == cid for v in self.criteria + self.summary)


# -- what the model says --------------------------------------------------------------------


def decision_making_bodies(model: Model, kinds: Sequence[str] = BODY_KINDS) -> tuple[str, ...]:
    """The supplier's decision-making bodies: its organs (``part_of: company``) of the given
    kinds (default: general meeting and board), in model order."""
    return tuple(o.id for o in model.organs.values() if o.part_of == "company" and o.kind in kinds)


def strategic_decisions(model: Model) -> tuple[tuple[str, str], ...]:
    """(organ, decision) of the supplier's strategic decisions: those the model marks
    ``strategic: true``, the adoption of the articles and the eierstrategi (documents'
    ``adopted_by``), and the election of the board."""
    chosen: dict[tuple[str, str], None] = {}
    company = {o.id for o in model.organs.values() if o.part_of == "company"}
    extra: set[tuple[str, str]] = set()
    for doc in model.documents.values():
        if doc.kind in STRATEGIC_DOCUMENTS and doc.adopted_by and "." in doc.adopted_by:
            o, d = doc.adopted_by.split(".", 1)
            extra.add((o, d))
    for r in model.relations:
        if (
            r.type in ("elects", "appoints")
            and r.decision
            and r.target in model.organs
            and model.organs[r.target].kind == "board"
        ):
            extra.add((r.source, r.decision))
    for o in model.organs.values():
        if o.id not in company:
            continue
        for d in o.decisions:
            if d.strategic or (o.id, d.id) in extra:
                chosen[(o.id, d.id)] = None
    return tuple(chosen)


def statute_checks(model: Model, law: LawData | None = None) -> tuple[StatuteCheck, ...]:
    """Every rule the model cites from another source, compared with the decision's rule from
    the law data (e.g. the study's 9/10 for an extraordinary general meeting, aksjeloven § 5-6:
    1/10)."""
    law = law or builtin_law()
    out = []
    for o in model.organs.values():
        for d in o.decisions:
            for c in d.cited:
                section = (
                    law.rules[d.law].section
                    if d.law and d.law in law.rules
                    else (d.provenance.source or "")
                )
                out.append(
                    StatuteCheck(
                        o.id,
                        d.id,
                        c.source,
                        c.text,
                        c.rule,
                        d.rule,
                        d.law,
                        section,
                        c.rule == d.rule,
                    )
                )
    return tuple(out)


# -- the evaluator ----------------------------------------------------------------------------


class _SharedPlayers(ControlAnalysis):
    """A control analysis that shares the organs' players with the evaluator's other analyses
    of the same model (they depend on the model only)."""

    shared: dict[str, tuple]

    def organ_players(self, organ: str):
        if organ not in self.shared:
            self.shared[organ] = super().organ_players(organ)
        return self.shared[organ]


class _Evaluator:
    def __init__(
        self,
        model: Model,
        law: LawData,
        bodies: tuple[str, ...],
        all_bodies: bool,
        authorities: tuple[str, ...] | None = None,
    ) -> None:
        self.model = model
        self.law = law
        self.bodies = bodies
        self.all_bodies = all_bodies
        self.auth = authorities if authorities is not None else model.contracting_authorities()
        self.facts = True  # who else passes or blocks alone (reasoning, not grades)
        self.auth_set = frozenset(self.auth)
        self.rel: dict[str, Relation] = {r.id: r for r in model.relations}
        self.crit = {k: v for k, v in law.criteria.items()}
        self._an: dict[tuple, ControlAnalysis] = {}
        self._players: dict[str, tuple] = {}
        self._players_full: dict[str, tuple] = {}
        self._rel_bases: dict[str, tuple[Basis, ...]] = {}
        self._coverage: Coverage | None = None
        self.joint = len(self.auth) > 1
        self.full_attendance = (
            dataclasses.replace(model, attendance={}) if model.attendance else model
        )

    # -- shared pieces ------------------------------------------------------------------------

    def analysis(self, coalition: tuple[str, ...], chains: bool = True, full: bool = False):
        key = (coalition, chains, full)
        if key not in self._an:
            m = self.full_attendance if full else self.model
            an = _SharedPlayers(m, coalition, chains=chains)
            an.shared = self._players_full if full else self._players
            self._an[key] = an
        return self._an[key]

    def outsiders(self) -> tuple[str, ...]:
        """Holders and fixed seat holders of the company's organs that are not contracting
        authorities (KS, a private owner, the state ...), as the structure's units."""
        from govmodel.power.structure import units

        out = []
        for u in units(self.model):
            if u in self.model.groups:
                if all(m in self.auth_set for m in self.model.groups[u].members):
                    continue
            elif u in self.auth_set:
                continue
            out.append(u)
        return tuple(out)

    def coverage(self) -> Coverage:
        if self._coverage is None:
            self._coverage = coverage(self.model, self.bodies, self.auth)
        return self._coverage

    def param(self, cid: str, *path: str, default: Any = None) -> Any:
        node: Any = self.crit[cid].extra.get("parameters", {}) if cid in self.crit else {}
        for p in path:
            if not isinstance(node, Mapping) or p not in node:
                return default
            node = node[p]
        return node

    def section(self, cid: str) -> str:
        return self.crit[cid].section if cid in self.crit else cid

    def relation_bases(self, rid: str) -> tuple[Basis, ...]:
        """The relation as a link, and every assumption behind using it: the relation's own,
        the deciding decision's rule and the seats it fills."""
        if rid in self._rel_bases:
            return self._rel_bases[rid]
        r = self.rel.get(rid)
        if r is None:
            return ()
        src = r.provenance.source or ""
        out = [Basis("relation", r.id, r.link, f"{r.source} —{r.type}→ {r.target}", src)]
        if r.type == "recommends" and r.strength == "adopt_or_return":
            out.append(Basis("recommendation", r.id, r.link, r.strength, src))
        if r.provenance.assumption:
            out.append(Basis("assumption", r.id, "", r.provenance.assumption, src))
        if r.decision and r.source in self.model.organs:
            o = self.model.organs[r.source]
            if o.has_decision(r.decision):
                d = o.decision(r.decision)
                if d.provenance.assumption:
                    out.append(
                        Basis(
                            "assumption",
                            f"{o.id}.{d.id}",
                            "",
                            d.provenance.assumption,
                            d.provenance.source or "",
                        )
                    )
        if r.type in ("elects", "appoints") and r.target in self.model.organs:
            seen: set[str] = set()
            for s in self.model.organs[r.target].seats:
                if s.holder or s.group in seen or (r.seats and s.group not in r.seats):
                    continue
                seen.add(s.group)
                if s.provenance.assumption:
                    out.append(
                        Basis(
                            "assumption",
                            f"{r.target}.{s.group}",
                            "",
                            s.provenance.assumption,
                            s.provenance.source or "",
                        )
                    )
        self._rel_bases[rid] = tuple(out)
        return self._rel_bases[rid]

    def steps_bases(self, relation_ids: Iterable[str]) -> list[Basis]:
        out: list[Basis] = []
        for rid in relation_ids:
            out.extend(self.relation_bases(rid))
        return out

    def intermediaries(self, relation_ids: Iterable[str]) -> tuple[str, ...]:
        """Legal persons other than the authorities that a route passes through."""
        found: dict[str, None] = {}
        for rid in relation_ids:
            r = self.rel.get(rid)
            if r is None:
                continue
            for node in (r.source, r.target):
                a = self.model.actors.get(node)
                if (
                    a is not None
                    and a.kind in LEGAL_PERSONS
                    and a.contracting_authority is not True
                ):
                    found.setdefault(node, None)
        return tuple(found)

    def intermediary_bases(self, who: Iterable[str]) -> list[Basis]:
        """Control through another legal person: an interpretation for joint control when the
        law data says so; the intermediary's own status assumption."""
        out: list[Basis] = []
        for x in who:
            a = self.model.actors[x]
            if self.joint and self.param("indirect_control", "extension_to_joint_control") == (
                "interpretation"
            ):
                out.append(
                    Basis(
                        "interpretation",
                        f"indirect_control:{x}",
                        "",
                        N_(
                            "control through another legal person: the regulation states "
                            "indirect control for one authority; for joint control it is an "
                            "interpretation"
                        ),
                        self.section("indirect_control"),
                    )
                )
            if a.provenance.assumption:
                out.append(
                    Basis("assumption", x, "", a.provenance.assumption, a.provenance.source or "")
                )
        return out

    def who(self, ids: Iterable[str]) -> list[str]:
        return [_collapse(i) for i in dict.fromkeys(ids)]

    # -- grading ------------------------------------------------------------------------------

    @staticmethod
    def grade(route: str, bases: Iterable[Basis]) -> str:
        if route == "none":
            return "not_satisfied"
        g = "satisfied" if route == "direct" else "satisfied_indirect"
        if any(b.conditional for b in bases):
            g = "conditional"
        return g

    # -- criteria -----------------------------------------------------------------------------

    def representation(self) -> Verdict:
        cid = "joint_control_representation"
        cov = self.coverage()
        elements: list[Element] = []
        for bc in cov.bodies:
            organ = self.model.organs[bc.body]
            counts = {k: v for k, v in bc.counts().items() if v}
            bases: list[Basis] = []
            grades = []
            seen_paths: set[tuple[str, ...]] = set()
            for cell in bc.cells:
                g = LINK_GRADE[cell.link]
                if cell.path and cell.path not in seen_paths:
                    seen_paths.add(cell.path)
                    pb = self.steps_bases(cell.path)
                    bases.extend(pb)
                    bases.extend(self.intermediary_bases(self.intermediaries(cell.path)))
                grades.append(g)
            if any(c.link == "diffuse" for c in bc.cells):
                bases.append(
                    Basis(
                        "interpretation",
                        f"diffuse:{bc.body}",
                        "",
                        N_(
                            "one representative may represent several or all of the "
                            "authorities; a body elected by all of them together is read as "
                            "representing each"
                        ),
                        self.section(cid),
                    )
                )
            cell_grade = worst(grades) if grades else "unknown"
            if any(b.conditional for b in bases) and cell_grade in (
                "satisfied",
                "satisfied_indirect",
            ):
                cell_grade = "conditional"
            if bc.unfilled and cell_grade == "not_satisfied":
                cell_grade = "unknown"
            reasons = [
                msg(
                    "{body}: {counts}",
                    body=organ.name,
                    counts=[msg("{n} {kind}", n=n, kind=Term(k)) for k, n in counts.items()],
                )
            ]
            example = _example_cell(bc)
            if example is not None:
                reasons.append(msg("path, e.g.: {hops}", hops=example.hops))
            if bc.unfilled:
                reasons.append(
                    msg("seats nobody fills in the model: {groups}", groups=list(bc.unfilled))
                )
            missing = [c.authority for c in bc.cells if c.link == "none"]
            if missing:
                reasons.append(
                    msg(
                        "not represented: {who}",
                        who=_few(missing),
                    )
                )
            route = bc.weakest()
            elements.append(Element(bc.body, cell_grade, tuple(reasons), _dedupe(bases), route))
        if not elements:
            return self._verdict(
                cid,
                "unknown",
                [msg("the model has no decision-making body of the supplier")],
                [],
                [],
            )
        supreme = self.supreme_bodies()
        if self.all_bodies or not supreme:
            decisive = elements
            rule = msg("rule applied: every decision-making body must include every authority")
        else:
            decisive = [e for e in elements if e.key in supreme]
            rule = msg(
                "rule applied: every authority must be represented in the supreme body ({bodies}); "
                "the other bodies are reported",
                bodies=[self.model.organs[b].name for b in supreme],
            )
        verdict = worst(e.verdict for e in decisive)
        reasons = [rule]
        for e in elements:
            if e not in decisive and RANK[e.verdict] > RANK[verdict]:
                reasons.append(
                    msg(
                        "{body} is weaker ({grade}) but is not the supreme body",
                        body=self.model.organs[e.key].name,
                        grade=Term(e.verdict),
                    )
                )
        rests = [b for e in decisive for b in e.rests_on]
        return self._verdict(cid, verdict, reasons, rests, elements)

    def supreme_bodies(self) -> tuple[str, ...]:
        company = {o.id for o in self.model.organs.values() if o.part_of == "company"}
        governed = {
            r.target
            for r in self.model.relations
            if r.type in ("elects", "appoints", "instructs")
            and r.link != "advisory"
            and r.source in company
            and r.source != r.target
        }
        return tuple(b for b in self.bodies if b not in governed)

    def influence(self, coalition: tuple[str, ...], cid: str) -> Verdict:
        """Decisive influence over the strategic decisions (§ 3-2 (2) b, or § 3-1 for one)."""
        form = self.model.form
        if form.owner_kinds == () and not form.has_shares:
            reason = msg(
                "a {form} has no owners ({statute}): nobody holds ownership control, and "
                "appointment rights in its charter are not control over its own departments",
                form=form.name,
                statute=form.provenance.source or form.statute,
            )
            el = Element(
                "form",
                "not_satisfied",
                (reason,),
                (Basis("form", form.form, "", form.notes, form.provenance.source or ""),),
                "none",
            )
            return self._verdict(cid, "not_satisfied", [reason], list(el.rests_on), [el])
        strategic = strategic_decisions(self.model)
        if not strategic:
            return self._verdict(
                cid,
                "unknown",
                [msg("the model marks no strategic decision of the supplier")],
                [],
                [],
            )
        own = self.analysis(coalition, chains=False)
        chained = self.analysis(coalition, chains=True)
        outsiders = self.outsiders()
        elements = [
            self._influence_element(o, d, coalition, own, chained, outsiders) for o, d in strategic
        ]
        verdict = worst(e.verdict for e in elements)
        by_route: dict[str, int] = {}
        for e in elements:
            by_route[e.route or "none"] = by_route.get(e.route or "none", 0) + 1
        reasons = [
            msg(
                "rule applied: together the authorities must be able to pass every strategic "
                "decision of the supplier ({n}), so that nobody else can block it",
                n=len(elements),
            ),
            msg(
                "{direct} with their own votes, {chain} only through links, {none} not at all",
                direct=by_route.get("direct", 0),
                chain=by_route.get("chain", 0),
                none=by_route.get("none", 0),
            ),
        ]
        worst_el = [e for e in elements if e.verdict == verdict]
        if worst_el and verdict != "satisfied":
            reasons.append(
                msg(
                    "weakest: {decisions}",
                    decisions=[e.key for e in worst_el[:4]]
                    + ([f"+{len(worst_el) - 4}"] if len(worst_el) > 4 else []),
                )
            )
        rests = [b for e in elements for b in e.rests_on]
        return self._verdict(cid, verdict, reasons, rests, elements)

    def _influence_element(
        self,
        organ: str,
        did: str,
        coalition: tuple[str, ...],
        own: ControlAnalysis,
        chained: ControlAnalysis,
        outsiders: tuple[str, ...],
    ) -> Element:
        """Decisive influence over one decision has two sides: the authorities can *pass* it
        (with their own votes, or through links), and they can *stop* it, so that nobody else
        decides it against them. The element is as weak as the weaker side."""
        d = self.model.decision(organ, did)
        key = f"{organ}.{did}"
        rule = RuleText(d.rule)
        base: list[Basis] = []
        if d.provenance.assumption:
            base.append(
                Basis("assumption", key, "", d.provenance.assumption, d.provenance.source or "")
            )
        reasons: list[Msg] = []
        passed = self.pass_side(organ, did, chained)
        absent_only: list[Basis] = []
        if passed is None and self.model.attendance:
            # only the absent authorities' own absence stands in the way (e.g. every
            # shareholder's consent): at full attendance they pass it
            passed = self.pass_side(organ, did, self.analysis(coalition, full=True))
            if passed is not None:
                absent_only.append(self._absence_basis(organ))
                reasons.append(msg("only if the absent authorities attend or consent"))
        if passed is None:
            route, pass_bases = "none", []
            reasons.append(msg("the authorities cannot pass it ({rule})", rule=rule))
            out = chained.force(organ, did)
            for rid, strength, sub in out.recommendations:
                if strength == "adopt_or_return" and sub is not None and not sub.possible:
                    reasons.append(
                        msg(
                            "they cannot pass the recommendation {relation} it needs (adopt or return)",
                            relation=rid,
                        )
                    )
        else:
            route, pass_bases, hops, recs = passed
            pass_bases = (
                pass_bases
                + absent_only
                + self._turnout_bases(organ, did, coalition, True, pass_bases)
            )
            if route == "direct":
                reasons.append(msg("the authorities pass it with their own votes"))
                voters = self._authority_players(organ)
                if 0 < len(voters) < len(self.auth):
                    reasons.append(
                        msg(
                            "only {n} of the {total} authorities hold votes there: {who}",
                            n=len(voters),
                            total=len(self.auth),
                            who=_few(voters),
                        )
                    )
            elif hops:
                reasons.append(msg("the authorities pass it through: {hops}", hops=hops))
            else:
                reasons.append(msg("the authorities pass it"))
            for rid in recs:
                reasons.append(
                    msg(
                        "it needs the recommendation {relation} (adopt or return), which they pass",
                        relation=rid,
                    )
                )
        stop = self.stop_side(organ, did, chained)
        stop_absent: list[Basis] = []
        if stop is None and self.model.attendance:
            stop = self.stop_side(organ, did, self.analysis(coalition, full=True))
            if stop is not None:
                stop_absent.append(self._absence_basis(organ))
                reasons.append(msg("they can stop it only if the absent authorities attend"))
        if stop is None:
            stop_route, stop_bases = "none", []
            reasons.append(msg("the authorities cannot stop it: others can pass it without them"))
        else:
            stop_route, stop_bases, how = stop
            stop_bases = (
                stop_bases
                + stop_absent
                + self._turnout_bases(organ, did, coalition, True, stop_bases)
            )
            reasons.append(how)
        # who else decides it alone
        can_force = []
        can_block = []
        for u in outsiders if self.facts else ():
            an = self.analysis((u,), chains=True)
            if an.force(organ, did).possible:
                can_force.append(u)
            if an.block(organ, did).possible:
                can_block.append(u)
        if can_force:
            reasons.append(msg("{who} can pass it alone", who=can_force))
        only_block = [u for u in can_block if u not in can_force]
        if only_block:
            reasons.append(msg("{who} can block it alone", who=only_block))
        grade = worst(
            [self.grade(route, base + pass_bases), self.grade(stop_route, base + stop_bases)]
        )
        facts = [Basis("data", f"passes_alone:{u}", "", key) for u in can_force] + [
            Basis("data", f"blocks_alone:{u}", "", key) for u in can_block
        ]
        return Element(
            key, grade, tuple(reasons), _dedupe(base + pass_bases + stop_bases + facts), route
        )

    def _authority_players(self, organ: str) -> list[str]:
        o = self.model.organs[organ]
        if o.shareholders:
            return [h for h in self.model.company.holders() if h in self.auth_set]
        return [s.holder for s in o.seats if s.holder in self.auth_set]

    def _rids_bases(self, rids: Iterable[str]) -> list[Basis]:
        rids = list(rids)
        return self.steps_bases(rids) + self.intermediary_bases(self.intermediaries(rids))

    def _decision_assumption(self, organ: str, did: str) -> list[Basis]:
        o = self.model.organs.get(organ)
        if o is None or not o.has_decision(did):
            return []
        d = o.decision(did)
        if not d.provenance.assumption:
            return []
        return [
            Basis(
                "assumption",
                f"{organ}.{did}",
                "",
                d.provenance.assumption,
                d.provenance.source or "",
            )
        ]

    def pass_side(self, organ: str, did: str, an: ControlAnalysis):
        """How the coalition passes the decision: (route, bases, hops, recommendations passed)
        or None. The vote counts the coalition's own votes first; the links to other players'
        votes are needed only when its own do not suffice. An adopt-or-return recommendation is
        a hurdle: the route by which the coalition passes the recommender counts, not the
        recommendation's own footing (without it, passing would be easier)."""
        out = an.force(organ, did)
        if not out.possible:
            return None
        level = LEVELS.index(out.level or "firm")
        d = self.model.decision(organ, did)
        cmd = an.commanded(organ, level)
        pres = an.present(organ)
        ps = an.organ_players(organ)
        own_ids = frozenset(pid for pid, ch in cmd if not ch.steps)
        all_ids = frozenset(pid for pid, _ in cmd)
        steps: list = []
        if passes(d.rule, ps, own_ids & pres, pres):
            route = "direct"
        elif passes(d.rule, ps, all_ids & pres, pres):
            route = "chain"
            steps += [s for _, ch in cmd for s in ch.steps]
        else:  # passed by a binding recommendation
            route = "chain"
            steps += list(out.rests_on)
        recs = []
        bases: list[Basis] = []
        for rid, strength, sub in out.recommendations:
            if strength in ("adopt_or_return", "binding") and sub is not None and sub.possible:
                r = self.rel.get(rid)
                if strength == "adopt_or_return":
                    recs.append(rid)
                if sub.rests_on:
                    route = "chain"
                    steps += list(sub.rests_on)
                if r is not None and r.decision:
                    bases += self._decision_assumption(r.source, r.decision)
        rids = list(dict.fromkeys(s.relation for s in steps))
        bases = self._rids_bases(rids) + bases
        return route, bases, _hops(dict.fromkeys(steps)), recs

    def stop_side(self, organ: str, did: str, an: ControlAnalysis):
        """How the coalition stops the decision, so that nobody decides it against them:
        (route, bases, reason) for the best alternative (its own votes; links to other votes; an
        adopt-or-return recommendation it can block), or None when it cannot."""
        d = self.model.decision(organ, did)
        ps = an.organ_players(organ)
        for level in range(len(LEVELS)):
            out = an.block(organ, did, level)
            if not out.possible:
                continue
            cmd = an.commanded(organ, level)
            pres = an.present(organ)
            own_ids = frozenset(pid for pid, ch in cmd if not ch.steps)
            all_ids = frozenset(pid for pid, _ in cmd)
            alternatives: list[tuple[str, list[Basis], Msg]] = []
            if not passes(d.rule, ps, pres - own_ids, pres):
                alternatives.append(("direct", [], msg("they can stop it with their own votes")))
            elif not passes(d.rule, ps, pres - all_ids, pres):
                steps = [s for _, ch in cmd for s in ch.steps]
                alternatives.append(
                    (
                        "chain",
                        self._rids_bases(dict.fromkeys(s.relation for s in steps)),
                        msg("they can stop it through: {hops}", hops=_hops(dict.fromkeys(steps))),
                    )
                )
            for rid, strength, sub in out.recommendations:
                if strength != "adopt_or_return" or sub is None or not sub.possible:
                    continue
                r = self.rel.get(rid)
                if r is None or LEVEL_OF.get(r.link, 0) > level:
                    continue
                rids = [rid] + [s.relation for s in sub.rests_on]
                alternatives.append(
                    (
                        "chain",
                        self._rids_bases(dict.fromkeys(rids)),
                        msg(
                            "they can stop it by blocking the recommendation {relation} (adopt or return)",
                            relation=rid,
                        ),
                    )
                )
            if alternatives:
                ranked = sorted(
                    range(len(alternatives)),
                    key=lambda i: (
                        RANK[self.grade(alternatives[i][0], alternatives[i][1])],
                        alternatives[i][0] != "direct",
                        i,
                    ),
                )
                route, bases, _how = alternatives[ranked[0]]
                how = (
                    alternatives[ranked[0]][2]
                    if len(ranked) == 1
                    else msg(
                        "{first}; or {others}",
                        first=alternatives[ranked[0]][2],
                        others=[alternatives[i][2] for i in ranked[1:]],
                    )
                )
                return route, bases, how
        return None

    def _absence_basis(self, organ: str) -> Basis:
        n = len(self.model.attendance.get(organ, ()))
        return Basis("turnout", f"turnout:{organ}", "", f"{organ}: {n} absent")

    def _turnout_bases(
        self, organ: str, did: str, coalition: tuple[str, ...], chains: bool, bases: list[Basis]
    ) -> list[Basis]:
        """A turnout basis when the modelled attendance is what lets the coalition pass or stop
        it (it could not at full attendance)."""
        if not self.model.attendance:
            return []
        touched = {organ} | {
            self.rel[b.ref].source for b in bases if b.kind == "relation" and b.ref in self.rel
        }
        absent = {o: len(self.model.attendance[o]) for o in touched if self.model.attendance.get(o)}
        if not absent:
            return []
        full = self.analysis(coalition, chains=chains, full=True)
        text = ", ".join(f"{o}: {n} absent" for o, n in sorted(absent.items()))
        here = self.analysis(coalition, chains=chains)
        same = (
            full.force(organ, did).possible == here.force(organ, did).possible
            and full.block(organ, did).possible == here.block(organ, did).possible
        )
        kind = "data" if same else "turnout"
        return [Basis(kind, f"turnout:{organ}", "", text)]

    def contrary_interests(self, coalition: tuple[str, ...]) -> Verdict:
        cid = "no_contrary_interests"
        docs = [d for d in self.model.documents.values() if d.kind in ARTICLES]
        elements: list[Element] = []
        if not docs:
            elements.append(
                Element(
                    "articles",
                    "unknown",
                    (
                        msg(
                            "the model has no articles (vedtekter) to read purpose and pricing from"
                        ),
                    ),
                )
            )
        for doc in docs:
            clauses = doc.clauses
            dbases: list[Basis] = []
            if doc.provenance.assumption:
                dbases.append(
                    Basis(
                        "assumption",
                        doc.id,
                        "",
                        doc.provenance.assumption,
                        doc.provenance.source or "",
                    )
                )
            src = doc.provenance.source or ""
            purpose = clauses.get("purpose")
            if purpose:
                elements.append(
                    Element(
                        f"{doc.id}.purpose",
                        self.grade("direct", dbases),
                        (msg("purpose in {doc}: {text}", doc=doc.name, text=str(purpose)),),
                        (Basis("clause", f"{doc.id}.purpose", "", str(purpose), src), *dbases),
                        "direct",
                    )
                )
            else:
                elements.append(
                    Element(
                        f"{doc.id}.purpose",
                        "unknown",
                        (msg("{doc} states no purpose", doc=doc.name),),
                    )
                )
            nc = clauses.get("non_commercial")
            if nc is True:
                elements.append(
                    Element(
                        f"{doc.id}.non_commercial",
                        self.grade("direct", dbases),
                        (msg("{doc}: the company is non-commercial", doc=doc.name),),
                        (Basis("clause", f"{doc.id}.non_commercial", "", "true", src), *dbases),
                        "direct",
                    )
                )
            elif nc is None:
                elements.append(
                    Element(
                        f"{doc.id}.non_commercial",
                        "unknown",
                        (
                            msg(
                                "{doc} does not say whether the company is non-commercial",
                                doc=doc.name,
                            ),
                        ),
                    )
                )
            else:
                elements.append(
                    Element(
                        f"{doc.id}.non_commercial",
                        "conditional",
                        (
                            msg(
                                "{doc} lets the company seek profit: whether that runs against the "
                                "authorities' interests is not settled by the articles",
                                doc=doc.name,
                            ),
                        ),
                        (Basis("clause", f"{doc.id}.non_commercial", "", str(nc), src), *dbases),
                    )
                )
            pricing = clauses.get("pricing")
            if pricing == "cost":
                elements.append(
                    Element(
                        f"{doc.id}.pricing",
                        self.grade("direct", dbases),
                        (msg("{doc}: services are priced at cost", doc=doc.name),),
                        (Basis("clause", f"{doc.id}.pricing", "", "cost", src), *dbases),
                        "direct",
                    )
                )
            elif pricing is None:
                elements.append(
                    Element(
                        f"{doc.id}.pricing",
                        "unknown",
                        (msg("{doc} says nothing about pricing", doc=doc.name),),
                    )
                )
            else:
                elements.append(
                    Element(
                        f"{doc.id}.pricing",
                        "conditional",
                        (
                            msg(
                                "{doc}: pricing {pricing}, not at cost",
                                doc=doc.name,
                                pricing=str(pricing),
                            ),
                        ),
                        (Basis("clause", f"{doc.id}.pricing", "", str(pricing), src), *dbases),
                    )
                )
            if doc.adopted_by and "." in doc.adopted_by:
                elements.append(self._amendment_element(doc.id, doc.adopted_by, coalition))
        for h in self.model.company.holders():
            if h in self.auth_set:
                continue
            elements.append(self._stake_element(h, coalition))
        verdict = worst(e.verdict for e in elements)
        reasons = [
            msg(
                "rule applied: the articles must keep the company to the authorities' purpose, "
                "non-commercial and at cost, and nobody else with a stake may steer it"
            )
        ]
        bad = [e.key for e in elements if e.verdict == verdict and verdict != "satisfied"]
        if bad:
            reasons.append(msg("weakest: {items}", items=bad[:5]))
        rests = [b for e in elements for b in e.rests_on]
        return self._verdict(cid, verdict, reasons, rests, elements)

    def _amendment_element(self, doc_id: str, adopted_by: str, coalition) -> Element:
        """The clauses hold only as long as the authorities can stop a change of them."""
        organ, did = adopted_by.split(".", 1)
        key = f"{doc_id}.amendment"
        if organ not in self.model.organs or not self.model.organs[organ].has_decision(did):
            return Element(
                key, "unknown", (msg("{decision} is not in the model", decision=adopted_by),)
            )
        others = [
            u
            for u in (self.outsiders() if self.facts else ())
            if self.analysis((u,)).force(organ, did).possible
        ]
        reasons = []
        if others:
            reasons.append(
                msg("{who} can change {decision} alone", who=others, decision=adopted_by)
            )
        stop = self.stop_side(organ, did, self.analysis(coalition))
        if stop is None:
            reasons.append(
                msg("the authorities cannot stop a change of {decision}", decision=adopted_by)
            )
            return Element(key, "not_satisfied", tuple(reasons), (), "none")
        route, bases, how = stop
        reasons.append(msg("a change of {decision}: {how}", decision=adopted_by, how=how))
        return Element(key, self.grade(route, bases), tuple(reasons), _dedupe(bases), route)

    def _stake_element(self, holder: str, coalition) -> Element:
        a = self.model.actors.get(holder)
        kind = a.kind if a else "unknown"
        key = f"stake:{holder}"
        share = Fraction(
            self.model.company.shares_of(holder), self.model.company.share_capital or 1
        )
        if kind in ("private", "person"):
            return Element(
                key,
                "not_satisfied",
                (
                    msg(
                        "{who} ({kind}) holds {pct} of the shares",
                        who=holder,
                        kind=Term(kind),
                        pct=_pct(share),
                    ),
                ),
                (Basis("data", key, "", kind),),
                "none",
            )
        an = self.analysis(coalition)
        chain = None
        for lv in range(len(LEVELS)):
            chain = an.vote(holder, lv, self._gm())
            if chain is not None:
                break
        if chain is None:
            return Element(
                key,
                "conditional",
                (
                    msg(
                        "{who} holds {pct} of the shares and the authorities do not direct its votes: "
                        "its interests may differ",
                        who=holder,
                        pct=_pct(share),
                    ),
                ),
                (Basis("data", key, "", kind),),
                "none",
            )
        rids = [s.relation for s in chain.steps]
        bases = self.steps_bases(rids) + self.intermediary_bases(
            self.intermediaries(rids) or (holder,)
        )
        return Element(
            key,
            self.grade("chain", bases),
            (
                msg(
                    "{who} holds {pct} of the shares; the authorities direct its votes through: {hops}",
                    who=holder,
                    pct=_pct(share),
                    hops=_hops(chain.steps) or "-",
                ),
            ),
            _dedupe(bases),
            "chain",
        )

    def _gm(self) -> str | None:
        for o in self.model.organs.values():
            if o.shareholders:
                return o.id
        return None

    def indirect(self, verdicts: Sequence[Verdict]) -> Verdict:
        cid = "indirect_control"
        used: dict[str, None] = {}
        for v in verdicts:
            for b in v.rests_on:
                if b.kind == "interpretation" and b.ref.startswith("indirect_control:"):
                    used.setdefault(b.ref.split(":", 1)[1], None)
        if not used:
            return self._verdict(
                cid,
                "satisfied",
                [
                    msg(
                        "not relied on: the authorities' control does not run through another legal person"
                    )
                ],
                [],
                [],
            )
        elements = []
        an = self.analysis(self.auth)
        for x in used:
            chain = None
            for lv in range(len(LEVELS)):
                chain = an.actor(x, lv)
                if chain is not None:
                    break
            if chain is None:
                elements.append(
                    Element(
                        x,
                        "not_satisfied",
                        (msg("the authorities do not control {who}", who=x),),
                        (),
                        "none",
                    )
                )
                continue
            rids = [s.relation for s in chain.steps]
            bases = self.steps_bases(rids) + self.intermediary_bases((x,))
            reasons = [
                msg(
                    "the authorities control {who} through: {hops}",
                    who=x,
                    hops=_hops(chain.steps) or "-",
                )
            ]
            if self.joint and self.param(cid, "extension_to_joint_control") == "interpretation":
                reasons.append(
                    msg(
                        "the regulation states indirect control for one authority ({section}); "
                        "applying it to joint control is an interpretation",
                        section=self.section(cid),
                    )
                )
            elements.append(
                Element(x, self.grade("chain", bases), tuple(reasons), _dedupe(bases), "chain")
            )
        verdict = worst(e.verdict for e in elements)
        rests = [b for e in elements for b in e.rests_on]
        return self._verdict(
            cid,
            verdict,
            [msg("control runs through {who}", who=list(used))],
            rests,
            elements,
        )

    def activity(self) -> Verdict:
        cid = "activity"
        years = sorted(self.model.activity, key=lambda y: y.year)
        threshold = Fraction(str(self.param(cid, "activity", "more_than", default="80/100")))
        n_years = int(self.param(cid, "activity", "years", default=3))
        strict = self.param(cid, "activity", "more_than") is not None
        if not years:
            return self._verdict(
                cid,
                "unknown",
                [msg("the model has no activity figures (turnover by year)")],
                [],
                [],
            )
        used = years[-n_years:]
        total = sum(y.total for y in used)
        controlling = sum(y.with_controlling for y in used)
        share = Fraction(controlling, total) if total else Fraction(0)
        ok = share > threshold if strict else share >= threshold
        bases: list[Basis] = []
        elements = []
        for y in used:
            yb = []
            if y.provenance.assumption:
                yb.append(
                    Basis(
                        "assumption",
                        f"activity.{y.year}",
                        "",
                        y.provenance.assumption,
                        y.provenance.source or "",
                    )
                )
            bases += yb
            elements.append(
                Element(
                    str(y.year),
                    "satisfied"
                    if (Fraction(y.with_controlling, y.total) > threshold if y.total else False)
                    else "not_satisfied",
                    (
                        msg(
                            "{year}: {part} of {total} ({pct})",
                            year=y.year,
                            part=y.with_controlling,
                            total=y.total,
                            pct=_pct(
                                Fraction(y.with_controlling, y.total) if y.total else Fraction(0)
                            ),
                        ),
                    ),
                    tuple(yb),
                )
            )
        if len(used) < n_years and self.param(cid, "activity", "projection_allowed_if_no_history"):
            bases.append(
                Basis(
                    "projection",
                    "activity",
                    "",
                    N_("fewer years than the law asks: a credible projection is needed"),
                    self.section(cid),
                )
            )
        verdict = self.grade("direct", bases) if ok else "not_satisfied"
        if len(used) < n_years and not self.param(
            cid, "activity", "projection_allowed_if_no_history"
        ):
            verdict = "unknown"
        reasons = [
            msg(
                "average over {years}: {share} of turnover with the controlling authorities; "
                "the rule is {cmp} {threshold}",
                years=f"{used[0].year}–{used[-1].year}" if len(used) > 1 else str(used[0].year),
                share=_pct(share),
                cmp=Term("more than" if strict else "at least"),
                threshold=_pct(threshold),
            )
        ]
        return self._verdict(
            cid, verdict, reasons, bases, elements, extra_sources=[years[0].provenance.source or ""]
        )

    def private_capital(self) -> Verdict:
        cid = "no_private_capital"
        allowed = bool(self.param(cid, "direct_private_capital_allowed", default=False))
        elements: list[Element] = []
        holders = self.model.company.holders()
        members_of: dict[str, list[str]] = {}
        for r in self.model.relations:
            if r.type == "member_of":
                src = (
                    self.model.groups[r.source].members
                    if r.source in self.model.groups
                    else (r.source,)
                )
                members_of.setdefault(r.target, []).extend(src)
        for h in holders:
            if h in self.auth_set:
                continue
            a = self.model.actors.get(h)
            kind = a.kind if a else "unknown"
            key = f"holder:{h}"
            pct = _pct(
                Fraction(self.model.company.shares_of(h), self.model.company.share_capital or 1)
            )
            if kind in ("private", "person"):
                elements.append(
                    Element(
                        key,
                        "satisfied" if allowed else "not_satisfied",
                        (
                            msg(
                                "{who} is a {kind} owner with {pct}",
                                who=h,
                                kind=Term(kind),
                                pct=pct,
                            ),
                        ),
                        (Basis("data", key, "", kind, a.provenance.source or "" if a else ""),),
                        "direct",
                    )
                )
            elif kind == "state_body" or (a is not None and a.contracting_authority is True):
                elements.append(
                    Element(
                        key,
                        "satisfied",
                        (msg("{who} is a public owner ({kind})", who=h, kind=Term(kind)),),
                        (),
                        "direct",
                    )
                )
            elif kind == "association" and h in members_of:
                members = members_of[h]
                private = [
                    m
                    for m in members
                    if m in self.model.actors and self.model.actors[m].kind in ("private", "person")
                ]
                bases = [
                    Basis(
                        "relation",
                        r.id,
                        r.link,
                        f"{r.source} —{r.type}→ {r.target}",
                        r.provenance.source or "",
                    )
                    for r in self.model.relations
                    if r.type == "member_of" and r.target == h
                ]
                if a is not None and a.provenance.assumption:
                    bases.append(
                        Basis(
                            "assumption", h, "", a.provenance.assumption, a.provenance.source or ""
                        )
                    )
                if private:
                    reason = msg(
                        "{who} is an association with private members ({members}); only direct "
                        "private capital counts",
                        who=h,
                        members=_few(private),
                    )
                else:
                    reason = msg(
                        "{who} is an association whose {n} members are all contracting authorities",
                        who=h,
                        n=len(members),
                    )
                elements.append(
                    Element(key, self.grade("chain", bases), (reason,), tuple(bases), "chain")
                )
            else:
                elements.append(
                    Element(
                        key,
                        "unknown",
                        (
                            msg(
                                "the model does not say whether the capital of {who} ({kind}) is private",
                                who=h,
                                kind=Term(kind),
                            ),
                        ),
                        (),
                    )
                )
        if not elements:
            reason = (
                msg("every owner is a contracting authority")
                if holders
                else msg("the company has no owners, so no private capital")
            )
            return self._verdict(cid, "satisfied", [reason], [], [])
        verdict = worst(e.verdict for e in elements)
        reasons = [msg("rule applied: no direct private capital in the supplier")]
        rests = [b for e in elements for b in e.rests_on]
        return self._verdict(cid, verdict, reasons, rests, elements)

    # -- assembling ---------------------------------------------------------------------------

    def _verdict(
        self,
        cid: str,
        verdict: str,
        reasoning: Sequence[Msg],
        rests_on: Iterable[Basis],
        elements: Sequence[Element],
        extra_sources: Sequence[str] = (),
    ) -> Verdict:
        rests = _dedupe(list(rests_on))
        crit = self.crit.get(cid)
        section = crit.section if crit else cid
        name = dict(crit.name) if crit else {"nb": cid, "en": cid}
        sources = [section]
        for b in rests:
            if b.source:
                sources.append(b.source)
        sources += [s for s in extra_sources if s]
        return Verdict(
            cid,
            section,
            name,
            verdict,
            tuple(reasoning),
            tuple(dict.fromkeys(sources)),
            rests,
            tuple(elements),
        )


def _summary(cid: str, name: Mapping[str, str], parts: Sequence[Verdict]) -> Verdict:
    verdict = worst(v.verdict for v in parts)
    reasons = [
        msg("{criterion}: {grade}", criterion=Term(v.id), grade=Term(v.verdict)) for v in parts
    ]
    rests = _dedupe([b for v in parts if RANK[v.verdict] >= RANK[verdict] for b in v.rests_on])
    sources = tuple(dict.fromkeys(s for v in parts for s in v.sources[:1]))
    return Verdict(
        cid, " + ".join(v.section for v in parts), name, verdict, tuple(reasons), sources, rests
    )


def evaluate_criteria(
    model: Model,
    *,
    law: LawData | None = None,
    bodies: Sequence[str] | None = None,
    all_bodies: bool = False,
    reuse: Mapping[str, Verdict] | None = None,
    authorities: Iterable[str] | None = None,
    facts: bool = True,
) -> tuple[tuple[Verdict, ...], tuple[Verdict, ...], tuple[tuple[str, Msg], ...], Coverage | None]:
    """The criteria verdicts, the two summaries, the criteria that do not apply and the coverage
    matrix. ``bodies`` are the decision-making bodies checked for representation (default: the
    supplier's general meeting and board); ``all_bodies`` requires every body, not only the
    supreme one. ``reuse`` gives verdicts known not to change (the sensitivity analysis passes
    those a change cannot touch); the coverage is None when representation is reused.
    ``authorities`` are the participating contracting authorities (actor or group ids; default:
    every contracting authority of the model), e.g. only the kommuner. ``facts=False`` leaves out
    who else can pass or block each decision alone (reasoning only; the grades are the same)."""
    reuse = reuse or {}
    auth = _expand(model, authorities) if authorities is not None else None
    law = law or builtin_law()
    bodies = tuple(bodies) if bodies is not None else decision_making_bodies(model)
    ev = _Evaluator(model, law, bodies, all_bodies, auth)
    ev.facts = facts
    crit = ev.crit
    applies: list[str] = []
    na: list[tuple[str, Msg]] = []
    for cid in CRITERIA_ORDER:
        if cid not in crit:
            continue
        scope = crit[cid].extra.get("applies_to", "both")
        if scope == "single" and ev.joint:
            na.append(
                (
                    cid,
                    msg(
                        "{n} authorities take part: the joint-control criteria apply",
                        n=len(ev.auth),
                    ),
                )
            )
        elif scope == "joint" and not ev.joint:
            na.append((cid, msg("one authority: the single-authority criterion applies")))
        else:
            applies.append(cid)
    out: dict[str, Verdict] = {}
    if not ev.auth:
        for cid in applies:
            out[cid] = ev._verdict(
                cid, "unknown", [msg("the model has no contracting authorities")], [], []
            )
    else:
        compute: dict[str, Callable[[], Verdict]] = {
            "control_single": lambda: ev.influence(ev.auth, "control_single"),
            "joint_control_representation": ev.representation,
            "joint_control_influence": lambda: ev.influence(ev.auth, "joint_control_influence"),
            "no_contrary_interests": lambda: ev.contrary_interests(ev.auth),
            "indirect_control": lambda: ev.indirect(list(out.values())),
            "activity": ev.activity,
            "no_private_capital": ev.private_capital,
        }
        for cid in CRITERIA_ORDER:
            if cid in applies:
                out[cid] = reuse[cid] if cid in reuse else compute[cid]()
    criteria = tuple(out[c] for c in applies)
    control_parts = [out[c] for c in ("control_single", *JOINT_CONTROL) if c in out]
    if "indirect_control" in out and out["indirect_control"].elements:
        control_parts.append(out["indirect_control"])
    summary: list[Verdict] = []
    if control_parts:
        control = _summary(
            "control", {"nb": "Kontrollkriteriet", "en": "Kontrollkriteriet"}, control_parts
        )
        summary.append(control)
        rest = [control] + [out[c] for c in ("activity", "no_private_capital") if c in out]
        summary.append(
            _summary("in_house", {"nb": "Utvidet egenregi", "en": "Utvidet egenregi"}, rest)
        )
    cov = None if "joint_control_representation" in reuse else ev.coverage()
    return criteria, tuple(summary), tuple(na), cov


def evaluate(
    model: Model,
    *,
    law: LawData | None = None,
    bodies: Sequence[str] | None = None,
    all_bodies: bool = False,
    structure: bool = True,
    authorities: Iterable[str] | None = None,
) -> Evaluation:
    """Evaluate every in-house criterion on ``model`` (see the module docstring), with the
    coverage matrix, the statute checks of cited rules and (``structure=True``) the winning and
    blocking structure of the general meeting's and councils' decisions."""
    law = law or builtin_law()
    bodies_t = tuple(bodies) if bodies is not None else decision_making_bodies(model)
    criteria, summary, na, cov = evaluate_criteria(
        model, law=law, bodies=bodies_t, all_bodies=all_bodies, authorities=authorities
    )

    decisions: tuple = ()
    if structure:
        from govmodel.power.structure import model_structure

        decisions = tuple(model_structure(model, authorities=authorities))
    return Evaluation(
        model=model,
        authorities=_expand(model, authorities)
        if authorities is not None
        else model.contracting_authorities(),
        bodies=bodies_t,
        criteria=criteria,
        summary=summary,
        not_applicable=na,
        coverage=cov,
        statute_checks=statute_checks(model, law),
        decisions=decisions,
        options={"all_bodies": all_bodies},
    )


# -- helpers ----------------------------------------------------------------------------------


def _expand(model: Model, ids: Iterable[str]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for x in ids:
        if x in model.groups:
            for m in model.groups[x].members:
                out.setdefault(m, None)
        elif x in model.actors:
            out.setdefault(x, None)
        else:
            raise KeyError(x)
    return tuple(out)


def _dedupe(bases: Iterable[Basis]) -> tuple[Basis, ...]:
    return tuple(dict.fromkeys(bases))


def _collapse(text: str) -> str:
    return _REGIONAL.sub("_<fylke>", text)


def _hops(steps: Iterable[Any]) -> str:
    """Steps as ``a —type→ b`` hops, per-fylke ids collapsed with a count (×15)."""
    counts: dict[str, int] = {}
    for s in steps:
        link = "" if s.link == "firm" else f"[{s.link}]"
        hop = _collapse(f"{s.source} —{s.type}{link}→ {s.target}")
        counts[hop] = counts.get(hop, 0) + 1
    return " ; ".join(f"{h} (×{n})" if n > 1 else h for h, n in counts.items())


def _pct(f: Fraction) -> str:
    """A share as a percentage with up to three decimals (exact value rounded for display)."""
    v = f * 100
    if v.denominator == 1:
        return f"{v.numerator} %"
    text = f"{float(v):.3f}".rstrip("0").rstrip(".")
    return f"{text} %"


def _few(ids: Sequence[str], n: int = 6) -> list[str]:
    ids = list(ids)
    return ids[:n] + ([f"+{len(ids) - n}"] if len(ids) > n else [])


def _example_cell(bc) -> Any:
    worst_kind = bc.weakest()
    for c in bc.cells:
        if c.link == worst_kind and c.link != "none":
            return c
    return None


__all__ = [
    "GRADES",
    "RANK",
    "Basis",
    "Element",
    "Evaluation",
    "Msg",
    "RuleText",
    "StatuteCheck",
    "Term",
    "Verdict",
    "decision_making_bodies",
    "evaluate",
    "evaluate_criteria",
    "statute_checks",
    "strategic_decisions",
    "worst",
    "best",
    "WEAKNESS",
]
