"""Org diagrams of a model as Graphviz DOT, and rendering them to SVG, PNG or PDF.

The drawing lives here, not in the CLI, so ``govmodel diagram`` and the terminal UI show and
export the same picture. Public API:

- :func:`render_dot` — model → DOT source (deterministic: stable order, no timestamps);
- :func:`render` — model → bytes in a format (``svg``, ``png``, ``pdf`` or ``dot``);
- :func:`write_diagram` — model → file, written atomically, refusing to overwrite unless asked;
- :func:`dot_available`, :data:`DOT_MISSING_MESSAGE`, :class:`DotMissing`, :class:`DiagramError`,
  :func:`expand_choices`, :func:`highlight_choices`, :func:`format_for`.

Reading order of a diagram (docs/diagrams.md): the contracting authorities at the top; KS's
own organs in one cluster, with the samstyringsstruktur in a cluster below it; the company's
organs (general meeting, board, daglig leder, valgkomité) in a third cluster; councils that
bind the general meeting (eierråd, representasjonsråd) just above it and the styreutvalg
(KommIT-rådet) beside the board. The 357 kommuner and 14 fylkeskommuner are one group node each
(count and share total) unless expanded; organs and roles generated per fylke (fylkesmøter,
fylkesstyrer, fylkesstyreledere) are one node each unless ``fylker`` is expanded. Node fill
colours follow the kind (or the coverage verdicts), edge line styles the relation type and edge
colours the kind of link (firm, contractual, revocable, advisory). A legend is drawn under the
title at the bottom.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import graphviz

from govmodel.errors import did_you_mean
from govmodel.model import Model, Organ, Relation
from govmodel.output import OutputError, OutputExists, write_output

__all__ = [
    "COLOR_MODES",
    "COVERAGE_KINDS",
    "DOT_MISSING_MESSAGE",
    "EXPAND_FYLKER",
    "FORMATS",
    "LANGS",
    "DiagramError",
    "DotMissing",
    "OutputError",
    "OutputExists",
    "dot_available",
    "expand_choices",
    "format_for",
    "highlight_choices",
    "render",
    "render_dot",
    "render_source",
    "write_diagram",
]

COLOR_MODES = ("kind", "coverage")
LANGS = ("nb", "en")
FORMATS = ("svg", "png", "pdf", "dot")
SUFFIX_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
#: Coverage verdicts, strongest first: how a contracting authority reaches an organ.
COVERAGE_KINDS = ("direct", "chain", "contractual", "revocable", "diffuse", "none")
#: ``--expand`` name for the organs and roles generated per fylke.
EXPAND_FYLKER = "fylker"
#: PNG resolution; with :data:`MAX_WIDTH_IN` a collapsed diagram is at most 1800 px wide.
PNG_DPI = 150
#: Collapsed diagrams are scaled down to at most this width (inches): A4 width at 150 dpi.
MAX_WIDTH_IN = 12

DOT_MISSING_MESSAGE = (
    "Graphviz's 'dot' program was not found on PATH; it is needed to render SVG, PNG or PDF.\n"
    "Install it with 'apt-get install graphviz' (Debian/Ubuntu) or 'brew install graphviz'\n"
    "(macOS), or see https://graphviz.org/download/, then run the command again."
)


class DiagramError(ValueError):
    """A bad diagram option: an unknown id to highlight or expand, colour mode, language or
    output format, or an output file that exists."""


class DotMissing(RuntimeError):
    """Graphviz's ``dot`` is not installed. ``dot_path`` is the DOT file written instead
    (``None`` when none was written; ``note`` says why)."""

    def __init__(self, dot_path: Path | None = None, note: str = "") -> None:
        self.dot_path = dot_path
        self.note = note
        super().__init__(DOT_MISSING_MESSAGE)


# ---------------------------------------------------------------------------------------------
# Vocabulary: Norwegian labels with English glosses (legal terms of art stay Norwegian)

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

EDGE_TEXT = {
    "owns": ("eier", "owns"),
    "elects": ("velger", "elects"),
    "appoints": ("oppnevner", "appoints"),
    "instructs": ("instruerer", "instructs"),
    "proxy": ("fullmakt", "proxy"),
    "proxy_revocable": ("fullmakt (kan kalles tilbake)", "proxy (revocable)"),
    "recommends_binding": ("innstiller – bindende", "recommends – binding"),
    "recommends_adopt_or_return": (
        "innstiller – vedta eller returnere",
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
    "links": ("Bindingsform", "Kind of link"),
    "coverage": ("Dekning (kontrollkriteriet)", "Coverage (control criterion)"),
    "no_verdict": ("ikke vurdert", "not assessed"),
    "group": ("gruppe (sammenslått)", "group (collapsed)"),
}
LINK_TEXT = {
    "firm": ("fast (lov, vedtekter)", "firm (law, articles)"),
    "contractual": ("avtale (aksjonæravtale o.l.)", "contractual (agreement)"),
    "revocable": ("kan kalles tilbake (fullmakt)", "revocable (proxy)"),
    "advisory": ("rådgivende", "advisory"),
}
COVERAGE_TEXT = {
    "direct": ("direkte", "direct"),
    "chain": ("gjennom kjede", "through a chain"),
    "contractual": ("avhenger av avtale", "depends on an agreement"),
    "revocable": ("avhenger av fullmakt", "depends on a revocable proxy"),
    "diffuse": ("diffus", "diffuse"),
    "none": ("ikke oppfylt", "not satisfied"),
}
CLUSTER_TEXT = {
    "cluster_ks": ("KS' organer", "KS' organer (KS's organs)"),
    "cluster_samstyring": (
        "Samstyringsstrukturen for digitalisering",
        "Samstyringsstrukturen (co-governance of digitalisation)",
    ),
    "cluster_state": ("Staten", "Staten (the state)"),
}

# ---------------------------------------------------------------------------------------------
# Styles

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
LINK_COLOR = {
    "firm": "#252525",
    "contractual": "#b35806",
    "revocable": "#7b3294",
    "advisory": "#8c8c8c",
}
COVERAGE_COLOR = {
    "direct": ("#4dac26", "#ffffff"),
    "chain": ("#b8e186", "#000000"),
    "contractual": ("#ffffbf", "#000000"),
    "revocable": ("#fdae61", "#000000"),
    "diffuse": ("#f46d43", "#000000"),
    "none": ("#d7191c", "#ffffff"),
}
HIGHLIGHT_COLOR = "#e41a1c"

# Edge appearance by relation type: (style, penwidth, arrowhead, constraint).
EDGE_STYLE: dict[str, tuple[str, float, str, bool]] = {
    "owns": ("solid", 2.4, "normal", True),
    "elects": ("solid", 1.4, "normal", True),
    "appoints": ("solid", 1.4, "normal", True),
    "instructs": ("solid", 1.0, "vee", True),
    "proxy": ("dotted", 2.0, "normal", True),
    "proxy_revocable": ("dotted", 2.0, "normal", True),
    "recommends_binding": ("solid", 2.0, "normal", True),
    "recommends_adopt_or_return": ("dashed", 2.0, "normal", True),
    "recommends_advisory": ("dashed", 1.0, "normal", False),
    "prepares": ("dashed", 1.0, "vee", False),
    "advises": ("dashed", 1.0, "vee", False),
    "member_of": ("solid", 1.0, "empty", True),
    "sits_in": ("solid", 1.0, "empty", True),
    "reports_to": ("dashed", 0.8, "vee", False),
}
OWNS_LEGEND = ("eier (eierandel)", "owns (ownership share)")


# ---------------------------------------------------------------------------------------------
# Small helpers


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "nb" else pair[1]


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _pct(frac: Fraction, lang: str) -> str:
    """A percentage for display: ``33,4 %`` (nb) or ``33.4 %`` (en). Small shares keep two
    decimals, and nothing non-zero is shown as 0."""
    hundred = frac * 100
    if hundred == 0:
        text = "0"
    elif hundred.denominator == 1:
        text = str(hundred.numerator)
    elif hundred >= 1:
        text = f"{float(hundred):.1f}".rstrip("0").rstrip(".")
    elif hundred >= Fraction(1, 100):
        text = f"{float(hundred):.2f}".rstrip("0").rstrip(".")
    else:
        text = "<0.01"
    if lang == "nb":
        text = text.replace(".", ",")
    return f"{text} %"


WRAP = 24  # node titles longer than this are broken at spaces


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces (a longer word
    stays whole)."""
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _html_lines(lines: Iterable[str]) -> str:
    return "<" + "<BR/>".join(f"<B>{_esc(x)}</B>" for x in lines) + ">"


