"""Human text of a model: names, descriptions and assumptions as bilingual :class:`Text`."""

from __future__ import annotations

from govmodel import model as M
from govmodel.errors import Loc, Problem, did_you_mean
from govmodel.yamlsafe import YMap, kind_of


def law_text(value: object) -> M.Text:
    """A Text from trusted law data: a plain string or an {nb, en} map."""
    if isinstance(value, dict):
        nb = str(value.get("nb") or value.get("en") or "")
        return M.Text(nb, str(value.get("en") or nb))
    return M.Text("" if value is None else str(value))


MAX_NAME = 300  # characters in a name (a name is one line in tables, diagrams and terminals)
MAX_TEXT = 20_000  # characters in a description, assumption or note


def read_text_value(
    val: object, loc: Loc, what: str, problems: list[Problem], *, single_line: bool = False
) -> M.Text | None:
    """A :class:`~govmodel.model.Text` from a YAML value: a plain string (the same text in
    both languages) or ``{nb: ..., en: ...}`` (both keys, both text, no other key). Names are
    one line of at most :data:`MAX_NAME` characters; other texts at most :data:`MAX_TEXT`.
    Control characters were refused when the YAML was read. None (and a problem) if invalid."""
    limit = MAX_NAME if single_line else MAX_TEXT
    if isinstance(val, dict):
        bad = False
        for k in val:
            if k not in M.LANGUAGES:
                problems.append(
                    Problem(
                        val.key_at(k) if isinstance(val, YMap) else loc,
                        f"{what}: unknown language {str(k)!r}{did_you_mean(str(k), M.LANGUAGES)}; "
                        "a text in two languages is {nb: ..., en: ...}",
                    )
                )
                bad = True
        for lang in M.LANGUAGES:
            if lang not in val:
                problems.append(
                    Problem(loc, f"{what} has no {lang!r} text; write {{nb: ..., en: ...}}")
                )
                bad = True
            elif not isinstance(val[lang], str):
                problems.append(
                    Problem(
                        val.at(lang) if isinstance(val, YMap) else loc,
                        f"{what} ({lang}) must be text; got {kind_of(val[lang])}",
                    )
                )
                bad = True
        if bad:
            return None
        parts = (val["nb"], val["en"])
        locs = tuple(val.at(lang) if isinstance(val, YMap) else loc for lang in M.LANGUAGES)
    elif isinstance(val, str):
        parts = (val, val)
        locs = (loc, loc)
    else:
        problems.append(
            Problem(loc, f"{what} must be text or {{nb: ..., en: ...}}; got {kind_of(val)}")
        )
        return None
    ok = True
    for part, ploc in zip(parts, locs, strict=True):
        if len(part) > limit:
            problems.append(
                Problem(ploc, f"{what} is {len(part):,} characters long; at most {limit:,} allowed")
            )
            ok = False
        elif single_line and ("\n" in part or "\t" in part):
            problems.append(Problem(ploc, f"{what} must be one line (no line breaks or tabs)"))
            ok = False
    return M.Text(parts[0], parts[1]) if ok else None
