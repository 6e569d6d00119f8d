"""Rows of the side-by-side comparison (no Textual here): one row per aspect, one value per
model, computed from the models with govmodel's public API."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govmodel.model import Model
from tui import data as D
from tui.i18n import t
from tui.render import level_text


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    values: tuple[str, ...]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass
class ModelFacts:
    """The expensive parts, computed once per model (in a worker)."""

    model: Model
    structures: dict[str, Any]  # decision key -> DecisionStructure (general meeting)
    effects: dict[str, D.Effect]
    power: dict[str, Any]  # unit -> Banzhaf on the ordinary resolution
    verdicts: dict[str, str]  # criterion -> verdict (when the criteria module exists)


_FACTS_LOCK = threading.Lock()
_FACTS_CACHE: dict[tuple, ModelFacts] = {}


def source_key(path: Path, ops: list[Any] | None = None) -> tuple:
    """What a model's facts depend on: its file, every YAML file it may include or build on
    (by modification time) and the what-if operations."""
    path = Path(path).resolve()
    stamps = []
    for folder in {path.parent, path.parent.parent}:
        for f in sorted(folder.glob("**/*.yaml")) if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                stamps.append((str(f), f.stat().st_mtime_ns))
    return (str(path), tuple(sorted(set(stamps))), repr(ops or []))


def cached_facts(
    key: tuple, model: Model, progress: Callable[[int, int], None] | None = None
) -> ModelFacts:
    """:func:`facts`, remembered for the process (switching back and forth is instant)."""
    with _FACTS_LOCK:
        hit = _FACTS_CACHE.get(key)
    if hit is not None:
        return hit
    out = facts(model, progress)
    with _FACTS_LOCK:
        if len(_FACTS_CACHE) > 64:
            _FACTS_CACHE.clear()
        _FACTS_CACHE[key] = out
    return out


def facts(model: Model, progress: Callable[[int, int], None] | None = None) -> ModelFacts:
    """Structures of the general meeting's decisions, control effects, power and verdicts."""
    from govmodel import decision_structure

    gm = D.general_meeting(model) or ""
    decisions = list(model.organs[gm].decisions) if gm else []
    total = len(decisions) + 3
    step = 0
    cache: dict = {}
    structures = {}
    for d in decisions:
        with contextlib.suppress(Exception):  # one bad decision must not hide the rest
            structures[d.key] = decision_structure(model, gm, d.id, cache)
        step += 1
        if progress:
            progress(step, total)
    fx = {e.key: e for e in D.effects(model)}
    step += 1
    if progress:
        progress(step, total)
    power: dict[str, Any] = {}
    if gm and model.organs[gm].has_decision("ordinary"):
        try:
            table = D.power_table(model, gm, "ordinary", shapley=False)
        except Exception:  # noqa: BLE001
            table = None
        if table is not None:
            for r in table.rows:
                if not r.group:
                    power[r.id] = r.banzhaf
            for s in table.sums:
                power[s.id] = s.banzhaf
    step += 1
    if progress:
        progress(step, total)
    verdicts = criteria_verdicts(model)
    step += 1
    if progress:
        progress(step, total)
    return ModelFacts(model, structures, fx, power, verdicts)


def criteria_verdicts(model: Model) -> dict[str, str]:
    """criterion id -> grade, when govmodel.analysis.criteria is there."""
    from tui import criteria as CR

    return CR.grades(model)


def _fmt_units(sets: tuple[tuple[str, ...], ...], model: Model, lang: str) -> str:
    if not sets:
        return t("cmp.nobody", lang)
    return " | ".join("+".join(_short_unit(model, u) for u in s) for s in sets)


def _short_unit(model: Model, u: str) -> str:
    return u


def _fb(pair: tuple[str | None, str | None] | None, lang: str) -> str:
    if pair is None:
        return "—"

    def one(v: str | None) -> str:
        return f"✔ {level_text(v, lang)}" if v else "✘"

    return f"{one(pair[0])} / {one(pair[1])}"


