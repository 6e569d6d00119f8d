"""The glossary: every term of the vocabulary with its one English label and its one Norwegian
translation.

Grades, link strengths, coverage kinds, actor kinds, the kinds of basis a verdict rests on and
the criteria are identified by ids in the engine (``satisfied_indirect``, ``revocable``); a
person reads them through :func:`label`, which returns the English label marked for the
catalogue (translated with :func:`govmodel.i18n.translate`). The Norwegian of each label lives in
the catalogue like every other text; :data:`NB_STEMS` records the stem that every Norwegian text
using the term must contain, and a test holds the whole catalogue (and the TUI's strings) to it,
so that "revocable" is "tilbakekallelig" everywhere.

>>> label("satisfied_indirect")
'satisfied indirectly'
>>> label("no_such_term")
'no_such_term'
"""

from __future__ import annotations

from govmodel.i18n import N_

#: Criteria, short names (terms of art stay Norwegian in both languages).
CRITERIA: dict[str, str] = {
    "control_single": N_("control (one authority)"),
    "joint_control_representation": N_("representation of every authority"),
    "joint_control_influence": N_("decisive influence"),
    "no_contrary_interests": N_("no contrary interests"),
    "indirect_control": N_("indirect control"),
    "joint_control_participation": N_("each authority takes part"),
    "reverse_in_house": N_("reverse in-house"),
    "activity": N_("activity criterion"),
    "no_private_capital": N_("no direct private capital"),
    "control": N_("Kontrollkriteriet"),
    "in_house": N_("Utvidet egenregi"),
}

#: Every term of the vocabulary by id, each once, grouped by kind.
TERMS: dict[str, str] = {
    # verdict grades, best first (as in govmodel.analysis.criteria.GRADES)
    "satisfied": N_("satisfied"),
    "satisfied_indirect": N_("satisfied indirectly"),
    "conditional": N_("conditional"),
    "unknown": N_("unknown"),
    "not_satisfied": N_("not satisfied"),
    # link strengths (INTERFACES.md: strongest first) and coverage kinds (how an authority
    # reaches a body)
    "firm": N_("firm"),
    "contractual": N_("contractual"),
    "periodic": N_("periodic"),
    "revocable": N_("revocable"),
    "diffuse": N_("diffuse"),
    "advisory": N_("advisory"),
    "direct": N_("direct"),
    "chain": N_("chain"),
    "none": N_("none"),
    # strengths of a recommendation (a relation of type ``recommends``)
    "binding": N_("binding"),
    "adopt_or_return": N_("adopt or return"),
    # what a verdict may rest on (govmodel.analysis.criteria.Basis.kind)
    "relation": N_("relation"),
    "recommendation": N_("recommendation"),
    "assumption": N_("assumption"),
    "turnout": N_("turnout"),
    "interpretation": N_("interpretation"),
    "projection": N_("projection"),
    "clause": N_("clause"),
    "form": N_("form"),
    "data": N_("data"),
    "reading": N_("reading"),
    "open_reading": N_("open reading"),
    "barred": N_("barred by the reading"),
    "safeguard": N_("safeguard"),
    "intermediary": N_("intermediary"),
    # kinds of actor
    "kommune": N_("kommune"),
    "fylkeskommune": N_("fylkeskommune"),
    "private": N_("private"),
    "person": N_("person"),
    "state_body": N_("state body"),
    "association": N_("association"),
    "company": N_("company"),
    "role": N_("role"),
    "foundation": N_("foundation"),
    "cooperative": N_("cooperative"),
    # the criteria (above)
    **CRITERIA,
    # words of voting rules
    "more than": N_("more than"),
    "at least": N_("at least"),
}

#: English word -> the Norwegian stem every translation of a text using the word must contain.
#: One translation per term: a test checks the catalogue and the TUI's strings against it.
NB_STEMS: dict[str, str] = {
    "satisfied": "oppfylt",
    "conditional": "betinget",
    "firm": "fast",
    "contractual": "avtale",
    "periodic": "periodisk",
    "revocable": "tilbakekallelig",
    "diffuse": "diffus",
    "advisory": "rådgivende",
    "proxy": "fullmakt",
    "proxies": "fullmakt",
    "contracting authority": "oppdragsgiver",
    "contracting authorities": "oppdragsgiver",
    "shareholders' agreement": "aksjonæravtale",
    "assumption": "forutsetning",
    "assumptions": "forutsetning",
    "recommendation": "innstilling",
    "turnout": "oppmøte",
    "adopt or return": "sende",
    "adopt-or-return": "sende",
}

#: Norwegian words that say a glossary term another way: no Norwegian text (catalogue, diagram,
#: TUI) may use them; the glossary's word (the value's term) is used instead.
NB_AVOID: dict[str, str] = {
    "kalles tilbake": "revocable",  # tilbakekallelig
    "kan tilbakekalles": "revocable",
    "gjenkallelig": "revocable",
    "returnere": "adopt or return",  # vedta eller sende tilbake
    "kontraktsfest": "contractual",  # avtalebasert
    "periodevis": "periodic",  # periodisk
}


def label(term: str) -> str:
    """The English label of ``term`` (an id of the engine), to be passed through gettext; an
    unknown term comes back as it is."""
    return TERMS.get(term, term)


__all__ = [
    "CRITERIA",
    "NB_AVOID",
    "NB_STEMS",
    "TERMS",
    "label",
]


#: Ids that the engine still passes through gettext as ``Term`` values (``Msg.render``); kept in
#: the catalogue (with an English "translation" in the en catalogue) until every caller renders
#: terms through :func:`label`. Also texts the extractor cannot see (built inside nested calls).
LEGACY_IDS = (
    N_("control"),
    N_("control_single"),
    N_("in_house"),
    N_("indirect_control"),
    N_("joint_control_influence"),
    N_("joint_control_participation"),
    N_("open_reading"),
    N_("joint_control_representation"),
    N_("no_contrary_interests"),
    N_("no_private_capital"),
    N_("satisfied_indirect"),
    N_("not_satisfied"),
    N_("state_body"),
    N_("{n} {kind}"),
    N_("link"),
)
