"""Org diagrams (govmodel.diagram and ``govmodel diagram``): the DOT structure, options, errors,
writing files, and rendering every built-in model with Graphviz.

The DOT text is parsed with a small reader below (nodes with their cluster path, edges, and
attributes, including HTML labels), so the tests check structure, not layout coordinates.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
from functools import cache
from pathlib import Path

import pytest

from govmodel import diagram as D
from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(
    not HAVE_DOT, reason="Graphviz 'dot' is not installed (apt-get install graphviz)"
)


def builtin_models() -> list[Path]:
    """Every model file under models/ except the shared fragments in models/common/."""
    return sorted(
        p
        for p in MODELS.rglob("*.yaml")
        if "common" not in p.relative_to(MODELS).parts
        and re.search(r"^govmodel:\s*1\b", p.read_text(encoding="utf-8"), re.M)
    )


@cache
def model(name: str):
    return load_model(MODELS / f"{name}.yaml")


@cache
def dot_of(name: str, **kw) -> str:
    return D.render_dot(model(name), **kw)


# ---------------------------------------------------------------------------------------------
# A small DOT reader


def parse_attrs(text: str) -> dict[str, str]:
    """``a=b c="d e" label=<<B>x</B>>`` → dict (quoted and HTML values unwrapped once)."""
    out: dict[str, str] = {}
    i = 0
    key_re = re.compile(r"\s*([A-Za-z_]\w*)=")
    while i < len(text):
        m = key_re.match(text, i)
        if not m:
            break
        key, i = m.group(1), m.end()
        if text[i] == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out[key], i = text[i + 1 : j], j + 1
        elif text[i] == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            out[key], i = text[i + 1 : j - 1], j
        else:
            j = i
            while j < len(text) and not text[j].isspace():
                j += 1
            out[key], i = text[i:j], j
    return out


def plain(html_text: str) -> str:
    """HTML label text without its tags and entities."""
    text = re.sub(r"<[^>]+>", "", html_text)
    return text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


class Dot:
    def __init__(self, src: str) -> None:
        self.src = src
        self.nodes: dict[str, dict[str, str]] = {}
        self.cluster: dict[str, tuple[str, ...]] = {}
        self.edges: list[tuple[str, str, dict[str, str]]] = []
        self.clusters: list[str] = []
        self.graph_label = ""
        stack: list[str] = []
        for line in src.splitlines():
            s = line.strip()
            if m := re.match(r"^(?:subgraph (\w+) )?\{$", s):
                stack.append(m.group(1) or "")
                if m.group(1) and m.group(1).startswith("cluster_"):
                    self.clusters.append(m.group(1))
                continue
            if s == "}":
                if stack:
                    stack.pop()
                continue
            if m := re.match(r"^(\w+) -> (\w+)(?: \[(.*)\])?$", s):
                attrs = parse_attrs(m.group(3) or "")
                if "<" in attrs.get("label", ""):  # HTML label: its text, lines joined by \n
                    attrs["html"] = attrs["label"]
                    attrs["label"] = plain(attrs["label"].replace("<BR/>", "\\n"))
                self.edges.append((m.group(1), m.group(2), attrs))
            elif m := re.match(r"^(\w+) \[(.*)\]$", s):
                name, attrs = m.group(1), parse_attrs(m.group(2))
                if name == "graph" and not stack[1:] and "label" in attrs:
                    self.graph_label = attrs["label"]
                elif name not in ("graph", "node", "edge"):
                    self.nodes.setdefault(name, {}).update(attrs)
                    if name not in self.cluster or len(stack) > len(self.cluster[name]):
                        self.cluster[name] = tuple(x for x in stack if x.startswith("cluster_"))

    def label(self, node: str) -> str:
        """The node's label as plain text (HTML tags dropped, lines joined by ' | ')."""
        raw = self.nodes[node]["label"]
        text = re.sub(r"<BR/>", " | ", raw)
        return re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'").replace("&amp;", "&")

    def edge(self, tail: str, head: str, key: str | None = None) -> dict[str, str]:
        found = [
            a for t, h, a in self.edges if t == tail and h == head and a.get("style") != "invis"
        ]
        if key is not None:
            found = [a for a in found if key in a.get("label", "")]
        assert len(found) == 1, f"{tail} -> {head} ({key}): {found}"
        return found[0]

    def visible_edges(self) -> list[tuple[str, str, dict[str, str]]]:
        return [e for e in self.edges if e[2].get("style") != "invis"]


def parsed(name: str, **kw) -> Dot:
    return Dot(dot_of(name, **kw))


# ---------------------------------------------------------------------------------------------
# Structure of the default (collapsed) diagrams


