"""``govmodel readings``: the open legal questions, their alternatives, defaults and sources; and
the ``--reading ID=VALUE`` option every analysing command shares."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from govmodel.jsonvalue import JsonObject
from govmodel.law.readings import ReadingError, Readings, load_readings

if TYPE_CHECKING:
    from govmodel.model import Model


def add_reading_option(p: argparse.ArgumentParser) -> None:
    """``--reading ID=VALUE`` (repeatable): switch a legal reading away from its default."""
    p.add_argument(
        "--reading",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="use another alternative of a legal reading (repeatable; `govmodel readings` "
        "lists them), e.g. ks_contracting_authority=no",
    )


def chosen_readings(args: argparse.Namespace) -> Readings:
    """The readings ``--reading`` chose (the defaults for the rest); a wrong id or value is a
    usage error (exit 2) naming the known ids or alternatives."""
    from govmodel.commands.args import UsageError

    try:
        return Readings.parse(getattr(args, "reading", None) or [])
    except ReadingError as exc:
        raise UsageError(str(exc)) from None


def readings_used(model: Model, lang: str) -> list[JsonObject]:
    """The legal readings ``model`` was evaluated under, for a JSON result (the defaults when
    none were applied)."""
    return (model.readings or Readings.default()).summary(lang)


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser(
        "readings",
        description=__doc__,
    )
    p.add_argument("--lang", choices=("nb", "en"), default=None, help="language of the texts")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_reading_option(p)
    commands["readings"] = run


def run(args: argparse.Namespace) -> int:
    from govmodel.i18n import detect_lang, translate

    lang = args.lang or detect_lang()
    _ = translate(lang)
    chosen = chosen_readings(args)
    catalogue = load_readings()
    if args.format == "json":
        records = chosen.summary(lang)
        for rec in records:
            r = catalogue[str(rec["id"])]
            rec["question"] = r.question[lang]
            rec["alternatives"] = [{"value": a.value, "text": a.text[lang]} for a in r.alternatives]
            rec["in_force"] = r.in_force.isoformat() if r.in_force else None
        json.dump({"readings": records}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    out: list[str] = []
    import textwrap  # here, not at the top: every analysing command imports this module

    wrap = textwrap.TextWrapper(width=96, initial_indent="    ", subsequent_indent="    ")
    for rid, value in chosen.items():
        r = catalogue[rid]
        out.append(f"{r.name[lang]} ({rid})")
        out.extend(wrap.wrap(r.question[lang]))
        for a in r.alternatives:
            marks = []
            if a.value == r.default:
                marks.append(_("default"))
            if a.value == value and value != r.default:
                marks.append(_("chosen"))
            mark = f" [{', '.join(marks)}]" if marks else ""
            out.append(f"    {'*' if a.value == value else '-'} {a.value}{mark}: {a.text[lang]}")
        sources = _("Sources")  # outside the f-string, where pybabel extract sees it
        out.append(f"    {sources}:")
        src = textwrap.TextWrapper(
            width=96, initial_indent="      – ", subsequent_indent="        "
        )
        for s in r.sources:
            out.extend(src.wrap(s))
        out.append("")
    sys.stdout.write("\n".join(out))
    return 0
