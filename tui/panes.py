"""The six tabs of the TUI, in their order (keys 1–6): the ids every part of the app shares."""

from __future__ import annotations

PANES = ("browser", "criteria", "compare", "power", "coalition", "whatif")