def test_collapsed_nodes_model_a() -> None:
    d = parsed("ownership_a")
    for n in (
        "generalforsamling",
        "styre",
        "daglig_leder",
        "valgkomite",
        "eierraad",
        "kommit_raadet",
        "digitaliseringsutvalget",
        "landsting",
        "hovedstyre",
        "landsstyre",
        "kdu_sentralt",
        "ks",
        "styreleder_ks",
        "grp__kommuner",
        "grp__fylkeskommuner",
        "set__fylkesmote",
        "set__fylkesstyre",
        "set__fylkesstyreleder",
    ):
        assert n in d.nodes, n
    # nothing generated per kommune or per fylke is drawn on its own
    assert not [n for n in d.nodes if re.fullmatch(r"k\d{4}|fk\d\d|\w+_\d\d", n)]
    assert d.label("set__fylkesmote").startswith("Fylkesmøtene i KS (15)")
    assert d.label("set__fylkesstyre").startswith("Fylkesstyrene i KS (15)")
    assert d.label("set__fylkesstyreleder").startswith("Fylkesstyrelederne (15)")


def test_group_nodes_show_count_and_share_total() -> None:
    d = parsed("ownership_a")
    assert d.label("grp__kommuner") == "Kommunene | 357 kommuner | 49,9 % av aksjene"
    assert (
        d.label("grp__fylkeskommuner") == "Fylkeskommunene | 14 fylkeskommuner | 16,7 % av aksjene"
    )
    assert d.nodes["grp__kommuner"]["shape"] == "box3d"
    b = parsed("ownership_b")
    assert b.label("grp__kommuner") == "Kommunene | 357 kommuner"  # not owners in model B


def test_clusters() -> None:
    d = parsed("ownership_a")
    assert {"cluster_company", "cluster_ks", "cluster_samstyring"} <= set(d.clusters)
    for n in ("generalforsamling", "styre", "daglig_leder", "valgkomite"):
        assert d.cluster[n] == ("cluster_company",), n
    for n in ("landsting", "hovedstyre", "landsstyre", "kdu_sentralt", "set__fylkesmote", "ks"):
        assert d.cluster[n] == ("cluster_ks",), n
    assert d.cluster["styreleder_ks"] == ("cluster_ks",)  # elected by Landstinget
    for n in ("kommit_raadet", "digitaliseringsutvalget"):
        assert d.cluster[n] == ("cluster_samstyring",), n
    assert d.cluster["eierraad"] == ()  # the owners' council belongs to no KS organ
    assert d.cluster["grp__kommuner"] == ()
    b = parsed("ownership_b")
    assert b.cluster["representasjonsraad"] == ("cluster_ks",)


def test_authorities_on_the_top_row() -> None:
    src = dot_of("ownership_a")
    top = re.search(r"subgraph top \{(.*?)\n\t\}", src, re.S)
    assert top and "rank=min" in top.group(1)
    assert "grp__kommuner [" in top.group(1) and "grp__fylkeskommuner [" in top.group(1)


def test_ownership_edges_unlabelled_the_share_is_in_the_owners_box() -> None:
    # A label on a long ownership edge floats away from it (B's dangling "100 %"): the
    # share is written in the owner's box instead, and the edge is the owns style.
    d = parsed("ownership_a")
    k = d.edge("grp__kommuner", "generalforsamling")
    assert "label" not in k and "taillabel" not in k
    assert k["style"] == "solid" and float(k["penwidth"]) >= 2
    assert k["color"] == D.EDGE_STYLE["owns"].color
    assert "49,9 % av aksjene" in d.label("grp__kommuner")
    assert "16,7 % av aksjene" in d.label("grp__fylkeskommuner")
    assert "33,4 % av aksjene" in d.label("ks")
    b = parsed("ownership_b")
    assert "label" not in b.edge("ks", "generalforsamling")
    assert "100 % av aksjene" in b.label("ks")
    en = parsed("ownership_a", lang="en")
    assert "49.9 % of the shares" in en.label("grp__kommuner")


def test_elects_and_appoints_edges() -> None:
    d = parsed("ownership_a")
    e = d.edge("generalforsamling", "styre", "velger")
    assert e["style"] == "solid" and e["color"] == D.EDGE_STYLE["elects"].color
    assert d.edge("styre", "daglig_leder", "oppnevner")["color"] == D.EDGE_STYLE["appoints"].color
    assert D.EDGE_STYLE["elects"] != D.EDGE_STYLE["appoints"]
    assert d.edge("styre", "daglig_leder", "oppnevner")["style"] == "solid"
    assert d.edge("kdu_sentralt", "kommit_raadet")["label"] == "oppnevner"
    # 15 fylkesmøter electing their delegates are one edge
    assert d.edge("set__fylkesmote", "landsting")["label"] == "velger"


def test_proxy_dotted_and_revocable() -> None:
    d = parsed("ownership_b")
    e = d.edge("ks", "styreleder_ks")
    assert e["style"] == "dotted" and e["arrowhead"] == "empty"
    assert e["label"] == "fullmakt (tilbakekallelig)"
    assert e["color"] == D.EDGE_STYLE["proxy_revocable"].color
    en = parsed("ownership_b", lang="en")
    assert en.edge("ks", "styreleder_ks")["label"] == "proxy (revocable)"


