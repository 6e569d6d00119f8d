"""Reading actors and groups (listed, selected or generated from the reference data)."""

from __future__ import annotations

from dataclasses import replace

from govmodel import model as M
from govmodel.errors import Loc, ModelError, did_you_mean
from govmodel.law.readings import actor_status, load_readings
from govmodel.load.expand import ExpandReader
from govmodel.load.keys import (
    ACTOR_KEYS,
    GROUP_KEYS,
)
from govmodel.load.reader import is_contracting
from govmodel.load.tables import MemberRow, read_member_table
from govmodel.yamlsafe import YMap, kind_of, unknown_keys


class ActorReader(ExpandReader):
    def _actor_reading(self, node: YMap, aid: str) -> str | None:
        """The legal reading an actor's status follows (``reading:``), checked against the
        readings of the law data; ``contracting_authority`` may then not be given as well."""
        if "reading" not in node:
            return None
        rid = node["reading"]
        catalogue = load_readings()
        if not isinstance(rid, str) or rid not in catalogue:
            self.err(
                node.at("reading"),
                f"reading of {aid} must be a known reading{did_you_mean(str(rid), catalogue)}; "
                f"readings: {', '.join(catalogue)}",
            )
            return None
        if not all("contracting_authority" in a.effects for a in catalogue[rid].alternatives):
            self.err(node.at("reading"), f"reading {rid} does not set a contracting authority")
            return None
        if "contracting_authority" in node:
            self.err(
                node.key_at("contracting_authority"),
                f"actor {aid} takes its status from reading {rid}; "
                "give either contracting_authority or reading, not both",
            )
        return rid

    def _actors_and_groups(self, tree: YMap) -> tuple[dict[str, M.Actor], dict[str, M.Group]]:
        actors: dict[str, M.Actor] = {}
        groups: dict[str, M.Group] = {}
        self.actor_loc: dict[str, Loc] = {}
        self.actor_nodes: dict[str, YMap] = {}
        for node, subs in self.expand(
            self.seq(tree.get("actors"), tree.at("actors"), "actors"), "an actor"
        ):
            unknown_keys(node, ACTOR_KEYS, self.problems, "an actor")
            aid = self.ident(node, "an actor")
            if aid is None:
                continue
            if aid in actors:
                self.err(
                    node.at("id"),
                    f"duplicate actor id {aid!r} (first at line {self.actor_loc[aid].line})",
                )
                continue
            kind = self.choice(node, "kind", M.ACTOR_KINDS, f"actor {aid}") or "person"
            ca = node.get("contracting_authority", False)
            if not is_contracting(ca):
                self.err(
                    node.at("contracting_authority"),
                    f"contracting_authority of {aid} must be true, false or uncertain; got {ca!r}",
                )
                ca = "uncertain"
            reading = self._actor_reading(node, aid)
            if reading is not None:
                ca = actor_status(reading, None)  # the default; --reading switches it
            fylke = (
                subs.get("fylke")
                or subs.get("nr")
                or (str(node["fylke"]) if "fylke" in node else None)
            )
            actors[aid] = M.Actor(
                aid,
                self.named(node, f"actor {aid}", aid),
                kind,
                ca,
                self.prov(node, f"actor {aid}"),
                fylke=fylke,
                reading=reading,
            )
            self.actor_loc[aid] = node.at("id")
            self.actor_nodes[aid] = node

        raw_groups = self.expand(
            self.seq(tree.get("groups"), tree.at("groups"), "groups"), "a group"
        )
        # generated groups first (they create actors), then listed/selected groups
        pending: list[tuple[YMap, str]] = []
        for node, _subs in raw_groups:
            unknown_keys(node, GROUP_KEYS, self.problems, "a group")
            gid = self.ident(node, "a group")
            if gid is None:
                continue
            if gid in groups or any(gid == p[1] for p in pending):
                self.err(node.at("id"), f"duplicate group id {gid!r}")
                continue
            if gid in actors:
                self.err(node.at("id"), f"group id {gid!r} is also an actor id; ids must be unique")
                continue
            gen = node.get("generate")
            if gen is None:
                pending.append((node, gid))
                continue
            if isinstance(gen, YMap):
                table = self._member_table(node, gen, gid)
                if table is None:
                    continue
            elif gen in ("kommuner", "fylkeskommuner"):
                table = self._population_members(gen)  # no problems: the population data
            else:
                self.err(
                    node.at("generate"),
                    f"generate {gen!r} is not known; expected kommuner, fylkeskommuner or "
                    "{file: CSV, kind: KIND} (a member table)",
                )
                continue
            ca = node.get("contracting_authority", True)
            if not is_contracting(ca):
                self.err(
                    node.at("contracting_authority"),
                    "contracting_authority must be true, false or uncertain",
                )
                ca = True
            prov = self.prov(node, f"group {gid}")
            members = []
            kind, rows = table
            for row in rows:
                members.append(row.id)
                actors[row.id] = M.Actor(
                    row.id,
                    M.Text(row.name),
                    kind,
                    ca,
                    prov,
                    fylke=row.region,
                    population=row.population,
                    groups=(gid,),
                )
            for aid in members:
                if aid in self.actor_loc:
                    self.err(
                        node.at("generate"),
                        f"generated actor {aid} clashes with an actor declared at line {self.actor_loc[aid].line}",
                    )
                self.actor_loc[aid] = node.at("generate")
            groups[gid] = M.Group(
                gid,
                self.named(node, f"group {gid}", gid),
                tuple(members),
                prov,
                generate=str(gen),
            )

        def resolve_member(mid: str, loc: Loc, seen: tuple[str, ...]) -> list[str]:
            if mid in actors:
                return [mid]
            if mid in groups:
                return list(groups[mid].members)
            for node, gid in pending:
                if gid == mid:
                    if gid in seen:
                        self.err(loc, f"group {gid} contains itself through {' -> '.join(seen)}")
                        return []
                    build_group(node, gid, seen + (gid,))
                    return list(groups[gid].members) if gid in groups else []
            options = list(actors) + list(groups) + [g for _, g in pending]
            self.err(loc, f"unknown actor or group {mid!r}{did_you_mean(mid, options)}")
            return []

        def build_group(node: YMap, gid: str, seen: tuple[str, ...]) -> None:
            if gid in groups:
                return
            members: list[str] = []
            if "members" in node:
                lst = self.seq(node["members"], node.at("members"), f"members of group {gid}")
                for i, m in enumerate(lst):
                    if not isinstance(m, str):
                        self.err(
                            lst.at(i),
                            f"a member of group {gid} must be an actor or group id; got {kind_of(m)}",
                        )
                        continue
                    names = (
                        [m.replace("{nr}", f.nr) for f in self.pop.fylker] if "{nr}" in m else [m]
                    )
                    for n in names:
                        members.extend(resolve_member(n, lst.at(i), seen))
            if "select" in node:
                sel = self.mapping(node["select"], node.at("select"), f"select of group {gid}")
                if sel is not None:
                    unknown_keys(sel, {"from", "fylke"}, self.problems, f"select of group {gid}")
                    base = resolve_member(str(sel.get("from", "")), sel.at("from"), seen)
                    fy = sel.get("fylke")
                    members.extend(a for a in base if fy is None or actors[a].fylke == str(fy))
            if "members" not in node and "select" not in node:
                self.err(node.loc, f"group {gid} needs 'generate:', 'members:' or 'select:'")
            uniq = list(dict.fromkeys(members))
            groups[gid] = M.Group(
                gid,
                self.named(node, f"group {gid}", gid),
                tuple(uniq),
                self.prov(node, f"group {gid}"),
            )

        for node, gid in pending:
            build_group(node, gid, (gid,))
        # record group membership on actors
        member_of: dict[str, list[str]] = {}
        for g in groups.values():
            for a in g.members:
                member_of.setdefault(a, []).append(g.id)
        for aid, gs in member_of.items():
            actors[aid] = replace(actors[aid], groups=tuple(dict.fromkeys(gs)))
        return actors, groups

    def _population_members(self, gen: str) -> tuple[str, tuple[MemberRow, ...]]:
        """The kind and members of ``generate: kommuner`` or ``fylkeskommuner``, from the
        population data (every fylke that has a fylkeskommune)."""
        if gen == "kommuner":
            return "kommune", tuple(
                MemberRow(f"k{k.nr}", k.name, k.population, k.fylke_nr, 0)
                for k in self.pop.kommuner
            )
        return "fylkeskommune", tuple(
            MemberRow(f"fk{f.nr}", f"{f.name} fylkeskommune", f.population, f.nr, 0)
            for f in self.pop.fylker
            if f.has_fylkeskommune
        )

    def _member_table(
        self, node: YMap, gen: YMap, gid: str
    ) -> tuple[str, tuple[MemberRow, ...]] | None:
        """``generate: {file: CSV, kind: KIND}``: one actor of KIND per row of a member table
        (:mod:`govmodel.load.tables`), e.g. the 290 municipalities of another country."""
        unknown_keys(gen, {"file", "kind"}, self.problems, f"generate of group {gid}")
        kind = self.choice(gen, "kind", M.ACTOR_KINDS, f"generate of group {gid}")
        spec = gen.get("file")
        if not isinstance(spec, str) or not spec or kind is None:
            if not isinstance(spec, str) or not spec:
                self.err(gen.loc, f"generate of group {gid} needs 'file:' naming a CSV file")
            return None
        try:
            rows = read_member_table(spec, self.base_dir)
        except ModelError as exc:
            for p in exc.problems:
                if p.loc.line:
                    self.err(p.loc, p.message)
                else:  # a whole-file problem (not found, a FIFO ...): at the 'file:' that names it
                    self.err(gen.at("file"), f"member table {spec!r}: {p.message}")
            return None
        return kind, rows
