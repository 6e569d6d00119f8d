"""Presentation of what a coalition can force and block (text and JSON-ready dicts)."""

from __future__ import annotations

from typing import Any

from govmodel.analysis.control import Chain, DecisionControl, Outcome
from govmodel.model import Model
from govmodel.regions import collapse_regional


def hops_text(steps) -> str:
    """Steps as ``a —type→ b`` hops in order; per-fylke organs collapse to ``_<fylke>`` (×n)."""
    counts: dict[str, int] = {}
    for s in steps:
        link = "" if s.link == "firm" else f"[{s.link}]"
        hop = collapse_regional(f"{s.source} —{s.type}{link}→ {s.target}")
        counts[hop] = counts.get(hop, 0) + 1
    return " ; ".join(f"{h} (×{n})" if n > 1 else h for h, n in counts.items())


def chain_text(model: Model, player: str, chain: Chain) -> str:
    """How the coalition reaches ``player``: the hops from the coalition up to the player."""
    if not chain.steps:
        return f"{player} (own votes or seat)"
    return f"{player} ⇐ {hops_text(chain.steps)}"


def outcome_lines(model: Model, out: Outcome, indent: str = "      ") -> list[str]:
    lines = [f"{indent}{out.reason}"]
    direct = [pid for pid, ch in out.controlled if not ch.steps]
    indirect = [(pid, ch) for pid, ch in out.controlled if ch.steps]
    if direct:
        shown = ", ".join(direct[:6]) + (f" … (+{len(direct) - 6})" if len(direct) > 6 else "")
        lines.append(f"{indent}own votes/seats: {shown}")
    seen: set[str] = set()
    for pid, ch in indirect:
        sig = collapse_regional(hops_text(ch.steps))
        if sig in seen:
            continue
        seen.add(sig)
        lines.append(f"{indent}via chain: {collapse_regional(pid)} ⇐ {sig}")
        if len(seen) >= 4:
            lines.append(f"{indent}… {len(indirect) - 4} more players reached the same way")
            break
    for rid, strength, sub in out.recommendations:
        if sub is None:
            lines.append(f"{indent}recommendation {rid} ({strength}): gives no control")
        else:
            lines.append(
                f"{indent}recommendation {rid} ({strength}): {'yes' if sub.possible else 'no'} — {sub.reason}"
            )
    weak = [s for s in out.rests_on if s.link != "firm"]
    for s in dict.fromkeys(weak):
        lines.append(f"{indent}rests on {s.link} link {s.relation}: {s.provenance}")
    return lines


def coalition_text(
    model: Model, members: list[str], results: list[DecisionControl], direct: bool
) -> str:
    names = ", ".join(f"{m} ({model.name_of(m)})" for m in members)
    mode = (
        "own votes and seats only"
        if direct
        else "own votes and seats, and every chain of appointments, instructions, proxies and recommendations"
    )
    out = [f"Coalition {names} in {model.name}", f"counting {mode}", ""]
    out.append(f"{'decision':44} {'force':14} block")
    for r in results:
        f = f"yes ({r.force.level})" if r.force.possible else "no"
        b = f"yes ({r.block.level})" if r.block.possible else "no"
        if not r.block.applicable:
            b = "n/a (minority right)"
        out.append(f"{r.key:44} {f:14} {b}")
    out.append("")
    for r in results:
        d = model.decision(r.organ, r.decision)
        out.append(f"{r.key} — {d.name}: {d.rule.describe('en')} [{d.provenance.label()}]")
        out.append(f"   force: {f'yes, {r.force.level}' if r.force.possible else 'no'}")
        out += outcome_lines(model, r.force)
        if not r.block.applicable:
            out.append("   block: not applicable (a minority right has no blocking side)")
        else:
            out.append(f"   block: {f'yes, {r.block.level}' if r.block.possible else 'no'}")
            out += outcome_lines(model, r.block)
        out.append("")
    return "\n".join(out)


def outcome_json(out: Outcome) -> dict[str, Any]:
    return {
        "possible": out.possible,
        "applicable": out.applicable,
        "level": out.level,
        "reason": out.reason,
        "players": [
            {
                "player": pid,
                "chain": [
                    {
                        "relation": s.relation,
                        "type": s.type,
                        "link": s.link,
                        "from": s.source,
                        "to": s.target,
                    }
                    for s in ch.steps
                ],
            }
            for pid, ch in out.controlled
        ],
        "recommendations": [
            {
                "relation": rid,
                "strength": strength,
                "possible": None if sub is None else sub.possible,
            }
            for rid, strength, sub in out.recommendations
        ],
        "rests_on": [
            {"relation": s.relation, "type": s.type, "link": s.link, "source": s.provenance}
            for s in out.rests_on
        ],
    }


def coalition_json(
    model: Model, members: list[str], results: list[DecisionControl], direct: bool
) -> dict[str, Any]:
    return {
        "model": {"id": model.id, "name": model.name},
        "coalition": members,
        "direct_only": direct,
        "decisions": [
            {
                "organ": r.organ,
                "decision": r.decision,
                "force": outcome_json(r.force),
                "block": outcome_json(r.block),
            }
            for r in results
        ],
    }