def test_recommends_with_strength_and_link() -> None:
    a = parsed("ownership_a")
    e = a.edge("eierraad", "generalforsamling")  # eierstrategi and oppdragsdokument: one edge
    assert e["style"] == "dashed" and float(e["penwidth"]) >= 2
    assert e["label"] == "innstiller – vedta eller sende tilbake\\n(aksjonæravtale)"
    assert e["color"] == D.EDGE_STYLE["recommends_adopt_or_return"].color
    b = parsed("ownership_b")
    e = b.edge("representasjonsraad", "generalforsamling")
    assert e["label"] == "innstiller – vedta eller sende tilbake"  # in the vedtekter: no agreement
    adv = a.edge("kommit_raadet", "styre")
    assert adv["label"] == "innstiller – rådgivende" and adv["style"] == "dotted"
    assert adv["arrowhead"] == "empty" and adv.get("constraint") == "false"
    en = parsed("ownership_a", lang="en")
    assert en.edge("eierraad", "generalforsamling")["label"].startswith(
        "recommends – adopt or return"
    )


def test_prepares_and_advises_dashed() -> None:
    d = parsed("ownership_a")
    for tail, head, label in (
        ("digitaliseringsutvalget", "kommit_raadet", "forbereder saker"),
        ("kommit_raadet", "eierraad", "forbereder saker"),
        ("kommit_raadet", "hovedstyre", "gir råd"),
    ):
        e = d.edge(tail, head)
        assert e["style"] == "dashed" and e["label"] == label


def test_seats_held_are_drawn_as_sits_in() -> None:
    d = parsed("ownership_a")
    assert d.edge("set__fylkesstyreleder", "eierraad")["label"] == "sitter i"
    assert d.edge("styreleder_ks", "eierraad")["label"] == "sitter i"
    assert d.edge("grp__kommuner", "set__fylkesmote")["label"] == "sitter i"


def test_secretariat_and_membership_written_in_nodes() -> None:
    d = parsed("ownership_a")
    assert "sekretariat: KS" in d.label("generalforsamling")
    assert "sekretariat: KS" in d.label("eierraad")
    assert "medlemmer: Kommunene, Fylkeskommunene" in d.label("ks")
    kinds = {a.get("label", "") for _t, _h, a in d.visible_edges()}
    assert "sekretariat" not in kinds and "medlem av" not in kinds


def test_node_shapes_and_colours_by_kind() -> None:
    d = parsed("ownership_a")
    gf = d.nodes["generalforsamling"]
    assert gf["peripheries"] == "2" and "bold" in gf["style"]
    assert d.nodes["generalforsamling"]["fillcolor"] == d.nodes["styre"]["fillcolor"]
    assert "dashed" in d.nodes["kommit_raadet"]["style"]  # advisory organs: dashed outline
    assert d.nodes["hovedstyre"]["fillcolor"] != d.nodes["styre"]["fillcolor"]
    assert d.nodes["eierraad"]["fillcolor"] == D.CATEGORY["owner_organ"][0]
    assert d.nodes["grp__kommuner"]["fillcolor"] == D.CATEGORY["authority"][0]


def test_styreutvalg_level_with_the_board() -> None:
    src = dot_of("ownership_a")
    blocks = re.findall(r"\{\n\t\trank=same\n(.*?)\n\t\}", src, re.S)
    assert any("styre" in b and "kommit_raadet" in b for b in blocks)


def legend(name: str, **kw) -> list:
    from govmodel.diagram.legend import legend_entries

    src = D.diagram_source(model(name), **kw)
    return legend_entries([src], kw.get("lang", "nb"))


def test_title_first_and_on_top() -> None:
    d = parsed("ownership_a")
    assert plain(d.graph_label) == "Eiermodell A: KS, kommuner og fylkeskommuner eier DIF AS"
    head = d.src.split("subgraph", 1)[0]  # the graph attributes, before any cluster
    assert "labelloc=t" in head and "label=<<B>Eiermodell A" in head
    # the title is set before the first cluster, so no cluster inherits or overrides it
    assert d.src.index("label=<<B>Eiermodell A") < d.src.index("subgraph")


def test_legend_lists_each_relation_used_with_a_distinct_style() -> None:
    for name in ("ownership_a", "ownership_b"):
        d = parsed(name)
        entries = legend(name)
        lines = [e for e in entries if e.kind == "line"]
        used = {a["color"] + a["style"] + a["arrowhead"] for _t, _h, a in d.visible_edges()}
        shown = {
            D.EDGE_STYLE[e.relation].color
            + D.EDGE_STYLE[e.relation].style
            + D.EDGE_STYLE[e.relation].arrowhead
            for e in lines
        }
        assert shown == used, name  # exactly what the drawing uses, no more
        assert len(shown) == len(lines), name  # and no two kinds alike
        assert len({e.text for e in lines}) == len(lines)
    texts = [e.text for e in legend("ownership_a")]
    assert texts[0] == "Tegnforklaring"
    assert "velger" in texts and "innstiller – vedta eller sende tilbake" in texts
    assert not any("fullmakt" in x for x in texts)  # only what appears in the diagram
    assert "fullmakt (tilbakekallelig)" in [e.text for e in legend("ownership_b")]
    en = [e.text for e in legend("ownership_a", lang="en")]
    assert en[0] == "Legend" and "elects" in en


