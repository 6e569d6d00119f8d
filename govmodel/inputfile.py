"""Reading an untrusted input file: only a regular file, bounded in size, as UTF-8 text.

A FIFO, device, socket or directory named as a model, include or data file is reported as such
and never read (a FIFO would block forever, ``/dev/zero`` never end); a UTF-16 file is
recognised and named. :mod:`govmodel.yamlsafe` reads every YAML file through here, and the data
readers (population, tables) the CSV files.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from govmodel.errors import Loc, ModelError, Problem


def file_kind(mode: int) -> str:
    """A reader's name for what a non-regular file is ("a directory", "a FIFO (named pipe)"...)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def path_problem(path: Path | str) -> str | None:
    """Why ``path`` cannot be read as an input file ("not found", "is a directory", "is a FIFO
    (named pipe)" ...), or None for an existing regular file. Symlinks are followed."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "not found"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    return f"is {file_kind(mode)}, not a file"


def read_bytes(path: Path | str, name: str, max_bytes: int, what: str = "a YAML file") -> bytes:
    """Read at most ``max_bytes + 1`` bytes of a regular file, or raise a located ModelError.

    The file is opened non-blocking and checked with ``fstat`` before reading, so a FIFO, a
    device or a directory is reported as such and never read (a FIFO would block forever,
    ``/dev/zero`` would never end)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise ModelError([Problem(Loc(name), f"is a directory; expected {what}")]) from None
    except OSError as exc:
        raise ModelError([Problem(Loc(name), f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ModelError([Problem(Loc(name), f"is {file_kind(mode)}; expected {what}")])
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ModelError([Problem(Loc(name), f"cannot read file: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def _utf16(data: bytes) -> str | None:
    """The encoding name ("UTF-16LE"/"UTF-16BE") if the bytes look like UTF-16 text (a byte-order mark, or NUL
    bytes in every other position of ASCII-range text), else None."""
    # model files are mostly ASCII (their keys are), so UTF-16 text has a NUL in every other byte
    head = data[2:202] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data[:200]
    if len(head) >= 4 and len(head) % 2 == 0:
        if head[1::2].count(0) == len(head) // 2 and 0 not in head[0::2]:
            return "UTF-16LE"
        if head[0::2].count(0) == len(head) // 2 and 0 not in head[1::2]:
            return "UTF-16BE"
    return None


def decode_utf8(data: bytes, name: str, max_bytes: int) -> str:
    """The text of a model file's bytes: UTF-8 (a byte-order mark dropped), at most
    ``max_bytes``; oversized, UTF-16, binary (NUL bytes) and other encodings are refused with a
    located ModelError."""
    if len(data) > max_bytes:
        raise ModelError(
            [
                Problem(
                    Loc(name),
                    f"file is larger than {max_bytes:,} bytes; model files are small YAML documents",
                )
            ]
        )
    enc = _utf16(data)
    if enc is not None:
        raise ModelError(
            [
                Problem(
                    Loc(name, 1, 1),
                    f"file is {enc} text; save it as UTF-8 (model files are UTF-8 YAML)",
                )
            ]
        )
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data[:at].count(b"\n") + 1
        col = at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise ModelError(
            [
                Problem(
                    Loc(name, line, col),
                    "file contains NUL bytes (binary data); expected a UTF-8 YAML text file",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        raise ModelError([Problem(Loc(name, line, 1), message)]) from None
    return text.removeprefix("\ufeff")
