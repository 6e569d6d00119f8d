"""Reading ownership between actors: an actor that is itself a company, owned by other actors.

An association can own a holding company that owns the supplier (KS → KS Holding AS → DIF AS,
the concept study's §5.5; an association → its holding AB → a shared-service AB in Sweden). Such
an actor has ``kind: company`` and ``owners:``, the holdings in it:

.. code-block:: yaml

    - id: ks_holding
      name: KS Holding AS
      kind: company
      form: AS            # its company form (default AS): whose general meeting the owners form
      owners:
        - {holder: ks, shares: 100, source: "..."}

The loader turns the owners into what the engine already follows: the owned company's general
meeting (an organ ``generalforsamling_<actor>`` whose seats are the owners, one vote per share,
with the form's ordinary resolution from the company-form template and the law data, e.g.
aksjeloven § 5-17 (1)), an ``instructs`` relation from that meeting to the company (the general
meeting is its supreme organ and instructs the board, aksjeloven § 5-1 (1), § 6-7: a firm link),
and an ``owns`` relation from each owner (shown and drawn; the votes are the control).
Whoever can pass the meeting's ordinary resolution therefore directs the company's own votes
(its shares in the supplier, its seats), and chains, cycles of cross-ownership (the control
engine's cycle guard) and link grades work as for any other organ. Control through the articles
or an agreement is written as further relations (``instructs``, ``elects``, ``recommends`` with
the ``document:`` that grants them).
"""

from __future__ import annotations

from dataclasses import replace

from govmodel import model as M
from govmodel.errors import did_you_mean, expected_one_of
from govmodel.i18n import N_, translate
from govmodel.load.keys import OWNER_KEYS
from govmodel.load.reader import Reader
from govmodel.load.text import law_text
from govmodel.yamlsafe import YList, YMap, unknown_keys

# names of the generated general meeting (translated through the catalogue)
MEETING_NAME = N_("{meeting} of {company}")
OWNED_KINDS = ("company",)
# the decision of the form's shareholders' meeting that carries control of the company
CONTROL_DECISION = "ordinary"


def owners_meeting_id(actor: str) -> str:
    """The id of the general meeting generated for an owned actor.

    >>> owners_meeting_id("ks_holding")
    'generalforsamling_ks_holding'
    """
    return f"generalforsamling_{actor}"


