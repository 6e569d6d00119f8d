"""Reading govmodel.analysis.criteria for the UI (no Textual here): verdicts with their
reasoning rendered in the UI language, and the coverage matrix filtered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from govmodel.model import Model
from tui import results as R

if TYPE_CHECKING:
    from govmodel.analysis.coverage import Coverage
    from govmodel.analysis.criteria import Msg, Verdict

GRADE_GLYPH = {
    "satisfied": "✔✔",
    "satisfied_indirect": "✔",
    "conditional": "◐",
    "unknown": "?",
    "not_satisfied": "✘",
}
POP_BANDS = (
    ("all", None, None),
    ("<5k", 0, 5_000),
    ("5k–20k", 5_000, 20_000),
    ("20k–100k", 20_000, 100_000),
    (">100k", 100_000, None),
)


def grade_text(grade: str, lang: str) -> str:
    """A verdict grade in ``lang``: the glossary's one word for it (as the reports write it)."""
    return _term(grade, lang)


def link_text(kind: str, lang: str) -> str:
    """A coverage link kind in ``lang``: the glossary's one word for it."""
    return _term(kind, lang)


def _term(term_id: str, lang: str) -> str:
    from govmodel.i18n import translate
    from govmodel.i18n.glossary import label

    return translate(lang)(label(term_id))


def module() -> ModuleType:
    """The criteria engine (imported, never swallowed: an engine error is an error)."""
    from govmodel.analysis import criteria

    return criteria


def gettext_for(lang: str) -> Callable[[str], str]:
    """The message catalogue for ``lang`` (govmodel.i18n, as the reports use)."""
    from govmodel.i18n import translate

    return translate(lang)


@dataclass
class CriteriaResult:
    model: Model
    verdicts: tuple[Verdict, ...]  # summary first, then the criteria
    not_applicable: tuple[tuple[str, Msg], ...]
    coverage: Coverage


def evaluate(model: Model) -> CriteriaResult | None:
    """The criteria verdicts of ``model`` (remembered per model, :func:`tui.results.memo`)."""

    def compute() -> CriteriaResult:
        from govmodel.analysis.criteria import evaluate_criteria

        criteria, summary, na, cov = evaluate_criteria(model)
        # the engine leaves the coverage out only when told to reuse representation
        assert cov is not None
        return CriteriaResult(model, tuple(summary) + tuple(criteria), tuple(na), cov)

    return R.memo("criteria", model, None, compute)


def grades(model: Model) -> dict[str, str]:
    """criterion id -> grade (raises the engine's error: the what-if shows it)."""
    res = evaluate(model)
    return {} if res is None else {v.id: v.verdict for v in res.verdicts}


def names(model: Model, lang: str) -> dict[str, str]:
    """criterion id -> its name in ``lang`` (terms of art stay Norwegian in both)."""
    res = evaluate(model)
    if res is None:
        return {}
    out = {}
    for v in res.verdicts:
        name = v.name.get(lang) or v.name.get("en") or v.id if hasattr(v.name, "get") else v.id
        out[v.id] = name
    return out


def render(m: Msg | str | None, lang: str) -> str:
    """A Msg as text in ``lang`` (a plain text, or None, as ``str`` gives it)."""
    if m is not None and not isinstance(m, str):
        try:
            return m.render(gettext_for(lang), lang)
        except (KeyError, IndexError, ValueError):  # a template whose fields do not fit
            return str(getattr(m, "text", m))
    return str(m)


@dataclass(frozen=True)
class MatrixRow:
    authority: str
    name: str
    kind: str
    fylke: str
    population: int | None
    links: tuple[str, ...]  # one per body
    hops: tuple[str, ...]


def matrix(
    res: CriteriaResult,
    needle: str = "",
    fylke: str = "all",
    pop: str = "all",
    link: str = "all",
) -> list[MatrixRow]:
    model = res.model
    cov = res.coverage
    band = next((b for b in POP_BANDS if b[0] == pop), POP_BANDS[0])
    needle = needle.strip().lower()
    by_body = {b.body: {c.authority: c for c in b.cells} for b in cov.bodies}
    out = []
    for aid in cov.authorities:
        a = model.actors.get(aid)
        name = a.name if a else aid
        fy = (a.fylke or "") if a else ""
        popn = a.population if a else None
        if needle and needle not in name.lower() and needle not in aid.lower():
            continue
        if fylke != "all" and fy != fylke:
            continue
        if band[1] is not None and (popn is None or popn < band[1]):
            continue
        if band[2] is not None and (popn is None or popn >= band[2]):
            continue
        cells = [by_body[b.body].get(aid) for b in cov.bodies]
        links = tuple(c.link if c else "none" for c in cells)
        if link != "all" and link not in links:
            continue
        out.append(
            MatrixRow(
                aid,
                name,
                a.kind if a else "",
                fy,
                popn,
                links,
                tuple(c.hops if c else "" for c in cells),
            )
        )
    return out


def fylker(model: Model) -> list[tuple[str, str]]:
    """(fylkesnummer, name) of the fylker that have authorities, in number order."""
    seen: dict[str, str] = {}
    for a in model.actors.values():
        if a.fylke and a.contracting_authority is True:
            seen.setdefault(a.fylke, a.fylke)
    for a in model.actors.values():
        if a.kind == "fylkeskommune" and a.fylke in seen:
            seen[a.fylke] = a.name.replace(" fylkeskommune", "")
    for nr in seen:
        if seen[nr] == nr:
            # a fylke without a fylkeskommune among the actors (Oslo is both): the name of its
            # one authority, else the number
            only = [
                a.name
                for a in model.actors.values()
                if a.fylke == nr and a.contracting_authority is True
            ]
            if len(only) == 1:
                seen[nr] = only[0]
    return sorted(seen.items())


@dataclass(frozen=True)
class Flip:
    """A verdict or an element of one whose grade a what-if changed."""

    criterion: str  # the verdict's name
    element: str  # "" for the verdict itself, else the element's key (a decision, body, holder …)
    before: str
    after: str
    reason: Msg | None  # the first message of the new reasoning
    count: int = 1  # elements with the same change, folded into one line


def flips(before: CriteriaResult | None, after: CriteriaResult | None, lang: str) -> list[Flip]:
    """The verdicts and elements whose grade differs between ``before`` and ``after``, each with
    the reason the engine now gives; elements of one criterion with the same change are folded
    into one line (a what-if often moves hundreds of authorities the same way)."""
    if before is None or after is None:
        return []
    old = {v.id: v for v in before.verdicts}
    out: list[Flip] = []
    for v in after.verdicts:
        w = old.get(v.id)
        if w is None:
            continue
        name = v.name.get(lang) or v.name.get("en") or v.id if hasattr(v.name, "get") else v.id
        if w.verdict != v.verdict:
            out.append(
                Flip(name, "", w.verdict, v.verdict, v.reasoning[0] if v.reasoning else None)
            )
        was = {e.key: e for e in getattr(w, "elements", ())}
        folded: dict[tuple[str, str], Flip] = {}
        for e in getattr(v, "elements", ()):
            p = was.get(e.key)
            if p is None or p.verdict == e.verdict:
                continue
            k = (p.verdict, e.verdict)
            if k in folded:
                f = folded[k]
                folded[k] = Flip(f.criterion, f.element, f.before, f.after, f.reason, f.count + 1)
            else:
                reason = e.reasoning[0] if e.reasoning else None
                folded[k] = Flip(name, e.key, p.verdict, e.verdict, reason)
        out.extend(folded.values())
    return out
