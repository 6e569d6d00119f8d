"""The governance model as immutable values.

A :class:`Model` is what the loader builds from a model file, the company-form template and the
law data: actors (with the kommuner and fylkeskommuner generated from reference data), groups,
the company with its share classes and holdings (block allocations already apportioned to
integers), organs with seats and decisions, typed relations, documents, activity figures and
attendance. Every element carries its :class:`Provenance`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from fractions import Fraction
from typing import TYPE_CHECKING

from govmodel.errors import Loc, Problem
from govmodel.frozen import FrozenMap, find, frozen_dataclass
from govmodel.rules import Rule

if TYPE_CHECKING:
    from govmodel.law.readings import Readings

ACTOR_KINDS = (
    "kommune",
    "fylkeskommune",
    "association",
    "person",
    "role",
    "state_body",
    "private",
    "company",
)
CONTRACTING = (True, False, "uncertain")
ORGAN_KINDS = (
    "general_meeting",
    "board",
    "ceo",
    "owners_council",
    "representation_council",
    "board_committee",
    "nomination_committee",
    "advisory_body",
    "landsting",
    "landsstyre",
    "hovedstyre",
    "fylkesstyre",
    "regional_assembly",
    "administrative_committee",
    "chair",
)
# What an organ does, for organs of any kind: a kind outside ORGAN_KINDS (a council, an
# assembly, a board of supervisors ...) states its role; the known kinds have theirs below.
ROLES = (
    "supreme",  # its resolutions bind the organisation: a general meeting, a council, an assembly
    "governing",  # manages between meetings: a board
    "executive",  # runs the day-to-day business: a chief executive
    "supervisory",  # oversees those who govern, without managing: a board of supervisors
    "owners",  # the owners' own body outside the company's organs: an owners' council
    "nomination",  # proposes candidates for elections
    "advisory",  # advises or prepares; decides nothing for the organisation
)
KIND_ROLES = {
    "general_meeting": "supreme",
    "board": "governing",
    "ceo": "executive",
    "owners_council": "owners",
    "representation_council": "owners",
    "board_committee": "advisory",
    "nomination_committee": "nomination",
    "advisory_body": "advisory",
    "landsting": "supreme",
    "landsstyre": "governing",
    "hovedstyre": "governing",
    "fylkesstyre": "governing",
    "regional_assembly": "supreme",
    "administrative_committee": "advisory",
    "chair": "executive",
}
# the kinds whose decisions the structure summaries ("who can pass, who can block") cover
DECIDING_KINDS = ("general_meeting", "owners_council", "representation_council")
# the form code of a model without a company: a body of organs (a council, an assembly)
NO_COMPANY = "none"
PART_OF = ("company", "owners", "ks", "samstyring", "state", "other")
RELATION_TYPES = (
    "owns",
    "member_of",
    "elects",
    "appoints",
    "proxy",
    "recommends",
    "instructs",
    "prepares",
    "advises",
    "secretariat_for",
    "reports_to",
)
STRENGTHS = ("advisory", "adopt_or_return", "binding")
# link grades, strongest first (a chain is as strong as its weakest link): firm (company-law right
# to remove or instruct at any time), contractual (binding agreement), periodic (elected for a
# term, no recall or instruction), revocable (proxy, aksjeloven § 5-2 (2)), advisory
LINKS = ("firm", "contractual", "periodic", "revocable", "advisory")
# terms of an election or appointment: may the electors remove the elected at any time?
RECALLS = ("any_time", "term")
DOCUMENT_KINDS = (
    "vedtekter",
    "aksjonaeravtale",
    "styreinstruks",
    "eierstrategi",
    "oppdragsdokument",
    "instruks_valgkomite",
    "selskapsavtale",
    "ks_vedtekter",
    "mandat",
    "other",
)

EMPTY: Mapping[str, object] = FrozenMap()
LANGUAGES = ("nb", "en")


class Text(str):
    """A human text of the model in Norwegian (nb) and English (en).

    A ``Text`` *is* its Norwegian text (a ``str`` subclass, so code that treats names as strings
    keeps working); ``.en`` holds the English and ``.get(lang)`` returns the text for ``"nb"`` or
    ``"en"``. The loader builds one from a plain YAML string (the same text in both languages:
    proper names) or from a validated ``{nb: ..., en: ...}`` map. Presentation calls ``.get(lang)``.

    Two texts are equal when both languages are equal; a ``Text`` also equals the plain ``str``
    of its Norwegian text (it is one), and hashes as that string.

    >>> t = Text("Generalforsamling", "General meeting")
    >>> t, t.en, t.get("en"), t.get("nb")
    ('Generalforsamling', 'General meeting', 'General meeting', 'Generalforsamling')
    >>> Text("KS").get("en")
    'KS'
    """

    en: str

    def __new__(cls, nb: str = "", en: str | None = None) -> Text:
        obj = super().__new__(cls, nb)
        object.__setattr__(obj, "en", str(nb) if en is None else str(en))
        return obj

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Text is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Text is immutable")

    @property
    def nb(self) -> str:
        return str.__str__(self)

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("nb" or "en"; any other language gets the Norwegian)."""
        return self.en if lang == "en" else str.__str__(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return str.__eq__(self, other) and self.en == other.en
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str.__str__(self), self.en)

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        return (Text, (str.__str__(self), self.en))

    def __reduce_ex__(self, protocol: object) -> tuple[type[Text], tuple[str, str]]:
        return self.__reduce__()

    def __str__(self) -> str:
        return str.__str__(self)


