"""Start-up of the command line: commands are registered lazily, and the everyday commands
import no heavy library they do not use (each case runs in a fresh interpreter, since an
import cannot be undone in this one)."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import govmodel.commands as commands_pkg
from govmodel.cli import build_parser
from govmodel.commands import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
A = str(ROOT / "models" / "ownership_a.yaml")
HEAVY = ("numpy", "networkx", "textual", "rich")

# runs govmodel.cli.main on argv in this interpreter, then reports the exit status and which
# of the modules asked about were imported
PROBE = """
import contextlib, io, json, sys
from govmodel.cli import main
argv, asked = json.loads(sys.argv[1]), json.loads(sys.argv[2])
with contextlib.redirect_stdout(io.StringIO()):
    status = main(argv)
print(json.dumps([status, sorted(m for m in asked if m in sys.modules)]))
"""


def imported(
    argv: list[str], asked: list[str], env: dict[str, str] | None = None
) -> tuple[int, list[str]]:
    """Exit status of ``govmodel ARGV`` in a fresh interpreter (environment ``env``, by default
    this one's), and which of ``asked`` it imported."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(asked)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    status, found = json.loads(out.stdout.splitlines()[-1])
    return status, found


def test_every_command_module_is_listed_and_registers_its_own_name() -> None:
    modules = {
        info.name
        for info in pkgutil.iter_modules(commands_pkg.__path__)
        if hasattr(importlib.import_module(f"govmodel.commands.{info.name}"), "register")
    }
    assert {module for module, _ in COMMANDS.values()} == modules
    parser = build_parser()
    for name in COMMANDS:
        args = parser.parse_args([name, *_minimal_args(name)])
        assert args.command == name


def _minimal_args(name: str) -> list[str]:
    return {
        "coalition": [A, "--members", "ks"],
        "compare": [A, A],
        "coverage": [A],
    }.get(name, [])


def test_help_lists_every_command_without_importing_them() -> None:
    code = (
        "import sys, govmodel.cli as c\n"
        "text = c.build_parser().format_help()\n"
        "print(sorted(m for m in sys.modules if m.startswith('govmodel.commands.')))\n"
        "print(text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    first, _, help_text = out.partition("\n")
    assert first == "['govmodel.commands.args']"
    for name, (_, help_line) in COMMANDS.items():
        assert f"\n    {name}" in help_text
        assert help_line.split()[0] in help_text
    assert "check" in help_text and "show" in help_text


def test_a_command_s_help_shows_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["power", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--decision" in out and "--index" in out and "--reading" in out


def test_a_module_registering_another_name_is_refused() -> None:
    from govmodel.commands import LazySubcommands, _Declare

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, LazySubcommands))
    with pytest.raises(TypeError, match="COMMANDS"):
        _Declare(sub, "power").add_parser("powr")
    with pytest.raises(TypeError, match="COMMANDS"):
        _Declare(sub, "power").add_parser("power", help="a second help line")


def test_check_and_evaluate_import_no_heavy_library() -> None:
    assert imported(["check", A], list(HEAVY)) == (0, [])
    # evaluate prints with rich; it needs no numpy, networkx or Textual
    assert imported(["evaluate", A, "--no-sensitivity"], list(HEAVY)) == (0, ["rich"])


def test_power_from_the_result_cache_imports_no_numpy(tmp_path: Path) -> None:
    argv = ["power", A, "--decision", "ordinary", "--index", "banzhaf"]
    env = {k: v for k, v in os.environ.items() if k != "GOVMODEL_NO_CACHE"}
    env["GOVMODEL_CACHE_DIR"] = str(tmp_path)
    # computed: the table needs numpy; answered from the cache: nothing heavy
    assert imported(argv, list(HEAVY), env) == (0, ["numpy"])
    assert imported(argv, list(HEAVY), env) == (0, [])