def test_every_relation_kind_has_its_own_style() -> None:
    looks = [(s.color, s.style, s.arrowhead) for s in D.EDGE_STYLE.values()]
    assert len(set(looks)) == len(looks)
    from govmodel.diagram.vocabulary import EDGE_TEXT

    assert set(D.EDGE_STYLE) == set(EDGE_TEXT) - {"secretariat_for"}


def test_english_glosses_keep_norwegian_terms() -> None:
    d = parsed("ownership_a", lang="en")
    # the model's own English name is the gloss; the kind's gloss when it gives none
    assert d.label("generalforsamling").startswith("Generalforsamling | (General meeting)")
    assert d.label("styre").startswith("Styre | (Board)")
    assert "(owners' council)" in d.label("eierraad")  # en: Eierråd, a term of art
    assert "Eierråd" in d.label("eierraad")
    assert "(The municipalities)" in d.label("grp__kommuner")  # the group's own English name
    nb = parsed("ownership_a")
    assert "General meeting" not in nb.label("generalforsamling")


def test_deterministic() -> None:
    for name in ("ownership_a", "ownership_b"):
        m = model(name)
        assert D.render_dot(m) == D.render_dot(load_model(MODELS / f"{name}.yaml"))
    src = dot_of("ownership_a")
    assert not re.search(r"\b20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", src)


def test_collapsed_width_is_capped() -> None:
    assert f'size="{D.MAX_WIDTH_IN},100"' in dot_of("ownership_a")
    assert not re.search(r"\bsize=", dot_of("ownership_a", expand=("kommuner",)))


# ---------------------------------------------------------------------------------------------
# Expanding


def test_expand_kommuner() -> None:
    d = parsed("ownership_a", expand=("kommuner",))
    kommuner = [n for n in d.nodes if re.fullmatch(r"k\d{4}", n)]
    assert len(kommuner) == 357
    assert "grp__kommuner" not in d.nodes and "grp__fylkeskommuner" in d.nodes
    assert d.cluster["k0301"][0] == "cluster_grp_kommuner"
    assert d.cluster["k1101"] == ("cluster_grp_kommuner", "cluster_grp_kommuner_11")
    assert "Oslo" in d.label("k0301") and "%" in d.label("k0301")
    # one edge from the whole cluster; the total share is in the cluster's label
    owns = [a for _t, h, a in d.visible_edges() if h == "generalforsamling" and "ltail" in a]
    assert len(owns) == 1 and "49,9 %" in d.src
    assert owns[0]["ltail"] == "cluster_grp_kommuner"
    assert 'compound="true"' in d.src or "compound=true" in d.src


def test_expand_fylkeskommuner_and_fylker() -> None:
    d = parsed("ownership_b", expand=("fylkeskommuner", "fylker"))
    assert len([n for n in d.nodes if re.fullmatch(r"fk\d\d", n)]) == 14
    assert len([n for n in d.nodes if n.startswith("fylkesmote_")]) == 15
    assert len([n for n in d.nodes if n.startswith("fylkesstyreleder_")]) == 15
    assert not [n for n in d.nodes if n.startswith("set__")]
    assert d.cluster["fylkesmote_11"] == ("cluster_ks", "cluster_fylke_11")
    assert d.edge("fylkesmote_11", "representasjonsraad")["label"] == "velger"
    assert "grp__kommuner" in d.nodes


def test_expand_choices() -> None:
    assert D.expand_choices(model("ownership_a")) == ("kommuner", "fylkeskommuner", "fylker")


# ---------------------------------------------------------------------------------------------
# Highlight and coverage


def test_highlight_organ_actor_and_decision() -> None:
    d = parsed(
        "ownership_a", highlight=("eierraad", "generalforsamling.eierstrategi", "k0301", "ks")
    )
    for n in ("eierraad", "generalforsamling", "ks", "grp__kommuner"):
        assert d.nodes[n]["color"] == D.HIGHLIGHT_COLOR and d.nodes[n]["penwidth"] == "3.5", n
    assert "color" not in d.nodes["styre"]
    assert "▶ Vedta eierstrategi" in d.label("generalforsamling")
    assert "1 / 357 markert" in d.label("grp__kommuner")
    whole = parsed("ownership_a", highlight=("kommuner",))
    assert "markert" not in whole.label("grp__kommuner")  # the whole group, no count
    assert whole.nodes["grp__kommuner"]["color"] == D.HIGHLIGHT_COLOR