def _cov_rank(kind: str) -> int:
    return COVERAGE_KINDS.index(kind) if kind in COVERAGE_KINDS else len(COVERAGE_KINDS)


def _common_name(names: Iterable[str]) -> str:
    """The words a family of names share ("Fylkesmøtet i KS Oslo", ... → "Fylkesmøtet i KS")."""
    names = list(names)
    prefix = os.path.commonprefix(names) if names else ""
    if prefix not in names and " " in prefix:
        prefix = prefix[: prefix.rfind(" ")]
    return prefix.strip() or (names[0] if names else "")


_FYLKE_SUFFIX = re.compile(r"_\d+$")


def _family(any_id: str) -> str:
    """The id without its fylke suffix: ``fylkesmote_03`` → ``fylkesmote``."""
    return _FYLKE_SUFFIX.sub("", any_id)


def format_for(path: str | os.PathLike[str]) -> str:
    """The output format for a file name: ``.svg``, ``.png``, ``.pdf``, ``.dot`` or ``.gv``."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise DiagramError(
            f"cannot tell the format of {str(path)!r}: the file name must end in "
            + ", ".join(SUFFIX_FORMATS)
            + did_you_mean(suffix, SUFFIX_FORMATS)
        )
    return SUFFIX_FORMATS[suffix]


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` program is on PATH."""
    return shutil.which("dot") is not None


def expand_choices(model: Model) -> tuple[str, ...]:
    """Names ``expand`` accepts for ``model``: its generated groups (``kommuner``,
    ``fylkeskommuner``) and ``fylker`` (the organs and roles generated per fylke)."""
    return (*(g.id for g in model.groups.values() if g.generate), EXPAND_FYLKER)


def highlight_choices(model: Model) -> tuple[str, ...]:
    """Ids ``highlight`` accepts: organs, actors, groups, and decisions as ``organ.decision``."""
    ids: list[str] = [*model.organs, *model.actors, *model.groups]
    for o in model.organs.values():
        ids.extend(d.key for d in o.decisions)
    return tuple(ids)


def _check_options(
    model: Model,
    color: str,
    highlight: Iterable[str],
    expand: Iterable[str],
    lang: str,
    coverage: Mapping[str, str] | None,
) -> tuple[tuple[str, ...], frozenset[str]]:
    if color not in COLOR_MODES:
        raise DiagramError(
            f"unknown colour mode {color!r}; expected one of: {', '.join(COLOR_MODES)}"
            + did_you_mean(color, COLOR_MODES)
        )
    if lang not in LANGS:
        raise DiagramError(
            f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}"
            + did_you_mean(lang, LANGS)
        )
    if color == "coverage" and coverage is None:
        raise DiagramError("coverage colouring needs the coverage verdicts (coverage=...)")
    for node, verdict in (coverage or {}).items():
        if verdict not in COVERAGE_KINDS:
            raise DiagramError(
                f"coverage of {node!r}: unknown verdict {verdict!r}; expected one of: "
                + ", ".join(COVERAGE_KINDS)
                + did_you_mean(verdict, COVERAGE_KINDS)
            )
    hl = tuple(dict.fromkeys(h.strip() for h in highlight if h.strip()))
    known = highlight_choices(model)
    known_set = set(known)
    for h in hl:
        if h not in known_set:
            raise DiagramError(
                f"cannot highlight {h!r}: not an organ, actor, group or decision "
                f"(organ.decision) of model {model.id}" + did_you_mean(h, known)
            )
    ex = tuple(dict.fromkeys(e.strip() for e in expand if e.strip()))
    choices = expand_choices(model)
    for e in ex:
        if e not in choices:
            raise DiagramError(
                f"cannot expand {e!r}; expected one of: {', '.join(choices)}"
                + did_you_mean(e, choices)
            )
    return hl, frozenset(ex)


def _fylke_names(model: Model) -> dict[str, str]:
    """Fylkesnummer → name from the model's population data (numbers only if unavailable)."""
    try:
        from govmodel.population import load_population

        pop = load_population(model.population_source, Path(model.path).parent)
    except Exception:  # noqa: BLE001 - names are decoration; the numbers still identify
        return {}
    return {f.nr: f.name for f in pop.fylker}


# ---------------------------------------------------------------------------------------------
# The drawn graph: nodes (one may stand for many model elements) and merged edges


