"""``govmodel power MODEL [--organ ID] [--decision ID]``: voting power of every player.

Without ``--decision`` every decision of the organ is computed in one run (decisions sharing a
game are computed once). Estimated indices are shown with their 95 % intervals.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from typing import TYPE_CHECKING

from govmodel.commands.args import add_model_argument
from govmodel.errors import did_you_mean

if TYPE_CHECKING:
    from govmodel.model import Model


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser("power")
    add_model_argument(p)
    p.add_argument(
        "--organ",
        default=None,
        help="organ id (default: generalforsamling; in a model without a company, its first "
        "deciding organ)",
    )
    p.add_argument(
        "--decision",
        default=None,
        help="decision id (default: every decision of the organ; with --chains: ordinary)",
    )
    p.add_argument("--index", choices=("banzhaf", "shapley-shubik", "all"), default="all")
    p.add_argument("--scenario", metavar="FILE")
    p.add_argument(
        "--chains",
        action="store_true",
        help="indirect power of the base players through chains of organs (estimated)",
    )
    p.add_argument("--samples", type=int, default=None, help="samples for estimated indices")
    p.add_argument(
        "--top", type=int, default=25, help="players shown in text output (default 25; 0 = all)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    from govmodel.commands.readings import add_reading_option

    add_reading_option(p)
    commands["power"] = run


def _num(v: Fraction | int) -> int | str:
    f = Fraction(v)
    return f.numerator if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def run(args: argparse.Namespace) -> int:
    from govmodel.commands.args import UsageError, open_model
    from govmodel.commands.readings import chosen_readings

    model = open_model(args.model, args.scenario, chosen_readings(args))
    if args.organ is None:
        args.organ = next(
            (o.id for o in model.organs.values() if not model.has_company and o.deciding),
            "generalforsamling",
        )
    if args.organ not in model.organs:
        raise UsageError(f"unknown organ {args.organ!r}{did_you_mean(args.organ, model.organs)}")
    organ = model.organs[args.organ]
    ids = [d.id for d in organ.decisions]
    if args.decision is not None and not organ.has_decision(args.decision):
        raise UsageError(
            f"organ {organ.id} has no decision {args.decision!r}{did_you_mean(args.decision, ids)}; decisions: {', '.join(ids)}"
        )
    if not ids:
        raise UsageError(f"organ {organ.id} has no decisions")
    if args.samples is not None and args.samples < 1:
        raise UsageError("--samples must be a positive number")
    indices = {
        "banzhaf": ("banzhaf",),
        "shapley-shubik": ("shapley_shubik",),
        "all": ("banzhaf", "shapley_shubik"),
    }[args.index]
    if args.chains:
        if args.decision is None:
            args.decision = "ordinary" if "ordinary" in ids else ids[0]
        return _run_chains(model, args)
    from govmodel.power.decision import DecisionPower, NoVoters, decision_power, organ_power

    chosen = [args.decision] if args.decision is not None else ids
    kwargs = {"samples": args.samples} if args.samples else {}
    docs, texts = [], []
    dps: list[DecisionPower | None]
    try:
        dps = list(organ_power(model, organ.id, tuple(chosen), indices=indices, **kwargs))
    except NoVoters:
        dps = []
    dps = dps or [None] * len(chosen)
    for did, dp in zip(chosen, dps, strict=True):
        try:
            if dp is None:
                dp = decision_power(model, organ.id, did, indices=indices, **kwargs)
        except NoVoters:
            loc = organ.provenance.loc
            where = f"{loc}: " if loc else ""
            raise UsageError(
                f"{where}organ {organ.name} ({organ.id}) has decisions but no seats or "
                "shareholders present: nobody can vote, so there is no voting power to compute"
            ) from None
        doc, text = _one(model, organ, did, dp, args)
        docs.append(doc)
        texts.append(text)
    if args.format == "json":
        out: dict = (
            docs[0]
            if args.decision is not None
            else {
                "model": model.id,
                "organ": organ.id,
                "decisions": docs,
            }
        )
        return _print_json(out, model)
    sys.stdout.write("\n\n".join(texts) + "\n")
    return 0


def _print_json(doc: dict, model: Model) -> int:
    """Print a JSON result with the legal readings it was computed under; exit status 0."""
    from govmodel.commands.readings import readings_used

    doc.setdefault("readings", readings_used(model, "en"))
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _pm(value: float | None, half: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if half is None else f"{value:.4f}±{half:.4f}"


def _one(model, organ, did: str, dp, args) -> tuple[dict, str]:
    """The JSON document and the text block of one decision."""
    from govmodel.power.decision import disagreement

    r = dp.result
    # an estimate's interval is around the raw Banzhaf value; the normalised one divides by the
    # (estimated) sum, so its interval is shown scaled the same way
    bz_scale = None
    if not r.exact and r.banzhaf_raw is not None and r.banzhaf is not None:
        total_raw = sum(float(x) for x in r.banzhaf_raw)
        bz_scale = 1 / total_raw if total_raw else None
    rows = []
    for i, p in enumerate(dp.players):
        row = {
            "id": p.id,
            "name": p.name,
            "weight": _num(p.votes),
            "banzhaf": float(r.banzhaf[i]) if r.banzhaf is not None else None,
            "banzhaf_raw": float(r.banzhaf_raw[i]) if r.banzhaf_raw is not None else None,
            "shapley_shubik": float(r.shapley_shubik[i]) if r.shapley_shubik is not None else None,
            "swings": r.swings[i] if r.swings is not None and r.exact else None,
        }
        if not r.exact:
            row["banzhaf_raw_ci95"] = (
                r.banzhaf_raw_halfwidth[i] if r.banzhaf_raw_halfwidth is not None else None
            )
            row["banzhaf_ci95"] = (
                r.banzhaf_raw_halfwidth[i] * bz_scale
                if r.banzhaf_raw_halfwidth is not None and bz_scale is not None
                else None
            )
            row["shapley_shubik_ci95"] = (
                r.shapley_shubik_halfwidth[i] if r.shapley_shubik_halfwidth is not None else None
            )
        rows.append(row)
    doc = {
        "model": model.id,
        "organ": organ.id,
        "decision": did,
        "rule": dp.rule,
        "quota": None if dp.quota is None else _num(dp.quota),
        "exact": dp.exact,
        "method": r.method,
        "players": rows,
    }
    if not dp.exact:
        doc["samples"] = r.samples
        doc["seed"] = r.seed
    d = model.decision(organ.id, did)
    out = [
        f"{model.name}",
        f"{organ.name} ({organ.id}) — {d.name} ({d.id})",
        f"rule: {dp.rule}  [{d.provenance.label()}]",
    ]
    total = sum((p.votes for p in dp.players), Fraction(0))
    if dp.quota is not None and total:
        out.append(
            f"weighted game: {len(dp.players)} players present, {_num(total)} votes, quota {_num(dp.quota)} ({float(dp.quota / total) * 100:.3f} % of the votes present)"
        )
    for r_ in model.relations:
        if (
            r_.type == "recommends"
            and r_.target == organ.id
            and r_.to_decision == did
            and r_.strength != "advisory"
        ):
            out.append(
                f"note: the decision also needs {r_.source}.{r_.decision} ({r_.strength}, {r_.provenance.label()}); --chains counts it"
            )
    out.append(
        f"indices: {'exact' if dp.exact else f'ESTIMATED from {r.samples} samples, seed {r.seed}; ± is a 95 % interval'} — {r.method}"
    )
    out.append("")
    key = "shapley_shubik" if args.index == "shapley-shubik" else "banzhaf"
    rows = sorted(rows, key=lambda x: (-(x[key] or 0), x["id"]))
    shown = rows if args.top == 0 else rows[: args.top]
    width = 8 if dp.exact else 15
    out.append(f"{'player':30} {'votes':>8} {'share':>7} {'Banzhaf':>{width}} {'SS':>{width}}")
    for row in shown:
        share = float(Fraction(row["weight"]) / total) if total else 0.0
        bz = _pm(row["banzhaf"], row.get("banzhaf_ci95"))
        ss = _pm(row["shapley_shubik"], row.get("shapley_shubik_ci95"))
        bar = "█" * round((row[key] or 0) * 30)
        out.append(
            f"{row['name'][:30]:30} {str(row['weight']):>8} {share * 100:6.2f}% {bz:>{width}} {ss:>{width}} {bar}"
        )
    if len(rows) > len(shown):
        out.append(f"… {len(rows) - len(shown)} more players (--top 0 lists all)")
    dis = disagreement(dp) if dp.exact else None
    if dis is not None:
        who = model.name_of(dis.player)  # a name, not the player's id
        out += [
            "",
            f"Why the indices disagree for {who} (Banzhaf {dis.banzhaf:.3f}, Shapley–Shubik {dis.shapley_shubik:.3f}):",
            f"  {who} turns a losing yes-side into a winning one when the others' yes-votes lie in {dis.window_low}–{dis.window_high}.",
            f"  Banzhaf counts every coalition of the others once: their yes-votes then average {dis.others_mean:.0f} with spread ±{dis.others_sd:.0f},",
            f"  so they fall in that window in {'almost every' if dis.banzhaf > 0.5 else 'few'} coalition(s).",
            f"  Shapley–Shubik counts orderings: the others' votes before {who} are spread evenly over 0–{dis.others_total},",
            f"  and the window covers {(dis.window_high - dis.window_low + 1) / max(dis.others_total, 1) * 100:.0f} % of that range.",
        ]
    return doc, "\n".join(out)


def _run_chains(model, args) -> int:
    from govmodel.power.indirect import indirect_power

    kwargs = {"samples": args.samples} if args.samples else {}
    ip = indirect_power(model, args.organ, args.decision, **kwargs)
    rows = [
        {
            "id": pid,
            "name": model.name_of(pid),
            "banzhaf": ip.banzhaf[i],
            "banzhaf_raw": ip.banzhaf_raw[i],
            "banzhaf_raw_ci95": ip.banzhaf_raw_halfwidth[i],
            "shapley_shubik": ip.shapley_shubik[i],
            "shapley_shubik_ci95": ip.shapley_shubik_halfwidth[i],
        }
        for i, pid in enumerate(ip.players)
    ]
    if args.format == "json":
        doc = {
            "model": model.id,
            "organ": args.organ,
            "decision": args.decision,
            "rule": model.decision(args.organ, args.decision).rule.describe("en"),
            "quota": None,
            "exact": False,
            "method": ip.method,
            "samples": ip.samples,
            "seed": ip.seed,
            "players": rows,
        }
        return _print_json(doc, model)
    rows.sort(key=lambda x: (-x["shapley_shubik"], x["id"]))
    shown = rows if args.top == 0 else rows[: args.top]
    out = [
        f"{model.name}",
        f"indirect power over {len(ip.players)} base players through chains of organs, {args.organ}.{args.decision}",
        f"ESTIMATED ({ip.method}, {ip.samples} samples, seed {ip.seed}); ± is a 95 % interval",
        "",
        f"{'player':30} {'Banzhaf raw':>18} {'SS':>18}",
    ]
    for row in shown:
        out.append(
            f"{row['name'][:30]:30} {row['banzhaf_raw']:8.4f} ±{row['banzhaf_raw_ci95']:7.4f} {row['shapley_shubik']:8.4f} ±{row['shapley_shubik_ci95']:7.4f}"
        )
    if len(rows) > len(shown):
        out.append(f"… {len(rows) - len(shown)} more players (--top 0 lists all)")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