def test_highlight_unknown_id_did_you_mean() -> None:
    with pytest.raises(D.DiagramError, match=r"'eieraad'.*did you mean 'eierraad'"):
        D.render_dot(model("ownership_a"), highlight=("eieraad",))
    with pytest.raises(D.DiagramError, match="did you mean 'generalforsamling.eierstrategi'"):
        D.render_dot(model("ownership_a"), highlight=("generalforsamling.eierstrategy",))


def test_expand_unknown_did_you_mean() -> None:
    with pytest.raises(D.DiagramError, match=r"'kommuene'.*did you mean 'kommuner'"):
        D.render_dot(model("ownership_a"), expand=("kommuene",))


def test_bad_options() -> None:
    m = model("ownership_a")
    with pytest.raises(D.DiagramError, match="colour mode"):
        D.render_dot(m, color="kinds")
    with pytest.raises(D.DiagramError, match="language"):
        D.render_dot(m, lang="no")
    with pytest.raises(D.DiagramError, match="coverage verdicts"):
        D.render_dot(m, color="coverage")
    with pytest.raises(D.DiagramError, match="unknown verdict 'partial'"):
        D.render_dot(m, color="coverage", coverage={"styre": "partial"})


def test_coverage_colouring() -> None:
    m = model("ownership_a")
    cov = {"generalforsamling": "direct", "styre": "chain", "eierraad": "contractual"}
    cov |= {"daglig_leder": "revocable"}
    cov |= {k: "diffuse" for k in m.groups["kommuner"].members[:300]}
    cov |= {k: "none" for k in m.groups["kommuner"].members[300:]}
    d = Dot(D.render_dot(m, color="coverage", coverage=cov))
    assert d.nodes["generalforsamling"]["fillcolor"] == D.COVERAGE_COLOR["direct"][0]
    assert d.nodes["styre"]["fillcolor"] == D.COVERAGE_COLOR["chain"][0]
    assert d.nodes["eierraad"]["fillcolor"] == D.COVERAGE_COLOR["contractual"][0]
    assert d.nodes["daglig_leder"]["fillcolor"] == D.COVERAGE_COLOR["revocable"][0]
    # a group takes its weakest verdict and says how many have each
    assert d.nodes["grp__kommuner"]["fillcolor"] == D.COVERAGE_COLOR["none"][0]
    assert "300 diffus, 57 ikke oppfylt" in d.label("grp__kommuner")
    assert d.nodes["hovedstyre"]["fillcolor"] == "#ffffff"  # no verdict
    texts = [e.text for e in legend("ownership_a", color="coverage", coverage=cov)]
    assert any(x.startswith("Dekning") for x in texts) and "ikke vurdert" in texts
    # the legend says what each colour means, strongest first
    assert [x.split(" – ")[0] for x in texts if " – " in x][:6] == [
        "direkte",
        "gjennom kjede",
        "avhenger av avtale",
        "avhenger av en tilbakekallelig fullmakt",
        "diffus",
        "ikke oppfylt",
    ]
    # colour by kind ignores the verdicts
    plain = Dot(D.render_dot(m, coverage=cov))
    assert plain.nodes["styre"]["fillcolor"] == D.CATEGORY["company_organ"][0]


# ---------------------------------------------------------------------------------------------
# Generic models and company forms


def test_small_model_draws_every_actor_that_takes_part() -> None:
    m = load_model(ROOT / "tests" / "data" / "small_model.yaml")
    d = Dot(D.render_dot(m))
    for k in ("alfa", "beta", "gamma", "delta", "epsilon", "regionraad"):
        assert k in d.nodes
        d.edge(k, "generalforsamling")
        assert "%" in d.label(k)  # the share, in the owner's box


@pytest.mark.parametrize("path", builtin_models(), ids=lambda p: p.stem)
def test_every_builtin_model_draws(path: Path) -> None:
    m = load_model(path)
    d = Dot(D.render_dot(m))
    # a model without a company (a council) draws its organs without a company frame
    assert ("cluster_company" in d.clusters) == m.has_company
    for oid in m.organs:
        if not re.search(r"_\d\d$", oid):
            assert oid in d.nodes, oid
    # every edge joins drawn nodes, with a style from the table
    for t, h, a in d.visible_edges():
        assert t in d.nodes and h in d.nodes
        assert a["style"] in ("solid", "dashed", "dotted")
    assert Dot(D.render_dot(m, lang="en")).nodes.keys() == d.nodes.keys()


# ---------------------------------------------------------------------------------------------
# Rendering (needs dot)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_dot
@pytest.mark.parametrize("path", builtin_models(), ids=lambda p: p.stem)
def test_render_svg_png_pdf(path: Path) -> None:
    m = load_model(path)
    source = D.render_dot(m)
    # the layout hints must work for the built-in models (render() falls back without them)
    svg = D.render_source(source, "svg")
    assert b"<svg" in svg and b"</svg>" in svg
    w, _h = _png_size(D.render_source(source, "png"))
    assert w <= D.MAX_WIDTH_IN * D.PNG_DPI
    assert D.render_source(source, "pdf").startswith(b"%PDF")


