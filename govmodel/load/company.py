"""Reading the company: its form, share classes and holdings (group blocks apportioned)."""

from __future__ import annotations

from fractions import Fraction

from govmodel import model as M
from govmodel.apportion import largest_remainder
from govmodel.errors import did_you_mean, expected_one_of
from govmodel.load.allocation import AllocationReader, allocation_rules
from govmodel.load.keys import (
    CLASS_KEYS,
    COMPANY_KEYS,
    HOLDING_KEYS,
)
from govmodel.load.text import law_text
from govmodel.yamlsafe import YMap, unknown_keys


class CompanyReader(AllocationReader):
    def _form(self, code: str, tpl: YMap | None) -> M.FormInfo:
        if code == M.NO_COMPANY:
            return M.FormInfo(
                code, M.Text("uten selskap", "no company"), "", False, (), False, M.Provenance()
            )
        if tpl is None:
            return M.FormInfo(code, M.Text(code), "", True, None, False, M.Provenance())
        kinds = tpl.get("owner_kinds", "any")
        owner_kinds = (
            None if kinds == "any" else tuple(str(k) for k in tpl.get_list("owner_kinds") or ())
        )
        return M.FormInfo(
            form=code,
            name=law_text(tpl.get("name")) or M.Text(code),
            statute=str(tpl.get("statute", "")),
            has_shares=bool(tpl.get("has_shares", True)),
            owner_kinds=owner_kinds,
            one_member_one_vote=bool(tpl.get("one_member_one_vote", False)),
            votes_differ_from_shares=(
                str(tpl["votes_differ_from_shares"])
                if isinstance(tpl.get("votes_differ_from_shares"), str)
                else None
            ),
            provenance=M.Provenance(source=str(tpl.get("source", "")) or None, loc=tpl.loc),
            notes=law_text(tpl.get("notes")),
        )

    def _company(self, node: YMap | None, form: M.FormInfo) -> M.Company:
        if node is None:
            cid = "" if form.form == M.NO_COMPANY else "company"
            return M.Company(cid, M.Text(cid), form.form, 0, (), (), (), M.Provenance())
        unknown_keys(node, COMPANY_KEYS, self.problems, "company")
        self.nodes[("company", "")] = node
        cid = self.ident(node, "company") or "company"
        prov = self.prov(node, "company")
        capital = (
            self.integer(
                node,
                "share_capital",
                "company",
                default=0 if not form.has_shares else None,
                minimum=0,
            )
            or 0
        )
        classes: list[M.ShareClass] = []
        cls_nodes = self.seq(node.get("share_classes"), node.at("share_classes"), "share_classes")
        if not cls_nodes:
            classes.append(
                M.ShareClass(
                    "ordinary",
                    M.Text("Ordinære aksjer", "Ordinary shares"),
                    Fraction(1),
                    M.Provenance(source="aksjeloven § 5-3 (1)"),
                )
            )
        for c in self.entries(cls_nodes, "a share class", CLASS_KEYS):
            cid2 = self.ident(c, "a share class")
            if cid2 is None:
                continue
            if any(x.id == cid2 for x in classes):
                self.err(c.at("id"), f"duplicate share class {cid2!r}")
                continue
            vps = Fraction(1)
            if "votes_per_share" in c:
                v = c["votes_per_share"]
                try:
                    vps = Fraction(str(c.raw.get("votes_per_share", v)).strip("'\""))
                    if vps < 0:
                        raise ValueError
                except (ValueError, ZeroDivisionError):
                    self.err(
                        c.at("votes_per_share"),
                        f'votes_per_share must be a number ≥ 0 such as 1, 0 or "1/10"; got {v!r}',
                    )
            classes.append(
                M.ShareClass(
                    cid2,
                    self.text(c, "name", "share class", cid2),
                    vps,
                    self.prov(c, f"share class {cid2}", required=False),
                )
            )
        class_ids = [c.id for c in classes]
        blocks: list[M.HoldingBlock] = []
        holdings: list[M.Holding] = []
        hnodes = self.seq(node.get("holdings"), node.at("holdings"), "holdings")
        for h in self.entries(hnodes, "a holding", HOLDING_KEYS):
            hprov = self.prov(h, "a holding")
            shares = self.integer(h, "shares", "a holding", minimum=0)
            cls = str(h.get("class", class_ids[0] if class_ids else "ordinary"))
            if cls not in class_ids:
                self.err(
                    h.at("class"),
                    f"unknown share class {cls!r}{did_you_mean(cls, class_ids)}; {expected_one_of(class_ids)}",
                )
            if ("holder" in h) == ("group" in h):
                self.err(
                    h.loc,
                    "a holding needs exactly one of 'holder:' (an actor) or 'group:' (a group with 'allocate:')",
                )
                continue
            if shares is None:
                continue
            if "holder" in h:
                who = str(h["holder"])
                if who not in self.actors:
                    hint = (
                        " (a group: write 'group:' with 'allocate:')"
                        if who in self.groups
                        else did_you_mean(who, self.actors)
                    )
                    self.err(h.at("holder"), f"unknown holder {who!r}{hint}")
                    continue
                if "allocate" in h:
                    self.err(h.at("allocate"), "'allocate:' applies to a group holding only")
                votes = self._holding_votes(h, form)
                blocks.append(M.HoldingBlock(who, False, shares, cls, None, hprov))
                holdings.append(M.Holding(who, cls, shares, hprov, votes=votes))
                continue
            gid = str(h["group"])
            if gid not in self.groups:
                self.err(h.at("group"), f"unknown group {gid!r}{did_you_mean(gid, self.groups)}")
                continue
            rule = self.choice(h, "allocate", allocation_rules(), f"holding of group {gid}")
            if rule is None:
                continue
            members = self.groups[gid].members
            if "exclude" in h:
                excl = self.seq(h["exclude"], h.at("exclude"), "exclude")
                allocated = {
                    m
                    for h2 in hnodes
                    if isinstance(h2, YMap) and str(h2.get("group")) in self.groups
                    for m in self.groups[str(h2["group"])].members
                }
                for j, x in enumerate(excl):
                    if str(x) not in members and str(x) not in allocated:
                        self.err(
                            excl.at(j),
                            f"{x!r} is not a member of group {gid}{did_you_mean(str(x), members)}",
                        )
                members = tuple(m for m in members if m not in {str(x) for x in excl})
            basis = self._allocation_basis(members, rule, h)
            if basis is None:
                continue
            counts = largest_remainder(shares, basis)
            blocks.append(M.HoldingBlock(gid, True, shares, cls, rule, hprov))
            for aid in members:
                holdings.append(M.Holding(aid, cls, counts[aid], hprov, block=gid))
                if counts[aid] == 0:
                    self.warn(
                        h.loc,
                        f"{aid} ({self.actors[aid].name}) gets 0 shares from the {rule} allocation of {shares} shares; it is not an owner",
                    )
        # a holding refused above is already reported; a sum check would only repeat it
        self.holdings_complete = len(blocks) == len(hnodes)
        return M.Company(
            cid,
            self.text(node, "name", "company", cid),
            form.form,
            capital,
            tuple(classes),
            tuple(blocks),
            tuple(holdings),
            prov,
        )

    def _holding_votes(self, h: YMap, form: M.FormInfo) -> int | None:
        """A holding's own ``votes:``, where the company form lets votes differ from the share
        (an IKS, IKS-loven: the selskapsavtale fixes the votes); refused elsewhere (in an AS
        votes follow shares and share classes, aksjeloven § 5-3)."""
        if "votes" not in h:
            return None
        if form.votes_differ_from_shares is None:
            self.err(
                h.at("votes"),
                f"a holding's votes follow its shares in company form {form.form} (aksjeloven § 5-3 for an "
                "AS: use share classes with votes_per_share); 'votes:' applies to forms whose "
                "agreement fixes the votes, such as an IKS",
            )
            return None
        return self.integer(h, "votes", "a holding", minimum=0)
