"""``govmodel power MODEL [--organ ID] [--decision ID] [--lang nb|en]``: voting power of every
player.

Without ``--decision`` every decision of the organ is computed in one run (decisions sharing a
game are computed once). Estimated indices are shown with their 95 % intervals. The text is in
the language of ``--lang`` (default: the locale's), numbers formatted for it; JSON keeps ids
and plain numbers, with the method in that language.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from fractions import Fraction
from typing import TYPE_CHECKING

from govmodel.commands.args import add_lang_option, add_model_argument
from govmodel.errors import did_you_mean

if TYPE_CHECKING:
    from govmodel.model import Model
    from govmodel.power.decision import DecisionPower
    from govmodel.report.l10n import L10n


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser("power")
    add_model_argument(p)
    p.add_argument(
        "--organ",
        help="organ id (default: generalforsamling; in a model without a company, its first "
        "deciding organ)",
    )
    p.add_argument(
        "--decision",
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
    add_lang_option(p)
    from govmodel.commands.readings import add_reading_option

    add_reading_option(p)
    commands["power"] = run


def _num(v: Fraction | int) -> int | str:
    f = Fraction(v)
    return f.numerator if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def run(args: argparse.Namespace) -> int:
    from govmodel.commands.args import UsageError, open_model
    from govmodel.commands.evaluate import language
    from govmodel.commands.readings import chosen_readings
    from govmodel.report.l10n import L10n

    model = open_model(args.model, args.scenario, chosen_readings(args))
    t = L10n(language(args), model)
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
        return _run_chains(t, model, args)
    from govmodel.power.decision import NoVoters, decision_power, organ_power

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
        doc, text = _one(t, model, organ, did, dp, args)
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
        return _print_json(out, model, t.lang)
    sys.stdout.write("\n\n".join(texts) + "\n")
    return 0


def _print_json(doc: dict, model: Model, lang: str) -> int:
    """Print a JSON result with the legal readings it was computed under; exit status 0."""
    from govmodel.commands.readings import readings_used

    doc.setdefault("readings", readings_used(model, lang))
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _pm(t: L10n, value: float | None, half: float | None) -> str:
    """An index with four decimals for the language, and its interval's half-width if any."""
    from govmodel.i18n.format import index

    if value is None:
        return ""
    text = index(value, t.lang, 4)
    return text if half is None else f"{text}±{index(half, t.lang, 4)}"


def _votes(t: L10n, v: Fraction | int) -> str:
    """A number of votes for the language (a fraction of a vote stays exact: ``1/3``)."""
    from govmodel.i18n.format import fraction

    f = Fraction(v)
    return t.number(f.numerator) if f.denominator == 1 else fraction(f)