@dataclass
class _Node:
    id: str
    category: str  # key of CATEGORY (fill colour by kind)
    title: str  # the Norwegian name
    gloss: str = ""  # English gloss (shown with lang="en")
    lines: list[str] = field(default_factory=list)  # small extra lines (plain text)
    members: tuple[str, ...] = ()  # the model ids this node stands for
    kind: str = ""  # organ or actor kind
    shape: str = "box"
    styles: tuple[str, ...] = ("filled",)
    peripheries: int = 1
    cluster: str | None = None
    sub: str | None = None  # per-fylke sub-cluster (expanded views)
    is_set: bool = False  # a collapsed group or per-fylke family
    organ: bool = False  # organs (and the company) are always drawn


@dataclass
class _Edge:
    tail: str
    head: str
    key: str  # key of EDGE_TEXT: the relation type, with the strength or revocability
    link: str
    relations: list[Relation]
    tails: list[str]  # model ids at the tail (ownership sums)
    ltail: str | None = None  # the edge leaves this cluster (an expanded group)
    document: str | None = None


class _Builder:
    """Maps the model onto drawn nodes and edges, and labels and styles them."""

    def __init__(
        self,
        model: Model,
        highlight: tuple[str, ...],
        expand: frozenset[str],
        lang: str,
        coverage: Mapping[str, str] | None,
    ) -> None:
        self.m = model
        self.lang = lang
        self.expand = expand
        self.coverage = coverage
        self.nodes: dict[str, _Node] = {}
        self.map: dict[str, str] = {}  # model id -> drawn node id
        self.cluster_members: dict[str, list[str]] = {}  # expanded-group (sub)cluster -> ids
        self.highlight_ids = set(highlight)
        for h in highlight:  # a group marks its members (and so the nodes they are drawn in)
            if h in model.groups:
                self.highlight_ids.update(model.groups[h].members)
        self.highlight_decisions: dict[str, list[str]] = {}
        for h in highlight:
            if "." in h:
                organ, did = h.split(".", 1)
                self.highlight_decisions.setdefault(organ, []).append(did)
        self.secretariat: dict[str, list[str]] = {}  # node -> who is its secretariat
        self.members_note: dict[str, list[str]] = {}  # node -> member nodes (not drawn)
        self.fylke_names = _fylke_names(model) if expand else {}
        company = model.company
        self.total_shares = sum(h.shares for h in company.holdings)
        self.total_votes = sum(
            h.shares * company.share_class(h.share_class).votes_per_share for h in company.holdings
        )

    # -- shares --------------------------------------------------------------------------------

    def share_text(self, holders: Iterable[str], long: bool) -> str:
        """The holders' share of the capital (and of the votes, when that differs)."""
        hs = set(holders)
        shares = 0
        votes = Fraction(0)
        for h in self.m.company.holdings:
            if h.holder in hs:
                shares += h.shares
                votes += h.shares * self.m.company.share_class(h.share_class).votes_per_share
        if not shares or not self.total_shares:
            return ""
        lang = self.lang
        cap = Fraction(shares, self.total_shares)
        vote = votes / self.total_votes if self.total_votes else Fraction(0)
        if cap == vote:
            word = _t(OWNER_WORDS.get(self.m.form.form, OWNER_DEFAULT)[1], lang)
            return f"{_pct(cap, lang)} {word}" if long else _pct(cap, lang)
        return (
            f"{_pct(cap, lang)} {_t(TEXT['capital'], lang)}, "
            f"{_pct(vote, lang)} {_t(TEXT['votes'], lang)}"
        )

    # -- nodes ---------------------------------------------------------------------------------

    def build_nodes(self) -> None:
        m = self.m
        lang = self.lang
        fylker_open = EXPAND_FYLKER in self.expand
        # Organs; a family generated per fylke (fylkesmote_NN ...) is one node unless expanded.
        families: dict[str, list[Organ]] = {}
        for o in m.organs.values():
            if o.fylke:
                families.setdefault(_family(o.id), []).append(o)
        for o in m.organs.values():
            cluster = _ORGAN_CLUSTER.get(o.part_of)
            fam = families.get(_family(o.id), []) if o.fylke else []
            if len(fam) > 1 and not fylker_open:
                nid = f"set__{_family(o.id)}"
                if nid not in self.nodes:
                    name, gloss = SET_NAMES.get(
                        _family(o.id), (_common_name(x.name for x in fam), "")
                    )
                    node = self._organ_node(o, nid, cluster)
                    node.title = f"{name} ({len(fam)})"
                    node.gloss = gloss or ORGAN_GLOSS.get(o.kind, "")
                    node.members = tuple(x.id for x in fam)
                    node.is_set = True
                    line = _t(TEXT["one_per_fylke"], lang)
                    seats = {len(x.seats) for x in fam if not x.shareholders}
                    if len(seats) == 1 and (n := seats.pop()) > 1:
                        line += f" · {n} {_t(TEXT['members'], lang)}"
                    node.lines = [line]
                    self.nodes[nid] = node
                self.map[o.id] = nid
                continue
            node = self._organ_node(o, o.id, cluster)
            if o.fylke and fylker_open:
                node.sub = f"fylke_{o.fylke}"
            self.nodes[o.id] = node
            self.map[o.id] = o.id
        # Actors: members of a generated group are the group's node unless it is expanded;
        # roles generated per fylke (fylkesstyreleder_NN) are one node unless fylker is.
        in_group: dict[str, str] = {}
        for g in m.groups.values():
            if g.generate:
                for a in g.members:
                    in_group.setdefault(a, g.id)
        actor_families: dict[str, list[str]] = {}
        for a in m.actors.values():
            if a.id not in in_group and a.fylke:
                actor_families.setdefault(_family(a.id), []).append(a.id)
        for a in m.actors.values():
            gid = in_group.get(a.id)
            if gid is not None and gid not in self.expand:
                nid = f"grp__{gid}"
                if nid not in self.nodes:
                    self.nodes[nid] = self._group_node(gid, nid)
                self.map[a.id] = nid
                continue
            fam_ids = actor_families.get(_family(a.id), []) if gid is None and a.fylke else []
            if len(fam_ids) > 1 and not fylker_open:
                nid = f"set__{_family(a.id)}"
                if nid not in self.nodes:
                    name, gloss = SET_NAMES.get(
                        _family(a.id), (_common_name(m.actors[x].name for x in fam_ids), "")
                    )
                    node = self._actor_node(a.id, nid)
                    node.title = f"{name} ({len(fam_ids)})"
                    node.gloss = gloss or node.gloss
                    node.members = tuple(fam_ids)
                    node.is_set = True
                    node.lines = [_t(TEXT["one_per_fylke"], lang)]
                    self.nodes[nid] = node
                self.map[a.id] = nid
                continue
            node = self._actor_node(a.id, a.id)
            if gid is not None:  # a member of an expanded group: inside the group's cluster
                node.cluster = f"cluster_grp_{gid}"
                node.sub = f"cluster_grp_{gid}_{a.fylke}" if a.fylke else None
                for cl in (node.cluster, node.sub):
                    if cl:
                        self.cluster_members.setdefault(cl, []).append(a.id)
                share = self.share_text([a.id], long=False)
                node.lines = [share] if share else []
                node.gloss = ""
            elif a.fylke and fylker_open:
                node.sub = f"fylke_{a.fylke}"
            self.nodes[a.id] = node
            self.map[a.id] = a.id
        for g in m.groups.values():
            if f"grp__{g.id}" in self.nodes:
                self.map[g.id] = f"grp__{g.id}"
        # The company: its general meeting stands for it (the owners' shares are voted there).
        anchor = next(
            (
                o.id
                for o in m.organs.values()
                if o.kind == "general_meeting" and o.part_of == "company"
            ),
            None,
        )
        if anchor is None:
            self.nodes[m.company.id] = _Node(
                id=m.company.id,
                category="company_organ",
                title=m.company.name,
                gloss="company",
                kind="company",
                styles=("filled", "bold"),
                peripheries=2,
                cluster="cluster_company",
                members=(m.company.id,),
            )
            anchor = m.company.id
        self.map[m.company.id] = self.map.get(anchor, anchor)

    def _organ_node(self, o: Organ, nid: str, cluster: str | None) -> _Node:
        lang = self.lang
        styles = ["filled", "rounded"]
        peripheries = 1
        if o.kind in ADVISORY_KINDS:
            styles.append("dashed")
        if o.kind == "general_meeting":
            styles.append("bold")
            peripheries = 2
        if o.kind == "ceo":
            styles = ["filled"]
        lines: list[str] = []
        if o.shareholders:
            owners = _t(OWNER_WORDS.get(self.m.form.form, OWNER_DEFAULT)[0], lang)
            lines.append(f"{owners} ({len(self.m.company.holders())})")
        elif len(o.seats) > 1:
            lines.append(f"{len(o.seats)} {_t(TEXT['members'], lang)}")
        return _Node(
            id=nid,
            category=ORGAN_CATEGORY.get(o.kind, "other"),
            title=o.name,
            gloss=ORGAN_GLOSS.get(o.kind, ""),
            lines=lines,
            members=(o.id,),
            kind=o.kind,
            styles=tuple(styles),
            peripheries=peripheries,
            cluster=cluster,
            organ=True,
        )

    def _actor_node(self, aid: str, nid: str) -> _Node:
        a = self.m.actors[aid]
        category = ACTOR_CATEGORY.get(a.kind, "other")
        shape, styles = _ACTOR_SHAPE.get(category, ("box", ("filled",)))
        share = self.share_text([aid], long=True)
        return _Node(
            id=nid,
            category=category,
            title=a.name,
            gloss=ID_GLOSS.get(aid) or ID_GLOSS.get(_family(aid)) or ACTOR_GLOSS.get(a.kind, ""),
            lines=[share] if share and category != "authority" else [],
            members=(aid,),
            kind=a.kind,
            shape=shape,
            styles=styles,
        )

    def _group_node(self, gid: str, nid: str) -> _Node:
        g = self.m.groups[gid]
        kinds = {self.m.actors[a].kind for a in g.members if a in self.m.actors}
        kind = kinds.pop() if len(kinds) == 1 else ""
        count_word = GROUP_COUNT.get(kind, TEXT["members"])
        lines = [f"{len(g.members)} {_t(count_word, self.lang)}"]
        share = self.share_text(g.members, long=True)
        if share:
            lines.append(share)
        return _Node(
            id=nid,
            category=ACTOR_CATEGORY.get(kind, "authority"),
            title=g.name,
            gloss=GROUP_GLOSS.get(g.generate or "", ""),
            lines=lines,
            members=g.members,
            kind=kind,
            shape="box3d",
            is_set=True,
        )

    # -- edges ---------------------------------------------------------------------------------

    def _ends(self, any_id: str) -> list[tuple[str, str]]:
        """(drawn node, model id) pairs an endpoint maps to; a group fans out to its members'
        nodes (all kommuner and fylkeskommuner → the two group nodes)."""
        if any_id in self.map:
            return [(self.map[any_id], any_id)]
        g = self.m.groups.get(any_id)
        if g is None:
            return []
        out: dict[tuple[str, str], None] = {}
        for a in g.members:
            if a in self.map:
                out.setdefault((self.map[a], a), None)
        return list(out)

    def build_edges(self) -> list[_Edge]:
        m = self.m
        raw: list[tuple[str, str, str, str, Relation | None, str, str | None]] = []
        for r in m.relations:
            if r.type == "secretariat_for":  # written in the node: "sekretariat: KS"
                who = m.name_of(r.source).split(" (")[0]
                for head, _ in self._ends(r.target):
                    names = self.secretariat.setdefault(head, [])
                    if who not in names:
                        names.append(who)
                continue
            key = r.type
            if r.type == "recommends":
                key = f"recommends_{r.strength or 'advisory'}"
            elif r.type == "proxy":
                key = "proxy" if r.revocable is False else "proxy_revocable"
            if key not in EDGE_TEXT:
                continue
            for tail, tid in self._ends(r.source):
                for head, _ in self._ends(r.target):
                    if tail != head:
                        raw.append((tail, head, key, r.link, r, tid, r.provenance.document))
        for o in m.organs.values():
            for s in o.seats:
                if s.holder:
                    head = self.map[o.id]
                    for tail, tid in self._ends(s.holder):
                        if tail != head:
                            raw.append((tail, head, "sits_in", "firm", None, tid, None))
        # Parallel edges of the same kind are one edge (15 fylkesmøter electing delegates ...).
        merged: dict[tuple[str, str, str, str], _Edge] = {}
        for tail, head, key, link, rel, tid, doc in raw:
            e = merged.get((tail, head, key, link))
            if e is None:
                e = merged[(tail, head, key, link)] = _Edge(
                    tail, head, key, link, [], [], document=doc
                )
            if rel is not None and rel not in e.relations:
                e.relations.append(rel)
            if tid not in e.tails:
                e.tails.append(tid)
            if e.document != doc:
                e.document = None
        return self._from_clusters(list(merged.values()))

    def _from_clusters(self, edges: list[_Edge]) -> list[_Edge]:
        """Edges from every member of an expanded group (or of one of its per-fylke
        sub-clusters) to one node become a single edge from the (sub)cluster."""
        if not self.cluster_members:
            return edges
        where = {
            nid: (n.cluster, n.sub)
            for nid, n in self.nodes.items()
            if n.cluster and n.cluster.startswith("cluster_grp_")
        }
        buckets: dict[tuple[str, str, str, str], list[_Edge]] = {}
        slots: list[_Edge | tuple[str, str, str, str]] = []
        for e in edges:
            if e.tail in where:
                k = (where[e.tail][0] or "", e.head, e.key, e.link)
                if k not in buckets:
                    buckets[k] = []
                    slots.append(k)
                buckets[k].append(e)
            else:
                slots.append(e)
        out: list[_Edge] = []
        for slot in slots:
            if isinstance(slot, _Edge):
                out.append(slot)
                continue
            group = buckets[slot]
            cl = slot[0]
            if {x.tail for x in group} >= set(self.cluster_members[cl]):
                out.append(_combine(group, cl))
                continue
            by_sub: dict[str, list[_Edge]] = {}
            for x in group:
                by_sub.setdefault(where[x.tail][1] or "", []).append(x)
            for sub, xs in by_sub.items():
                if sub and {x.tail for x in xs} >= set(self.cluster_members[sub]):
                    out.append(_combine(xs, sub))
                else:
                    out.extend(xs)
        return out

    # -- labels and attributes -----------------------------------------------------------------

    def edge_label(self, e: _Edge) -> str:
        if e.key == "owns":
            return self.share_text(e.tails, long=False) or _t(EDGE_TEXT["owns"], self.lang)
        text = _t(EDGE_TEXT[e.key], self.lang)
        doc = self.m.documents.get(e.document or "")
        if e.link == "contractual" and doc is not None:
            text += f"\\n({doc.name[:1].lower()}{doc.name[1:]})"
        return text

    def highlighted(self, n: _Node) -> list[str]:
        """The node's members that are highlighted (all of them for a highlighted group)."""
        if n.id.startswith("grp__") and n.id[5:] in self.highlight_ids:
            return list(n.members)
        return [x for x in n.members if x in self.highlight_ids or x in self.highlight_decisions]

    def coverage_of(self, n: _Node) -> tuple[str, dict[str, int]] | None:
        """The weakest verdict among the node's members and the count of each verdict."""
        if self.coverage is None:
            return None
        keys = list(n.members)
        if n.id.startswith("grp__"):
            keys.append(n.id[5:])
        counts: dict[str, int] = {}
        for x in keys:
            v = self.coverage.get(x)
            if v is not None:
                counts[v] = counts.get(v, 0) + 1
        if not counts and n.id in self.coverage:
            counts[self.coverage[n.id]] = 1
        if not counts:
            return None
        return max(counts, key=_cov_rank), counts

    def node_label(self, n: _Node) -> str:
        lang = self.lang
        parts = [f"<B>{_esc(x)}</B>" for x in _wrap(n.title, WRAP)]
        if lang == "en" and n.gloss:
            parts.append(f'<FONT POINT-SIZE="10"><I>({_esc(n.gloss)})</I></FONT>')
        small = list(n.lines)
        if n.id in self.members_note:
            names = ", ".join(self.nodes[x].title for x in self.members_note[n.id])
            small.append(f"{_t(TEXT['members'], lang)}: {names}")
        if n.id in self.secretariat:
            small.append(f"{_t(TEXT['secretariat'], lang)}: {', '.join(self.secretariat[n.id])}")
        cov = self.coverage_of(n)
        if cov is not None and len(cov[1]) > 1:
            small.append(
                ", ".join(
                    f"{c} {_t(COVERAGE_TEXT[k], lang)}"
                    for k, c in sorted(cov[1].items(), key=lambda kv: _cov_rank(kv[0]))
                )
            )
        parts.extend(f'<FONT POINT-SIZE="9">{_esc(x)}</FONT>' for x in small)
        hl = self.highlighted(n)
        if hl and n.is_set and len(hl) < len(n.members):
            parts.append(
                f'<FONT POINT-SIZE="9" COLOR="{HIGHLIGHT_COLOR}">'
                f"{len(hl)} / {len(n.members)} {_esc(_t(TEXT['highlighted'], lang))}</FONT>"
            )
        for oid in n.members:
            for did in self.highlight_decisions.get(oid, []):
                organ = self.m.organs[oid]
                name = organ.decision(did).name if organ.has_decision(did) else did
                parts.append(
                    f'<FONT POINT-SIZE="9" COLOR="{HIGHLIGHT_COLOR}"><B>▶ {_esc(name)}</B></FONT>'
                )
        return "<" + "<BR/>".join(parts) + ">"

    def node_attrs(self, n: _Node) -> dict[str, str]:
        fill = CATEGORY.get(n.category, CATEGORY["other"])[0]
        fontcolor = "#000000"
        styles = list(n.styles)
        if self.coverage is not None:
            cov = self.coverage_of(n)
            fill, fontcolor = COVERAGE_COLOR[cov[0]] if cov else ("#ffffff", "#555555")
        attrs = {"label": self.node_label(n), "shape": n.shape}
        if self.highlighted(n):
            attrs["color"] = HIGHLIGHT_COLOR
            attrs["penwidth"] = "3.5"
            styles = [x for x in styles if x != "bold"]
        attrs["style"] = ",".join(styles)
        attrs["fillcolor"] = fill
        if fontcolor != "#000000":
            attrs["fontcolor"] = fontcolor
        if n.peripheries != 1:
            attrs["peripheries"] = str(n.peripheries)
        return attrs

    def edge_attrs(self, e: _Edge) -> dict[str, str]:
        style, width, arrow, constraint = EDGE_STYLE[e.key]
        color = LINK_COLOR.get(e.link, LINK_COLOR["firm"])
        # The authorities' shares are written where their long ownership edges start (a tail
        # label), not as mid-edge label nodes that push those edges around.
        outside = e.key == "owns" and self.nodes[e.tail].cluster not in _CLUSTER_STYLE
        attrs = {
            "taillabel" if outside else "label": self.edge_label(e),
            "style": style,
            "penwidth": f"{width:g}",
            "arrowhead": arrow,
            "color": color,
            "fontcolor": color,
        }
        if outside:
            attrs["labeldistance"] = "4"
            attrs["labelangle"] = "25"
        elif e.key == "owns":
            attrs["decorate"] = "true"  # a line ties the share to its edge
        if not constraint:
            attrs["constraint"] = "false"
        if e.ltail:
            attrs["ltail"] = e.ltail
        return attrs


