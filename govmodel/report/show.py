"""``govmodel show``: a model as readable text (owners, organs, decisions, relations, documents,
assumptions), every element with its source."""

from __future__ import annotations

from collections import Counter

from govmodel.i18n import format as fmt
from govmodel.model import Model, Organ, Text


def _en(text: str) -> str:
    """The English of a model text: `show` is an English view (its headings are English)."""
    return text.get("en") if isinstance(text, Text) else text


def _pct(part: int, whole: int) -> str:
    return fmt.share_of(part, whole, "en", digits=2)


def _organ_lines(model: Model, o: Organ) -> list[str]:
    lines = [
        f"  {o.id} — {o.name} [{o.kind}{'' if o.role == '' else ': ' + o.role}, {o.part_of}]",
        f"      source: {o.provenance.label()}",
    ]
    if o.description:
        lines.append(f"      {_en(o.description)}")
    if o.shareholders:
        lines.append(
            f"      players: the {len(model.company.holders())} shareholders, one vote per share"
        )
    else:
        groups = Counter(s.group for s in o.seats)
        for g, n in groups.items():
            seats = [s for s in o.seats if s.group == g]
            first = seats[0]
            if first.holder and n == 1:
                who = f"held by {first.holder} ({model.name_of(first.holder)})"
            elif all(s.holder for s in seats):
                who = f"{n} seats held by their members"
            else:
                fillers = [
                    r
                    for r in model.relations
                    if r.type in ("elects", "appoints")
                    and r.target == o.id
                    and (not r.seats or g in r.seats)
                ]
                by = ", ".join(f"{r.source}.{r.decision}" for r in fillers) or "nobody"
                who = f"{n} seat{'s' if n != 1 else ''} filled by {by}"
            lines.append(
                f"      seat {g}: {who}; {first.votes} vote(s) each — {first.provenance.label()}"
            )
    for d in o.decisions:
        strat = " [strategic]" if d.strategic else ""
        lines.append(f"      decision {d.id} — {d.name}{strat}")
        lines.append(f"          rule: {d.rule.describe('en')}")
        lines.append(f"          source: {d.provenance.label()}")
        for c in d.cited:
            lines.append(f"          cited: {c.source} states {c.rule.describe('en')}")
    return lines


