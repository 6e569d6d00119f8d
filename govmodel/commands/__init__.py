"""Sub-commands beyond check/show, one module each.

Every module in this package defines ``register(subparsers, commands)``, which adds its parser(s)
and puts its handler(s) into ``commands``. Modules are discovered in name order, so adding a
command means adding a module here and nothing else.

Every command module is imported to build the parser, whichever command runs, so a command
imports what it runs on (the analysis, the reports, numpy, Babel, Textual) inside its handler:
those imports inside functions are lazy on purpose, for start-up speed (`govmodel check` loads
no analysis).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable


def add_commands(
    sub: argparse._SubParsersAction, commands: dict[str, Callable[[argparse.Namespace], int]]
) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub, commands)