def _combine(group: list[_Edge], cluster: str) -> _Edge:
    first = group[0]
    rels: list[Relation] = []
    tails: list[str] = []
    for x in group:
        rels.extend(r for r in x.relations if r not in rels)
        tails.extend(t for t in x.tails if t not in tails)
    doc = first.document if all(x.document == first.document for x in group) else None
    return _Edge(first.tail, first.head, first.key, first.link, rels, tails, cluster, doc)


_ORGAN_CLUSTER = {
    "company": "cluster_company",
    "ks": "cluster_ks",
    "samstyring": "cluster_samstyring",
    "state": "cluster_state",
}
_ACTOR_SHAPE = {
    "authority": ("box", ("filled",)),
    "association": ("box", ("filled", "bold")),
    "role": ("box", ("filled", "rounded", "dashed")),
    "state": ("hexagon", ("filled",)),
    "private": ("octagon", ("filled",)),
}
_CLUSTER_STYLE = {  # fill, outline
    "cluster_company": ("#eef4fb", "#6b8fb8"),
    "cluster_ks": ("#fff7ee", "#d0a070"),
    "cluster_samstyring": ("#f6f1fa", "#a08cc0"),
    "cluster_state": ("#f3f3f3", "#999999"),
}
_PLACING = ("elects", "appoints", "instructs")  # relations that place an actor in a cluster
_CLUSTER_ORDER = ("cluster_company", "cluster_samstyring", "cluster_ks", "cluster_state")


