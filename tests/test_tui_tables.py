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
