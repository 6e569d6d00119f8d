"""Dialogs: save the what-if as a scenario file, export the report or the diagram, and the
confirmation asked before any existing file is overwritten."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Select, Static

from tui import data as D
from tui import exports
from tui import whatif_form as W
from tui.i18n import tr

if TYPE_CHECKING:
    from textual.widgets import Tree
    from textual.widgets.directory_tree import DirEntry


def _error_text(exc: BaseException) -> str:
    """An output error is a sentence for the user (what and why); anything else is named."""
    from govmodel.output import OutputError

    return str(exc) if isinstance(exc, OutputError) else D.error_text(exc)


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


class PathInput(Input):
    """A text field for a file name or path where Ctrl+A selects the whole text (as in a
    desktop file dialog; Home still goes to the start), so a typed name replaces it."""

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]


def path_and_buttons(
    tr: Callable[[str], str], path: str, ok: str, ok_disabled: bool = False
) -> ComposeResult:
    """The end of every file dialog: the path field (``#dlg-path``, holding ``path``), the line
    for errors (``#dlg-error``), and the buttons ``#ok`` (labelled with the text of ``ok``)
    and ``#cancel``, which the dialogs' handlers read."""
    yield Label(tr("dlg.path"))
    yield PathInput(path, id="dlg-path", compact=True)
    yield Static("", id="dlg-error")
    with Horizontal(classes="buttons"):
        yield Button(tr(ok), variant="primary", id="ok", disabled=ok_disabled)
        yield Button(tr("dlg.cancel"), id="cancel")


class _FileDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def tr(self, key: str, **kw: object) -> str:
        return tr(key, self.lang, **kw)

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
            self.query_one("#dlg-error", Static).update(self.tr("dlg.writing"))

    @work(exclusive=True, group="write", description="write file", exit_on_error=False)
    async def write(self, do_write: Callable[[bool], None], path: Path) -> None:
        """Write with ``do_write(overwrite)`` in a thread (a report with its sensitivity analysis
        takes a second or two); if the file exists, ask first."""
        self._busy(True)
        try:
            await asyncio.to_thread(do_write, False)
        except FileExistsError:
            ok = await self.app.push_screen_wait(
                ConfirmScreen(
                    self.tr("dlg.exists", path=str(path)),
                    self.tr("dlg.overwrite"),
                    self.tr("dlg.cancel"),
                )
            )
            if not ok:
                self._busy(False)
                self.error(self.tr("dlg.not_saved", msg=self.tr("dlg.exists", path=str(path))))
                return
            try:
                await asyncio.to_thread(do_write, True)
            except D.EXPECTED as exc:
                self._busy(False)
                self.error(self.tr("dlg.not_saved", msg=_error_text(exc)))
                return
        except D.EXPECTED as exc:
            self._busy(False)
            self.error(self.tr("dlg.not_saved", msg=_error_text(exc)))
            return
        self.app.notify(self.tr("dlg.exported", path=str(path)), timeout=6)
        self.dismiss(None)


class SaveScenarioScreen(_FileDialog):
    """Save the current what-if as a scenario file (atomic; asks before overwriting)."""

    def compose(self) -> ComposeResult:
        entry = self.app.entry  # type: ignore[attr-defined]
        default = Path("scenarios") / f"whatif-{entry.base.id}.yaml"
        name = entry.whatif.summary(entry.base, self.lang)
        with Vertical(classes="dialog"):
            yield Label(f"[b]{escape(self.tr('dlg.save_title'))}[/]")
            yield Label(self.tr("dlg.name"))
            yield PathInput(name, id="dlg-name", compact=True)
            yield from path_and_buttons(self.tr, str(default), "dlg.ok")

    def on_mount(self) -> None:
        self.query_one("#dlg-path", Input).focus()

    def submit(self) -> None:
        entry = self.app.entry  # type: ignore[attr-defined]
        path = Path(self.query_one("#dlg-path", Input).value.strip() or "whatif.yaml").expanduser()
        name = self.query_one("#dlg-name", Input).value.strip() or "what-if"
        ops = entry.whatif.ops(entry.base)
        text = W.scenario_text(
            W.scenario_of(
                ops, name, base=entry.path, save_dir=path.parent, readings=entry.whatif.readings
            )
        )

        def do_write(overwrite: bool) -> None:
            D.write_new_file(path, text, overwrite=overwrite)

        self.write(do_write, path)


_TITLES = {
    "report": "dlg.export_title",
    "diagram": "dlg.diagram_title",
    "compare": "dlg.compare_title",
}


class ExportScreen(_FileDialog):
    """Export the current report (Markdown/HTML) or diagram (SVG/PNG/PDF/DOT). The title says
    which; for a diagram the dialog offers what ``govmodel diagram`` offers: the layout
    (document or 16:9 slide), colouring by kind or by coverage, and the language."""

    def compose(self) -> ComposeResult:
        app: Any = self.app  # the GovApp (screens do not import tui.app)
        compare_doc = app.compare_doc  # the compare tab's, once it has compared (a message)
        self.choices = exports.choices(app.entry, self.lang, compare_doc)
        with Vertical(classes="dialog"):
            options = [(c.label, c.key) for c in self.choices if c.available]
            first = options[0][1] if options else Select.BLANK
            yield Label(self._title(first), id="dlg-title")
            yield Label(self.tr("dlg.format"))
            yield Select(
                options, value=first, allow_blank=not options, id="dlg-format", compact=True
            )
            with Vertical(id="dlg-diagram-options"):
                lang = self.lang if self.lang in ("nb", "en") else "nb"
                for label, wid, value, values in (
                    ("dlg.layout", "dlg-layout", "document", ("document", "slide")),
                    ("dlg.color", "dlg-color", "kind", ("kind", "coverage")),
                    ("dlg.language", "dlg-lang", lang, ("nb", "en")),
                ):
                    yield Label(self.tr(label))
                    yield Select(
                        [(self._option_text(label, v), v) for v in values],
                        value=value,
                        allow_blank=False,
                        id=wid,
                        compact=True,
                    )
            missing = [c for c in self.choices if not c.available]
            if missing:
                yield Static(
                    "[dim]" + escape("\n".join(f"{c.label}: {c.why}" for c in missing)) + "[/]",
                    id="dlg-missing",
                )
            path = self._default_path(first)
            yield from path_and_buttons(self.tr, path, "dlg.ok", ok_disabled=not options)

    def _option_text(self, label: str, value: str) -> str:
        """The text of a diagram option: a language by its own name, others translated."""
        if label == "dlg.language":
            return {"nb": "Norsk (bokmål)", "en": "English"}[value]
        return self.tr(f"{label}_{value}")

    def on_mount(self) -> None:
        self._show_diagram_options(self.query_one("#dlg-format", Select).value)
        self.query_one("#dlg-path", Input).focus()

    def _kind(self, key: object) -> str:
        choice = next((c for c in self.choices if c.key == key), None)
        return choice.kind if choice is not None else "report"

    def _title(self, key: object) -> str:
        return f"[b]{escape(self.tr(_TITLES.get(self._kind(key), 'dlg.export_title')))}[/]"

    def _show_diagram_options(self, key: object) -> None:
        self.query_one("#dlg-diagram-options").display = self._kind(key) == "diagram"
        self.query_one("#dlg-title", Label).update(self._title(key))

    def _default_path(self, key: object) -> str:
        app: Any = self.app  # the GovApp (screens do not import tui.app)
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
            self._show_diagram_options(event.value)

    def submit(self) -> None:
        key = self.query_one("#dlg-format", Select).value
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            return
        path = Path(self.query_one("#dlg-path", Input).value.strip()).expanduser()
        if choice.kind == "diagram":
            self.write(self._diagram_writer(choice.ext, path), path)
            return

        def do_write(overwrite: bool) -> None:
            choice.write(path, overwrite)

        self.write(do_write, path)

    def _diagram_writer(self, fmt: str, path: Path) -> Callable[[bool], None]:
        """Write the diagram of the current model (what-if included) with the chosen layout,
        colouring and language, as ``govmodel diagram`` would."""
        app: Any = self.app  # the GovApp (screens do not import tui.app)
        model = app.entry.model
        layout = self.query_one("#dlg-layout", Select).value
        color = self.query_one("#dlg-color", Select).value
        lang = self.query_one("#dlg-lang", Select).value

        def do_write(overwrite: bool) -> None:
            from govmodel import diagram as dg

            coverage = None
            if color == "coverage":
                from govmodel.analysis.coverage import coverage_by_node

                coverage = coverage_by_node(model)
            dg.write_diagram(
                model,
                path,
                overwrite=overwrite,
                fmt=fmt,
                color=str(color),
                coverage=coverage,
                lang=str(lang),
                layout=str(layout),
            )

        return do_write


class ScenarioTree(DirectoryTree):
    """Folders and scenario files (``.yaml``/``.yml``); hidden files left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in (".yaml", ".yml"))
        ]


class OpenScenarioScreen(ModalScreen[Path | None]):
    """Pick a scenario file to open as the what-if: a folder tree (starting in ``scenarios/``
    when there is one) and the path, which can be typed; dismisses with the path or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        here = Path.cwd()
        self.folder = folder or (here / "scenarios" if (here / "scenarios").is_dir() else here)

    def tr(self, key: str, **kw: object) -> str:
        return tr(key, getattr(self.app, "lang", "en"), **kw)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="dlg-open"):
            yield Label(f"[b]{escape(self.tr('dlg.open_title'))}[/]")
            yield ScenarioTree(self.folder, id="dlg-tree")
            yield from path_and_buttons(self.tr, "", "dlg.open")

    def on_mount(self) -> None:
        self.query_one("#dlg-tree", ScenarioTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#dlg-path", Input).value = str(event.path)
        self.submit()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[DirEntry]) -> None:
        data = getattr(event.node, "data", None)
        path = getattr(data, "path", None)
        if isinstance(path, Path) and path.is_file():
            self.query_one("#dlg-path", Input).value = str(path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        text = self.query_one("#dlg-path", Input).value.strip()
        path = Path(text).expanduser() if text else None
        if path is None or not path.is_file():
            msg = self.tr("dlg.no_file", path=text or "—")
            self.query_one("#dlg-error", Static).update(f"[$error]{escape(msg)}[/]")
            return
        self.dismiss(path)
