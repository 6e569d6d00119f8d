"""Names instead of ids: what a person reads about a model's actors, organs, decisions,
documents and relations, and routes through the structure as sentences.

The engine speaks in ids (``fylkesmote_03``, ``generalforsamling.articles``, hops such as
``k1151 ∈ fylkesmote_11 —elects→ landsting``); a :class:`Namer` turns them into the names of the
model in the report's language ("Utsira kommune is a member of Fylkesmøtet i KS Rogaland, which
elects Landstinget, …"). With ``ids=True`` (the ``--ids`` flag) each name is followed by its id
in brackets, for someone who edits the model file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from govmodel.i18n import N_, translate
from govmodel.i18n.glossary import label
from govmodel.model import Model, Relation
from govmodel.regions import collapse_regional

#: Relation types as verbs ("{a} elects {b}").
VERBS = {
    "elects": N_("elects"),
    "appoints": N_("appoints"),
    "instructs": N_("instructs"),
    "proxy": N_("gives a proxy to"),
    "recommends": N_("makes recommendations to"),
    "owns": N_("owns"),
    "holds": N_("holds shares in"),
    "member_of": N_("is a member of"),
    "prepares": N_("prepares matters for"),
    "advises": N_("advises"),
    "reports_to": N_("reports to"),
    "secretariat_for": N_("is the secretariat of"),
    "nominates": N_("nominates"),
}
IN_FIRST = N_("is a member of")
IN_LATER = N_("takes part in")
WHICH = N_("{sentence}, which {verb} {what}")
FIRST = N_("{who} {verb} {what}")
EVERY_FYLKE = N_("{name} (and likewise in every fylke)")
SEATS = N_("seats in {organ}")
TURNOVER = N_("turnover {year}")
#: Clauses of the company's documents that the criteria read (and others the models use; a
#: clause not listed reads as its key with spaces).
CLAUSES = {
    "purpose": N_("purpose"),
    "non_commercial": N_("non-commercial"),
    "non_profit": N_("non-profit"),
    "pricing": N_("pricing"),
    "amendment": N_("amendment"),
    "owners_restricted_to": N_("owners restricted to"),
    "members_restricted_to": N_("members restricted to"),
    "transfer_consent": N_("transfer of shares needs consent"),
    "transfer_limits": N_("limits on transfer of shares"),
    "parties": N_("parties"),
    "board_frame": N_("frame for the board"),
    "board_appointment": N_("appointment of the board"),
    "founder": N_("founder"),
    "owner": N_("owner"),
    "owners": N_("owners"),
    "owning_ministry": N_("owning ministry"),
    "participants": N_("participants"),
    "free_exit": N_("free exit"),
    "open_membership": N_("open membership"),
    "adopted_by_each_council": N_("adopted by each council"),
    "ks_may_participate": N_("KS may take part"),
    "ks_secretariat": N_("KS is the secretariat"),
    "supports_ks_interest_politics": N_("supports KS's interest politics"),
    "eierraad": N_("eierråd"),
    "kommit_as_board_committee": N_("KommIT as a board committee"),
    "kommit_minimum_role": N_("KommIT's minimum role"),
}
#: Values of clauses that are words of the model's vocabulary.
CLAUSE_VALUES = {
    "cost": N_("at cost"),
    "market": N_("at market price"),
    "all_shareholders": N_("all shareholders"),
}

_TOKEN = re.compile(r"(?:[a-z_]+:)?[a-z][a-z0-9_]*(?:<fylke>)?(?:\.[a-z][a-z0-9_]*(?:<fylke>)?)?")
_HOP = re.compile(r"\s*—(\w+)(?:\[(\w+)\])?→\s*|\s*∈\s*")
_REGIONAL = re.compile(r"_(\d{2})(?!\d)")


class Namer:
    """Names of a model's elements in one language."""

    def __init__(
        self, model: Model, lang: str, gettext: Callable[[str], str], ids: bool = False
    ) -> None:
        self.model = model
        self.lang = lang
        self._ = gettext
        self.ids = ids
        self._cache: dict[str, str | None] = {}
        self._rels: dict[str, Relation] | None = None  # the relations by id, made on first use

    def _text(self, value: object) -> str:
        get = getattr(value, "get", None)
        return str(get(self.lang)) if callable(get) else str(value)

    def _lookup(self, key: str) -> str | None:
        m = self.model
        for table in (m.actors, m.organs, m.groups, m.documents):
            if key in table:
                return self._text(table[key].name)
        if key == m.company.id:
            return self._text(m.company.name)
        if key.startswith("activity.") and key[9:].isdigit():
            return self._(TURNOVER).format(year=key[9:])
        if "." in key:
            organ, rest = key.split(".", 1)
            if organ in m.organs:
                o = m.organs[organ]
                for d in o.decisions:
                    if d.id == rest:
                        return f"{self._text(d.name)} ({self._text(o.name)})"
                for s in o.seats:
                    if s.id == key and s.holder and s.group != rest:
                        # one member's seat (a council member's): the member, not the group
                        return f"{self.name(s.holder)} ({self._text(o.name)})"
                    if s.group == rest or s.id == key:
                        return self._seats(o, s.group)
                if "<fylke>" in rest:
                    pat = re.compile(re.escape(rest).replace(re.escape("<fylke>"), r"\d{2}") + "$")
                    for s in o.seats:
                        if pat.match(s.group):
                            return self._(EVERY_FYLKE).format(name=self._seats(o, s.group))
            if organ in m.documents:
                clause = self._(CLAUSES.get(rest, rest.replace("_", " ")))
                return f"{self._text(m.documents[organ].name)}: {clause}"
        if self._rels is None:
            rs = m.relations
            self._rels = dict(rs) if isinstance(rs, dict) else {r.id: r for r in rs}
        rels = self._rels
        if key in rels:
            r = rels[key]
            verb = self._(VERBS.get(r.type, r.type))
            return f"{self.name(r.source)} {verb} {self.name(r.target)}"
        if "." in key and "<fylke>" in key.split(".", 1)[0]:
            organ, rest = key.split(".", 1)
            pattern = re.compile(re.escape(organ).replace(re.escape("<fylke>"), r"\d{2}") + r"$")
            for k in m.organs:
                if pattern.match(k) and self.known(f"{k}.{rest}"):
                    return self._(EVERY_FYLKE).format(name=self._cache[f"{k}.{rest}"])
        if "<fylke>" in key:
            pattern = re.compile(re.escape(key).replace(re.escape("<fylke>"), r"\d{2}") + r"$")
            for table in (m.actors, m.organs, m.groups):
                for k in table:
                    if pattern.match(k):
                        return self._(EVERY_FYLKE).format(name=self._text(table[k].name))
            rel_ids = [k for k in rels if pattern.match(k)]
            if rel_ids:
                return self._(EVERY_FYLKE).format(name=self.name(rel_ids[0]))
        return None

    def _seats(self, organ, group: str) -> str:
        fylke = _REGIONAL.search(group)
        where = ""
        if fylke:
            for a in self.model.organs.values():
                if a.fylke == fylke.group(1) and a.id != organ.id:
                    where = f" ({self._text(a.name)})"
                    break
        return self._(SEATS).format(organ=self._text(organ.name)) + where

    def known(self, key: str) -> bool:
        """Whether ``key`` is an id of the model."""
        if key not in self._cache:
            self._cache[key] = self._lookup(key)
        return self._cache[key] is not None

    def name(self, key: str) -> str:
        """The name of the element ``key`` (an id, ``organ.decision``, ``doc.clause``, a
        relation id, a per-fylke id such as ``fylkesmote_<fylke>``); ``key`` itself when the
        model has no such element."""
        if not self.known(key):
            return key
        text = self._cache[key] or key
        return f"{text} [{key}]" if self.ids else text

    def names(self, keys) -> str:
        return ", ".join(self.name(k) for k in keys)

    def text(self, s: str) -> str:
        """``s`` (a value the engine put into a message: ids, hops) with every id named and
        every hop arrow written as a verb."""
        if "→" in s or "∈" in s:
            return "; ".join(self.route(part.strip()) for part in s.split(" ; "))
        # free text (a quoted clause, a sentence) keeps its words: "kommuner" in a purpose is
        # the word, not the group; only id-shaped tokens (``a_b``, ``organ.decision``,
        # ``stake:ks``) are named there. A list of ids ("ks, kommuner") is named in full.
        words = [w.strip(",;()[]") for w in s.split()]
        free = len(words) > 1 and not all(not w or w in "+|–-/" or self.known(w) for w in words)
        return _TOKEN.sub(lambda m: self._token(m, free), s)

    def _token(self, m: re.Match[str], free: bool = False) -> str:
        tok = m.group(0)
        if free and not any(c in tok for c in "_:.<"):
            return tok
        if self.known(tok):
            return self.name(tok)
        if ":" in tok:
            # an engine key such as "stake:ks" or "holder:ks": the element it names
            head, rest = tok.split(":", 1)
            if self.known(rest):
                return self.name(rest)
        return tok

    def route(self, hops: str) -> str:
        """A hop string (``a ∈ b —elects→ c``) as a sentence: "A is a member of B, which
        elects C"."""
        count = ""
        m = re.search(r"\s*\(×\d+\)\s*$", hops)
        if m:
            count, hops = m.group(0).strip(), hops[: m.start()]
        parts = _HOP.split(hops)
        # split gives: node, type, link, node, type, link, node ... (type None for ∈)
        nodes = parts[0::3]
        kinds = list(zip(parts[1::3], parts[2::3], strict=False))
        if not kinds:
            return self.name(nodes[0].strip()) + (f" {count}" if count else "")
        sentence = ""
        for i, (rtype, link) in enumerate(kinds):
            if rtype is None:
                verb = self._(IN_FIRST if i == 0 else IN_LATER)
            else:
                verb = self._(VERBS.get(rtype, rtype))
            what = self.name(nodes[i + 1].strip())
            if link:
                # the strength of a link that is not firm, after what it reaches
                what += f" ({self._(label(link))})"
            if i == 0:
                sentence = self._(FIRST).format(
                    who=self.name(nodes[0].strip()), verb=verb, what=what
                )
            else:
                sentence = self._(WHICH).format(sentence=sentence, verb=verb, what=what)
        return sentence + (f" {count}" if count else "")


