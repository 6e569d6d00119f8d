"""Per-fylke (regional) ids: ``for_each: fylke`` gives entries ids ending in the two-digit
fylkesnummer (``fylkesmote_03``, ``delegates_46#2``). This is the one place that pattern lives.

>>> collapse_regional("fylkesmote_03 elects landsmote.delegates_46#2")
'fylkesmote_<fylke> elects landsmote.delegates_<fylke>#2'
>>> region_of("fylkesstyreleder_46"), region_of("k0301")
('46', None)
"""

from __future__ import annotations

import re

# "_" and two digits not followed by a third digit (k0301's digits are a kommunenummer, not this)
REGIONAL_ID = re.compile(r"_(\d{2})(?!\d)")


def collapse_regional(text: str) -> str:
    """Per-fylke ids written once: ``fylkesmote_03`` → ``fylkesmote_<fylke>``."""
    return REGIONAL_ID.sub("_<fylke>", text)


def region_of(ident: str) -> str | None:
    """The fylkesnummer a per-fylke id ends in, or None."""
    m = re.search(r"_(\d{2})$", ident)
    return m.group(1) if m is not None and REGIONAL_ID.fullmatch(m.group(0)) else None
