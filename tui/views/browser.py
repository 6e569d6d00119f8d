"""The model browser: a tree of owners, organs, documents and relations, and a detail pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text, TextType
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tree

from govmodel.model import PART_OF, Model, Organ, Relation
from govmodel.report.l10n import L10n
from tui import render
from tui.render import name_in, short_name, tx
from tui.results import pct
from tui.safe import lit
from tui.views.base import View

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

PARTS = PART_OF  # the model format's parts, in its order

#: what a tree node stands for: its kind and (most kinds) an id, e.g. ``("organ", "styret")``
NodeData = tuple[str, ...]


class LiteralTree(Tree[NodeData]):
    """A tree whose string labels are shown literally (model names are never markup)."""

    def process_label(self, label: TextType) -> Text:
        return super().process_label(lit(label) if isinstance(label, str) else label)


# the detail of an element of each kind: (model, its id, language) -> text
_DETAILS: dict[str, Callable[[Model, str, str], str]] = {
    "block": render.block_detail,
    "actor": render.actor_detail,
    "organ": render.organ_detail,
    "doc": render.document_detail,
    "rel": render.relation_detail,
    "reltype": render.relation_type_detail,
}


class BrowserView(View):
    pane_id = "browser"
    focus_target = "#br-tree"

    def compose_view(self) -> ComposeResult:
        with Horizontal():
            tree: Tree[NodeData] = LiteralTree("…", id="br-tree")
            tree.show_root = True
            yield tree
            with VerticalScroll(id="br-detail"):
                yield Static(self.tr("app.loading"), id="br-text")

    # -- tree ----------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        tree = self.query_one("#br-tree", Tree)
        keep = tree.cursor_node.data if tree.cursor_node is not None else None
        self._build(tree)
        target = self._find(tree.root, keep) if keep is not None else None
        if target is not None:
            tree.move_cursor(target)
        else:
            tree.move_cursor(tree.root)
        # a node found by its data has data
        self._show(target.data if target is not None and target.data is not None else ("model",))

    def _build(self, tree: Tree[NodeData]) -> None:
        model = self.current
        lang = self.lang
        tree.clear()
        root = tree.root
        # the root reads "Model": the model's full name (too long for the tree at 80 columns,
        # where it was cut) is in the title bar and in the detail pane when the root is chosen
        label = self.tr("app.model") + (" *" if self.changes or self.readings else "")
        root.set_label(label)
        root.data = ("model",)
        c = model.company
        owners = root.add(self.tr("br.owners"), ("section", "owners"), expand=True)
        if not c.blocks:
            owners.add_leaf(self.tr("br.no_owners", form=model.form.form), ("model",))
        for b in c.blocks:
            share = pct(b.shares, c.share_capital, self.lang)
            if b.is_group:
                g = model.groups.get(b.holder)
                n = len([h for h in c.holdings if h.block == b.holder])
                text = f"{share} {short_name(name_in(model, b.holder, lang))} ({n})"
                node = owners.add(text, ("block", b.holder), allow_expand=bool(g))
                node.data = ("block", b.holder)
            else:
                owners.add_leaf(
                    f"{share:>7}  {short_name(name_in(model, b.holder, lang))}", ("block", b.holder)
                )
        organs = root.add(self.tr("br.organs"), ("section", "organs"), expand=True)
        by_part: dict[str, list[Organ]] = {}
        for o in model.organs.values():
            by_part.setdefault(o.part_of, []).append(o)
        for part in sorted(by_part, key=lambda p: PARTS.index(p) if p in PARTS else 99):
            pnode = organs.add(
                self.tr(f"br.part.{part}"), ("section", f"part:{part}"), expand=part == "company"
            )
            regional: dict[str, list[Organ]] = {}
            for o in by_part[part]:
                if o.fylke:
                    regional.setdefault(o.kind, []).append(o)
                    continue
                pnode.add_leaf(tx(o.name, lang), ("organ", o.id))
            for kind, items in regional.items():
                # "Fylkesmøtet i KS Agder" → "Fylkesmøtet" (the organ of every fylke)
                first = tx(items[0].name, lang)
                base = first.split(" i ")[0] if " i " in first else kind
                rnode = pnode.add(
                    self.tr("br.regional", name=base, n=len(items)), ("regional", kind)
                )
                for o in items:
                    rnode.add_leaf(tx(o.name, lang), ("organ", o.id))
        docs = root.add(self.tr("br.documents"), ("section", "documents"))
        for d in model.documents.values():
            docs.add_leaf(tx(d.name, lang), ("doc", d.id))
        rels = root.add(self.tr("br.relations"), ("section", "relations"))
        by_type: dict[str, list[Relation]] = {}
        for r in model.relations:
            by_type.setdefault(r.type, []).append(r)
        for rtype, of_type in by_type.items():
            label = f"{render.relation_type_text(rtype, lang)} ({len(of_type)})"
            rels.add(label, ("reltype", rtype), allow_expand=True)
        root.add_leaf(self.tr("br.assumptions"), ("assumptions",))
        root.expand()

    def _find(self, node: TreeNode[NodeData], data: NodeData) -> TreeNode[NodeData] | None:
        if node.data == data:
            return node
        for child in node.children:
            found = self._find(child, data)
            if found is not None:
                return found
        return None

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        node = event.node
        if node.children or node.data is None:
            return
        model = self.current
        kind = node.data[0]
        if kind == "block" and node.data[1] in model.groups:
            c = model.company
            held = {h.holder: h.shares for h in c.holdings}
            members = sorted(model.groups[node.data[1]].members, key=lambda m: (-held.get(m, 0), m))
            for m in members:
                share = f"{pct(held[m], c.share_capital, self.lang):>7}  " if m in held else ""
                node.add_leaf(f"{share}{name_in(model, m, self.lang)}", ("actor", m))
        elif kind == "reltype":
            t = L10n(self.lang, model)  # one namer for every leaf of this type
            for r in model.relations:
                if r.type == node.data[1]:
                    node.add_leaf(Text(t.name(r.id)), ("rel", r.id))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        if event.node.data is not None:
            self._show(event.node.data)

    # -- detail --------------------------------------------------------------------------------

    def _show(self, data: tuple[str, ...]) -> None:
        model = self.current
        lang = self.lang
        kind = data[0]
        try:
            if kind == "model":
                text = render.model_detail(model, lang)
            elif kind == "assumptions":
                text = render.assumptions_detail(model, lang)
            elif kind in _DETAILS:
                text = _DETAILS[kind](model, data[1], lang)
            else:
                text = self.tr("br.select_hint")
        except (KeyError, StopIteration):
            text = self.tr("br.select_hint")
        self.query_one("#br-text", Static).update(text)
        self.query_one("#br-detail", VerticalScroll).scroll_home(animate=False)
