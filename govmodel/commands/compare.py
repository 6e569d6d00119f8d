"""``govmodel compare MODEL MODEL...``: how the models differ on control, side by side."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    from govmodel.commands.evaluate import add_memo_options

    p = sub.add_parser(
        "compare",
        description=__doc__,
    )
    p.add_argument("models", nargs="+", metavar="MODEL", help="two or more model files")
    p.add_argument("--scenario", metavar="FILE", help="apply a scenario overlay to every model")
    p.add_argument("--no-power", action="store_true", help="skip the voting-power summary (faster)")
    add_memo_options(p, date=False)
    commands["compare"] = run


def run(args: argparse.Namespace) -> int:
    import gc
    import json

    from govmodel.analysis.criteria import evaluate
    from govmodel.commands.args import UsageError, open_model
    from govmodel.commands.evaluate import check_output, color_wanted, emit, language
    from govmodel.report.compare import compare_doc, compare_json, power_summary
    from govmodel.report.writers import render

    if len(args.models) < 2:
        raise UsageError("compare needs at least two models")
    lang = language(args)
    check_output(args)
    from govmodel.commands.readings import chosen_readings

    readings = chosen_readings(args)
    models = [open_model(path, args.scenario, readings) for path in args.models]
    gc.freeze()
    evals = [evaluate(m) for m in models]
    if not args.no_sensitivity and args.format != "json":
        from dataclasses import replace

        from govmodel.analysis.sensitivity import sensitivity

        evals = [replace(ev, sensitivity=sensitivity(ev)) for ev in evals]
    powers = None if args.no_power else [power_summary(m, shapley=True) for m in models]
    text: str | bytes
    if args.format == "json":
        data = compare_json(evals, lang, powers)
        data.setdefault("readings", readings.summary(lang))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = render(
            compare_doc(evals, lang, powers, ids=args.ids), args.format, color=color_wanted(args)
        )
    emit(args, text)
    return 0