# ---------------------------------------------------------------------------------------------
# DOT assembly


def render_dot(
    model: Model,
    *,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Mapping[str, str] | None = None,
    layout_hints: bool = True,
) -> str:
    """The org diagram of ``model`` as DOT source.

    ``color``: ``"kind"`` (fill colours by kind of organ or actor) or ``"coverage"`` (by
    ``coverage``: node id — organ, actor or group id — → a verdict in :data:`COVERAGE_KINDS`;
    ids without a verdict are drawn white). ``highlight``: organ, actor and group ids and
    decision keys ``organ.decision`` to mark (red outline; a decision is also named in its
    organ). ``expand``: names from :func:`expand_choices`. ``lang``: ``"nb"`` (Norwegian) or
    ``"en"`` (Norwegian names with English glosses). ``layout_hints=False`` leaves out the rank
    and ordering hints (a fallback when ``dot`` fails on them).

    Raises :class:`DiagramError` for an unknown option or id. The result depends only on the
    arguments: nodes, clusters and edges come in model order, with no timestamps.
    """
    hl, ex = _check_options(model, color, highlight, expand, lang, coverage)
    b = _Builder(model, hl, ex, lang, coverage if color == "coverage" else None)
    b.build_nodes()
    edges = b.build_edges()

    # Organs are always drawn; actors and groups when they take part or are highlighted.
    used = {e.tail for e in edges} | {e.head for e in edges}
    used.update(
        nid
        for nid, n in b.nodes.items()
        if n.organ or b.highlighted(n) or (n.cluster or "").startswith("cluster_grp_")
    )
    # Actors elected, appointed or instructed from inside a cluster sit in it (KS, its chair).
    for nid, n in b.nodes.items():
        if n.cluster is None and n.category in ("association", "role"):
            for e in edges:
                src = b.nodes[e.tail].cluster
                if e.head == nid and e.key in _PLACING and src in _CLUSTER_STYLE:
                    n.cluster = src
                    break
    by_cluster: dict[str | None, list[_Node]] = {}
    for nid, n in b.nodes.items():
        if nid in used:
            by_cluster.setdefault(n.cluster, []).append(n)
    # The top row: authorities and other actors outside the clusters (owners, members).
    top = [n for n in by_cluster.get(None, []) if not n.organ and n.category != "role"]
    rest = [n for n in by_cluster.get(None, []) if n not in top]
    top_ids = {n.id for n in top}
    # "All kommuner and fylkeskommuner are members of KS" is written in KS's node: as edges it
    # would cross KS's whole cluster.
    for e in [e for e in edges if e.key == "member_of" and e.tail in top_ids]:
        members = b.members_note.setdefault(e.head, [])
        if e.tail not in members:
            members.append(e.tail)
        edges.remove(e)

    title = model.name + (f" — {model.scenario}" if model.scenario else "")
    g = graphviz.Digraph(name=model.id)
    graph_attrs = {
        "rankdir": "TB",
        "newrank": "true",
        "compound": "true",
        "nodesep": "0.22",
        "ranksep": "0.45",
        "pad": "0.2",
        "fontname": FONT,
        "fontsize": "10",
        "labelloc": "b",
    }
    if not ex:
        graph_attrs["size"] = f"{MAX_WIDTH_IN},100"
    g.attr("graph", **graph_attrs)
    g.attr("node", fontname=FONT, fontsize="11", margin="0.14,0.07")
    g.attr("edge", fontname=FONT, fontsize="8.5", arrowsize="0.8")

    if top:
        with g.subgraph(name="top") as t:
            t.attr(rank="min")
            _add_nodes(t, top, b)
            for x, y in zip(top, top[1:], strict=False):  # side by side, in model order
                t.edge(x.id, y.id, style="invis", weight="4")
    for cl in sorted(k for k in by_cluster if k and k.startswith("cluster_grp_")):
        _group_cluster(g, cl, by_cluster[cl], b)
    for cl in _CLUSTER_ORDER:
        if cl == "cluster_samstyring":
            _add_nodes(g, rest, b)
        nodes = by_cluster.get(cl)
        if not nodes:
            continue
        fill, line = _CLUSTER_STYLE[cl]
        name = model.company.name if cl == "cluster_company" else _t(CLUSTER_TEXT[cl], lang)
        with g.subgraph(name=cl) as c:
            c.attr(
                label=_html_lines(_wrap(name, 34)),
                style="rounded,filled",
                fillcolor=fill,
                color=line,
                fontsize="13",
                labeljust="l",
                labelloc="t",
            )
            _add_nodes(c, nodes, b)

    # A styreutvalg is drawn level with the company organ it advises (KommIT-rådet beside
    # the board).
    beside: dict[str, list[str]] = {}
    if layout_hints:
        for e in edges:
            tn, hn = b.nodes[e.tail], b.nodes[e.head]
            if (
                e.key.startswith("recommends")
                and tn.kind in BESIDE_KINDS
                and hn.cluster == "cluster_company"
                and tn.cluster != "cluster_ks"
                and not any(e.tail in v for v in beside.values())
            ):
                beside.setdefault(e.head, []).append(e.tail)
    for head, tails in beside.items():
        with g.subgraph() as r:
            r.attr(rank="same")
            for x in (head, *tails):
                r.node(x)
    level = {x: h for h, ts in beside.items() for x in (h, *ts)}

    for e in edges:
        attrs = b.edge_attrs(e)
        if layout_hints:
            _edge_hints(attrs, e, b, top_ids, level)
        g.edge(e.tail, e.head, **attrs)
    if layout_hints:
        for lower in ("cluster_samstyring", "cluster_company"):
            _stack(g, b, edges, "cluster_ks", lower, by_cluster, set(level))
    # Set last, so that no cluster inherits it.
    g.attr("graph", label=_caption(title, b, edges, lang))
    return g.source