SEAT_ELECTED = N_("{organ}: seat {n} elected by {by}")
SEAT_ELECTED_ONE = N_("{organ}: seat elected by {by}")
_SEAT_ID = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:#(\d+))?")


def seat_name(model: Model, seat_id: str, engine_name: str, lang: str) -> str:
    """A person's name for a voter of a power table: the engine's name, except for a seat
    filled by election (it has no holder, and the engine names it by its id,
    ``Eierråd: ks_nestleder#1``), which is named by the organ that elects it:
    ``Eierråd: seat 1 elected by Landstinget``."""
    m = _SEAT_ID.fullmatch(seat_id)
    if m is None or m.group(1) not in model.organs:
        return engine_name
    organ = model.organs[m.group(1)]
    seat = next((s for s in organ.seats if s.id == seat_id), None)
    if seat is None or seat.holder is not None:
        return engine_name
    electors = [
        r.source
        for r in model.relations
        if r.type in ("elects", "appoints") and r.target == organ.id and seat.group in r.seats
    ]
    if not electors:
        return engine_name
    gettext = translate(lang)
    namer = Namer(model, lang, gettext)
    by = ", ".join(dict.fromkeys(namer.name(e) for e in electors))
    organ_name = organ.name.get(lang)
    if m.group(3) is None:
        return gettext(SEAT_ELECTED_ONE).format(organ=organ_name, by=by)
    return gettext(SEAT_ELECTED).format(organ=organ_name, n=m.group(3), by=by)


