"""``govmodel tui [MODEL...]``: the terminal UI (default: models A and B).

Textual is imported inside the handler, so the other commands start without it.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    p = sub.add_parser("tui")
    p.add_argument(
        "models", nargs="*", metavar="MODEL", help="model files (default: models A and B)"
    )
    p.add_argument(
        "--lang", choices=("nb", "en"), help="language (default: from the locale, else English)"
    )
    p.add_argument("--theme", choices=("dark", "light"), default="dark")
    p.add_argument(
        "--scenario",
        metavar="FILE",
        help="start with this scenario as the what-if of its base model (without MODEL: the "
        "base alone; with MODELs: the first must be its base)",
    )
    commands["tui"] = run


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from govmodel.commands.args import UsageError

    for m in args.models:
        if not Path(m).is_file():
            raise UsageError(f"model file {m!r} not found")
    if args.scenario and not Path(args.scenario).is_file():
        raise UsageError(f"scenario file {args.scenario!r} not found")
    if args.scenario:
        # a scenario opens on the model it was written for (its base:), saved ones included
        from govmodel.changes import open_scenario

        base = open_scenario(args.scenario, args.models[0] if args.models else None).model_path
        if not args.models:
            args.models = [str(base)]
    if args.models or args.scenario:
        # refuse a bad model or scenario here, with located errors and exit 2 (cli.py), rather
        # than inside the full-screen UI; the built-in models are checked by CI
        from govmodel.commands.args import open_model

        for i, m in enumerate(args.models):
            open_model(m, args.scenario if i == 0 else None)

    # load the models in a forked child while this process imports Textual (tui/preload.py)
    from tui import data as D
    from tui import preload

    paths = [Path(m) for m in args.models] or D.default_model_paths()
    pre = preload.start(paths)

    from tui.app import GovApp
    from tui.i18n import default_lang

    app = GovApp(
        paths,
        lang=args.lang or default_lang(),
        theme=args.theme,
        scenario=args.scenario,
        preload=pre,
    )
    app.run()
    # an error that ended the app (Textual printed it) is an internal error: exit 1, not 0
    return app.return_code or 0
