"""The in-house criteria ("utvidet egenregi", anskaffelsesforskriften §§ 3-1 to 3-4) on a model.

Every criterion is read from the law data (``govmodel.law.builtin_law().criteria``): its id,
section, name and parameters. Every fact comes from the model and the control engine
(:mod:`govmodel.analysis.control`); the modules here only apply grading rules, so no verdict is
written into code. One module per criterion:

- :mod:`.representation` – § 3-2 (2) a, representation on the decision-making bodies;
- :mod:`.influence` – § 3-2 (2) b / § 3-1 (1) a, decisive influence over strategic decisions;
- :mod:`.interests` – § 3-2 (2) c, no contrary interests;
- :mod:`.indirect` – § 3-1 (2) second sentence, control through another legal person;
- :mod:`.activity` – the 80 % activity criterion (§ 3-4);
- :mod:`.private_capital` – no direct private capital;

with the shared pieces in :mod:`.context` (the immutable evaluation context), :mod:`.bases`
(grading and what a verdict rests on), :mod:`.verdicts` (value types), :mod:`.messages`
(language-neutral messages) and :mod:`.facts` (bodies, strategic decisions, statute checks).
Entry points: :func:`evaluate` and :func:`evaluate_criteria` (:mod:`.evaluate`).
"""

from govmodel.analysis.coverage import WEAKNESS
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.evaluate import (
    CONTROL_PARTS,
    CRITERIA_ORDER,
    JOINT_CONTROL,
    evaluate,
    evaluate_criteria,
)
from govmodel.analysis.criteria.facts import (
    decision_making_bodies,
    statute_checks,
    strategic_decisions,
)
from govmodel.analysis.criteria.verdicts import (
    GRADES,
    RANK,
    Basis,
    Element,
    Evaluation,
    StatuteCheck,
    Verdict,
    best,
    worst,
)
from govmodel.messages import Msg, RuleText, Term, msg

__all__ = [
    "CONTROL_PARTS",
    "CRITERIA_ORDER",
    "GRADES",
    "JOINT_CONTROL",
    "RANK",
    "WEAKNESS",
    "Basis",
    "Context",
    "Element",
    "Evaluation",
    "Msg",
    "RuleText",
    "StatuteCheck",
    "Term",
    "Verdict",
    "best",
    "decision_making_bodies",
    "evaluate",
    "evaluate_criteria",
    "msg",
    "statute_checks",
    "strategic_decisions",
    "worst",
]