class OwnerReader(Reader):
    actor_nodes: dict[str, YMap]

    def _actor_owners(self, actors: dict[str, M.Actor]) -> dict[str, M.Actor]:
        """The actors with their ``owners:`` and ``form:`` read and checked: every owner an
        actor (not the company itself), whole positive shares, each owner once."""
        out = dict(actors)
        for aid, node in getattr(self, "actor_nodes", {}).items():
            if "owners" not in node and "form" not in node:
                continue
            actor = out[aid]
            if actor.kind not in OWNED_KINDS:
                key = "owners" if "owners" in node else "form"
                self.err(
                    node.key_at(key),
                    f"actor {aid} is a {actor.kind}; only an actor of kind company has "
                    f"'{key}:' (write kind: company for a holding company owned by others)",
                )
                continue
            form = str(node.get("form", "AS"))
            if form not in self.law.forms:
                self.err(
                    node.at("form"),
                    f"company form {form!r} of actor {aid} is not known"
                    f"{did_you_mean(form, self.law.forms)}; {expected_one_of(self.law.forms)}",
                )
                continue
            if "owners" in node and self._shareholders_organ(self.law.forms[form]) is None:
                self.err(
                    node.at("form"),
                    f"company form {form} has no owners' meeting, so actor {aid} cannot have owners",
                )
                continue
            holdings: list[M.Holding] = []
            seen: dict[str, int] = {}
            lst = self.seq(node.get("owners"), node.at("owners"), f"owners of actor {aid}")
            for i, on in enumerate(lst):
                o = self.mapping(on, lst.at(i), f"an owner of actor {aid}")
                if o is None:
                    continue
                unknown_keys(o, OWNER_KEYS, self.problems, f"an owner of actor {aid}")
                who = o.get("holder")
                if not isinstance(who, str) or who not in actors:
                    hint = (
                        " (a group: list its members as owners)"
                        if isinstance(who, str) and who in self.groups
                        else did_you_mean(str(who), actors)
                    )
                    self.err(
                        o.at("holder") if "holder" in o else o.loc,
                        f"owner of actor {aid}: 'holder:' must name an actor; got {who!r}{hint}",
                    )
                    continue
                if who == aid:
                    self.err(o.at("holder"), f"actor {aid} cannot own itself")
                    continue
                if who in seen:
                    self.err(
                        o.at("holder"),
                        f"{who} is listed twice as an owner of {aid} (first at line {seen[who]})",
                    )
                    continue
                seen[who] = o.loc.line
                shares = self.integer(o, "shares", f"owner {who} of actor {aid}", minimum=1)
                prov = self.prov(o, f"owner {who} of actor {aid}")
                if shares is not None:
                    holdings.append(M.Holding(who, "ordinary", shares, prov))
            if isinstance(node.get("owners"), YList) and not lst:
                self.err(node.at("owners"), f"owners of actor {aid} is empty; list its owners")
            out[aid] = replace(actor, owners=tuple(holdings), form=form)
        return out

    @staticmethod
    def _shareholders_organ(template: YMap) -> YMap | None:
        for o in template.get_list("organs") or ():
            if isinstance(o, YMap) and o.get("shareholders") is True:
                return o
        return None

    def _owners_meetings(
        self, actors: dict[str, M.Actor], organs: dict[str, M.Organ]
    ) -> tuple[dict[str, M.Organ], list[M.Relation]]:
        """For every owned actor: its general meeting (the owners' seats, the form's ordinary
        resolution), the meeting's ``instructs`` relation to the company, and one ``owns``
        relation per owner."""
        out: dict[str, M.Organ] = {}
        rels: list[M.Relation] = []
        nb, en = translate("nb"), translate("en")
        for a in actors.values():
            if not a.owners or a.form is None:
                continue
            tpl = self._shareholders_organ(self.law.forms[a.form])
            if tpl is None:
                continue
            oid = owners_meeting_id(a.id)
            loc = self.actor_nodes[a.id].at("owners")
            if oid in organs or oid in actors or oid in self.groups:
                self.err(loc, f"the general meeting of {a.id} would be {oid!r}, an id already used")
                continue
            decision = self._control_decision(tpl)
            if decision is None:
                self.err(loc, f"company form {a.form} has no '{CONTROL_DECISION}' resolution")
                continue
            ref, dname = decision
            law = self.law.rules[ref]
            meeting = law_text(tpl.get("name")) or M.Text(oid)
            name = M.Text(
                nb(MEETING_NAME).format(meeting=meeting.nb, company=a.name.nb),
                en(MEETING_NAME).format(meeting=meeting.en, company=a.name.en),
            )
            prov = M.Provenance(law.section, None, None, loc)
            seats = tuple(
                M.Seat(f"{oid}.{h.holder}", oid, h.holder, h.holder, h.shares, False, h.provenance)
                for h in a.owners
            )
            dec = M.Decision(CONTROL_DECISION, oid, dname, law.rule, prov, law=ref)
            out[oid] = M.Organ(oid, name, "general_meeting", "owners", prov, False, seats, (dec,))
            rels.append(
                M.Relation(
                    f"{oid}_instructs_{a.id}",
                    "instructs",
                    oid,
                    a.id,
                    M.Provenance(
                        f"{law.section}; aksjeloven § 5-1 (1), § 6-7"
                        if a.form == "AS"
                        else law.section,
                        None,
                        None,
                        loc,
                    ),
                    "firm",
                    decision=CONTROL_DECISION,
                )
            )
            for h in a.owners:
                rels.append(
                    M.Relation(
                        f"owns_{h.holder}_{a.id}",
                        "owns",
                        h.holder,
                        a.id,
                        h.provenance,
                        "firm",
                        basis=M.Text(
                            nb(N_("{n} shares")).format(n=h.shares),
                            en(N_("{n} shares")).format(n=h.shares),
                        ),
                    )
                )
        return out, rels

    def _control_decision(self, tpl: YMap) -> tuple[str, M.Text] | None:
        """The law rule and name of the template meeting's ordinary resolution."""
        for d in tpl.get_list("decisions") or ():
            if isinstance(d, YMap) and d.get("id") == CONTROL_DECISION:
                rule = d.get("rule")
                if isinstance(rule, YMap) and isinstance(rule.get("law"), str):
                    ref = str(rule["law"])
                    if ref in self.law.rules:
                        return ref, law_text(d.get("name")) or M.Text(CONTROL_DECISION)
        return None
