"""What a scenario changed, for a what-if diagram: the model compared with and without it.

:func:`compare_models` looks at what a diagram shows — holdings, organs (seats, decision rules),
actors, relations and who is absent — and returns :class:`Marks`: the model ids whose drawing
changed (with a note saying how), the relations added or changed, and what was removed (which
the diagram can no longer draw, so the legend lists it). The comparison is of the loaded
models, so it marks what any kind of change did, whichever way the scenario expressed it.

>>> from govmodel.load import load_model
>>> a = load_model("models/ownership_a.yaml")
>>> compare_models(a, a).empty
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from govmodel.diagram.vocabulary import EDGE_TEXT
from govmodel.model import Model, Organ, Relation

Pair = tuple[str, str]  # (nb, en)
_KIND_WORDS = {"recommends": ("innstiller til", "recommends to")}
RelKey = tuple[str, str, str]  # (source, target, type)


@dataclass(frozen=True)
class Marks:
    """What changed: notes per model id, relations added or changed, things removed."""

    nodes: Mapping[str, tuple[Pair, ...]] = field(default_factory=dict)
    edges: frozenset[RelKey] = frozenset()
    removed: tuple[Pair, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.nodes or self.edges or self.removed)

    def node_changed(self, members: Iterable[str]) -> bool:
        return any(m in self.nodes for m in members)

    def node_notes(self, members: Iterable[str], lang: str) -> list[str]:
        """Short notes for a drawn node; a group node with many changed members counts them."""
        changed = [m for m in members if m in self.nodes]
        if not changed:
            return []
        if len(changed) > 2:
            return [f"Δ {len(changed)} " + ("endret" if lang == "nb" else "changed")]
        out: list[str] = []
        for m in changed:
            for nb, en in self.nodes[m]:
                text = "Δ " + (nb if lang == "nb" else en)
                if text not in out:
                    out.append(text)
        return out

    def edge_changed(self, relations: Iterable[Relation]) -> bool:
        """Whether the scenario changed any of the relations an edge draws."""
        return any(_key(r) in self.edges for r in relations)


def _key(r: Relation) -> RelKey:
    return (r.source, r.target, r.type)


def _rel_terms(r: Relation) -> tuple[object, ...]:
    return (r.link, r.strength, r.revocable, r.decision, r.to_decision, r.seats, r.basis)


def _holdings(model: Model) -> dict[str, int]:
    out: dict[str, int] = {}
    for h in model.company.holdings:
        out[h.holder] = out.get(h.holder, 0) + h.shares
    return out


def _organ_notes(old: Organ, new: Organ) -> list[Pair]:
    notes: list[Pair] = []
    if len(old.seats) != len(new.seats) or {s.holder for s in old.seats} != {
        s.holder for s in new.seats
    }:
        notes.append(("seter endret", "seats changed"))
    old_rules = {d.id: repr(d.rule) for d in old.decisions}
    new_rules = {d.id: repr(d.rule) for d in new.decisions}
    if old_rules != new_rules:
        notes.append(("vedtaksregel endret", "decision rule changed"))
    return notes


def compare_models(base: Model, changed: Model) -> Marks:
    """The differences a diagram of ``changed`` should mark, against ``base``."""
    nodes: dict[str, list[Pair]] = {}

    def note(any_id: str, pair: Pair) -> None:
        nodes.setdefault(any_id, [])
        if pair not in nodes[any_id]:
            nodes[any_id].append(pair)

    removed: list[Pair] = []
    old_h, new_h = _holdings(base), _holdings(changed)
    for holder in sorted(set(old_h) | set(new_h)):
        a, b = old_h.get(holder, 0), new_h.get(holder, 0)
        if a != b:
            nb = f"aksjer {a:,} → {b:,}".replace(",", "\u00a0")  # 33 400: Norwegian grouping
            note(holder, (nb, f"shares {a:,} → {b:,}"))
    for oid, organ in base.organs.items():
        if oid not in changed.organs:
            removed.append((organ.name, getattr(organ.name, "en", organ.name)))
            continue
        for pair in _organ_notes(organ, changed.organs[oid]):
            note(oid, pair)
    for oid in changed.organs:
        if oid not in base.organs:
            note(oid, ("ny", "new"))
    for aid, actor in base.actors.items():
        if aid not in changed.actors:
            removed.append((actor.name, getattr(actor.name, "en", actor.name)))
    for organ_id, absent in changed.attendance.items():
        if absent != base.attendance.get(organ_id, frozenset()):
            note(organ_id, ("oppmøte endret", "turnout changed"))
    old_rel = {_key(r): _rel_terms(r) for r in base.relations}
    new_rel = {_key(r): _rel_terms(r) for r in changed.relations}
    edges = frozenset(k for k, v in new_rel.items() if old_rel.get(k) != v)
    for k in old_rel:
        if k not in new_rel:
            src, dst, kind = k
            nb, en = EDGE_TEXT.get(kind) or _KIND_WORDS.get(kind, (kind, kind))
            ends = (base.name_of(src), base.name_of(dst))
            removed.append(
                (
                    f"{ends[0]} {nb} {ends[1]}",
                    f"{getattr(ends[0], 'en', ends[0])} {en} {getattr(ends[1], 'en', ends[1])}",
                )
            )
    return Marks({k: tuple(v) for k, v in nodes.items()}, edges, tuple(removed))
