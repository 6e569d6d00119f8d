"""Reading attendance: who is absent or present in an organ, or a turnout fraction of a group."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from govmodel import model as M
from govmodel.errors import did_you_mean, expected_one_of
from govmodel.load.keys import (
    ATTEND_KEYS,
)
from govmodel.load.reader import Reader
from govmodel.ruleparse import parse_fraction
from govmodel.yamlsafe import YMap


class TurnoutReader(Reader):
    def _attendance(
        self, tree: YMap, organs: dict[str, M.Organ], company: M.Company
    ) -> dict[str, frozenset[str]]:
        absent: dict[str, set[str]] = {}
        raw = self.seq(tree.get("attendance"), tree.at("attendance"), "attendance")
        for a in self.entries(raw, "an attendance entry", ATTEND_KEYS):
            oid = str(a.get("organ", ""))
            if oid not in organs:
                self.err(
                    a.at("organ") if "organ" in a else a.loc,
                    f"unknown organ {oid!r}{did_you_mean(oid, organs)}",
                )
                continue
            organ = organs[oid]
            players = organ_players(organ, company)
            out = absent.setdefault(oid, set())
            for key in ("absent", "present"):
                if key not in a:
                    continue
                lst = self.seq(a[key], a.at(key), key)
                ids: list[str] = []
                for j, x in enumerate(lst):
                    x = str(x)
                    for m in self.groups[x].members if x in self.groups else (x,):
                        if m not in players:
                            self.err(
                                lst.at(j),
                                f"{m!r} is not a player of {oid}{did_you_mean(m, players)}",
                            )
                        else:
                            ids.append(m)
                if key == "absent":
                    out.update(ids)
                else:
                    out.update(p for p in players if p not in ids)
            if "fraction" in a:
                gid = str(a.get("group", ""))
                if "group" not in a:
                    self.err(a.loc, "a turnout fraction needs 'group:' naming a group")
                    continue
                if gid not in self.groups:
                    self.err(
                        a.at("group"),
                        f"unknown group {gid!r} in a turnout fraction{did_you_mean(gid, self.groups)}; "
                        f"{expected_one_of(self.groups)}",
                    )
                    continue
                frac = parse_fraction(
                    a["fraction"],
                    a.raw.get("fraction"),
                    a.at("fraction"),
                    self.problems,
                    "turnout fraction",
                )
                order = self.choice(
                    a,
                    "order",
                    ("largest_first", "smallest_first"),
                    "attendance",
                    default="largest_first",
                )
                if frac is None or order is None:
                    continue
                out.update(absent_at_turnout(organ, company, self.groups[gid].members, frac, order))
        return {k: frozenset(v) for k, v in absent.items()}

    def _abstaining(
        self,
        tree: YMap,
        organs: dict[str, M.Organ],
        company: M.Company,
        absent: dict[str, frozenset[str]],
    ) -> dict[str, frozenset[str]]:
        """Players present but abstaining (``abstain:`` in an attendance entry). Abstention is
        not absence: an abstainer counts in the capital represented but casts no vote
        (aksjeloven §§ 5-17, 5-18), so an abstainer who is also absent is refused."""
        out: dict[str, set[str]] = {}
        raw = tree.get("attendance")
        if not isinstance(raw, list):
            return {}
        for an in raw:
            if not isinstance(an, YMap) or "abstain" not in an:
                continue
            oid = str(an.get("organ", ""))
            if oid not in organs:
                continue  # reported by _attendance
            organ = organs[oid]
            players = list(company.holders()) if organ.shareholders else [s.id for s in organ.seats]
            lst = self.seq(an["abstain"], an.at("abstain"), "abstain")
            for j, x in enumerate(lst):
                x = str(x)
                for m in self.groups[x].members if x in self.groups else (x,):
                    if m not in players:
                        self.err(
                            lst.at(j), f"{m!r} is not a player of {oid}{did_you_mean(m, players)}"
                        )
                    elif m in absent.get(oid, frozenset()):
                        self.err(
                            lst.at(j),
                            f"{m!r} is both absent and abstaining in {oid}; an abstainer is "
                            "present (aksjeloven § 5-18): list it under 'abstain' only",
                        )
                    else:
                        out.setdefault(oid, set()).add(m)
        return {k: frozenset(v) for k, v in out.items()}


def organ_players(organ: M.Organ, company: M.Company) -> tuple[str, ...]:
    """Who votes in ``organ``: the shareholders at a shareholders' meeting, else its seats."""
    return company.holders() if organ.shareholders else tuple(s.id for s in organ.seats)


def absent_at_turnout(
    organ: M.Organ,
    company: M.Company,
    members: Iterable[str],
    fraction: Fraction,
    order: str = "largest_first",
) -> list[str]:
    """The members of a group who stay away from ``organ`` when only ``fraction`` of them attend.

    The rule of a turnout entry (``attendance: [{group, fraction, order}]``): of the group's
    members who vote in the organ, ceil(fraction × n) attend, the largest holders first
    (``largest_first``) or the smallest first (``smallest_first``), ties by id; seats outside a
    shareholders' meeting weigh alike, so there the order is by id. The loader and sensitivity's
    turnout probes both use it, so a probe means what the scenario file would.
    """
    players = set(organ_players(organ, company))
    voters = [m for m in members if m in players]
    voters.sort(
        key=lambda m: (company.shares_of(m) if organ.shareholders else 0, m),
        reverse=order == "largest_first",
    )
    return voters[(fraction * len(voters)).__ceil__() :]
