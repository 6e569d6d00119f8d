"""Start-up timing of the TUI (``GOVMODEL_TUI_TIMING=FILE``): seconds since the process
started, for the start-up benchmark."""

from __future__ import annotations

import os
import time


def process_age() -> float:
    """Seconds since this process started (Linux /proc; else since the app module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _MODULE_T0


_MODULE_T0 = time.perf_counter()
