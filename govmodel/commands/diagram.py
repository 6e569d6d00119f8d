"""``govmodel diagram``: draw a model as an org chart (SVG, PNG, PDF or DOT) with Graphviz.

The drawing is :mod:`govmodel.diagram`; this module only parses arguments, loads the models and
maps problems to exit codes: 0 written, 2 invalid input (bad model, unknown id to highlight or
expand, existing file without ``--force``, unknown format, an output that cannot be written),
1 when ``dot`` is missing for SVG/PNG/PDF (the DOT file is still written next to the requested
file). Several models are drawn side by side; ``--scenario`` draws a what-if diagram.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from govmodel.model import Model
from govmodel.output import write_output

if TYPE_CHECKING:
    from govmodel.diagram.render import Coverage

EXIT_OK = 0
MAX_SIDE_BY_SIDE = 4
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
    from govmodel.commands.args import UsageError, open_model

    paths = list(args.model)
    if len(paths) > MAX_SIDE_BY_SIDE:
        raise UsageError(f"at most {MAX_SIDE_BY_SIDE} models side by side, not {len(paths)}")
    if args.scenario and len(paths) > 1:
        raise UsageError("--scenario draws one model with and without it; give one MODEL")
    fmt = None
    if args.output and args.output != "-":
        try:
            fmt = D.format_for(args.output)
        except D.DiagramError as exc:
            return _fail(str(exc))
    # ModelError → exit 2 in cli.py; without MODEL, --scenario names its base
    models = [open_model(p, args.scenario) for p in paths or [None]]
    marks = None
    if args.scenario:  # a what-if diagram: mark what the scenario changed
        from govmodel.changes import open_scenario

        workspace = open_scenario(args.scenario, paths[0] if paths else None).workspace
        marks = D.compare_models(workspace.with_changes(()), models[0])
    coverages = None
    if args.color == "coverage":
        try:
            coverages = [coverage_for(m) for m in models]
        except ImportError:
            return _fail(COVERAGE_MISSING)
    layout = args.layout or ("slide" if len(models) > 1 else "document")
    options = {
        "color": args.color,
        "highlight": _ids(args.highlight),
        "expand": _ids(args.expand),
        "lang": args.lang,
        "layout": layout,
    }
    if fmt is None:  # no -o (or -o -): DOT on standard output
        try:
            if len(models) == 1:
                text = D.render_dot(
                    models[0], coverage=coverages[0] if coverages else None, marks=marks, **options
                )
            else:  # one positioned picture: needs Graphviz to lay the parts out
                text = D.render_side_by_side(models, "dot", coverages=coverages, **options).decode()
        except D.DiagramError as exc:
            return _fail(str(exc))
        except D.DotMissing:
            print(D.DOT_MISSING_MESSAGE, file=sys.stderr)
            return EXIT_NO_DOT
        write_output("-", text.encode("utf-8"))  # DOT is data: UTF-8 whatever the terminal's
        return EXIT_OK
    coverage: Coverage | Sequence[Coverage] = coverages
    if coverages is not None and len(models) == 1:
        coverage = coverages[0]
    try:
        path = D.write_diagram(
            models if len(models) > 1 else models[0],
            args.output,
            overwrite=args.force,
            coverage=coverage,
            marks=marks,
            **options,
        )
    except D.DiagramError as exc:
        return _fail(str(exc))
    except D.DotMissing as exc:
        print(D.DOT_MISSING_MESSAGE, file=sys.stderr)
        if exc.dot_path is not None:
            print(f"wrote {exc.dot_path} (DOT source; render it once Graphviz is installed)")
        elif exc.note:
            print(f"govmodel diagram: no DOT file written either: {exc.note}", file=sys.stderr)
        return EXIT_NO_DOT
    except RuntimeError as exc:  # dot failed on this model even without layout hints
        return _fail(f"Graphviz could not draw the diagram: {exc}", EXIT_NO_DOT)
    print(f"wrote {path}")
    if fmt == "dot" and not D.dot_available():
        print(D.DOT_MISSING_MESSAGE, file=sys.stderr)
    return EXIT_OK


def register(
    sub: argparse._SubParsersAction, commands: dict[str, Callable[[argparse.Namespace], int]]
) -> None:
    p = sub.add_parser(
        "diagram",
        description=(
            "Draw MODEL as an org chart with Graphviz, the title on top and the legend beside; "
            "several models side by side. The format follows the file name "
            "(.svg, .png, .pdf, .dot); without -o the DOT source goes to standard output. "
            "See docs/diagrams.md."
        ),
    )
    p.add_argument(
        "model",
        metavar="MODEL",
        nargs="*",
        help="model file; two or more are drawn side by side at one scale (A B -o ab.png); "
        "none with --scenario: the scenario's base",
    )
    p.add_argument(
        "--scenario",
        metavar="FILE",
        help="draw the model with this scenario applied, marking what it changed (what-if)",
    )
    p.add_argument(
        "--layout",
        choices=("document", "slide"),
        default=None,
        help="document: an org chart for reports (default for one model); slide: 16:9, "
        "1920 x 1080 px, legend beside (default for several models)",
    )
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
