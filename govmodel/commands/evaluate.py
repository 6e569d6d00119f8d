"""``govmodel evaluate MODEL``: the in-house criteria (utvidet egenregi) with reasoning, sources,
coverage, blocking structure, statute checks of cited rules and sensitivity."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govmodel.commands.args import add_ids_option, add_lang_option, add_model_argument

FORMATS = ("text", "md", "html", "docx", "json")


def add_output_options(p: argparse.ArgumentParser) -> None:
    """--format, --lang, -o/--output and --force, shared by evaluate and compare."""
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    add_lang_option(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def add_memo_options(p: argparse.ArgumentParser, *, date: bool) -> None:
    """What a memo command (evaluate, compare) takes after its own arguments:
    --no-sensitivity, the output options, --ids (and --date), --reading."""
    from govmodel.commands.readings import add_reading_option

    p.add_argument(
        "--no-sensitivity", action="store_true", help="skip the what-would-change analysis"
    )
    add_output_options(p)
    if date:
        add_report_options(p)
    else:
        add_ids_option(p)
    add_reading_option(p)


def add_report_options(p: argparse.ArgumentParser) -> None:
    """--ids and --date, for reports a person reads."""
    add_ids_option(p)
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the date the report's receipt carries (default: SOURCE_DATE_EPOCH, else today); "
        "the same input and date give the same bytes",
    )


def report_day(args: argparse.Namespace):
    """The receipt's date from --date or SOURCE_DATE_EPOCH (a usage error when malformed)."""
    from govmodel.commands.args import UsageError
    from govmodel.report.receipt import report_date

    try:
        return report_date(getattr(args, "date", None))
    except ValueError as exc:
        raise UsageError(f"bad date: {exc}; expected YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser(
        "evaluate",
        description=__doc__,
    )
    add_model_argument(p)
    p.add_argument("--scenario", metavar="FILE", help="apply a scenario overlay")
    p.add_argument(
        "--body",
        action="append",
        metavar="ORGAN",
        help="decision-making body to check for representation (repeatable; default: the "
        "supplier's general meeting and board)",
    )
    p.add_argument(
        "--all-bodies",
        action="store_true",
        help="require representation in every body, not only the supreme one",
    )
    p.add_argument(
        "--authorities",
        metavar="IDS",
        help="the participating contracting authorities, comma-separated actor or group ids "
        "(default: every contracting authority of the model), e.g. kommuner",
    )
    add_memo_options(p, date=True)
    commands["evaluate"] = run


def language(args: argparse.Namespace) -> str:
    from govmodel.i18n import detect_lang

    return args.lang or detect_lang()


def check_output(args: argparse.Namespace) -> None:
    """Refuse an existing ``--output`` (without --force) or a missing folder before the work."""
    from govmodel.commands.args import UsageError

    out = args.output
    if not out or out == "-":
        return
    if Path(out).is_dir():
        raise UsageError(f"cannot write {out}: it is a directory; give a file name")
    if Path(out).is_file() and not args.force:
        raise UsageError(f"{out} exists; use --force to overwrite it")
    if not Path(out).resolve().parent.is_dir():
        raise UsageError(f"cannot write {out}: no such directory")


def emit(args: argparse.Namespace, text: str | bytes) -> None:
    """Print ``text``, or write it to ``--output`` (``-`` is standard output) with
    :func:`govmodel.output.write_output`: atomically, never replacing an existing file without
    --force nor any file that is not a regular file."""
    from govmodel.output import write_output

    if not args.output:
        if isinstance(text, bytes):
            from govmodel.commands.args import UsageError

            if sys.stdout.isatty():
                raise UsageError("a Word document is binary: give -o FILE.docx")
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(text)
        return
    write_output(args.output, text, force=args.force)


def parse_authorities(model, text: str | None) -> list[str] | None:
    from govmodel.commands.args import UsageError, id_list
    from govmodel.errors import did_you_mean

    ids = id_list(text, "--authorities")
    if ids is None:
        return None
    known = list(model.actors) + list(model.groups)
    for x in ids:
        if x not in model.actors and x not in model.groups:
            raise UsageError(f"unknown actor or group {x!r}{did_you_mean(x, known)}")
    return ids


def color_wanted(args: argparse.Namespace) -> bool:
    return (
        not args.output
        and args.format == "text"
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )


def run(args: argparse.Namespace) -> int:
    import gc
    import json

    from govmodel.analysis.criteria import evaluate
    from govmodel.commands.args import UsageError, open_model
    from govmodel.errors import did_you_mean
    from govmodel.report.evaluation import evaluation_doc
    from govmodel.report.evaluation_json import evaluation_json
    from govmodel.report.writers import render

    lang = language(args)
    check_output(args)
    day = report_day(args)
    from govmodel.commands.readings import chosen_readings, readings_used

    model = open_model(args.model, args.scenario, chosen_readings(args))
    gc.freeze()  # the model lives to the end: keep the collector off it
    for b in args.body or ():
        if b not in model.organs:
            raise UsageError(f"unknown organ {b!r}{did_you_mean(b, model.organs)}")
    authorities = parse_authorities(model, args.authorities)
    ev = evaluate(model, bodies=args.body, all_bodies=args.all_bodies, authorities=authorities)
    if not args.no_sensitivity:
        from dataclasses import replace

        from govmodel.analysis.sensitivity import sensitivity

        ev = replace(
            ev,
            sensitivity=sensitivity(
                ev,
                bodies=args.body,
                all_bodies=args.all_bodies,
                authorities=authorities,
            ),
        )
    text: str | bytes
    if args.format == "json":
        data = evaluation_json(ev, lang, date=day)
        data.setdefault("readings", readings_used(model, lang))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        doc = evaluation_doc(ev, lang, ids=args.ids, date=day)
        text = render(doc, args.format, color=color_wanted(args))
    emit(args, text)
    return 0
