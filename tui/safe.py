"""Model text shown safely: never read as markup, never sent raw to the terminal.

Model files are untrusted. A name such as ``Alfa [b]kommune[/]`` must show literally (Textual
reads ``[...]`` in a plain ``str`` as markup and raises MarkupError on an unbalanced tag), and a
control character (ESC, C1 CSI, BEL ...) must never reach the terminal, where it could clear the
screen, set the window title or write the clipboard. Every widget that shows model text gets it
through :func:`lit` (a literal ``Text``) or, inside a markup string, :func:`esc`.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab and newline, DEL, and the C1 controls (0x80–0x9f: 0x9b is a CSI)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """``text`` with every control character replaced by a visible ``\\xNN``.

    >>> clean("a\\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def esc(text: object) -> str:
    """Model text for a markup string: control characters made visible, ``[`` escaped.

    >>> esc("Alfa [b]")
    'Alfa \\\\[b]'
    """
    # every "[" is escaped, not only those that look like a tag (textual.markup.escape): an
    # unclosed "[red" in a name swallowed the markup that followed it ("[red … [$warning]")
    return clean(text).replace("[", "\\[")


def lit(text: object, style: str = "") -> Text:
    """Model text as a literal Rich ``Text`` (for DataTable cells, Tree labels, options)."""
    return Text(clean(text), style=style)
