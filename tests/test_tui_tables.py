"""The app's table widget on its own (no models): its column layout is a function of its size
and its data only, never of what it showed before or of when it was measured."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("textual")

from textual.app import App, ComposeResult  # noqa: E402

from tui.widgets.tables import GovTable  # noqa: E402

COLUMNS = [("name", "Name"), ("grade", "Grade"), ("note", "Note")]


def rows(n: int) -> list[tuple[str, tuple[str, str, str]]]:
    return [
        (
            f"r{i}",
            (
                f"Kommunestyret i kommune nummer {i:02} med et langt navn over flere linjer",
                "conditional",
                "diffuse",
            ),
        )
        for i in range(n)
    ]


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield GovTable(id="t", flex="name")


def widths_after(*datasets: list[tuple[str, tuple[str, str, str]]]) -> list[int]:
    """The column widths once the table has shown each data set in turn (at 60×12)."""

    async def run() -> list[int]:
        app = OneTable()
        async with app.run_test(size=(60, 12)) as pilot:
            table = app.query_one("#t", GovTable)
            for data in datasets:
                table.set_data(COLUMNS, data)
                await pilot.pause()
            return [c.width for c in table.columns.values()]

    return asyncio.run(run())


def test_columns_do_not_depend_on_whether_the_last_rows_needed_a_scrollbar() -> None:
    """Three rows fit at 12 lines, forty do not: a table that showed forty rows (with a
    vertical scrollbar) and then three lays its columns out as a fresh table with three does.
    Before the scrollbar's gutter was reserved, the first came out two cells narrower and forty
    rows alone two cells too wide, so a screen depended on the order and timing of its updates
    (a flaky snapshot)."""
    fresh = widths_after(rows(3))
    assert widths_after(rows(40), rows(3)) == fresh
    assert widths_after(rows(40)) == fresh  # and forty rows do not overflow sideways
    # the layout does follow the data: short names leave the names column narrower
    short = [("x", ("Oslo", "conditional", "diffuse"))]
    assert widths_after(short)[0] < fresh[0]


CHANGES = [("name", "Decision"), ("ks", "KS\nforce"), ("au", "Authorities\nforce")]


def changes(n: int) -> list[tuple[str, tuple[str, str, str]]]:
    """Decision names beside verdicts, one of them changed ("after ← before")."""
    names = ["Ordinary resolution", "Amendment reducing dividend or asset rights"]
    return [
        (f"r{i}", (names[i % 2], "✘ ← ✔ firm" if i == 1 else "✔ firm", "✔ firm")) for i in range(n)
    ]


def layout_at(width: int, data, sort: str | None = None) -> dict[str, int]:
    """The column widths by key of a table showing ``data`` at ``width``×20."""

    class Changes(App[None]):
        def compose(self) -> ComposeResult:
            yield GovTable(id="t", flex="name")

    async def run() -> dict[str, int]:
        app = Changes()
        async with app.run_test(size=(width, 20)) as pilot:
            table = app.query_one("#t", GovTable)
            table.set_data(CHANGES, data)
            if sort is not None:
                table.sort_on(sort)
            await pilot.pause()
            return {str(k.value): c.width for k, c in table.columns.items()}

    return asyncio.run(run())


def test_a_change_wraps_at_its_arrow_and_the_names_take_the_room_left() -> None:
    """The verdict columns keep "✔ firm" whole and wrap only a change at its arrow; no header
    keeps room for a sort arrow it does not show: the decision names take the rest (at 60
    columns, "Ordinary resolution" on one line; they read "Ordinary / resolution" in the what-if
    table at 120×40, where the verdict columns kept room for an arrow each)."""
    widths = layout_at(60, changes(4))
    assert widths["ks"] == len("✔ firm")  # not the change's whole "✘ ← ✔ firm"
    assert widths["au"] == len("Authorities")  # its header, no room kept for " ▲"
    assert widths["name"] >= len("Ordinary resolution")
    # the column sorted on shows its arrow and gets the room for it
    assert layout_at(60, changes(4), sort="au")["au"] == len("Authorities") + 2
    # narrow: the names keep their longest word, the change still wraps at its arrow first
    narrow = layout_at(40, changes(4))
    assert narrow["name"] >= len("Amendment") and narrow["ks"] >= len("firm")
    # wide: nothing wraps
    assert layout_at(120, changes(4))["name"] == len(changes(2)[1][1][0])


def test_a_heading_too_wide_for_the_room_wraps_at_its_words() -> None:
    """A long owner name over a verdict column ("Akershus fylkeskommune / force" in the what-if
    of an IKS) wraps onto another heading line instead of pushing the last columns off the
    screen; with room enough it stays on one line."""
    columns = [("name", "Decision"), ("a", "Akershus fylkeskommune\nforce"), ("b", "Auth\nblock")]
    data = [("r", ("Resolution of the representantskap", "✔ firm", "✘"))]

    async def run(width: int) -> tuple[int, int, int]:
        app = OneTable()
        async with app.run_test(size=(width, 12)) as pilot:
            table = app.query_one("#t", GovTable)
            table.set_data(columns, data)
            await pilot.pause()
            used = sum(c.get_render_width(table) for c in table.columns.values())
            return used, table.scrollable_content_region.width, table.header_height

    used, room, lines = asyncio.run(run(46))
    assert used <= room and lines == 3  # "Akershus / fylkeskommune / force"
    used, room, lines = asyncio.run(run(100))
    assert used <= room and lines == 2
