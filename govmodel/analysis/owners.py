"""Who the model's owners are, as the presentation names them: the principal owner and the
authority groups.

Views (the TUI's what-if form and tables, the compare summaries) need to say "what the principal
owner can do" and "what the authorities can do together" without writing any model's ids. Both
come from the model itself:

* the **principal owner** is the actor that holds the largest block of shares on its own (a
  holder that is not a group; the first such block in the model on a tie) — KS in models A and
  B, the holding company in a variant where KS owns through one, none in a company owned by
  groups alone;
* the **authority groups** are the groups generated from the population data (the kommuner, the
  fylkeskommuner), which is how a model lists its contracting authorities as blocks; a model
  without them has the contracting authorities one by one (:func:`authority_members`).

>>> from govmodel.load import load_model
>>> a = load_model("models/ownership_a.yaml")
>>> principal_owner(a), authority_groups(a)
('ks', ('kommuner', 'fylkeskommuner'))
>>> turnout_group(a)
'kommuner'
"""

from __future__ import annotations

from govmodel.model import Model


def principal_owner(model: Model) -> str | None:
    """The actor holding the largest block of shares on its own, or None (no company, or only
    groups hold shares)."""
    company = model.company
    if company is None:
        return None
    best: tuple[int, str] | None = None
    for b in company.blocks:
        if b.is_group or b.holder not in model.actors:
            continue
        if best is None or b.shares > best[0]:
            best = (b.shares, b.holder)
    return None if best is None else best[1]


def authority_groups(model: Model) -> tuple[str, ...]:
    """The groups generated from the population data (kommuner, fylkeskommuner), in model order."""
    return tuple(g.id for g in model.groups.values() if g.generate)


def authority_members(model: Model) -> tuple[str, ...]:
    """The contracting authorities as coalition members: the authority groups (each a block),
    then every contracting authority outside them by itself — the same players as
    :meth:`Model.contracting_authorities`, which the reports' "the authorities" means, so a view
    that shows the groups can never leave out an authority that holds shares on its own (KS in
    models A and B).

    >>> from govmodel.load import load_model
    >>> authority_members(load_model("models/ownership_b.yaml"))
    ('kommuner', 'fylkeskommuner', 'ks')
    """
    groups = authority_groups(model)
    grouped = {m for gid in groups for m in model.groups[gid].members}
    return groups + tuple(a for a in model.contracting_authorities() if a not in grouped)


def turnout_group(model: Model) -> str | None:
    """The authority group whose members hold the most shares one by one (after a group block is
    apportioned): the group a turnout at the general meeting is about. None without one."""
    company = model.company
    if company is None:
        return None
    best: tuple[int, str] | None = None
    for gid in authority_groups(model):
        members = set(model.groups[gid].members)
        held = sum(h.shares for h in company.holdings if h.holder in members)
        if held and (best is None or held > best[0]):
            best = (held, gid)
    return None if best is None else best[1]


__all__ = ["authority_groups", "authority_members", "principal_owner", "turnout_group"]