@needs_dot
def test_png_a4_width() -> None:
    for name in ("ownership_a", "ownership_b"):
        w, h = _png_size(D.render(model(name), "png"))
        assert 1500 <= w <= 1800 and h > 1000, (name, w, h)


@needs_dot
def test_render_expanded_and_english() -> None:
    svg = D.render(model("ownership_b"), "svg", expand=("kommuner", "fylker"), lang="en")
    assert svg.count(b'class="node"') > 357 + 15


# ``dot`` as it fails on the layout hints of some structures ("trouble in init_rank"): it fails
# on a source with ``rank=same`` and draws any other with the real ``dot``; each call is logged
FLAKY_DOT = """#!/bin/sh
src=$(cat; echo x)
src=${src%x}
case "$src" in
*rank=same*) echo hinted >> "$0.log"; echo "Error: trouble in init_rank" >&2; exit 1 ;;
esac
echo plain >> "$0.log"
printf '%s' "$src" | exec REAL_DOT "$@"
"""


@needs_dot
def test_render_falls_back_without_layout_hints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_dot = shutil.which("dot")
    assert real_dot is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    flaky = bin_dir / "dot"
    flaky.write_text(FLAKY_DOT.replace("REAL_DOT", real_dot), encoding="utf-8")
    flaky.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")  # found first
    assert b"<svg" in D.render(model("ownership_a"), "svg")
    # the hinted source failed, the one without hints was drawn
    assert (bin_dir / "dot.log").read_text().split() == ["hinted", "plain"]


def test_coverage_palette_is_ordered_and_diffuse_is_not_alarming() -> None:
    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    fills = [D.COVERAGE_COLOR[k][0] for k in D.COVERAGE_KINDS]
    assert len(set(fills)) == len(fills)
    # weak grades get lighter-to-amber, failing is the darkest warm colour by far
    assert lightness(D.COVERAGE_COLOR["diffuse"][0]) - lightness(D.COVERAGE_COLOR["none"][0]) > 0.4
    # the strong grades are blues, darkest first
    blues = [lightness(D.COVERAGE_COLOR[k][0]) for k in ("direct", "chain", "contractual")]
    assert blues == sorted(blues)


# ---------------------------------------------------------------------------------------------
# Writing files


def test_write_dot_atomic_and_no_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "a.dot"
    assert D.write_diagram(model("ownership_a"), out) == out
    assert out.read_text(encoding="utf-8") == dot_of("ownership_a")
    with pytest.raises(D.OutputExists):
        D.write_diagram(model("ownership_b"), out)
    assert out.read_text(encoding="utf-8") == dot_of("ownership_a")  # untouched
    D.write_diagram(model("ownership_b"), out, overwrite=True)
    assert out.read_text(encoding="utf-8") == dot_of("ownership_b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dot"]  # no temporary files left


def test_write_rejects_unknown_suffix_and_missing_dir(tmp_path: Path) -> None:
    with pytest.raises(D.DiagramError, match="must end in"):
        D.write_diagram(model("ownership_a"), tmp_path / "a.jpg")
    with pytest.raises(D.OutputError, match="does not exist"):
        D.write_diagram(model("ownership_a"), tmp_path / "no" / "a.svg")


@needs_dot
def test_write_svg(tmp_path: Path) -> None:
    out = D.write_diagram(model("ownership_b"), tmp_path / "b.svg", lang="en")
    assert b"<svg" in out.read_bytes()


def test_write_without_dot_leaves_dot_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(D.DotMissing) as info:
        D.write_diagram(model("ownership_a"), tmp_path / "a.png")
    assert info.value.dot_path == tmp_path / "a.dot"
    assert (tmp_path / "a.dot").read_text(encoding="utf-8") == dot_of("ownership_a")
    assert not (tmp_path / "a.png").exists()
    assert "apt-get install graphviz" in str(info.value) and "brew install graphviz" in str(
        info.value
    )


# ---------------------------------------------------------------------------------------------
# The command


@needs_dot
def test_cli_writes_svg_and_refuses_overwrite(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "a.svg"
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "-o", out)
    assert r.code == 0 and out.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    r = run_cli("diagram", MODELS / "ownership_b.yaml", "-o", out)
    assert r.code == 2 and "exists; use --force" in r.err
    r = run_cli("diagram", MODELS / "ownership_b.yaml", "-o", out, "--force", "--lang", "en")
    assert r.code == 0 and b"General meeting" in out.read_bytes()


def test_cli_dot_to_stdout_and_file(run_cli, tmp_path: Path) -> None:
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "--highlight", "eierraad,styre")
    assert r.code == 0 and r.out == dot_of("ownership_a", highlight=("eierraad", "styre"))
    out = tmp_path / "b.dot"
    r = run_cli("diagram", MODELS / "ownership_b.yaml", "-o", out, "--expand", "kommuner")
    assert r.code == 0 and out.read_text(encoding="utf-8") == dot_of(
        "ownership_b", expand=("kommuner",)
    )