def _edge_hints(
    attrs: dict[str, str], e: _Edge, b: _Builder, top_ids: set[str], level: dict[str, str]
) -> None:
    """Weights and constraints that make the layout read top-down like an org chart."""
    tail, head = b.nodes[e.tail], b.nodes[e.head]
    if tail.cluster == head.cluster == "cluster_company" and e.key in (
        "elects",
        "appoints",
        "instructs",
    ):
        attrs["weight"] = "8"  # GF → board → daglig leder straight down
    elif e.key == "owns":
        # KS's ownership pulls the general meeting under KS's organs; the authorities' long
        # ownership edges get a lane of their own beside them.
        attrs["weight"] = "6" if tail.cluster in _CLUSTER_STYLE else "0"
    elif e.key in ("recommends_binding", "recommends_adopt_or_return"):
        attrs["weight"] = "4"  # a council that binds an organ sits just above it
    if e.key == "sits_in" and (e.tail in top_ids or e.ltail):
        attrs["weight"] = "0"  # below the authorities, without pulling them sideways
    if level.get(e.tail, e.tail) == level.get(e.head, e.head):
        attrs["constraint"] = "false"
    elif e.key in ("prepares", "advises") and tail.cluster and tail.cluster == head.cluster:
        attrs.pop("constraint", None)  # a cluster's own advisory chain stays upright


