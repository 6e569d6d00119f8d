"""What every command does with its command-line arguments: the usage error, comma-separated id
options, and turning MODEL / ``--scenario`` / ``--reading`` into a model.

It lives here, below :mod:`govmodel.cli`, so that the command modules and the CLI share it
without a command importing the CLI that imports the commands.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from govmodel.errors import GovmodelError

if TYPE_CHECKING:  # imported when a command runs: `govmodel --help` stays fast
    from govmodel.law.readings import Readings
    from govmodel.model import Model


def add_model_argument(p: argparse.ArgumentParser) -> None:
    """The optional MODEL argument of a command that also takes ``--scenario``."""
    p.add_argument(
        "model",
        metavar="MODEL",
        nargs="?",
        help="model file (default with --scenario: the scenario's base)",
    )


class UsageError(GovmodelError):
    """A wrong command-line argument (exit 2, like invalid input)."""


def id_list(text: str | None, option: str) -> list[str] | None:
    """The ids of a comma-separated option (``--members ks,kommuner``); ``None`` when the option
    was not given. An option given with no ids (``--members ","``) is a usage error: running on
    an empty set would answer a question nobody asked.

    >>> id_list("ks, kommuner,ks", "--members")
    ['ks', 'kommuner']
    """
    if text is None:
        return None
    ids = list(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    if not ids:
        raise UsageError(f"{option} {text!r} names no ids; give comma-separated actor or group ids")
    return ids


def add_lang_option(p: argparse.ArgumentParser) -> None:
    """--lang: the language of the text, by default the locale's."""
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default=None,
        help="language (default: from LANGUAGE/LC_ALL/LC_MESSAGES/LANG; nb/no/nn give nb)",
    )


def add_ids_option(p: argparse.ArgumentParser, shown: str = "id") -> None:
    """--ids: each element's id (or more) after its name, for editing the model file."""
    p.add_argument(
        "--ids",
        action="store_true",
        help=f"show each element's {shown} in brackets after its name (for editing the model file)",
    )


def open_model(
    path: str | None, scenario: str | None = None, readings: Readings | None = None
) -> Model:
    """The model at ``path`` with the scenario applied, under the legal readings (None: the
    defaults). Without a path, the scenario's ``base:``; with one, it must be the scenario's
    base (if it names one): see :func:`govmodel.changes.scenario_base`. The model is made by a
    :class:`~govmodel.changes.Workspace`, so :func:`govmodel.changes.apply` can change it."""
    from govmodel.changes import Workspace, load_with_scenario
    from govmodel.law.readings import Readings

    readings = readings if readings is not None else Readings.default()
    if scenario is not None:
        return load_with_scenario(path, scenario, readings=readings)
    if path is None:
        raise UsageError("give a MODEL file, or --scenario FILE naming its base model")
    return Workspace.open(path).with_changes((), readings=readings)
