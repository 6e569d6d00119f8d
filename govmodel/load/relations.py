"""Reading typed relations (elects, appoints, instructs, proxy ...) and how firm each link is;
ownership relations derived from the holdings.
"""

from __future__ import annotations

from govmodel import model as M
from govmodel.errors import Loc
from govmodel.load.keys import (
    RELATION_KEYS,
)
from govmodel.load.templates import TemplateReader
from govmodel.yamlsafe import YList, YMap, unknown_keys


class RelationReader(TemplateReader):
    def _relations(
        self, tree: YMap, template: YMap | None, organs: dict[str, M.Organ], company: M.Company
    ) -> list[M.Relation]:
        out: list[M.Relation] = []
        ids: dict[str, Loc] = {}
        entries = self._merged_entries(
            self.seq(tree.get("relations"), tree.at("relations"), "relations"),
            template.get_list("relations") if template else None,
            "relation",
        )
        auto = 0
        for node, _subs, from_tpl in entries:
            if from_tpl and {str(node.get("from")), str(node.get("to"))} & self.omitted:
                # a template relation of a template organ the model omits goes with the organ
                # (it used to be reported as an unknown id in the package's template file)
                continue
            unknown_keys(node, RELATION_KEYS, self.problems, "a relation")
            rtype = self.choice(node, "type", M.RELATION_TYPES, "a relation")
            if rtype is None:
                continue
            if rtype == "owns":
                # derived from the holdings and 'owners:', where the shares (the votes) are: a
                # hand-written one gave its owner no control at all, silently
                self.err(
                    node.at("type"),
                    "relation type 'owns' is derived from the holdings and from actors' 'owners:'"
                    f" and carries no votes when written; give {node.get('to')!s} 'owners:' "
                    "with the shares (or the company a holding) instead",
                )
                continue
            if "id" in node:
                rid = self.ident(node, "a relation")
                if rid is None:
                    continue
            else:
                auto += 1
                rid = f"{rtype}_{node.get('from')}_{node.get('to')}"
                if rid in ids:
                    rid = f"{rid}_{auto}"
            if rid in ids:
                self.err(
                    node.at("id"), f"duplicate relation id {rid!r} (first at line {ids[rid].line})"
                )
                continue
            ids[rid] = node.loc
            self.nodes[("relation", rid)] = node
            prov = self.prov(node, f"relation {rid}")
            src, dst = node.get("from"), node.get("to")
            if not isinstance(src, str) or not isinstance(dst, str):
                self.err(node.loc, f"relation {rid} needs 'from:' and 'to:' ids")
                continue
            strength = None
            if rtype == "recommends":
                strength = self.choice(
                    node, "strength", M.STRENGTHS, f"relation {rid}", default="advisory"
                )
            revocable = None
            if rtype == "proxy":
                revocable = self.boolean(node, "revocable", f"relation {rid}", default=True)
            seats: tuple[str, ...] = ()
            if "seats" in node:
                sl = self.seq(node["seats"], node.at("seats"), f"seats of relation {rid}")
                seats = tuple(str(s) for s in sl)
            recall, instruction = self._terms(node, rtype, src, organs, rid)
            link = self._link(node, rtype, strength, revocable, prov, rid, recall, instruction)
            out.append(
                M.Relation(
                    id=rid,
                    type=rtype,
                    source=src,
                    decision=str(node["decision"]) if "decision" in node else None,
                    target=dst,
                    provenance=prov,
                    link=link,
                    to_decision=str(node["to_decision"]) if "to_decision" in node else None,
                    seats=seats,
                    strength=strength,
                    revocable=revocable,
                    basis=self.text(node, "basis", f"relation {rid}") or None,
                    scope=str(node["scope"]) if "scope" in node else None,
                    description=self.text(node, "description", f"relation {rid}"),
                    term=self.text(node, "term", f"relation {rid}") or None,
                    recall=recall,
                    instruction=instruction,
                )
            )
        # ownership edges are derived from the holdings
        totals: dict[str, int] = {}
        # each holder's first holding, found in the same pass (searching the holdings again for
        # every holder was quadratic: a quarter of loading model A's 372 owners)
        firsts: dict[str, M.Holding] = {}
        for h in company.holdings:
            totals[h.holder] = totals.get(h.holder, 0) + h.shares
            firsts.setdefault(h.holder, h)
        for holder, shares in totals.items():
            if shares > 0:
                first = firsts[holder]
                out.append(
                    M.Relation(
                        f"owns_{holder}",
                        "owns",
                        holder,
                        company.id,
                        first.provenance,
                        "firm",
                        basis=M.Text(f"{shares} aksjer", f"{shares} shares"),
                    )
                )
        return out

    def _terms(
        self, node: YMap, rtype: str, src: str, organs: dict[str, M.Organ], rid: str
    ) -> tuple[str | None, bool | None]:
        """The terms of an election or appointment: ``recall`` (``any_time``: the electors may
        remove the elected at any time; ``term``: not before the term ends) and
        ``instruction`` (may the electors instruct the elected). Not given, an organ of the
        company follows company law (aksjeloven § 6-7: whoever elected a board member may remove
        it, so ``any_time``); any other elector (an association's organs, such as KS's) is
        taken to elect for a term (``term``): periodic, not firm, unless the model shows a
        recall or instruction right."""
        if rtype not in ("elects", "appoints"):
            for key in ("recall", "instruction", "term"):
                if key in node:
                    self.err(
                        node.key_at(key),
                        f"{key} is a term of an election or appointment; relation {rid} is "
                        f"'{rtype}'",
                    )
            return None, None
        recall = (
            self.choice(node, "recall", M.RECALLS, f"relation {rid}") if "recall" in node else None
        )
        if recall is None:
            o = organs.get(src)
            recall = "any_time" if o is not None and o.part_of in ("company", "owners") else "term"
        instruction = (
            self.boolean(node, "instruction", f"relation {rid}", default=False)
            if "instruction" in node
            else False
        )
        return recall, instruction

    def _link(
        self,
        node: YMap,
        rtype: str,
        strength: str | None,
        revocable: bool | None,
        prov: M.Provenance,
        rid: str,
        recall: str | None = None,
        instruction: bool | None = None,
    ) -> str:
        """The grade of a control link, derived from its legal form and terms: an explicit
        ``link:`` (a scenario's what-if), else from the type, the terms of an election and the
        document that grants it. Strongest first: firm, contractual, periodic, revocable,
        advisory."""
        if "link" in node:
            return self.choice(node, "link", M.LINKS, f"relation {rid}") or "firm"
        if rtype in ("prepares", "advises", "secretariat_for", "reports_to", "member_of"):
            return "advisory"
        if rtype == "recommends" and strength == "advisory":
            return "advisory"
        if rtype == "proxy":
            # aksjeloven § 5-2 (2): a proxy can be revoked at any time
            return "revocable" if revocable else "contractual"
        if rtype in ("elects", "appoints") and recall == "term" and not instruction:
            return "periodic"  # elected for a term, no recall or instruction
        if prov.document and self._dockind_of(prov.document) in (
            "aksjonaeravtale",
            "eierstrategi",
            "oppdragsdokument",
            "mandat",
            "other",
        ):
            return "contractual"
        return "firm"

    def _dockind_of(self, doc_id: str) -> str | None:
        docs = self.tree.get("documents") if isinstance(self.tree, YMap) else None
        if not isinstance(docs, YList):
            return None  # 'documents: 1' is reported by _documents; iterating it crashed
        for d in docs:
            if isinstance(d, YMap) and d.get("id") == doc_id:
                return str(d.get("kind", "other"))
        return None