def test_cli_unknown_ids_exit_2(run_cli) -> None:
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "--highlight", "styre,eieraad")
    assert r.code == 2 and "did you mean 'eierraad'" in r.err
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "--expand", "fylke")
    assert r.code == 2 and "did you mean 'fylker'" in r.err
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "-o", "x.jpeg")
    assert r.code == 2 and "must end in" in r.err


def test_cli_bad_model_located_errors(run_cli, tmp_path: Path) -> None:
    bad = ROOT / "tests" / "bad" / "bad_ids_and_choices.yaml"
    r = run_cli("diagram", bad, "-o", tmp_path / "x.svg")
    assert r.code == 2
    assert re.search(r"bad_ids_and_choices\.yaml:\d+:\d+: ", r.err)
    assert not (tmp_path / "x.svg").exists()


def test_cli_coverage_colours_from_the_coverage_analysis(run_cli) -> None:
    """A: every authority is a shareholder (direct); B: only through KS's organs (diffuse).
    Each organ is filled with the colour of its own verdict, so the two models' general
    meetings differ."""
    from govmodel.analysis.coverage import coverage_by_node

    for name, meeting in (("ownership_a", "direct"), ("ownership_b", "diffuse")):
        verdicts = coverage_by_node(model(name))
        assert verdicts["generalforsamling"] == meeting and verdicts["k0301"] == meeting
        r = run_cli("diagram", MODELS / f"{name}.yaml", "--color", "coverage")
        assert r.code == 0
        nodes = Dot(r.out).nodes
        for organ in ("generalforsamling", "styre", "daglig_leder", "valgkomite"):
            assert nodes[organ]["fillcolor"] == D.COVERAGE_COLOR[verdicts[organ]][0], organ


def test_cli_without_dot(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot on PATH
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "-o", tmp_path / "a.svg")
    assert r.code == 1
    assert "apt-get install graphviz" in r.err and "brew install graphviz" in r.err
    assert (tmp_path / "a.dot").is_file() and not (tmp_path / "a.svg").exists()
    r = run_cli("diagram", MODELS / "ownership_b.yaml", "-o", tmp_path / "b.dot")
    assert r.code == 0 and (tmp_path / "b.dot").is_file()
    assert "apt-get install graphviz" in r.err
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "-o", tmp_path / "a.pdf")
    assert r.code == 1 and "a.dot exists" in r.err  # the earlier .dot is not overwritten
    assert "--force" in r.err and "overwrite=True" not in r.err  # the CLI's words, not the API's


def test_cli_scenario_in_title(run_cli, tmp_path: Path) -> None:
    scen = tmp_path / "leave.yaml"
    scen.write_text(
        "govmodel_scenario: 1\nname: Oslo går ut\nsource: test\nchanges:\n- owner_leaves: k0301\n",
        encoding="utf-8",
    )
    r = run_cli("diagram", MODELS / "ownership_a.yaml", "--scenario", scen)
    assert r.code == 0, r.err
    d = Dot(r.out)
    assert "Oslo går ut" in d.graph_label
    assert "aksjonærene (371)" in d.label("generalforsamling")


def test_highlight_group_marks_its_members() -> None:
    d = parsed("ownership_b", highlight=("medlemmer_11",))  # KS' members in Rogaland
    assert d.nodes["grp__kommuner"]["color"] == D.HIGHLIGHT_COLOR
    assert "23 / 357 markert" in d.label("grp__kommuner")
    assert "1 / 14 markert" in d.label("grp__fylkeskommuner")
    assert "color" not in d.nodes["ks"]


# ---------------------------------------------------------------------------------------------
# Slides, side by side, what-if, hostile text


def _hostile(m, name: str):
    """Model ``m`` with the board's and KS's names replaced (as a loader bug might let through)."""
    from dataclasses import replace

    organs = dict(m.organs)
    organs["styre"] = replace(organs["styre"], name=name)
    actors = dict(m.actors)
    actors["ks"] = replace(actors["ks"], name=name[::-1])
    return replace(m, organs=organs, actors=actors)


HOSTILE = [
    "Styre\x1b[2J\x1b]52;c;aGk=\x07\x9b<script>",
    'Styre " ] } digraph x { label=<<B>',
    "S" * 20000,
    ("lang " * 4000).strip(),
    "Styre\ud800 &amp; \\N \\l \u2028",
]


@pytest.mark.parametrize("name", HOSTILE, ids=["control", "dot-syntax", "long-word", "long", "odd"])
def test_hostile_names_are_escaped_and_bounded(name: str) -> None:
    m = _hostile(model("ownership_b"), name)
    src = D.render_dot(m)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", src.replace("\n", "").replace("\t", ""))
    assert "<script>" not in src  # markup is escaped: &lt;script&gt;
    assert re.findall(r"^\s*digraph\b", src, re.M) == ["digraph"]  # nothing breaks out
    assert max(len(line) for line in src.splitlines()) < 4000  # bounded: dot fails near 16 384
    d = Dot(src)
    assert len(d.label("styre")) < 1000
    if HAVE_DOT:
        svg = D.render(m, "svg", layout="slide")
        assert b"</svg>" in svg and b"\x1b" not in svg