def show_text(model: Model, expand: bool = False) -> str:
    """The whole model as plain text, grouped by section."""
    c = model.company
    out = [
        f"{model.name}  ({model.id})",
        f"file: {model.path}",
        f"source: {model.provenance.label()}",
    ]
    if model.variant_of:
        out.append(f"variant of: {model.variant_of}")
    if model.scenario:
        out.append(f"scenario: {model.scenario}")
    if model.description:
        out.append("")
        out.append(model.description.strip())
    if not model.has_company:
        out += ["", "No company: a body of organs only (its organs and their decisions below)"]
    else:
        out += [
            "",
            f"Company: {c.name} ({c.id}), form {model.form.form} — {model.form.name}",
            f"  share capital: {c.share_capital} shares",
        ]
    for sc in c.share_classes:
        out.append(
            f"  share class {sc.id}: {sc.votes_per_share} vote(s) per share — {sc.provenance.label()}"
        )
    owned = [a for a in model.actors.values() if a.owners]
    if model.has_company or owned:
        out.append("")
        out.append("Owners and holdings:")
    for b in c.blocks:
        if b.is_group:
            members = [h for h in c.holdings if h.block == b.holder]
            sizes = [h.shares for h in members]
            rng = f"{min(sizes)}–{max(sizes)} each" if sizes else ""
            out.append(
                f"  {b.holder} ({model.name_of(b.holder)}): {b.shares} shares ({_pct(b.shares, c.share_capital)}), "
                f"allocated by {b.allocate} over {len(members)} members, {rng} — {b.provenance.label()}"
            )
            if expand:
                for h in members:
                    out.append(
                        f"      {h.holder:8} {model.name_of(h.holder):32} {h.shares:>7} ({_pct(h.shares, c.share_capital)})"
                    )
        else:
            out.append(
                f"  {b.holder} ({model.name_of(b.holder)}): {b.shares} shares ({_pct(b.shares, c.share_capital)}) — {b.provenance.label()}"
            )
    for a in owned:  # ownership between actors: a holding company and its owners
        total = sum(h.shares for h in a.owners)
        for h in a.owners:
            out.append(
                f"  {h.holder} ({model.name_of(h.holder)}) owns {h.shares} of {total} shares "
                f"({_pct(h.shares, total)}) of {a.id} ({a.name}, form {a.form}) — {h.provenance.label()}"
            )
    if model.has_company and not c.blocks:
        out.append("  (none)")
    out.append("")
    out.append("Organs:")
    for o in model.organs.values():
        if (
            o.fylke
            and not expand
            and not o.id.endswith(
                f"_{sorted({x.fylke for x in model.organs.values() if x.fylke})[0]}"
            )
        ):
            continue
        out += _organ_lines(model, o)
    regional = [o for o in model.organs.values() if o.fylke]
    if regional and not expand:
        out.append(
            f"  (… one per fylke: {len(regional)} regional organs in all; --expand lists them)"
        )
    out.append("")
    out.append("Relations:")
    for r in model.relations:
        if r.type in ("owns",) and not expand:
            continue
        extra = []
        if r.decision:
            extra.append(f"by {r.decision}")
        if r.to_decision:
            extra.append(f"for {r.to_decision}")
        if r.seats:
            extra.append(f"seats {', '.join(r.seats)}")
        if r.strength:
            extra.append(r.strength)
        if r.basis:
            extra.append(r.basis)
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(
            f"  {r.type:16} {r.source} -> {r.target}{tail} [{r.link}] — {r.provenance.label()}"
        )
    out.append("")
    out.append("Documents:")
    for d in model.documents.values():
        adopted = f", adopted by {d.adopted_by}" if d.adopted_by else ""
        out.append(f"  {d.id} — {d.name} [{d.kind}{adopted}] — {d.provenance.label()}")
        for k, v in d.clauses.items():
            out.append(f"      {k}: {v}")
    if model.activity:
        out.append("")
        out.append("Activity (turnover, NOK):")
        for y in model.activity:
            out.append(
                f"  {y.year}: total {y.total:,}, with the controlling authorities {y.with_controlling:,} ({_pct(y.with_controlling, y.total)})"
            )
    out.append("")
    out.append("Assumptions made in the model:")
    seen: set[str] = set()
    for loc_label, text in assumptions(model):
        key = f"{loc_label}|{text}"
        if key in seen:
            continue
        seen.add(key)
        out.append(f"  - {loc_label}: {_en(text)}")
    if model.warnings:
        out.append("")
        out.append("Warnings:")
        for w in model.warnings:
            out.append(f"  {w}")
    return "\n".join(out) + "\n"


def assumptions(model: Model) -> list[tuple[str, str]]:
    """Every (element, assumption text) pair of the model, in file order, regional ones once."""
    items: list[tuple[str, str]] = []

    def add(label: str, prov) -> None:
        if prov.assumption:
            items.append((label, prov.assumption))

    add("model", model.provenance)
    add(f"company {model.company.id}", model.company.provenance)
    for b in model.company.blocks:
        add(f"holding {b.holder}", b.provenance)
    seen_templates: set[str] = set()
    for o in model.organs.values():
        label = o.id if not o.fylke else o.id.replace(f"_{o.fylke}", "_<fylke>")
        if label in seen_templates:
            continue
        seen_templates.add(label)
        add(f"organ {label}", o.provenance)
        for g in o.seat_groups():
            seat = next(s for s in o.seats if s.group == g)
            add(f"seat {label}.{g}", seat.provenance)
        for d in o.decisions:
            add(f"decision {label}.{d.id}", d.provenance)
    for r in model.relations:
        add(f"relation {r.id}", r.provenance)
    for a in model.actors.values():
        if a.kind not in ("kommune", "fylkeskommune"):
            add(f"actor {a.id}", a.provenance)
    for y in model.activity[:1]:
        add("activity", y.provenance)
    # regional duplicates collapse to one line each
    dedup: dict[str, tuple[str, str]] = {}
    for label, text in items:
        norm = label
        for f in {o.fylke for o in model.organs.values() if o.fylke}:
            norm = norm.replace(f"_{f}", "_<fylke>")
        dedup.setdefault(f"{norm}|{text}", (norm, text))
    return list(dedup.values())
