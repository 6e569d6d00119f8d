"""Sub-commands beyond check/show, one module each, registered lazily.

:data:`COMMANDS` names every command, the module that holds it and the one line
``govmodel --help`` shows for it. Only the module of the command that runs is imported: its
``register(subparsers, commands)`` declares the options (and a description) on the parser that
:func:`add_commands` made for it, and puts the handler into ``commands``. Adding a command means
adding a module here and its line in :data:`COMMANDS` (a test checks that the two agree).

Registration is lazy because importing every command module to build the parser cost about a
fifth of a ``govmodel power`` run; a command module still imports what it runs on (the analysis,
the reports, numpy, Babel, Textual) inside its handler, for the same reason.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence

# Any: argparse's own signatures (an action's values, a parser's keyword arguments), passed on
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, Unpack

Handler = Callable[[argparse.Namespace], int]

# command: (module in this package, the help line of `govmodel --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "coalition": (
        "coalition",
        "what a coalition of actors or groups can force and block, with the chains",
    ),
    "compare": (
        "compare",
        "compare models side by side: verdicts, representation, who passes and blocks, "
        "organs, thresholds, voting power",
    ),
    "coverage": (
        "coverage",
        "every contracting authority and its route into each body (csv, xlsx, ...)",
    ),
    "diagram": (
        "diagram",
        "draw a model as an org chart (SVG, PNG, PDF or DOT; needs Graphviz's dot)",
    ),
    "evaluate": (
        "evaluate",
        "evaluate the in-house criteria (anskaffelsesforskriften §§ 3-1 to 3-4)",
    ),
    "power": ("power", "Banzhaf and Shapley–Shubik power of every player of a decision"),
    "readings": (
        "readings",
        "list the legal readings: open questions of law, alternatives, defaults, sources",
    ),
    "tui": (
        "tui",
        "terminal UI: browse, compare, power, coalitions, what-if (default: models A and B)",
    ),
}


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    _SubParsers = argparse._SubParsersAction


class _SubcommandOptions(TypedDict):
    """The keyword arguments argparse constructs a sub-command action with (typeshed's
    ``argparse._SubParsersAction.__init__``)."""

    prog: str
    parser_class: type[argparse.ArgumentParser]
    dest: NotRequired[str]
    required: NotRequired[bool]
    help: NotRequired[str | None]
    metavar: NotRequired[str | tuple[str, ...] | None]


class LazySubcommands(_SubParsers):
    """The sub-command action of the ``govmodel`` parser: a command's options are declared
    when argparse chooses that command (to parse its arguments or print its ``--help``)."""

    def __init__(self, option_strings: Sequence[str], **kwargs: Unpack[_SubcommandOptions]) -> None:
        super().__init__(option_strings, **kwargs)
        self.lazy: dict[str, str] = {}  # command -> module, until its options are declared
        self.handlers: dict[str, Handler] = {}

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, Sequence) and values and isinstance(values[0], str):
            self.declare(values[0])
        super().__call__(parser, namespace, values, option_string)

    def declare(self, name: str) -> None:
        """Import the module of command ``name`` and let it declare its options (once)."""
        module_name = self.lazy.pop(name, None)
        if module_name is None:
            return
        module = importlib.import_module(f"{__name__}.{module_name}")
        module.register(_Declare(self, name), self.handlers)


class _Declare:
    """What a command module's ``register`` sees as the sub-parsers: ``add_parser`` returns the
    parser already made for the command (its help line is in :data:`COMMANDS`)."""

    def __init__(self, action: LazySubcommands, name: str) -> None:
        self._action = action
        self._name = name

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if name != self._name or set(kwargs) - {"description"}:
            raise TypeError(
                f"command module for {self._name!r} registers {name!r} with {sorted(kwargs)}; "
                "a command's help line belongs in govmodel.commands.COMMANDS"
            )
        parser = self._action._name_parser_map[name]
        if "description" in kwargs:
            parser.description = kwargs["description"]
        return parser


def add_commands(sub: _SubParsers, commands: dict[str, Handler]) -> None:
    """Add every command of :data:`COMMANDS` to ``sub`` (made with ``action=LazySubcommands``)
    with its help line; its options and its handler (put into ``commands``) come when argparse
    chooses it."""
    if not isinstance(sub, LazySubcommands):
        raise TypeError("add_commands needs sub-parsers made with action=LazySubcommands")
    sub.handlers = commands
    for name, (module, help_line) in COMMANDS.items():
        sub.add_parser(name, help=help_line)
        sub.lazy[name] = module