def clause_label(key: str, gettext: Callable[[str], str]) -> str:
    """The name of a document clause (``owners_restricted_to`` → "owners restricted to")."""
    return gettext(CLAUSES[key]) if key in CLAUSES else key.replace("_", " ")


def clause_value(value: object, gettext: Callable[[str], str], lang: str | None = None) -> str:
    """A clause's value as text: yes/no, a list joined with commas (each item a term of the
    glossary where it is one), model text in ``lang``, a known word translated.

    >>> clause_value(("kommune", "fylkeskommune"), str)
    'kommune, fylkeskommune'
    >>> clause_value(True, str)
    'yes'
    """
    lang = lang or getattr(gettext, "lang", None) or "en"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, (list, tuple, frozenset, set)):
        return ", ".join(clause_value(v, gettext, lang) for v in value)
    text = str(value)
    if text in CLAUSE_VALUES:
        return gettext(CLAUSE_VALUES[text])
    get = getattr(value, "get", None)
    if callable(get) and hasattr(value, "en"):
        return str(get(lang))
    from govmodel.i18n.glossary import TERMS

    return gettext(TERMS[text]) if text in TERMS else text


def collapse(key: str) -> str:
    """``fylkesmote_<fylke>`` from ``fylkesmote_03`` (the one region helper)."""
    return collapse_regional(key)


__all__ = ["VERBS", "Namer", "clause_label", "clause_value", "collapse"]