def _one(t: L10n, model, organ, did: str, dp: DecisionPower, args) -> tuple[dict, str]:
    """The JSON document and the text block of one decision."""
    from govmodel.power.decision import disagreement
    from govmodel.report.unverified import rule_mark, unverified_by_decision

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
        # the law entries not verified against the statute text that the rule rests on
        "unverified_law": [e.law for e in unverified_by_decision(model).get((organ.id, did), [])],
        "quota": None if dp.quota is None else _num(dp.quota),
        "exact": dp.exact,
        "method": t.msg(r.method),
        "players": rows,
    }
    if not dp.exact:
        doc["samples"] = r.samples
        doc["seed"] = r.seed
    from govmodel.report.l10n import rule_text
    from govmodel.report.power_text import disagreement_text

    d = model.decision(organ.id, did)
    level = t.percent(Fraction(95, 100), 0)
    out = [
        t.text(model.name),
        t("{organ} — {decision}").format(organ=t.text(organ.name), decision=t.text(d.name)),
        t("Rule: {rule} [{source}]").format(
            # as the report's table of decisions: a rule from unverified law says so
            rule=rule_text(t, d.rule) + (f" {rule_mark(t)}" if doc["unverified_law"] else ""),
            source=t.source(d.provenance),
        ),
    ]
    total = sum((p.votes for p in dp.players), Fraction(0))
    if dp.quota is not None and total:
        out.append(
            t(
                "Weighted game: {n} players present, {votes} votes, quota {quota} ({share} of the "
                "votes present)"
            ).format(
                n=len(dp.players),
                votes=_votes(t, total),
                quota=_votes(t, dp.quota),
                share=t.percent(dp.quota / total, 3),
            )
        )
    for r_ in model.relations:
        if (
            r_.type == "recommends"
            and r_.target == organ.id
            and r_.to_decision == did
            and r_.strength != "advisory"
        ):
            out.append(
                t(
                    "Note: the decision also needs {decision} ({strength}; {source}); --chains "
                    "counts it"
                ).format(
                    decision=t.name(f"{r_.source}.{r_.decision}"),
                    strength=t.term(r_.strength),
                    source=t.source(r_.provenance),
                )
            )
    if dp.exact:
        out.append(t("Indices: exact — {method}").format(method=t.msg(r.method)))
    else:
        out.append(
            t(
                "Indices: estimated from {samples} samples, seed {seed}; ± is a {level} "
                "confidence interval — {method}"
            ).format(
                samples=t.number(r.samples or 0),
                seed=r.seed,
                level=level,
                method=t.msg(r.method),
            )
        )
    out.append("")

    def value(index: tuple[Fraction, ...] | None, i: int) -> float | None:
        return float(index[i]) if index is not None else None

    key = r.shapley_shubik if args.index == "shapley-shubik" else r.banzhaf
    order = sorted(range(len(dp.players)), key=lambda i: (-(value(key, i) or 0), dp.players[i].id))
    shown = order if args.top == 0 else order[: args.top]
    width = 8 if dp.exact else 15
    head = (t("player"), t("votes"), t("share"))  # outside the f-string, to be extracted
    out.append(f"{head[0]:30} {head[1]:>8} {head[2]:>8} {'Banzhaf':>{width}} {'SS':>{width}}")
    for i in shown:
        p = dp.players[i]
        bz_half = ss_half = None
        if not r.exact:  # the intervals, as in the JSON rows
            if r.banzhaf_raw_halfwidth is not None and bz_scale is not None:
                bz_half = r.banzhaf_raw_halfwidth[i] * bz_scale
            if r.shapley_shubik_halfwidth is not None:
                ss_half = r.shapley_shubik_halfwidth[i]
        share = t.percent(p.votes / total, 2) if total else "–"
        bz = _pm(t, value(r.banzhaf, i), bz_half)
        ss = _pm(t, value(r.shapley_shubik, i), ss_half)
        bar = "█" * round((value(key, i) or 0) * 30)
        name = t.text(p.name)[:30]
        out.append(
            f"{name:30} {_votes(t, p.votes):>8} {share:>8} {bz:>{width}} {ss:>{width}} {bar}"
        )
    if len(order) > len(shown):
        out.append(t("… {n} more players (--top 0 lists all)").format(n=len(order) - len(shown)))
    dis = disagreement(dp) if dp.exact else None
    if dis is not None:
        text = disagreement_text(
            t, t.text(d.name), t.name(dis.player), dis, dp.form.scale if dp.form else 1
        )
        out += ["", t("Why the indices disagree") + ":", *textwrap.wrap(text, 100)]
    return doc, "\n".join(out)


def _run_chains(t: L10n, model, args) -> int:
    from govmodel.power.indirect import indirect_power

    kwargs = {"samples": args.samples} if args.samples else {}
    ip = indirect_power(model, args.organ, args.decision, **kwargs)
    rows = [
        {
            "id": pid,
            "name": t.name(pid),
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
            "method": t.msg(ip.method),
            "samples": ip.samples,
            "seed": ip.seed,
            "players": rows,
        }
        return _print_json(doc, model, t.lang)
    order = sorted(range(len(ip.players)), key=lambda i: (-ip.shapley_shubik[i], ip.players[i]))
    shown = order if args.top == 0 else order[: args.top]
    head = (t("player"), t("Banzhaf, raw"))  # outside the f-string, to be extracted
    out = [
        t.text(model.name),
        t("Indirect power of {n} base players through chains of organs: {decision}").format(
            n=len(ip.players), decision=t.name(f"{args.organ}.{args.decision}")
        ),
        t(
            "Estimated ({method}; {samples} samples, seed {seed}); ± is a {level} confidence interval"
        ).format(
            method=t.msg(ip.method),
            samples=t.number(ip.samples),
            seed=ip.seed,
            level=t.percent(Fraction(95, 100), 0),
        ),
        "",
        f"{head[0]:30} {head[1]:>18} {'SS':>18}",
    ]
    for i in shown:
        bz = _pm(t, ip.banzhaf_raw[i], ip.banzhaf_raw_halfwidth[i])
        ss = _pm(t, ip.shapley_shubik[i], ip.shapley_shubik_halfwidth[i])
        out.append(f"{t.name(ip.players[i])[:30]:30} {bz:>18} {ss:>18}")
    if len(order) > len(shown):
        out.append(t("… {n} more players (--top 0 lists all)").format(n=len(order) - len(shown)))
    sys.stdout.write("\n".join(out) + "\n")
    return 0