@needs_dot
@pytest.mark.parametrize("layout", ["document", "slide"])
def test_slide_is_exactly_1920_by_1080(layout: str) -> None:
    for name in ("ownership_a", "ownership_b"):
        w, h = _png_size(D.render(model(name), "png", layout=layout))
        if layout == "slide":
            assert (w, h) == (1920, 1080), name
        else:  # the org chart for documents: A4 width
            assert w <= 1800 and h > 1000, (name, w, h)


@needs_dot
def test_slide_svg_is_16_by_9_with_title_first() -> None:
    svg = D.render(model("ownership_a"), "svg", layout="slide").decode()
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert m and abs(float(m.group(1)) / float(m.group(2)) - 16 / 9) < 0.01
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[0].startswith("Eiermodell A")  # the title is drawn first, on top
    ys = [float(y) for y in re.findall(r'<text[^>]* y="([-\d.]+)"', svg)]
    assert ys[0] == min(ys)


@needs_dot
def test_side_by_side_one_scale_one_legend() -> None:
    a, b = model("ownership_a"), model("ownership_b")
    src = D.render_side_by_side([a, b], "dot").decode()
    assert "p0_generalforsamling" in src and "p1_generalforsamling" in src
    assert src.count("Tegnforklaring") == 1
    assert "Eiermodell A" in src and "Eiermodell B" in src
    # deterministic: the same picture twice, byte for byte
    assert D.render_side_by_side([a, b], "dot").decode() == src
    png = D.render_side_by_side([a, b], "png")
    assert _png_size(png) == (1920, 1080)
    # the parts keep their own positions: B is to the right of A
    xa = float(re.search(r'p0_generalforsamling\s*\[[^\]]*pos="([-\d.]+)', src).group(1))
    xb = float(re.search(r'p1_generalforsamling\s*\[[^\]]*pos="([-\d.]+)', src).group(1))
    assert xb > xa


def test_whatif_marks_what_the_scenario_changed(tmp_path: Path) -> None:
    base = model("ownership_a")
    assert D.compare_models(base, base).empty
    scen = tmp_path / "ks.yaml"
    scen.write_text(
        "govmodel_scenario: 1\nname: KS 30 %\nchanges:\n"
        "  - set_holding: {holder: ks, shares: 30000, assumption: test}\n"
        "  - set_holding: {group: kommuner, shares: 53300, assumption: test}\n",
        encoding="utf-8",
    )
    changed = load_model(MODELS / "ownership_a.yaml", scenario=str(scen))
    marks = D.compare_models(base, changed)
    assert "ks" in marks.nodes and "styre" not in marks.nodes
    d = Dot(D.render_dot(changed, marks=marks))
    assert d.nodes["ks"]["color"] == D.CHANGED_COLOR
    assert "aksjer 33\u00a0400 → 30\u00a0000" in d.label("ks")
    assert "color" not in d.nodes["styre"]
    assert "Hva om: KS 30 %" in plain(d.graph_label)
    from govmodel.diagram.legend import legend_entries

    src = D.diagram_source(changed, marks=marks)
    assert any("endret i scenarioet" in e.text for e in legend_entries([src], "nb"))
    # without the scenario nothing is marked
    assert D.CHANGED_COLOR not in D.render_dot(base)


def test_cli_side_by_side_and_whatif(run_cli, tmp_path: Path) -> None:
    a, b = MODELS / "ownership_a.yaml", MODELS / "ownership_b.yaml"
    r = run_cli("diagram", a, b, "--scenario", ROOT / "scenarios" / "ks_30_percent.yaml")
    assert r.code == 2 and "give one MODEL" in r.err
    r = run_cli("diagram", a, a, a, a, a, "-o", tmp_path / "x.svg")
    assert r.code == 2 and "at most 4" in r.err
    r = run_cli("diagram", a, "-o", tmp_path)
    assert r.code == 2 and "must end in" in r.err
    with pytest.raises(SystemExit) as info:  # argparse: a usage error
        run_cli("diagram", a, "-o", tmp_path / "dir.svg", "--layout", "poster")
    assert info.value.code == 2
    (tmp_path / "d.svg").mkdir()
    r = run_cli("diagram", a, "-o", tmp_path / "d.svg", "--force")
    assert r.code == 2 and "directory" in r.err and "Traceback" not in r.err
    r = run_cli("diagram", a, "--scenario", ROOT / "scenarios" / "ks_30_percent.yaml")
    assert r.code == 0 and D.CHANGED_COLOR in r.out
    if HAVE_DOT:
        r = run_cli("diagram", a, b, "-o", tmp_path / "ab.png")
        assert r.code == 0, r.err
        assert _png_size((tmp_path / "ab.png").read_bytes()) == (1920, 1080)