def _add_nodes(sub: graphviz.Digraph, nodes: list[_Node], b: _Builder) -> None:
    per_fylke: dict[str, list[_Node]] = {}
    for n in nodes:
        if n.sub and n.sub.startswith("fylke_"):
            per_fylke.setdefault(n.sub, []).append(n)
        else:
            sub.node(n.id, **b.node_attrs(n))
    for fy, ns in sorted(per_fylke.items()):
        nr = fy[len("fylke_") :]
        with sub.subgraph(name=f"cluster_{fy}") as c:
            label = f"{nr} {b.fylke_names.get(nr, '')}".strip()
            c.attr(label=label, style="dashed", color="#b0b0b0", fontsize="10")
            for n in ns:
                c.node(n.id, **b.node_attrs(n))


def _group_cluster(g: graphviz.Digraph, cl: str, nodes: list[_Node], b: _Builder) -> None:
    """An expanded group: a cluster with a sub-cluster per fylke, members in columns."""
    grp = b.m.groups[cl[len("cluster_grp_") :]]
    share = b.share_text(grp.members, long=True)
    label = f"{grp.name} ({len(grp.members)})" + (f" · {share}" if share else "")
    with g.subgraph(name=cl) as c:
        c.attr(
            label=_html_lines([label]),
            style="rounded,filled",
            fillcolor="#f2faf0",
            color="#7fbf7b",
            fontsize="13",
            labelloc="t",
        )
        subs: dict[str, list[_Node]] = {}
        for n in nodes:
            subs.setdefault(n.sub or "", []).append(n)
        for name in sorted(subs):
            ns = subs[name]
            if not name:
                for n in ns:
                    c.node(n.id, **b.node_attrs(n))
                continue
            nr = name.rsplit("_", 1)[1]
            with c.subgraph(name=name) as s:
                label = f"{nr} {b.fylke_names.get(nr, '')}".strip()
                s.attr(label=label, style="dashed", color="#b0b0b0", fontsize="10")
                for i, n in enumerate(ns):
                    s.node(n.id, **b.node_attrs(n))
                    if i % GRID_COLUMN:  # columns of GRID_COLUMN, not one very wide row
                        s.edge(ns[i - 1].id, n.id, style="invis")


GRID_COLUMN = 12


def _stack(
    g: graphviz.Digraph,
    b: _Builder,
    edges: list[_Edge],
    upper: str,
    lower: str,
    by_cluster: Mapping[str | None, list[_Node]],
    level_with_company: set[str],
) -> None:
    """Place cluster ``lower`` below cluster ``upper``: invisible edges from the nodes of
    ``upper`` with no successor inside it to the nodes of ``lower`` with no predecessor inside
    it. Nodes drawn level with a company organ are left out."""
    up = [n.id for n in by_cluster.get(upper, []) if n.id not in level_with_company]
    low = [n.id for n in by_cluster.get(lower, [])]
    if not up or not low:
        return
    ranked = [e for e in edges if EDGE_STYLE[e.key][3]]
    up_set, low_set = set(up), set(low)
    sinks = [x for x in up if not any(e.tail == x and e.head in up_set for e in ranked)]
    sources = [x for x in low if not any(e.head == x and e.tail in low_set for e in ranked)]
    for x in sinks:
        for y in sources:
            g.edge(x, y, style="invis", weight="0")


# ---------------------------------------------------------------------------------------------
# Legend and title


