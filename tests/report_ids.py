"""The ids a reader of a report must never see, and a search for them in a report's text (the
names-not-ids tests of the evaluation, compare, coalition and show reports share it)."""

from __future__ import annotations

import re
from pathlib import Path

from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
A = str(ROOT / "models" / "ownership_a.yaml")
B = str(ROOT / "models" / "ownership_b.yaml")


def model_ids(*paths: str) -> list[str]:
    """Ids a reader must never see: every id with an underscore (actors, organs, documents,
    relations, decisions, seat groups), every ``organ.decision`` key, and KS's lowercase id."""
    ids: set[str] = {"ks"}
    for path in paths:
        m = load_model(path)
        ids |= {m.id, m.company.id}
        ids |= {i for i in (*m.actors, *m.organs, *m.documents, *m.groups) if "_" in i}
        ids |= {r.id for r in m.relations}
        for o in m.organs.values():
            ids |= {f"{o.id}.{d.id}" for d in o.decisions}
            ids |= {d.id for d in o.decisions if "_" in d.id}
            ids |= {g for g in o.seat_groups() if "_" in g}
    return sorted(ids)


IDS = model_ids(A, B)
_FILES = re.compile(r"\S+\.(?:yaml|csv)\b")  # the model file a view names (show: "file: …")


# an id-shaped token: not inside a word, a path or [brackets] (which --ids adds after a name)
_TOKEN = re.compile(r"(?<![\w\[/.\-])[a-z](?:[\w.]*\w)?(?![\w\]/\-])")


def ids_in(text: str) -> list[str]:
    """The ids of models A and B that ``text`` shows (outside brackets and file names). One
    pass over the text: its id-shaped tokens, each with its dotted prefixes (``a.b`` in
    ``a.b.c``), looked up in the set of ids.

    >>> ids_in("Oslo er medlem av fylkesmote_03, som velger [eierraad] generalforsamling.articles.")
    ['fylkesmote_03', 'generalforsamling.articles']
    """
    tokens: set[str] = set()
    for tok in _TOKEN.findall(_FILES.sub("", text)):
        parts = tok.split(".")
        tokens.update(".".join(parts[: k + 1]) for k in range(len(parts)))
    return [i for i in IDS if i in tokens]
