"""``govmodel coalition MODEL --members ID,...``: what a coalition can force and block."""

from __future__ import annotations

import argparse
import json
import sys

from govmodel.commands.args import add_ids_option, add_lang_option, add_model_argument
from govmodel.errors import did_you_mean


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser("coalition")
    add_model_argument(p)
    p.add_argument(
        "--members",
        required=True,
        help="comma-separated actor or group ids, e.g. ks or kommuner,fylkeskommuner",
    )
    p.add_argument("--scenario", metavar="FILE")
    p.add_argument("--organ", action="append", help="limit to these organs (repeatable)")
    p.add_argument(
        "--direct", action="store_true", help="count only the coalition's own votes and seats"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang_option(p)
    add_ids_option(p)
    from govmodel.commands.readings import add_reading_option

    add_reading_option(p)
    commands["coalition"] = run


def run(args: argparse.Namespace) -> int:
    from govmodel.analysis.control import ControlAnalysis, graded
    from govmodel.commands.args import UsageError, id_list, open_model
    from govmodel.commands.readings import chosen_readings, readings_used
    from govmodel.report.coalition import coalition_doc, coalition_json
    from govmodel.report.writers import render_text

    model = open_model(args.model, args.scenario, chosen_readings(args))
    members = id_list(args.members, "--members") or []
    known = list(model.actors) + list(model.groups)
    for m in members:
        if m not in model.actors and m not in model.groups:
            raise UsageError(f"unknown actor or group {m!r}{did_you_mean(m, known)}")
    organs = args.organ or [o.id for o in model.organs.values() if o.deciding or o.kind == "board"]
    for o in organs:
        if o not in model.organs:
            raise UsageError(f"unknown organ {o!r}{did_you_mean(o, model.organs)}")
    an = ControlAnalysis(model, members, chains=not args.direct)
    results = [graded(an, o, d.id) for o in organs for d in model.organs[o].decisions]
    from govmodel.commands.evaluate import language

    if args.format == "json":
        data = coalition_json(model, members, results, args.direct, language(args))
        data.setdefault("readings", readings_used(model, "en"))
        json.dump(
            data,
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        doc = coalition_doc(model, members, results, args.direct, language(args), args.ids)
        text = render_text(doc, "text")
        sys.stdout.write(text)
    return 0