def _legend_columns(
    b: _Builder, edges: list[_Edge], lang: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The legend as columns of (heading, [(sample cell, text)]): node kinds (or coverage
    verdicts), relation styles and kinds of link, only those that appear."""

    def box(fill: str) -> str:
        return f'<TD BGCOLOR="{fill}" WIDTH="30" HEIGHT="14" BORDER="1" COLOR="#888888"></TD>'

    nodes: list[tuple[str, str]] = []
    if b.coverage is not None:
        heading = _t(TEXT["coverage"], lang)
        for k in COVERAGE_KINDS:
            nodes.append((box(COVERAGE_COLOR[k][0]), _t(COVERAGE_TEXT[k], lang)))
        nodes.append((box("#ffffff"), _t(TEXT["no_verdict"], lang)))
    else:
        heading = _t(TEXT["nodes"], lang)
        seen = {n.category for n in b.nodes.values()}
        for cat, (fill, text) in CATEGORY.items():
            if cat in seen:
                nodes.append((box(fill), _t(text, lang)))
    if any(n.is_set for n in b.nodes.values()):
        nodes.append(('<TD WIDTH="30">(n)</TD>', _t(TEXT["group"], lang)))
    if b.highlight_ids:
        cell = f'<TD WIDTH="30" HEIGHT="14" BORDER="3" COLOR="{HIGHLIGHT_COLOR}"></TD>'
        nodes.append((cell, _t(TEXT["highlighted"], lang)))
    cols = [(heading, nodes)]
    rels: list[tuple[str, str]] = []
    for k in EDGE_TEXT:
        if any(e.key == k for e in edges):
            style, width, _arrow, _c = EDGE_STYLE[k]
            text = _t(OWNS_LEGEND if k == "owns" else EDGE_TEXT[k], lang)
            rels.append((_line_cell(style, width, LINK_COLOR["firm"]), text))
    if rels:
        half = (len(rels) + 1) // 2 if len(rels) > 7 else len(rels)
        cols.append((_t(TEXT["edges"], lang), rels[:half]))
        if rels[half:]:
            cols.append(("", rels[half:]))
    links = [
        (_line_cell("solid", 2.0, LINK_COLOR[k]), _t(LINK_TEXT[k], lang))
        for k in LINK_COLOR
        if any(e.link == k for e in edges)
    ]
    if links:
        cols.append((_t(TEXT["links"], lang), links))
    return cols


def _line_cell(style: str, width: float, color: str) -> str:
    """A legend cell showing a line: a cell with only its bottom border."""
    st = "" if style == "solid" else f' STYLE="{style}"'
    return (
        f'<TD WIDTH="36" HEIGHT="8" SIDES="B" BORDER="{max(1, round(width))}" '
        f'COLOR="{color}"{st}></TD>'
    )


def _caption(title: str, b: _Builder, edges: list[_Edge], lang: str) -> str:
    """The graph label under the diagram: the title, then the legend in columns (one table,
    so the rows of all columns line up)."""
    cols = _legend_columns(b, edges, lang)
    n_rows = max((len(rows) for _h, rows in cols), default=0)
    gap = '<TD WIDTH="24"></TD>'
    header = gap.join(
        f'<TD COLSPAN="2" ALIGN="LEFT"><B>{_esc(h)}</B></TD>' if h else '<TD COLSPAN="2"></TD>'
        for h, _rows in cols
    )
    body = []
    for i in range(n_rows):
        cells = []
        for _h, rows in cols:
            if i < len(rows):
                sample, text = rows[i]
                cells.append(f'{sample}<TD ALIGN="LEFT">{_esc(text)}</TD>')
            else:
                cells.append("<TD></TD><TD></TD>")
        body.append("<TR>" + gap.join(cells) + "</TR>")
    span = 3 * len(cols) - 1
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        f'<TR><TD COLSPAN="{span}"><FONT POINT-SIZE="18"><B>{_esc(title)}</B></FONT></TD></TR>'
        f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><FONT POINT-SIZE="11"><B>'
        f"{_esc(_t(TEXT['legend'], lang))}</B></FONT></TD></TR>"
        f"<TR>{header}</TR>" + "".join(body) + "</TABLE>>"
    )


# ---------------------------------------------------------------------------------------------
# Rendering and writing


def render_source(source: str, fmt: str) -> bytes:
    """Render DOT ``source`` with ``dot`` (PNG at :data:`PNG_DPI`). Raises :class:`DotMissing`
    without ``dot`` and :class:`RuntimeError` when ``dot`` fails."""
    if fmt == "dot":
        return source.encode("utf-8")
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    exe = shutil.which("dot")
    if exe is None:
        raise DotMissing()
    args = [exe, f"-T{fmt}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    proc = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0 or not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"dot -T{fmt} failed (exit {proc.returncode}): {err}")
    return proc.stdout


def render(
    model: Model,
    fmt: str = "svg",
    *,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Mapping[str, str] | None = None,
) -> bytes:
    """The diagram of ``model`` as ``svg``, ``png``, ``pdf`` or ``dot`` bytes (options as for
    :func:`render_dot`). If ``dot`` fails on the layout hints, the diagram is rendered again
    without them. Raises :class:`DotMissing` when ``dot`` is not installed."""
    opts = {
        "color": color,
        "highlight": tuple(highlight),
        "expand": tuple(expand),
        "lang": lang,
        "coverage": coverage,
    }
    source = render_dot(model, **opts)  # type: ignore[arg-type]
    try:
        return render_source(source, fmt)
    except RuntimeError as exc:
        if isinstance(exc, DotMissing):
            raise
        return render_source(render_dot(model, layout_hints=False, **opts), fmt)  # type: ignore[arg-type]


def write_diagram(
    model: Model,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    fmt: str | None = None,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Mapping[str, str] | None = None,
) -> Path:
    """Write the diagram of ``model`` to ``path``; the format comes from the suffix unless
    ``fmt`` is given. Returns the path written.

    The file is written with :func:`govmodel.output.write_output` (atomically; a FIFO or device
    is written into, never replaced). An existing file is kept unless ``overwrite``
    (:class:`OutputExists`); other write failures raise :class:`OutputError`. When ``dot``
    is missing for SVG, PNG or PDF, the DOT source is written next to ``path`` (same name,
    ``.dot``) and :class:`DotMissing` is raised carrying that path.
    """
    path = Path(path)
    fmt = fmt or format_for(path)
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory; give a file name")
    if path.is_file() and not overwrite:
        raise OutputExists(path)
    opts = {
        "color": color,
        "highlight": tuple(highlight),
        "expand": tuple(expand),
        "lang": lang,
        "coverage": coverage,
    }
    try:
        data = render(model, fmt, **opts)  # type: ignore[arg-type]
    except DotMissing:
        dot_path = path.with_suffix(".dot")
        try:
            write_output(dot_path, render_dot(model, **opts), force=overwrite)  # type: ignore[arg-type]
        except OutputError as exc:
            raise DotMissing(None, note=str(exc)) from None
        raise DotMissing(dot_path) from None
    write_output(path, data, force=overwrite)
    return path
