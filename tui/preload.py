"""Load the models in a forked child process while the parent imports Textual.

``govmodel tui`` spends most of its start-up importing Textual and building the first screen;
loading and building models A and B takes another quarter of a second of CPU. On a machine with
more than one core the two can overlap: :func:`start` forks (before any thread exists) a child
that loads the models and sends them back pickled through a pipe; the app's loading worker
collects them with :meth:`Preload.result`. Where ``fork`` is not available, or anything goes
wrong, the app simply loads the models itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the child only: the parent is busy importing Textual
    from tui.data import Loaded

#: ("ok", the loaded model) or ("err", the message)
Outcome = tuple[str, "Loaded | str"]


class Preload:
    def __init__(self, pid: int, fd: int, paths: list[Path]) -> None:
        self.pid = pid
        self.fd = fd
        self.paths = paths

    def result(self) -> list[Outcome] | None:
        """[("ok", Loaded) | ("err", message), ...] in path order, or None if the child failed."""
        chunks = []
        try:
            with os.fdopen(self.fd, "rb") as fh:
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    chunks.append(chunk)
        except OSError:
            return None
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        try:
            out = pickle.loads(b"".join(chunks))
        # a broken child (killed mid-write, an unpicklable result): load in-process instead
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None
        return out if isinstance(out, list) and len(out) == len(self.paths) else None


def start(paths: list[Path]) -> Preload | None:
    """Fork a child that loads ``paths``; None where fork is not available."""
    if not hasattr(os, "fork") or os.environ.get("GOVMODEL_TUI_NO_FORK"):
        return None
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:  # the child: load, send, leave without running the parent's exit handlers
        status = 0
        try:
            os.close(r)
            from tui import data as D

            out: list[Outcome] = []
            for p in paths:
                try:
                    out.append(("ok", D.load(p)))
                except D.EXPECTED as exc:  # reported by the app
                    out.append(("err", D.error_text(exc)))
            data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as fh:
                fh.write(data)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(w)
    return Preload(pid, r, list(paths))
