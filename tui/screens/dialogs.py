"""Dialogs: save the what-if as a scenario file, export the report or the diagram, and the
confirmation asked before any existing file is overwritten."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tui import data as D
from tui import exports
from tui.i18n import t


class ConfirmScreen(ModalScreen[bool]):
    """Yes/no; dismisses with True only on the explicit confirm button (or y)."""

    BINDINGS = [
        Binding("escape,n", "no", "No"),
        Binding("y", "yes", "Yes"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, variant="warning", id="yes")
                yield Button(self.no_label, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class _FileDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def t(self, key: str, **kw: Any) -> str:
        return t(key, self.lang, **kw)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id == "ok":
            self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:  # pragma: no cover - overridden
        pass

    def error(self, msg: str) -> None:
        self.query_one("#dlg-error", Static).update(f"[$error]{escape(msg)}[/]")

    def _busy(self, busy: bool) -> None:
        for b in self.query(Button):
            b.disabled = busy
        if busy:
            self.query_one("#dlg-error", Static).update(self.t("dlg.writing"))

    @work(exclusive=True, group="write", description="write file", exit_on_error=False)
    async def write(self, do_write: Any, path: Path) -> None:
        """Write with ``do_write(overwrite)`` in a thread (a report with its sensitivity analysis
        takes a second or two); if the file exists, ask first."""
        self._busy(True)
        try:
            await asyncio.to_thread(do_write, False)
        except FileExistsError:
            ok = await self.app.push_screen_wait(
                ConfirmScreen(
                    self.t("dlg.exists", path=str(path)),
                    self.t("dlg.overwrite"),
                    self.t("dlg.cancel"),
                )
            )
            if not ok:
                self._busy(False)
                self.error(self.t("dlg.not_saved", msg=self.t("dlg.exists", path=str(path))))
                return
            try:
                await asyncio.to_thread(do_write, True)
            except Exception as exc:  # noqa: BLE001
                self._busy(False)
                self.error(self.t("dlg.not_saved", msg=D.error_text(exc)))
                return
        except Exception as exc:  # noqa: BLE001
            self._busy(False)
            self.error(self.t("dlg.not_saved", msg=D.error_text(exc)))
            return
        self.app.notify(self.t("dlg.exported", path=str(path)), timeout=6)
        self.dismiss(None)


class SaveScenarioScreen(_FileDialog):
    """Save the current what-if as a scenario file (atomic; asks before overwriting)."""

    def compose(self) -> ComposeResult:
        entry = self.app.entry  # type: ignore[attr-defined]
        default = Path("scenarios") / f"whatif-{entry.base.id}.yaml"
        name = entry.whatif.summary()
        with Vertical(classes="dialog"):
            yield Label(f"[b]{escape(self.t('dlg.save_title'))}[/]")
            yield Label(self.t("dlg.name"))
            yield Input(name, id="dlg-name", compact=True)
            yield Label(self.t("dlg.path"))
            yield Input(str(default), id="dlg-path", compact=True)
            yield Static("", id="dlg-error")
            with Horizontal(classes="buttons"):
                yield Button(self.t("dlg.ok"), variant="primary", id="ok")
                yield Button(self.t("dlg.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dlg-path", Input).focus()

    def submit(self) -> None:
        entry = self.app.entry  # type: ignore[attr-defined]
        path = Path(self.query_one("#dlg-path", Input).value.strip() or "whatif.yaml").expanduser()
        name = self.query_one("#dlg-name", Input).value.strip() or "what-if"
        ops = entry.whatif.ops(entry.base)
        text = D.scenario_text(ops, name, base=entry.path, save_dir=path.parent)

        def do_write(overwrite: bool) -> None:
            D.write_new_file(path, text, overwrite=overwrite)

        self.write(do_write, path)


class ExportScreen(_FileDialog):
    """Export the current report (Markdown/HTML) or diagram (SVG/PNG/PDF/DOT)."""

    def compose(self) -> ComposeResult:
        app: Any = self.app
        compare_doc = getattr(app.view("compare"), "doc", None)
        self.choices = exports.choices(app.entry, self.lang, compare_doc)
        with Vertical(classes="dialog"):
            yield Label(f"[b]{escape(self.t('dlg.export_title'))}[/]")
            yield Label(self.t("dlg.format"))
            options = [(c.label, c.key) for c in self.choices if c.available]
            first = options[0][1] if options else Select.BLANK
            yield Select(
                options, value=first, allow_blank=not options, id="dlg-format", compact=True
            )
            missing = [c for c in self.choices if not c.available]
            if missing:
                yield Static(
                    "[dim]" + escape("\n".join(f"{c.label}: {c.why}" for c in missing)) + "[/]",
                    id="dlg-missing",
                )
            yield Label(self.t("dlg.path"))
            yield Input(self._default_path(first), id="dlg-path", compact=True)
            yield Static("", id="dlg-error")
            with Horizontal(classes="buttons"):
                yield Button(self.t("dlg.ok"), variant="primary", id="ok", disabled=not options)
                yield Button(self.t("dlg.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dlg-path", Input).focus()

    def _default_path(self, key: Any) -> str:
        app: Any = self.app
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            return ""
        stem = app.model.id + ("-whatif" if app.entry.changed else "")
        if choice.kind == "compare":
            return f"comparison.{choice.ext}"
        return f"{stem}-{choice.kind}.{choice.ext}"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "dlg-format":
            event.stop()
            self.query_one("#dlg-path", Input).value = self._default_path(event.value)

    def submit(self) -> None:
        key = self.query_one("#dlg-format", Select).value
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            return
        path = Path(self.query_one("#dlg-path", Input).value.strip()).expanduser()

        def do_write(overwrite: bool) -> None:
            choice.write(path, overwrite)

        self.write(do_write, path)
