"""The one way govmodel writes an output file: :func:`write_output`.

Every command (``-o FILE``) and the terminal UI (save and export dialogs) write through it, so
they all keep the same promises:

- ``"-"`` is standard output.
- A regular file is written atomically: a temporary file in the same folder, flushed to disk
  (fsync), then renamed into place, so a reader sees the old file or the new one, never half of
  one. The new file gets the permissions an ordinary new file gets (``0666`` minus the umask);
  a file that is replaced keeps its permissions.
- An existing file is replaced only with ``force``; without it a file that appears between the
  check and the rename is still not replaced (the temporary file is hard-linked into place).
- A file that is not a regular file is never replaced: a FIFO or a character device such as
  ``/dev/null`` or ``/dev/stdout`` is written into (with or without ``force``: nothing is
  replaced); a directory, block device or socket is refused.
- Temporary files are named ``.NAME.PID.RANDOM.govmodel-tmp``; they are removed on every error,
  and one left behind by a killed process (its PID no longer running) is removed by the next
  write to the same folder.
- Every failure is an :class:`OutputError` with a message naming the file and the reason
  (no such folder, permission denied, no space left on the device ...): a user error, exit 2.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> write_output(os.path.join(folder, "a.txt"), "hei\\n")
>>> write_output(os.path.join(folder, "a.txt"), "igjen\\n")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
govmodel.output.OutputExists: .../a.txt exists; use --force to overwrite it
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from govmodel.errors import GovmodelError

__all__ = ["TEMP_SUFFIX", "OutputError", "OutputExists", "write_output"]

#: Every temporary file this module creates ends in this suffix.
TEMP_SUFFIX = ".govmodel-tmp"
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{16}" + re.escape(TEMP_SUFFIX))


class OutputError(GovmodelError):
    """An output file could not be written (a user error: exit 2, no traceback)."""


class OutputExists(OutputError, FileExistsError):
    """The target exists and ``force`` was not given. Also a :class:`FileExistsError`, so a
    caller that asks before overwriting can catch either."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.path = Path(target)
        OutputError.__init__(self, f"{target} exists; use --force to overwrite it")

    def __str__(self) -> str:
        return str(self.args[0])


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ENXIO:
        return "no process is reading from the FIFO"
    return exc.strerror or type(exc).__name__


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _to_stdout(data: bytes | str) -> None:
    """Text goes through ``sys.stdout`` (its encoding and error handler, see cli.py); bytes
    straight to its binary buffer."""
    out = sys.stdout
    if isinstance(data, str):
        out.write(data)
        out.flush()
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text-only stream (a test's StringIO)
        out.write(data.decode("utf-8", "replace"))
    else:
        out.flush()
        buffer.write(data)
        buffer.flush()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _into_special(target: str, mode: int, data: bytes) -> None:
    """Write into a FIFO or character device (it is never replaced by a regular file). A FIFO
    nobody reads is an error rather than a hang."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if stat.S_ISFIFO(mode):
        flags |= os.O_NONBLOCK
    fd = os.open(target, flags)
    try:
        if stat.S_ISFIFO(mode):  # a reader is there: block as usual from here on
            fl = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, fl & ~os.O_NONBLOCK)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    except OSError:
        return True
    return True


def _clean_stale(folder: str) -> None:
    """Remove temporary files left in ``folder`` by a process that is no longer running
    (killed during a write). Files of running processes are left alone."""
    with contextlib.suppress(OSError), os.scandir(folder) as it:
        for entry in it:
            m = _TEMP_NAME.fullmatch(entry.name)
            if m is None or int(m["pid"]) == os.getpid() or _pid_running(int(m["pid"])):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def _fsync_dir(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output(target: str | os.PathLike[str], data: bytes | str, *, force: bool = False) -> None:
    """Write ``data`` (text is written as UTF-8) to ``target``; ``"-"`` is standard output.

    Atomic for regular files, honours the umask, never replaces a file that is not a regular
    file, replaces an existing file only with ``force`` (see the module docstring). Raises
    :class:`OutputExists` or :class:`OutputError`.
    """
    name = os.fspath(target)
    if name == "-":
        _to_stdout(data)
        return
    if not name:
        raise OutputError("no output file given")
    payload = _as_bytes(data)
    # A symbolic link is followed: the file it points to is written, the link stays.
    dest = os.path.realpath(name) if os.path.islink(name) else name
    try:
        st: os.stat_result | None = os.stat(dest)
    except FileNotFoundError:
        st = None
        if os.path.lexists(dest):  # a link to nowhere
            raise OutputError(f"cannot write {name}: it is a broken symbolic link") from None
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {_reason(exc)}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {name}: it is a directory; give a file name")
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            try:
                _into_special(dest, st.st_mode, payload)
            except OSError as exc:
                raise OutputError(f"cannot write {name}: {_reason(exc)}") from None
            return
        raise OutputError(f"cannot write {name}: not a regular file (a block device or socket)")
    if st is not None and not force:
        raise OutputExists(name)
    folder = os.path.dirname(dest) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write {name}: folder {folder} does not exist")
    _clean_stale(folder)
    base = os.path.basename(dest)
    tmp = os.path.join(folder, f".{base}.{os.getpid()}.{secrets.token_hex(8)}{TEMP_SUFFIX}")
    try:
        # 0666 and the umask, like any new file (mkstemp would give 0600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            _write_all(fd, payload)
            if st is not None:  # a replaced file keeps its permissions
                os.fchmod(fd, stat.S_IMODE(st.st_mode) & 0o777)
            os.fsync(fd)
        finally:
            os.close(fd)
        if st is not None:
            os.replace(tmp, dest)
        else:
            try:
                os.link(tmp, dest)  # fails, rather than replaces, if the file appeared meanwhile
            except FileExistsError:
                raise OutputExists(name) from None
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                    raise
                if os.path.lexists(dest):  # a file system without hard links
                    raise OutputExists(name) from None
                os.replace(tmp, dest)
        _fsync_dir(folder)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {_reason(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
