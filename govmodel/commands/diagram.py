"""``govmodel diagram``: draw a model as an org chart (SVG, PNG, PDF or DOT) with Graphviz.

The drawing is :mod:`govmodel.diagram`; this module only parses arguments, loads the model and
maps problems to exit codes: 0 written, 2 invalid input (bad model, unknown id to highlight or
expand, existing file without ``--force``, unknown format), 1 when ``dot`` is missing for
SVG/PNG/PDF (the DOT file is still written next to the requested file).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping

from govmodel.model import Model

EXIT_OK = 0
EXIT_NO_DOT = 1
EXIT_INVALID = 2

COVERAGE_MISSING = "coverage colouring needs the criteria analysis (govmodel.analysis.criteria)"


def coverage_for(model: Model) -> Mapping[str, str]:
    """For ``--color coverage``: node id → coverage kind (see
    :data:`govmodel.diagram.COVERAGE_KINDS`) from the coverage analysis."""
    from govmodel.analysis.coverage import coverage_by_node

    return coverage_by_node(model)


def _ids(values: list[str] | None) -> list[str]:
    """``--highlight a,b --highlight c`` → ``[a, b, c]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _fail(message: str, code: int = EXIT_INVALID) -> int:
    print(f"govmodel diagram: {message}", file=sys.stderr)
    return code


def cmd_diagram(args: argparse.Namespace) -> int:
    from govmodel import diagram as D
    from govmodel.cli import _load

    fmt = None
    if args.output and args.output != "-":
        try:
            fmt = D.format_for(args.output)
        except D.DiagramError as exc:
            return _fail(str(exc))
    model = _load(args.model, args.scenario)  # ModelError → exit 2 in cli.py
    coverage = None
    if args.color == "coverage":
        try:
            coverage = coverage_for(model)
        except ImportError:
            return _fail(COVERAGE_MISSING)
    options = {
        "color": args.color,
        "highlight": _ids(args.highlight),
        "expand": _ids(args.expand),
        "lang": args.lang,
        "coverage": coverage,
    }
    if fmt is None:  # no -o (or -o -): DOT on standard output
        try:
            sys.stdout.write(D.render_dot(model, **options))
        except D.DiagramError as exc:
            return _fail(str(exc))
        return EXIT_OK
    try:
        path = D.write_diagram(model, args.output, overwrite=args.force, **options)
    except D.OutputExists as exc:
        return _fail(f"{exc.path} exists; use --force to overwrite it")
    except D.DiagramError as exc:
        return _fail(str(exc))
    except D.DotMissing as exc:
        print(D.DOT_MISSING_MESSAGE, file=sys.stderr)
        if exc.dot_path is not None:
            print(f"wrote {exc.dot_path} (DOT source; render it once Graphviz is installed)")
        elif exc.note:
            print(f"govmodel diagram: no DOT file written either: {exc.note}", file=sys.stderr)
        return EXIT_NO_DOT
    print(f"wrote {path}")
    if fmt == "dot" and not D.dot_available():
        print(D.DOT_MISSING_MESSAGE, file=sys.stderr)
    return EXIT_OK


def register(
    sub: argparse._SubParsersAction, commands: dict[str, Callable[[argparse.Namespace], int]]
) -> None:
    p = sub.add_parser(
        "diagram",
        help="draw a model as an org chart (SVG, PNG, PDF or DOT; needs Graphviz's dot)",
        description=(
            "Draw MODEL as an org chart with Graphviz. The format follows the file name "
            "(.svg, .png, .pdf, .dot); without -o the DOT source goes to standard output. "
            "See docs/diagrams.md."
        ),
    )
    p.add_argument(
        "model",
        metavar="MODEL",
        nargs="?",
        help="model file (default with --scenario: the scenario's base)",
    )
    p.add_argument("--scenario", metavar="FILE", help="apply a scenario overlay")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="output file: FILE.svg, .png, .pdf or .dot"
    )
    p.add_argument(
        "--color",
        choices=("kind", "coverage"),
        default="kind",
        help="colour nodes by kind (default) or by the in-house coverage verdicts",
    )
    p.add_argument(
        "--highlight",
        action="append",
        metavar="ID,...",
        help="mark organs, actors, groups or decisions (organ.decision); repeatable",
    )
    p.add_argument(
        "--expand",
        action="append",
        metavar="GROUP",
        help="draw a collapsed group in full: kommuner, fylkeskommuner, fylker; repeatable",
    )
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="labels in Norwegian (default) or with English glosses",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    commands["diagram"] = cmd_diagram
