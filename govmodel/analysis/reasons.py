"""Why the control engine answers yes or no: one closed set of language-neutral reasons.

Every :class:`~govmodel.analysis.outcomes.Outcome` carries its reason as a
:class:`~govmodel.messages.Msg` built here: one template per kind of reason, with the values
the sentence needs as ids (:class:`~govmodel.messages.Names`), counts and rules
(:class:`~govmodel.messages.RuleText`), never as text in a language. The presentation renders
it in the reader's language with names (:meth:`govmodel.report.l10n.L10n.msg`);
``govmodel coalition --format json`` gives its :func:`reason_kind` and values for machines.

>>> from govmodel.rules import Quota
>>> from fractions import Fraction
>>> r = reason("vote_short", who=("k0301",), rule=Quota("votes_cast", Fraction(2, 3), False))
>>> reason_kind(r)
'vote_short'
>>> r.render(str)
'the voters it commands (k0301) fall short of the rule: at least 2/3 of the votes cast'
"""

from __future__ import annotations

from typing import Literal, get_args

from govmodel.i18n import N_
from govmodel.messages import Msg, Names, RuleText, msg
from govmodel.rules import Rule

#: The kinds of reason, as ``govmodel coalition --format json`` names them.
Kind = Literal[
    # forcing a decision
    "vote_meets",  # the voters it commands meet the rule
    "passes_unvoted",  # the rule is met with no yes-vote at all
    "vote_short",  # the voters it commands fall short of the rule
    "no_voters",  # it commands no voter of the organ
    "out_of_reach",  # even every voter it could reach at all falls short
    "veto_withheld",  # its votes suffice, an adopt-or-return recommendation is not its own
    "binding_recommendation",  # it forces a binding recommendation that decides the matter
    # blocking a decision
    "blocks_vote",  # the voters it commands voting no leave the others short
    "others_short",  # the others fall short of the rule on their own
    "blocks_recommendation",  # it blocks an adopt-or-return recommendation the decision needs
    "binding_overrides",  # others force a binding recommendation whatever its votes
    "others_pass",  # the others meet the rule without it
    "minority_right",  # a minority right has no blocking side
    # either
    "cycle",  # the question depends on itself: a cycle gives no control
]

KINDS: tuple[Kind, ...] = get_args(Kind)

TEMPLATES: dict[Kind, str] = {
    "vote_meets": N_("the voters it commands ({who}) meet the rule: {rule}"),
    "passes_unvoted": N_("the rule is met without a single yes-vote: {rule}"),
    "vote_short": N_("the voters it commands ({who}) fall short of the rule: {rule}"),
    "no_voters": N_("it commands no voter here; the rule: {rule}"),
    "out_of_reach": N_("even every voter it could reach falls short of the rule: {rule}"),
    "veto_withheld": N_(
        "its votes suffice, but a recommendation the decision needs (adopt or return) is not "
        "in its hands: {recommendation}"
    ),
    "binding_recommendation": N_(
        "it can force a binding recommendation that decides the matter: {recommendation}"
    ),
    "blocks_vote": N_(
        "if the voters it commands ({who}) vote no, the others fall short of the rule: {rule}"
    ),
    "others_short": N_("the others fall short of the rule on their own: {rule}"),
    "blocks_recommendation": N_(
        "it can block the recommendation the decision depends on: {recommendation}"
    ),
    "binding_overrides": N_(
        "the others can force a binding recommendation that decides the matter whatever its "
        "votes: {recommendation}"
    ),
    "others_pass": N_("the others meet the rule without it: {rule}"),
    "minority_right": N_(
        "a minority right is exercised by the minority alone; there is nothing to block"
    ),
    "cycle": N_("{decision} depends on itself through a cycle of links, which gives no control"),
}

_KIND_OF: dict[str, Kind] = {text: k for k, text in TEMPLATES.items()}


def reason(kind: Kind, /, **args: object) -> Msg:
    """The reason of ``kind`` with its values: ids (a str or a sequence of them) become
    :class:`~govmodel.messages.Names`, a rule a :class:`~govmodel.messages.RuleText`."""
    values: dict[str, object] = {}
    for key, v in args.items():
        if isinstance(v, Rule):
            values[key] = RuleText(v)
        elif isinstance(v, str):
            values[key] = Names((v,))
        elif isinstance(v, (tuple, list)):
            values[key] = Names(tuple(v))
        else:
            values[key] = v
    return msg(TEMPLATES[kind], **values)


def reason_kind(m: Msg) -> Kind:
    """The kind of a reason built by :func:`reason` (KeyError for any other message)."""
    return _KIND_OF[m.text]
