"""Reading organs with their seats and decisions (template organs overlaid)."""

from __future__ import annotations

from govmodel import model as M
from govmodel.apportion import largest_remainder
from govmodel.errors import Loc, did_you_mean, expected_one_of
from govmodel.load.keys import (
    CITE_KEYS,
    DECISION_KEYS,
    MAX_SEATS,
    ORGAN_KEYS,
    SEAT_KEYS,
    is_id,
)
from govmodel.load.templates import TemplateReader
from govmodel.rules import (
    Unanimity,
)
from govmodel.yamlsafe import YMap, unknown_keys


class OrganReader(TemplateReader):
    def _home(self) -> str:
        """Where an organ sits by default: in the company, or (a model without a company) in
        the body itself, ``other``."""
        tree = self.tree
        return "company" if not isinstance(tree, YMap) or "company" in tree else "other"

    def _kind_and_role(self, node: YMap, oid: str) -> tuple[str, str]:
        """An organ's kind and role. The kind is open: one of the known kinds (whose role is
        implied), or any other id-like word (``council``, ``assembly``, ``board_of_supervisors``)
        with its ``role:`` stated, so the engine knows what the organ does."""
        what = f"organ {oid}"
        if "kind" not in node:
            self.err(
                node.loc,
                f"{what} has no 'kind:'; {expected_one_of(M.ORGAN_KINDS)}, or a kind of your own with 'role:'",
            )
            return "advisory_body", ""
        kind = node["kind"]
        if not is_id(kind):
            self.err(
                node.at("kind"),
                f"{what} kind {kind!r} is not valid; expected a known kind or a word of lower-case "
                f"letters, digits and '_' (e.g. council, assembly) with 'role:'",
            )
            return "advisory_body", ""
        role = ""
        if "role" in node:
            role = self.choice(node, "role", M.ROLES, f"{what}") or ""
        elif kind not in M.KIND_ROLES:
            near = did_you_mean(str(kind), M.ORGAN_KINDS)
            self.err(
                node.at("kind"),
                f"{what} kind {kind!r} is not known{near}; for a kind of your own, state "
                f"what the organ does with 'role:' ({expected_one_of(M.ROLES)})",
            )
        return str(kind), role

    def _organs(self, tree: YMap, template: YMap | None) -> dict[str, M.Organ]:
        organs: dict[str, M.Organ] = {}
        self.organ_loc: dict[str, Loc] = {}
        entries = self._merged_entries(
            self.seq(tree.get("organs"), tree.at("organs"), "organs"),
            template.get_list("organs") if template else None,
            "organ",
        )
        known = [str(n.get("id")) for n, _, _ in entries if "kind" in n]
        for node, subs, from_tpl in entries:
            unknown_keys(node, ORGAN_KEYS, self.problems, "an organ")
            oid = self.ident(node, "an organ")
            if oid is None:
                continue
            if not from_tpl and set(node) <= {"id", "decisions"}:
                # only an id and decisions: a change to an existing organ's decision (a scenario's
                # set_rule) naming an organ that is in neither the model nor its template
                self.err(
                    node.at("id"),
                    f"no organ {oid!r} in the model or its company-form template"
                    f"{did_you_mean(oid, known)}; {expected_one_of(known)}",
                )
                continue
            if oid in organs:
                self.err(
                    node.at("id"),
                    f"duplicate organ id {oid!r} (first at line {self.organ_loc[oid].line})",
                )
                continue
            if oid in self.actors or oid in self.groups:
                self.err(
                    node.at("id"),
                    f"organ id {oid!r} is also an actor or group id; ids must be unique",
                )
                continue
            self.organ_loc[oid] = node.at("id")
            kind, role = self._kind_and_role(node, oid)
            part_of = (
                self.choice(node, "part_of", M.PART_OF, f"organ {oid}", default=self._home())
                or self._home()
            )
            prov = self.prov(node, f"organ {oid}")
            shareholders = self.boolean(node, "shareholders", f"organ {oid}")
            seats = self._seats(node, oid, shareholders)
            decisions = self._decisions(node, oid, prov)
            organs[oid] = M.Organ(
                id=oid,
                name=self.text(node, "name", f"organ {oid}", oid),
                kind=kind,
                part_of=part_of,
                provenance=prov,
                shareholders=shareholders,
                seats=tuple(seats),
                decisions=tuple(decisions),
                description=self.text(node, "description", f"organ {oid}"),
                role=role,
                fylke=subs.get("fylke")
                or subs.get("nr")
                or (str(node["fylke"]) if "fylke" in node else None),
            )
        return organs

    def _seats(self, node: YMap, oid: str, shareholders: bool) -> list[M.Seat]:
        seats: list[M.Seat] = []
        raw = self.seq(node.get("seats"), node.at("seats"), f"seats of {oid}")
        if shareholders and raw:
            self.err(
                node.at("seats"),
                f"organ {oid} has 'shareholders: true'; its players are the holders, so it takes no 'seats:'",
            )
            return seats
        expanded = self.expand(raw, f"a seat of {oid}")
        # per-fylke seat counts given as {total, by} are apportioned across the expansion
        share_counts: dict[int, dict[str, int]] = {}
        for node2, subs in expanded:
            cnt = node2.get("count")
            if isinstance(cnt, YMap) and subs:
                key = id(node2.loc)
                if node2.get("for_each") == "kommune":
                    if key not in share_counts:
                        self.err(
                            node2.at("count"),
                            "a count of {total, by} is apportioned per fylke; use 'for_each: fylke' (or a whole number with 'for_each: kommune')",
                        )
                    share_counts[key] = {}
                    continue
                if key not in share_counts:
                    total = cnt.get("total")
                    by = cnt.get("by", "population")
                    if (
                        not isinstance(total, int)
                        or isinstance(total, bool)
                        or not 0 <= total <= MAX_SEATS
                        or by not in ("population", "equal")
                    ):
                        self.err(
                            node2.at("count"),
                            f"a per-fylke seat count must be {{total: N, by: population|equal}} with 0 ≤ N ≤ {MAX_SEATS:,}",
                        )
                        share_counts[key] = {}
                    else:
                        fylker = [
                            f
                            for f in self.pop.fylker
                            if (node2.get("for_each") != "fylkeskommune" or f.has_fylkeskommune)
                        ]
                        weights = {
                            f.nr: (f.population if by == "population" else 1) for f in fylker
                        }
                        if not any(weights.values()):
                            weights = {nr: 1 for nr in weights}
                        share_counts[key] = largest_remainder(total, weights)
        used: set[str] = set()
        for sn, subs in expanded:
            unknown_keys(sn, SEAT_KEYS, self.problems, f"a seat of {oid}")
            sid = self.new_ident(sn, f"a seat of {oid}", used, f"seat id {{!r}} in organ {oid}")
            if sid is None:
                continue
            prov = self.prov(sn, f"seat {oid}.{sid}")
            votes = self.integer(sn, "votes", f"seat {oid}.{sid}", default=1, minimum=0) or 0
            chair = self.boolean(sn, "chair", f"seat {oid}.{sid}")
            if "members_of" in sn:
                gid = str(sn["members_of"])
                if gid not in self.groups:
                    self.err(
                        sn.at("members_of"),
                        f"unknown group {gid!r}{did_you_mean(gid, self.groups)}",
                    )
                    continue
                for aid in self.groups[gid].members:
                    seats.append(M.Seat(f"{oid}.{aid}", oid, sid, aid, votes, False, prov))
                continue
            cnt_raw = sn.get("count", 1)
            if isinstance(cnt_raw, YMap):
                count = share_counts.get(id(sn.loc), {}).get(subs.get("nr", ""), 0)
                if not subs:
                    self.err(sn.at("count"), "a count of {total, by} needs 'for_each:' on the seat")
            else:
                count = self.integer(sn, "count", f"seat {oid}.{sid}", default=1, minimum=0) or 0
                if count > MAX_SEATS:
                    self.err(
                        sn.at("count"),
                        f"seat {oid}.{sid} count {count:,} is more than {MAX_SEATS:,}; is it a typo?",
                    )
                    continue
            holder = sn.get("holder")
            if holder is not None:
                holder = str(holder)
                if holder not in self.actors:
                    self.err(
                        sn.at("holder"),
                        f"unknown seat holder {holder!r}{did_you_mean(holder, self.actors)}; a holder is an actor id",
                    )
                    continue
                if count != 1:
                    self.err(
                        sn.at("count"),
                        "a seat with a fixed holder has count 1; list more seats for more holders",
                    )
                    continue
                seats.append(M.Seat(f"{oid}.{sid}", oid, sid, holder, votes, chair, prov))
                continue
            if count == 1:
                seats.append(M.Seat(f"{oid}.{sid}", oid, sid, None, votes, chair, prov))
            else:
                for n in range(1, count + 1):
                    seats.append(
                        M.Seat(f"{oid}.{sid}#{n}", oid, sid, None, votes, chair and n == 1, prov)
                    )
        return seats

    def _decisions(self, node: YMap, oid: str, organ_prov: M.Provenance) -> list[M.Decision]:
        out: list[M.Decision] = []
        raw = self.seq(node.get("decisions"), node.at("decisions"), f"decisions of {oid}")
        seen: set[str] = set()
        for i, dn in enumerate(raw):
            d = self.mapping(dn, raw.at(i), f"a decision of {oid}")
            if d is None:
                continue
            if d.get("omit") is True:
                continue
            unknown_keys(d, DECISION_KEYS, self.problems, f"a decision of {oid}")
            did = self.new_ident(
                d, f"a decision of {oid}", seen, f"decision id {{!r}} in organ {oid}"
            )
            if did is None:
                continue
            self.nodes[("decision", f"{oid}.{did}")] = d
            before = len(self.rules.law_refs)
            if "rule" not in d:
                self.err(d.loc, f"decision {oid}.{did} has no 'rule:'")
            rule = self.rules.parse(d["rule"], d.at("rule")) if "rule" in d else None
            law_ref = (
                self.rules.law_refs[-1]
                if len(self.rules.law_refs) > before and "law" in (d.get_map("rule") or ())
                else None
            )
            if rule is None:
                rule = Unanimity("all")  # placeholder: the problem is reported, no model is built
            if law_ref is not None and not d.get("source") and not d.get("assumption"):
                prov = M.Provenance(
                    self.law.rules[law_ref].section, None, d.get_str("document"), d.loc
                )
                if d.get("document"):
                    self.doc_refs.append((str(d["document"]), d.at("document")))
            else:
                prov = self.prov(d, f"decision {oid}.{did}")
            cited: list[M.CitedRule] = []
            craw = self.seq(d.get("cites"), d.at("cites"), f"cites of {oid}.{did}")
            for j, cn in enumerate(craw):
                c = self.mapping(cn, craw.at(j), "a cited rule")
                if c is None:
                    continue
                unknown_keys(c, CITE_KEYS, self.problems, "a cited rule")
                crule = self.rules.parse(c.get("rule"), c.at("rule")) if "rule" in c else None
                if crule is None:
                    if "rule" not in c:
                        self.err(c.loc, "a cited rule needs 'rule:' and 'source:'")
                    continue
                cited.append(
                    M.CitedRule(
                        str(c.get("source", "")),
                        crule,
                        self.text(c, "text", "a cited rule"),
                        c.loc,
                    )
                )
            out.append(
                M.Decision(
                    id=did,
                    organ=oid,
                    name=self.text(d, "name", f"decision {oid}.{did}", did),
                    rule=rule,
                    provenance=prov,
                    law=law_ref,
                    strategic=self.boolean(d, "strategic", f"decision {oid}.{did}"),
                    cited=tuple(cited),
                    description=self.text(d, "description", f"decision {oid}.{did}"),
                )
            )
        return out