def compare_rows(all_facts: list[ModelFacts], lang: str) -> list[Row]:
    models = [f.model for f in all_facts]
    rows: list[Row] = []
    absent = "—"

    def add(section: str, label: str, fn: Callable[[ModelFacts], str]) -> None:
        vals = []
        for f in all_facts:
            try:
                vals.append(fn(f))
            except (KeyError, StopIteration, AttributeError):
                vals.append(absent)
        rows.append(Row(section, label, tuple(vals)))

    sec = t("cmp.sec.owners", lang)
    add(sec, t("cmp.form", lang), lambda f: f"{f.model.form.form}")
    add(sec, t("cmp.capital", lang), lambda f: str(f.model.company.share_capital))
    holders = list(dict.fromkeys(b.holder for m in models for b in m.company.blocks))
    for h in holders:
        name = next(m.name_of(h) for m in models if any(b.holder == h for b in m.company.blocks))

        def share(f: ModelFacts, h: str = h) -> str:
            c = f.model.company
            b = next((b for b in c.blocks if b.holder == h), None)
            if b is None:
                return absent
            alloc = f" ({t(f'wi.alloc.{b.allocate}', lang)})" if b.allocate else ""
            return D.pct(b.shares, c.share_capital) + alloc

        add(sec, name, share)
    add(sec, t("cmp.n_owners", lang), lambda f: str(len(f.model.company.holders())))

    sec = t("cmp.sec.organs", lang)
    organ_ids = list(dict.fromkeys(o.id for m in models for o in m.organs.values() if not o.fylke))
    for oid in organ_ids:
        name = next(m.organs[oid].name for m in models if oid in m.organs)

        def organ(f: ModelFacts, oid: str = oid) -> str:
            o = f.model.organs.get(oid)
            if o is None:
                return absent
            n = len(o.seats)
            return f"✔ ({n})" if n else "✔"

        add(sec, name, organ)

    sec = t("cmp.sec.docs", lang)
    kinds = list(dict.fromkeys(d.kind for m in models for d in m.documents.values()))
    for kind in kinds:
        name = next(d.name for m in models for d in m.documents.values() if d.kind == kind)

        def document(f: ModelFacts, kind: str = kind) -> str:
            return "✔" if any(d.kind == kind for d in f.model.documents.values()) else absent

        add(sec, name, document)

    gm_keys: list[tuple[str, str]] = []
    for m in models:
        gm = D.general_meeting(m)
        if gm:
            for d in m.organs[gm].decisions:
                if (d.key, d.name) not in gm_keys and all(k != d.key for k, _ in gm_keys):
                    gm_keys.append((d.key, d.name))
    sec = t("cmp.sec.rules", lang)
    for key, name in gm_keys:

        def rule(f: ModelFacts, key: str = key) -> str:
            oid, did = key.split(".", 1)
            return f.model.decision(oid, did).rule.describe(lang)

        add(sec, name, rule)
    sec = t("cmp.sec.block", lang)
    for key, name in gm_keys:

        def block(f: ModelFacts, key: str = key) -> str:
            st = f.structures[key]
            return _fmt_units(st.minimal_blocking_direct, f.model, lang)

        add(sec, name, block)

    control_keys = list(
        dict.fromkeys((e.key, e.name) for f in all_facts for e in f.effects.values())
    )
    sec = t("cmp.sec.ks", lang)
    for key, name in control_keys:

        def ks(f: ModelFacts, key: str = key) -> str:
            return _fb(f.effects[key].ks, lang)

        add(sec, name, ks)
    sec = t("cmp.sec.auth", lang)
    for key, name in control_keys:

        def auth(f: ModelFacts, key: str = key) -> str:
            return _fb(f.effects[key].auth, lang)

        add(sec, name, auth)

    sec = t("cmp.sec.power", lang)
    units = list(
        dict.fromkeys(u for f in all_facts for u in f.power if u in ("ks",) or u in f.model.groups)
    )
    for u in units:
        name = next(
            f.model.groups[u].name if u in f.model.groups else f.model.name_of(u)
            for f in all_facts
            if u in f.power
        )

        def power(f: ModelFacts, u: str = u) -> str:
            return D.fmt_index(f.power[u])

        add(sec, name, power)

    if any(f.verdicts for f in all_facts):
        from tui import criteria as CR

        sec = t("cmp.sec.findings", lang)
        for c in dict.fromkeys(c for f in all_facts for c in f.verdicts):

            def finding(f: ModelFacts, c: str = c) -> str:
                v = f.verdicts[c]
                return f"{CR.GRADE_GLYPH.get(v, '?')} {CR.grade_text(v, lang)}"

            add(sec, c, finding)

    add(
        t("cmp.sec.owners", lang) if False else t("br.assumptions", lang),
        t("cmp.n_assumptions", lang),
        lambda f: str(_n_assumptions(f.model)),
    )
    return rows


def _n_assumptions(model: Model) -> int:
    from govmodel.report.show import assumptions

    return len(assumptions(model))


# -- the comparison report (govmodel.report.compare), when it is there -----------------------------

_EVAL_CACHE: dict[tuple, Any] = {}
_POWER_SUMMARY_CACHE: dict[tuple, Any] = {}


def report_available() -> bool:
    return (
        D.optional("govmodel.report.compare") is not None
        and D.optional("govmodel.analysis.criteria") is not None
        and D.optional("govmodel.report.evaluation") is not None
    )


def evaluation(key: tuple, model: Model) -> Any:
    """govmodel.analysis.criteria.evaluate(model), remembered per source key."""
    with _FACTS_LOCK:
        hit = _EVAL_CACHE.get(key)
    if hit is not None:
        return hit
    from govmodel.analysis.criteria import evaluate

    ev = evaluate(model)
    with _FACTS_LOCK:
        if len(_EVAL_CACHE) > 64:
            _EVAL_CACHE.clear()
        _EVAL_CACHE[key] = ev
    return ev


def power_summary(key: tuple, model: Model) -> Any:
    with _FACTS_LOCK:
        if key in _POWER_SUMMARY_CACHE:
            return _POWER_SUMMARY_CACHE[key]
    from govmodel.report.compare import power_summary as summary

    try:
        out = summary(model)
    except Exception:  # noqa: BLE001 - the comparison stands without it
        out = None
    with _FACTS_LOCK:
        _POWER_SUMMARY_CACHE[key] = out
    return out


def report_doc(evals: list[Any], powers: list[Any] | None, lang: str) -> Any:
    from govmodel.report.compare import compare_doc

    return compare_doc(evals, lang, powers)


def render_report(doc: Any, fmt: str) -> str:
    from govmodel.report.writers import render_text

    return render_text(doc, fmt)


def letters(n: int) -> list[str]:
    """The model tags the comparison report uses (A, B, C ...)."""
    mod = D.optional("govmodel.report.compare")
    if mod is not None and hasattr(mod, "letters"):
        return list(mod.letters(n))
    return [chr(ord("A") + i) for i in range(n)]
