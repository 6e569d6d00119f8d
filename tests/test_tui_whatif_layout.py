"""Pilot test: the what-if table gives the decision names the room the terminal has.

At 120×40 the table is about 70 columns wide beside the form; its verdict columns used to keep
room for a sort arrow each, and "Ordinary resolution" wrapped onto two lines."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("textual")

from tui_pilot import make_app, open_tab  # noqa: E402

from tui.widgets.tables import GovTable, plain  # noqa: E402


async def _effects(size: tuple[int, int]) -> dict[str, tuple[int, list[str]]]:
    """Each row of the what-if table of model A at ``size``: its height in lines and cells."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_tab(app, pilot, "6")
        table = app.query_one("#wi-effects", GovTable)
        widths = {str(k.value): c.width for k, c in table.columns.items()}
        assert widths["ksf"] >= len("✔ firm") and widths["auf"] >= len("✔ firm")
        return {
            str(k.value): (row.height, [plain(c) for c in table.get_row(k)])
            for k, row in table.rows.items()
        }


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_decision_names_take_the_room_the_terminal_has(size: tuple[int, int]) -> None:
    rows = asyncio.run(_effects(size))
    height, cells = rows["generalforsamling.ordinary"]
    assert cells[0] == "Ordinary resolution" and height == 1