@frozen_dataclass
class Provenance:
    """Where an element comes from: a ``source`` (statute or study section) or an
    ``assumption`` made in the model file, the ``document`` it is recorded in, and its location."""

    source: str | None = None
    assumption: Text | None = None
    document: str | None = None
    loc: Loc | None = None

    @property
    def is_assumption(self) -> bool:
        return self.assumption is not None

    def label(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.assumption:
            parts.append(f"assumption: {self.assumption}")
        if self.document:
            parts.append(f"[{self.document}]")
        return "; ".join(parts) if parts else "(no source)"


@frozen_dataclass
class Actor:
    id: str
    name: Text
    kind: str
    contracting_authority: bool | str
    provenance: Provenance
    fylke: str | None = None  # fylkesnummer for kommuner, fylkeskommuner and regional roles
    population: int | None = None
    groups: tuple[str, ...] = ()
    reading: str | None = None  # a legal reading (govmodel/law/readings.yaml) that sets the status
    # an actor that is itself a company owned by other actors (a holding AS owned by an
    # association): its owners' holdings, and its company form (whose general meeting they form)
    owners: tuple[Holding, ...] = ()
    form: str | None = None


@frozen_dataclass
class Group:
    """A named set of actors, generated from reference data or listed."""

    id: str
    name: Text
    members: tuple[str, ...]
    provenance: Provenance
    generate: str | None = None  # "kommuner" | "fylkeskommuner" | None


@frozen_dataclass
class ShareClass:
    id: str
    name: Text
    votes_per_share: Fraction
    provenance: Provenance


@frozen_dataclass
class HoldingBlock:
    """A holding as written in the model: one holder, or a group with an allocation rule."""

    holder: str  # actor id or group id
    is_group: bool
    shares: int
    share_class: str
    allocate: str | None
    provenance: Provenance


@frozen_dataclass
class Holding:
    """Shares of one class held by one actor (after apportioning group blocks)."""

    holder: str
    share_class: str
    shares: int
    provenance: Provenance
    block: str | None = None  # the group whose block this came from
    votes: int | None = None  # votes that differ from the share (forms that allow it); else None


@frozen_dataclass
class Company:
    id: str
    name: Text
    form: str
    share_capital: int
    share_classes: tuple[ShareClass, ...]
    blocks: tuple[HoldingBlock, ...]
    holdings: tuple[Holding, ...]
    provenance: Provenance

    def share_class(self, cid: str) -> ShareClass:
        return find(self.share_classes, lambda c: c.id == cid, cid)

    def shares_of(self, actor: str) -> int:
        return sum(h.shares for h in self.holdings if h.holder == actor)

    def holders(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for h in self.holdings:
            if h.shares > 0:
                seen.setdefault(h.holder, None)
        return tuple(seen)


@frozen_dataclass
class Seat:
    """One seat (one player) of an organ. ``holder`` is a fixed actor; otherwise the seat is
    filled through an ``elects``/``appoints`` relation naming ``group``."""

    id: str  # "ORGAN.SEAT" or "ORGAN.SEAT#n"
    organ: str
    group: str  # the seat group id within the organ
    holder: str | None
    votes: int
    chair: bool
    provenance: Provenance


@frozen_dataclass
class CitedRule:
    """A rule as another source states it (e.g. the study), kept to compare with the law."""

    source: str
    rule: Rule
    text: Text
    loc: Loc | None = None


@frozen_dataclass
class Decision:
    id: str
    organ: str
    name: Text
    rule: Rule
    provenance: Provenance
    law: str | None = None  # qualified law rule id when the rule comes from the law data
    strategic: bool = False
    cited: tuple[CitedRule, ...] = ()
    description: Text = Text("")

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.id}"


@frozen_dataclass
class Organ:
    id: str
    name: Text
    kind: str
    part_of: str
    provenance: Provenance
    shareholders: bool = False
    seats: tuple[Seat, ...] = ()
    decisions: tuple[Decision, ...] = ()
    description: Text = Text("")
    fylke: str | None = None
    role: str = ""  # one of ROLES; "" for a known kind means KIND_ROLES[kind]

    @property
    def function(self) -> str:
        """What the organ does (one of :data:`ROLES`): its stated ``role``, or its kind's."""
        return self.role or KIND_ROLES.get(self.kind, "advisory")

    @property
    def deciding(self) -> bool:
        """Whether the structure summaries cover its decisions: a general meeting or an owners'
        body, or an organ of another kind whose role is supreme or owners (a council)."""
        if self.kind in KIND_ROLES:
            return self.kind in DECIDING_KINDS
        return self.function in ("supreme", "owners")

    def decision(self, did: str) -> Decision:
        return find(self.decisions, lambda d: d.id == did, f"{self.id}.{did}")

    def has_decision(self, did: str) -> bool:
        return any(d.id == did for d in self.decisions)

    def seat_groups(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.seats:
            seen.setdefault(s.group, None)
        return tuple(seen)


@frozen_dataclass
class Relation:
    """A typed, directed link. ``decision`` is the deciding decision of the source organ
    (elects, appoints, instructs, recommends); ``to_decision`` the decision of the target a
    recommendation is for; ``seats`` the seat groups an election fills."""

    id: str
    type: str
    source: str
    target: str
    provenance: Provenance
    link: str
    decision: str | None = None
    to_decision: str | None = None
    seats: tuple[str, ...] = ()
    strength: str | None = None
    revocable: bool | None = None
    basis: Text | None = None
    description: Text = Text("")
    scope: str | None = (
        None  # proxies: the organ where the proxy is used (None: the general meeting)
    )
    term: str | None = None  # elects/appoints: the term of office as the source states it
    recall: str | None = None  # elects/appoints: "any_time" or "term" (no recall before it ends)
    instruction: bool | None = None  # elects/appoints: may the electors instruct the elected?

    def applies_in(self, organ_id: str, organ_is_general_meeting: bool) -> bool:
        """Whether a proxy relation applies to votes in ``organ_id``. A proxy under aksjeloven
        § 5-2 is for the general meeting unless the model gives another ``scope``."""
        return self.scope == organ_id if self.scope else organ_is_general_meeting


@frozen_dataclass
class Document:
    id: str
    name: Text
    kind: str
    provenance: Provenance
    adopted_by: str | None = None  # "organ.decision"
    clauses: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    description: Text = Text("")


@frozen_dataclass
class ActivityYear:
    """Turnover in one year: in total and with the controlling contracting authorities
    (and entities they control)."""

    year: int
    total: int
    with_controlling: int
    provenance: Provenance


@frozen_dataclass
class FormInfo:
    """What the company-form template says about owners."""

    form: str
    name: Text
    statute: str
    has_shares: bool
    owner_kinds: tuple[str, ...] | None  # None: any kind
    one_member_one_vote: bool
    provenance: Provenance
    notes: Text = Text("")
    # the form lets an owner's votes differ from its share (an IKS: the selskapsavtale fixes
    # each participant's votes in the representantskap), with the source that says so
    votes_differ_from_shares: str | None = None


@frozen_dataclass
class Model:
    """A whole governance model: immutable and hashable.

    Every mapping is a read-only :class:`FrozenMap`, every sequence a tuple, every element a
    frozen dataclass, so a ``Model`` can key a cache directly (``cache[model]``; there is no need
    to key on ``id(model)``) and :func:`dataclasses.replace` gives a changed copy. Equal models
    (same content) hash equal; the hash is computed once per instance.
    """

    id: str
    name: Text
    description: Text
    path: str
    provenance: Provenance
    form: FormInfo
    company: Company
    actors: Mapping[str, Actor]
    groups: Mapping[str, Group]
    organs: Mapping[str, Organ]
    relations: tuple[Relation, ...]
    documents: Mapping[str, Document]
    activity: tuple[ActivityYear, ...]
    attendance: Mapping[str, frozenset[str]]  # organ id -> ids of absent players
    population_source: str
    warnings: tuple[Problem, ...] = ()
    # organ id -> ids of players present but abstaining: they count in the capital represented,
    # not in the votes cast (aksjeloven §§ 5-17, 5-18)
    abstaining: Mapping[str, frozenset[str]] = field(default_factory=dict)
    scenario: str | None = None
    variant_of: str | None = None

    def __post_init__(self) -> None:
        # read-only mappings, whatever the caller passed: a Model can be a cache key
        for name in ("actors", "groups", "organs", "documents", "attendance", "abstaining"):
            value = getattr(self, name)
            if not isinstance(value, FrozenMap):
                object.__setattr__(self, name, FrozenMap(value))
        for name in ("relations", "activity", "warnings"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def __hash__(self) -> int:
        # computed once (a model has hundreds of elements); fields never change after __init__
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(
                (
                    self.id,
                    self.path,
                    self.company,
                    self.actors,
                    self.groups,
                    self.organs,
                    self.relations,
                    self.documents,
                    self.activity,
                    self.attendance,
                    self.abstaining,
                    self.scenario,
                    self.variant_of,
                )
            )
            object.__setattr__(self, "_hash", cached)
        return cached

    readings: Readings | None = None  # the legal readings applied (None: the defaults)

    @property
    def has_company(self) -> bool:
        """False for a model of organs only (a council, an assembly): no company, no owners."""
        return self.company.form != NO_COMPANY

    def organ(self, oid: str) -> Organ:
        return self.organs[oid]

    def decision(self, organ: str, decision: str) -> Decision:
        return self.organs[organ].decision(decision)

    def relations_of(self, type_: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.type == type_)

    def contracting_authorities(self) -> tuple[str, ...]:
        """Actors that are contracting authorities (kommuner, fylkeskommuner, ...), in file order."""
        return tuple(a.id for a in self.actors.values() if a.contracting_authority is True)

    def name_of(self, any_id: str) -> str:
        if any_id in self.actors:
            return self.actors[any_id].name
        if any_id in self.organs:
            return self.organs[any_id].name
        if any_id in self.groups:
            return self.groups[any_id].name
        if any_id in self.documents:
            return self.documents[any_id].name
        if any_id == self.company.id:
            return self.company.name
        return any_id
