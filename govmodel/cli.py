"""The ``govmodel`` command line.

Exit codes: 0 success, 2 invalid input (every problem printed as FILE:LINE:COL: message),
1 internal error (one line; the traceback only with ``--debug``).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# UsageError and id_list are re-exported for callers that know them from here
from govmodel.commands.args import UsageError as UsageError
from govmodel.commands.args import add_ids_option, add_lang_option, add_model_argument, open_model
from govmodel.commands.args import id_list as id_list
from govmodel.errors import GovmodelError, ModelError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INVALID = 2

DEFAULT_MODELS = ("models/ownership_a.yaml", "models/ownership_b.yaml")


def _safe_streams() -> None:
    """Standard output and error never fail on a character their encoding lacks
    (``PYTHONIOENCODING=ascii``, a C locale): such characters are written as ``\\xf8``-style
    escapes instead of ending the run with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "æøå—§".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                reconfigure(errors="backslashreplace")


def _default_models() -> list[str]:
    here = Path.cwd()
    found = [m for m in DEFAULT_MODELS if (here / m).is_file()]
    if not found:
        pkg_root = Path(__file__).resolve().parent.parent
        found = [str(pkg_root / m) for m in DEFAULT_MODELS if (pkg_root / m).is_file()]
    return found


def cmd_check(args: argparse.Namespace) -> int:
    """Validate model files; print every problem (and warnings with --warnings)."""
    status = EXIT_OK
    for path in args.models:
        if path is None:
            path = f"{args.scenario} (its base)"
            model_path = None
        else:
            model_path = path
        try:
            model = open_model(model_path, args.scenario)
        except ModelError as exc:
            for p in exc.problems:
                print(p, file=sys.stderr)
            print(
                f"{path}: invalid ({len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''})",
                file=sys.stderr,
            )
            status = EXIT_INVALID
            continue
        if args.warnings:
            for w in model.warnings:
                print(w, file=sys.stderr)
        extra = f", {len(model.warnings)} warning(s)" if model.warnings else ""
        print(
            f"{path}: ok — {model.name}: {len(model.organs)} organs, {len(model.actors)} actors, "
            f"{len(model.company.holders())} owners, {len(model.relations)} relations{extra}"
        )
    return status


def cmd_show(args: argparse.Namespace) -> int:
    from govmodel.report.show import show_text

    model = open_model(args.model, args.scenario)
    from govmodel.i18n import detect_lang

    lang = args.lang or detect_lang()
    sys.stdout.write(show_text(model, expand=args.expand, lang=lang, ids=args.ids))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "show": cmd_show,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govmodel",
        description="Governance models for DIF AS: control, voting power and the in-house criteria.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    from govmodel.commands import LazySubcommands, add_commands

    # the commands beyond check and show declare their options only when chosen
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=LazySubcommands)

    p = sub.add_parser("check", help="validate model files")
    p.add_argument(
        "models", nargs="*", metavar="MODEL", help="model files (default: models A and B)"
    )
    p.add_argument("--scenario", metavar="FILE", help="apply a scenario overlay")
    p.add_argument("--warnings", action="store_true", help="also print warnings")

    p = sub.add_parser(
        "show", help="print a model: owners, organs, decisions, relations, documents, assumptions"
    )
    add_model_argument(p)
    p.add_argument("--scenario", metavar="FILE")
    p.add_argument(
        "--expand", action="store_true", help="list every kommune and fylkeskommune holding"
    )
    add_lang_option(p)
    add_ids_option(p, "id and kind")

    add_commands(sub, COMMANDS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if getattr(args, "models", None) == [] and args.command in ("check",):
        # with a scenario alone, its base model is checked
        args.models = [None] if args.scenario else _default_models()
    return run_command(COMMANDS[args.command], args)


def run_command(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run ``command`` on the parsed ``args`` and turn what it raises into an exit code and a
    message: invalid input 2 (every problem located), an output that cannot be written 2, an
    interrupt 130, a closed pipe 0 quietly, anything else an internal error: 1 and one line
    (the traceback with ``--debug``)."""
    try:
        status = command(args)
        sys.stdout.flush()  # a full disk behind standard output is reported here, not at exit
        return status
    except ModelError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return EXIT_INVALID
    except GovmodelError as exc:  # usage, output, reading and data errors: the user's to fix
        print(f"govmodel {args.command}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            return _internal(exc, args.debug)
        _quiet_stdout()
        print(f"govmodel {args.command}: cannot write the output: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 1
        return _internal(exc, args.debug)


# Errors writing standard output (``> /dev/full``, a full disk or quota): the user's to fix.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _internal(exc: BaseException, debug: bool) -> int:
    if debug:
        import traceback  # only here: it imports the tokenizer, which start-up does not need

        traceback.print_exc()
    else:
        print(
            f"govmodel: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
    return EXIT_INTERNAL


def _quiet_stdout() -> None:
    """Drop what standard output still buffers, so the interpreter's flush at exit does not
    fail a second time on the same broken or full output."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
