"""The drawn graph: how the model's organs, actors and groups map onto the nodes of a diagram.

One drawn node may stand for many model elements: the 357 kommuner are one group node unless
expanded, the 15 fylkesmøter one node unless ``fylker`` is expanded. :class:`Drawing` holds that
mapping (model id → drawn node) and the options; edges are built by
:mod:`govmodel.diagram.edges`, labels and attributes by :mod:`govmodel.diagram.labels`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from govmodel import population
from govmodel.diagram.options import EXPAND_FYLKER
from govmodel.diagram.styles import (
    ACTOR_CATEGORY,
    ACTOR_SHAPE,
    ADVISORY_KINDS,
    LAYOUTS,
    ORGAN_CATEGORY,
    ORGAN_CLUSTER,
    Layout,
)
from govmodel.diagram.text import common_name, family, pct
from govmodel.diagram.vocabulary import (
    ACTOR_GLOSS,
    GROUP_COUNT,
    GROUP_GLOSS,
    ID_GLOSS,
    ORGAN_GLOSS,
    OWNER_DEFAULT,
    OWNER_WORDS,
    SET_NAMES,
    TEXT,
)
from govmodel.diagram.vocabulary import t as _t
from govmodel.diagram.whatif import Marks
from govmodel.model import Model, Organ, Relation


@dataclass
class Node:
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
class Edge:
    tail: str
    head: str
    key: str  # key of EDGE_TEXT: the relation type, with the strength or revocability
    link: str
    relations: list[Relation]
    tails: list[str]  # model ids at the tail (ownership sums)
    ltail: str | None = None  # the edge leaves this cluster (an expanded group)
    document: str | None = None


def gloss_of(name: object, default: str) -> str:
    """The English gloss of a name: the model's own English text when it differs from the
    Norwegian (terms of art stay Norwegian in the title, the English comes beside them), else
    the gloss of its kind."""
    en = getattr(name, "en", None)
    if isinstance(en, str) and en and en != str(name):
        return en
    return default


class Drawing:
    """The model mapped onto drawn nodes, with the options that shape the drawing."""

    def __init__(
        self,
        model: Model,
        highlight: tuple[str, ...],
        expand: frozenset[str],
        lang: str,
        coverage: Mapping[str, str] | None,
        layout: str = "document",
        marks: Marks | None = None,
    ) -> None:
        self.m = model
        self.lang = lang
        self.layout: Layout = LAYOUTS[layout]
        self.marks = marks  # what a scenario changed (a what-if diagram), or None
        self.expand = expand
        self.coverage = coverage
        self.nodes: dict[str, Node] = {}
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
        self.fylke_names = fylke_names(model) if expand else {}
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
            return f"{pct(cap, lang)} {word}" if long else pct(cap, lang)
        return (
            f"{pct(cap, lang)} {_t(TEXT['capital'], lang)}, "
            f"{pct(vote, lang)} {_t(TEXT['votes'], lang)}"
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
                families.setdefault(family(o.id), []).append(o)
        for o in m.organs.values():
            cluster = ORGAN_CLUSTER.get(o.part_of)
            fam = families.get(family(o.id), []) if o.fylke else []
            if len(fam) > 1 and not fylker_open:
                nid = f"set__{family(o.id)}"
                if nid not in self.nodes:
                    name, gloss = SET_NAMES.get(
                        family(o.id), (common_name(str(x.name) for x in fam), "")
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
        for grp in m.groups.values():
            if grp.generate:
                for member in grp.members:
                    in_group.setdefault(member, grp.id)
        actor_families: dict[str, list[str]] = {}
        for a in m.actors.values():
            if a.id not in in_group and a.fylke:
                actor_families.setdefault(family(a.id), []).append(a.id)
        for a in m.actors.values():
            gid = in_group.get(a.id)
            if gid is not None and gid not in self.expand:
                nid = f"grp__{gid}"
                if nid not in self.nodes:
                    self.nodes[nid] = self._group_node(gid, nid)
                self.map[a.id] = nid
                continue
            fam_ids = actor_families.get(family(a.id), []) if gid is None and a.fylke else []
            if len(fam_ids) > 1 and not fylker_open:
                nid = f"set__{family(a.id)}"
                if nid not in self.nodes:
                    name, gloss = SET_NAMES.get(
                        family(a.id),
                        (common_name(str(m.actors[x].name) for x in fam_ids), ""),
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
            self.nodes[m.company.id] = Node(
                id=m.company.id,
                category="company_organ",
                title=str(m.company.name),
                gloss=gloss_of(m.company.name, "company"),
                kind="company",
                styles=("filled", "bold"),
                peripheries=2,
                cluster="cluster_company",
                members=(m.company.id,),
            )
            anchor = m.company.id
        self.map[m.company.id] = self.map.get(anchor, anchor)

    def _organ_node(self, o: Organ, nid: str, cluster: str | None) -> Node:
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
        return Node(
            id=nid,
            category=ORGAN_CATEGORY.get(o.kind, "other"),
            title=str(o.name),
            gloss=gloss_of(o.name, ORGAN_GLOSS.get(o.kind, "")),
            lines=lines,
            members=(o.id,),
            kind=o.kind,
            styles=tuple(styles),
            peripheries=peripheries,
            cluster=cluster,
            organ=True,
        )

    def _actor_node(self, aid: str, nid: str) -> Node:
        a = self.m.actors[aid]
        category = ACTOR_CATEGORY.get(a.kind, "other")
        shape, styles = ACTOR_SHAPE.get(category, ("box", ("filled",)))
        share = self.share_text([aid], long=True)
        return Node(
            id=nid,
            category=category,
            title=str(a.name),
            gloss=gloss_of(
                a.name,
                ID_GLOSS.get(aid) or ID_GLOSS.get(family(aid)) or ACTOR_GLOSS.get(a.kind, ""),
            ),
            lines=[share] if share else [],  # the ownership edge carries no label
            members=(aid,),
            kind=a.kind,
            shape=shape,
            styles=styles,
        )

    def _group_node(self, gid: str, nid: str) -> Node:
        g = self.m.groups[gid]
        kinds = {self.m.actors[a].kind for a in g.members if a in self.m.actors}
        kind = kinds.pop() if len(kinds) == 1 else ""
        count_word = GROUP_COUNT.get(kind, TEXT["members"])
        lines = [f"{len(g.members)} {_t(count_word, self.lang)}"]
        share = self.share_text(g.members, long=True)
        if share:
            lines.append(share)
        return Node(
            id=nid,
            category=ACTOR_CATEGORY.get(kind, "authority"),
            title=str(g.name),
            gloss=gloss_of(g.name, GROUP_GLOSS.get(g.generate or "", "")),
            lines=lines,
            members=g.members,
            kind=kind,
            shape="box3d",
            is_set=True,
        )


def fylke_names(model: Model) -> dict[str, str]:
    """Fylkesnummer → name from the model's population data (numbers only if unavailable)."""
    base = Path(model.path).parent if model.path else None
    return population.fylke_names(model.population_source, base)
