"""The command palette's commands (Ctrl+P): the tabs, the models and variants, language and
theme, export, save, open and reset, and the scenario files in ``scenarios/``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui import data as D
from tui.i18n import tr
from tui.panes import PANES
from tui.render import display_path

if TYPE_CHECKING:
    from tui.app import GovApp


def system_commands(app: GovApp) -> Iterable[SystemCommand]:
    """The app's own commands, in the UI's language."""
    lang = app.lang
    for p in PANES:
        label = tr(f"tab.{p}", lang)[2:]
        yield SystemCommand(
            label, f"{label} ({tr(f'tab.{p}', lang)[0]})", lambda p=p: app.action_show_pane(p)
        )
    loaded = set()
    for i, e in enumerate(app.entries):
        loaded.add(e.path.resolve())
        yield SystemCommand(
            f"{tr('app.model', lang)}: {D.model_name(e.base, lang)}",
            display_path(str(e.path)),
            lambda i=i: app.select_model(i),
        )
    for path in D.variant_paths(e.path for e in app.entries):
        if path not in loaded:
            yield SystemCommand(
                f"{tr('app.open', lang)}: {D.variant_name(path, lang)}",
                str(path),
                lambda path=path: app.open_model(path),
            )
    yield SystemCommand(
        tr("key.lang", lang),
        tr("app.lang_now", "en" if lang == "nb" else "nb"),
        app.action_toggle_lang,
    )
    yield SystemCommand(tr("key.theme", lang), "dark / light", app.action_toggle_theme)
    if app.ready:
        yield SystemCommand(
            tr("dlg.export_title", lang),
            "Markdown / HTML / SVG / PNG / DOT",
            app.action_export,
        )
        yield SystemCommand(
            tr("dlg.save_title", lang), "scenarios/*.yaml", app.action_save_scenario
        )
        yield SystemCommand(tr("key.reset", lang), tr("tab.whatif", lang), app.action_reset_whatif)
        yield SystemCommand(tr("dlg.open_title", lang), "scenarios/ …", app.action_open_scenario)
        for path in sorted(Path.cwd().glob("scenarios/*.yaml")):
            yield SystemCommand(
                f"{tr('wi.extra', lang)}: {path.name}",
                str(path),
                lambda path=path: app.open_scenario(path),
            )
