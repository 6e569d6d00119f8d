"""How a diagram looks: fill colours and shapes by kind, one line style per relation kind, the
coverage palette, cluster colours and the two layouts (an org chart for documents, a 16:9
slide).

Each relation kind has its own combination of colour, dash and arrowhead, so no two kinds look
alike on the drawing or in the legend (a test checks it). Colours are from the Okabe–Ito
palette, which stays distinguishable with the common colour-vision deficiencies; the coverage
palette is ordered, blue (strong) → yellow and amber (weak) → dark red (not satisfied), from
ColorBrewer's colour-blind-safe RdBu and YlOrBr schemes.

>>> len({(s.color, s.style, s.arrowhead) for s in EDGE_STYLE.values()}) == len(EDGE_STYLE)
True
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Helvetica"
# Node categories: (fill colour, nb legend, en legend).
CATEGORY = {
    "authority": ("#d9f0d3", ("kommuner og fylkeskommuner", "kommuner and fylkeskommuner")),
    "association": ("#fdd49e", ("forening (KS)", "association (KS)")),
    "role": ("#ffffff", ("rolle", "role")),
    "state": ("#e0e0e0", ("staten", "state")),
    "private": ("#f4a582", ("privat", "private")),
    "company_organ": ("#c6dbef", ("selskapets organer", "company organs")),
    "owner_organ": (
        "#fff2ae",
        ("eierråd / representasjonsråd", "owners' / representation council"),
    ),
    "committee": ("#e5d8f0", ("utvalg og råd", "committees and councils")),
    "ks_organ": ("#fee6ce", ("KS' organer", "KS's organs")),
    "other": ("#f7f7f7", ("annet", "other")),
}
ACTOR_CATEGORY = {
    "kommune": "authority",
    "fylkeskommune": "authority",
    "association": "association",
    "person": "role",
    "role": "role",
    "state_body": "state",
    "private": "private",
    "company": "other",
}
ORGAN_CATEGORY = {
    "general_meeting": "company_organ",
    "board": "company_organ",
    "ceo": "company_organ",
    "owners_council": "owner_organ",
    "representation_council": "owner_organ",
    "board_committee": "committee",
    "nomination_committee": "committee",
    "advisory_body": "committee",
    "administrative_committee": "committee",
    "landsting": "ks_organ",
    "landsstyre": "ks_organ",
    "hovedstyre": "ks_organ",
    "fylkesstyre": "ks_organ",
    "regional_assembly": "ks_organ",
    "chair": "ks_organ",
}
# Organ kinds drawn with a dashed outline: they advise or prepare and decide nothing for DIF.
ADVISORY_KINDS = frozenset(
    {"board_committee", "nomination_committee", "advisory_body", "administrative_committee"}
)
# Organ kinds drawn on the same level as the company organ they advise (a styreutvalg beside
# the board). Councils that bind the general meeting (eierråd, representasjonsråd) are drawn
# just above it instead, so the control path reads top-down.
BESIDE_KINDS = frozenset({"board_committee"})
# Coverage verdicts, strongest first, as (fill, text colour): blues, darkest for the firmest
# control; yellow to amber as control weakens (caution, not alarm); dark red only where the
# criterion is not satisfied. Lightness falls from pale yellow to dark red, so the order reads
# without hue too.
# The text is white on the two darkest fills and black on the others.
ON_DARK, ON_LIGHT = "#ffffff", "#000000"
COVERAGE_COLOR = {
    "direct": ("#2166ac", ON_DARK),
    "chain": ("#67a9cf", ON_LIGHT),
    "contractual": ("#d1e5f0", ON_LIGHT),
    "revocable": ("#fff7bc", ON_LIGHT),
    "diffuse": ("#fec44f", ON_LIGHT),
    "none": ("#b2182b", ON_DARK),
}
HIGHLIGHT_COLOR = "#e41a1c"


@dataclass(frozen=True)
class EdgeStyle:
    """How one relation kind is drawn. ``constraint=False`` leaves the edge out of the ranking
    (advice and preparation do not put one organ above another)."""

    color: str
    style: str  # solid, dashed, dotted
    penwidth: float
    arrowhead: str
    constraint: bool = True

    def attrs(self) -> dict[str, str]:
        return {
            "color": self.color,
            "fontcolor": self.color,
            "style": self.style,
            "penwidth": f"{self.penwidth:g}",
            "arrowhead": self.arrowhead,
        }


BLACK, BLUE, GREEN, VERMILION = "#000000", "#0072b2", "#009e73", "#d55e00"
PURPLE, ORANGE, SKY, GREY = "#cc79a7", "#e69f00", "#56b4e9", "#7f7f7f"

# One style per relation kind (the key of vocabulary.EDGE_TEXT): control lines solid, contractual
# and advisory ones dashed or dotted, revocable ones with an open arrowhead.
EDGE_STYLE: dict[str, EdgeStyle] = {
    "owns": EdgeStyle(BLACK, "solid", 2.6, "normal"),
    "elects": EdgeStyle(BLUE, "solid", 1.6, "normal"),
    "appoints": EdgeStyle(GREEN, "solid", 1.6, "normal"),
    "instructs": EdgeStyle(VERMILION, "solid", 1.4, "vee"),
    "proxy": EdgeStyle(PURPLE, "dashed", 2.0, "normal"),
    "proxy_revocable": EdgeStyle(PURPLE, "dotted", 2.2, "empty"),
    "recommends_binding": EdgeStyle(ORANGE, "solid", 2.2, "normal"),
    "recommends_adopt_or_return": EdgeStyle(ORANGE, "dashed", 2.2, "normal"),
    "recommends_advisory": EdgeStyle(ORANGE, "dotted", 1.6, "empty", constraint=False),
    "prepares": EdgeStyle(SKY, "dashed", 1.4, "vee", constraint=False),
    "advises": EdgeStyle(GREY, "dashed", 1.4, "vee", constraint=False),
    "member_of": EdgeStyle(BLACK, "dashed", 1.0, "empty"),
    "sits_in": EdgeStyle(BLACK, "solid", 1.0, "empty"),
    "reports_to": EdgeStyle(GREY, "dotted", 1.2, "normal", constraint=False),
}
# Marks of a what-if diagram: what the scenario changed.
CHANGED_COLOR = "#cc0077"


@dataclass(frozen=True)
class Layout:
    """Sizes for one kind of page. ``canvas`` is the output size in inches at ``dpi`` (None:
    as large as the drawing needs, scaled to at most ``max_width`` inches)."""

    name: str
    node_font: float
    small_font: float
    edge_font: float
    title_font: float
    legend_font: float
    nodesep: float
    ranksep: float
    dpi: int
    canvas: tuple[float, float] | None = None
    max_width: float | None = None


LAYOUTS = {
    # An org chart for documents: A4 width at 150 dpi (1800 px).
    "document": Layout("document", 11, 9, 8.5, 18, 10, 0.22, 0.45, 150, max_width=12),
    # A 16:9 slide, 1920 x 1080 px: larger type, tighter spacing, legend beside the drawing.
    "slide": Layout("slide", 14, 11.5, 11, 24, 12, 0.18, 0.36, 100, canvas=(19.2, 10.8)),
}
ORGAN_CLUSTER = {
    "company": "cluster_company",
    "ks": "cluster_ks",
    "samstyring": "cluster_samstyring",
    "state": "cluster_state",
}
ACTOR_SHAPE = {
    "authority": ("box", ("filled",)),
    "association": ("box", ("filled", "bold")),
    "role": ("box", ("filled", "rounded", "dashed")),
    "state": ("hexagon", ("filled",)),
    "private": ("octagon", ("filled",)),
}
CLUSTER_STYLE = {  # fill, outline
    "cluster_company": ("#eef4fb", "#6b8fb8"),
    "cluster_ks": ("#fff7ee", "#d0a070"),
    "cluster_samstyring": ("#f6f1fa", "#a08cc0"),
    "cluster_state": ("#f3f3f3", "#999999"),
}
PLACING = ("elects", "appoints", "instructs")  # relations that place an actor in a cluster
CLUSTER_ORDER = ("cluster_company", "cluster_samstyring", "cluster_ks", "cluster_state")
