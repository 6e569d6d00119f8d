"""The words of a diagram, Norwegian first with the English beside it: glosses for organ and
actor kinds, relation labels, legend headings and coverage verdicts. Legal terms of art stay
Norwegian; with ``lang="en"`` a diagram keeps the Norwegian names and adds English glosses.
A term of the glossary (:mod:`govmodel.i18n.glossary`: "revocable", "adopt or return" …) is
written with the glossary's one Norwegian word, as in the reports and the TUI (a test holds
these pairs to it).

>>> t(EDGE_TEXT["elects"], "nb"), t(EDGE_TEXT["elects"], "en")
('velger', 'elects')
"""

from __future__ import annotations

ORGAN_GLOSS = {
    "general_meeting": "general meeting",
    "board": "board of directors",
    "ceo": "chief executive",
    "owners_council": "owners' council",
    "representation_council": "representation council",
    "board_committee": "board committee",
    "nomination_committee": "nomination committee",
    "advisory_body": "advisory body",
    "landsting": "KS national congress",
    "landsstyre": "KS national council",
    "hovedstyre": "KS executive board",
    "fylkesstyre": "KS county board",
    "regional_assembly": "KS county assembly",
    "administrative_committee": "chief executives' committee",
    "chair": "chair",
}
ACTOR_GLOSS = {
    "kommune": "municipality",
    "fylkeskommune": "county authority",
    "association": "association",
    "person": "person",
    "role": "role",
    "state_body": "state body",
    "private": "private party",
    "company": "company",
}
# Glosses for well-known actor ids (or id prefixes of per-fylke roles).
ID_GLOSS = {
    "ks": "association of Norway's kommuner and fylkeskommuner",
    "styreleder_ks": "chair of KS",
    "fylkesstyreleder": "chairs of KS's county boards",
}
# Collapsed per-fylke sets: (nb name, en gloss), by id prefix (the id without ``_NN``).
SET_NAMES = {
    "fylkesmote": ("Fylkesmøtene i KS", "KS county assemblies"),
    "fylkesstyre": ("Fylkesstyrene i KS", "KS county boards"),
    "fylkesstyreleder": ("Fylkesstyrelederne", "chairs of KS's county boards"),
}
# Who the owners are and what they hold, by company form: (owners, "x % <share>").
OWNER_WORDS = {
    "AS": (("aksjonærene", "the shareholders"), ("av aksjene", "of the shares")),
    "ASA": (("aksjonærene", "the shareholders"), ("av aksjene", "of the shares")),
    "IKS": (("deltakerne", "the participants"), ("eierandel", "ownership share")),
    "SA": (("medlemmene", "the members"), ("av andelene", "of the member shares")),
}
OWNER_DEFAULT = (("eierne", "the owners"), ("eierandel", "ownership share"))
GROUP_COUNT = {
    "kommune": ("kommuner", "kommuner"),
    "fylkeskommune": ("fylkeskommuner", "fylkeskommuner"),
}
GROUP_GLOSS = {"kommuner": "municipalities", "fylkeskommuner": "county authorities"}

# Alike in shape only: the diagram's (nb, en) words for edges; labels are in TEXT.
EDGE_TEXT = {
    "owns": ("eier", "owns"),
    "elects": ("velger", "elects"),
    "appoints": ("oppnevner", "appoints"),
    "instructs": ("instruerer", "instructs"),
    "proxy": ("fullmakt", "proxy"),
    "proxy_revocable": ("fullmakt (tilbakekallelig)", "proxy (revocable)"),
    "recommends_binding": ("innstiller – bindende", "recommends – binding"),
    "recommends_adopt_or_return": (
        "innstiller – vedta eller sende tilbake",
        "recommends – adopt or return",
    ),
    "recommends_advisory": ("innstiller – rådgivende", "recommends – advisory"),
    "prepares": ("forbereder saker", "prepares"),
    "advises": ("gir råd", "advises"),
    "member_of": ("medlem av", "member of"),
    "sits_in": ("sitter i", "sits in"),
    "reports_to": ("rapporterer", "reports to"),
    "secretariat_for": ("sekretariat", "secretariat"),
}
# Alike in shape only: the diagram's (nb, en) words for labels; edges are in EDGE_TEXT.
TEXT = {
    "members": ("medlemmer", "members"),
    "of_votes": ("av stemmene", "of the votes"),
    "capital": ("kapital", "capital"),
    "votes": ("stemmer", "votes"),
    "secretariat": ("sekretariat", "secretariat"),
    "one_per_fylke": ("ett per fylke", "one per fylke"),
    "highlighted": ("markert", "highlighted"),
    "legend": ("Tegnforklaring", "Legend"),
    "nodes": ("Organer og aktører", "Organs and actors"),
    "edges": ("Relasjoner", "Relations"),
    "coverage": (
        "Dekning (kontrollkriteriet), sterkest først",
        "Coverage (control criterion), strongest first",
    ),
    "contractual": ("avtale", "agreement"),
    "changed": ("endret i scenarioet", "changed by the scenario"),
    "added": ("ny i scenarioet", "new in the scenario"),
    "removed": ("Fjernet i scenarioet", "Removed by the scenario"),
    "whatif": ("Hva om", "What if"),
    "no_verdict": ("ikke vurdert", "not assessed"),
    "group": ("gruppe (sammenslått)", "group (collapsed)"),
}
COVERAGE_TEXT = {
    "direct": ("direkte", "direct"),
    "chain": ("gjennom kjede", "through a chain"),
    "contractual": ("avhenger av avtale", "depends on an agreement"),
    "revocable": ("avhenger av en tilbakekallelig fullmakt", "depends on a revocable proxy"),
    "diffuse": ("diffus", "diffuse"),
    "none": ("ikke oppfylt", "not satisfied"),
}
# What each coverage colour means, for the legend: the verdict and how strong it is.
COVERAGE_MEANING = {
    "direct": ("sterk: eierne velger direkte", "strong: the owners elect directly"),
    "chain": ("sterk: gjennom en kjede av valg", "strong: through a chain of elections"),
    "contractual": ("middels: bygger på en avtale", "medium: rests on an agreement"),
    "revocable": ("svak: en tilbakekallelig fullmakt", "weak: a revocable proxy"),
    "diffuse": ("svak: diffus, ingen bestemmende rett", "weak: diffuse, no decisive right"),
    "none": ("svikter: eierne når ikke organet", "failing: the owners do not reach the body"),
}
CLUSTER_TEXT = {
    "cluster_ks": ("KS' organer", "KS' organer (KS's organs)"),
    "cluster_samstyring": (
        "Samstyringsstrukturen for digitalisering",
        "Samstyringsstrukturen (co-governance of digitalisation)",
    ),
    "cluster_state": ("Staten", "Staten (the state)"),
}

# Ownership edges carry no label: the share is written in the owner's box.
OWNS_LEGEND = ("eier (andelen står i eierens boks)", "owns (the share is in the owner's box)")


def t(pair: tuple[str, str], lang: str) -> str:
    """The Norwegian (``nb``) or English (``en``) word of a pair."""
    return pair[0] if lang == "nb" else pair[1]


def in_lang(text: object, lang: str) -> str:
    """Model text in ``lang``: a bilingual text's ``.get(lang)``, else the text itself."""
    get = getattr(text, "get", None)
    if callable(get) and isinstance(text, str):
        return str(get(lang))
    return str(text)
