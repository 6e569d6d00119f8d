"""Compile the gettext catalogues (.po -> .mo) with the standard library only.

``python -m govmodel.i18n.compile`` writes ``govmodel.mo`` beside every ``govmodel.po`` under
``govmodel/i18n/``; ``--check`` only reports catalogues whose ``.mo`` is missing or out of date
(exit 1). The output is deterministic: entries sorted by msgid, no hash table.

The .po reader handles what the catalogues here use: ``msgctxt``, ``msgid``, ``msgstr``,
multi-line strings, the C escapes ``\\n \\t \\" \\\\``, ``#, fuzzy`` (fuzzy entries are left out,
as msgfmt does) and obsolete ``#~`` entries (ignored). Plural forms are not used.
"""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MAGIC = 0x950412DE


class PoError(ValueError):
    pass


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(f"{where}: expected a quoted string, got {text!r}")
    try:
        # the .po escapes are a subset of Python's; parse as a Python string literal
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        raise PoError(f"{where}: bad string {text!r}: {exc}") from exc
    if not isinstance(value, str):
        raise PoError(f"{where}: bad string {text!r}")
    return value


def parse_po(text: str, name: str = "<po>") -> dict[str, str]:
    """msgid -> msgstr (with ``context\\x04msgid`` for msgctxt), untranslated and fuzzy entries
    left out, the header (msgid "") kept."""
    out: dict[str, str] = {}
    entry: dict[str, str] = {}
    key: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, key, fuzzy
        if "msgid" in entry:
            msgid = entry["msgid"]
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            msgstr = entry.get("msgstr", "")
            if msgstr and (not fuzzy or msgid == ""):
                if msgid in out:
                    raise PoError(f"{name}: duplicate msgid {msgid!r}")
                out[msgid] = msgstr
        entry, key, fuzzy = {}, None, False

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{lineno}"
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if "msgid" in entry:
                    flush()
                fuzzy = True
            continue
        for kw in ("msgctxt", "msgid_plural", "msgid", "msgstr"):
            if line.startswith(kw + " ") or line.startswith(kw + '"'):
                if kw == "msgid_plural":
                    raise PoError(f"{where}: plural forms are not supported")
                if kw in ("msgctxt", "msgid") and "msgstr" in entry:
                    saved_fuzzy = fuzzy
                    flush()
                    fuzzy = saved_fuzzy
                key = kw
                entry[kw] = _unquote(line[len(kw) :], where)
                break
        else:
            if line.startswith('"') and key is not None:
                entry[key] += _unquote(line, where)
            else:
                raise PoError(f"{where}: cannot read {raw!r}")
    flush()
    return out


def build_mo(messages: dict[str, str]) -> bytes:
    """The GNU .mo bytes of ``messages`` (little-endian, sorted by msgid, no hash table)."""
    keys = sorted(messages, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    n = len(keys)
    header = 7 * 4
    ids_table = header
    strs_table = ids_table + n * 8
    data_start = strs_table + n * 8
    offsets_ids = []
    offsets_strs = []
    data = b""
    for b in ids:
        offsets_ids.append((len(b), data_start + len(data)))
        data += b + b"\0"
    for b in strs:
        offsets_strs.append((len(b), data_start + len(data)))
        data += b + b"\0"
    out = struct.pack("<7I", MAGIC, 0, n, ids_table, strs_table, 0, data_start)
    for length, off in offsets_ids:
        out += struct.pack("<2I", length, off)
    for length, off in offsets_strs:
        out += struct.pack("<2I", length, off)
    return out + data


def compile_file(po: Path) -> bytes:
    return build_mo(parse_po(po.read_text(encoding="utf-8"), str(po)))


def catalogues(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govmodel.i18n.compile", description=__doc__)
    ap.add_argument("--check", action="store_true", help="only report stale .mo files")
    args = ap.parse_args(argv)
    stale = 0
    for po in catalogues():
        mo = po.with_suffix(".mo")
        data = compile_file(po)
        if mo.exists() and mo.read_bytes() == data:
            continue
        if args.check:
            print(f"{mo}: out of date", file=sys.stderr)
            stale += 1
        else:
            mo.write_bytes(data)
            print(f"wrote {mo}")
    return 1 if stale else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
