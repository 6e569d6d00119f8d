"""The activity criterion (anskaffelsesforskriften § 3-1 (1) b, § 3-2 (1) b and § 3-4).

More than 80 % of the supplier's activity is carried out for the controlling authorities (or
entities they control), measured on the average turnover of the three years before the
contract; a new or changed business may rely on a credible projection. The threshold, its
strictness ("more than") and the number of years are read from the law data.
"""

from __future__ import annotations

from fractions import Fraction

from govmodel.analysis.criteria.bases import grade, make_verdict
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict
from govmodel.i18n import N_
from govmodel.messages import Money, Term, msg, pct

CID = "activity"


def activity(ctx: Context) -> Verdict:
    """The activity verdict over the model's last years of turnover (``activity:``)."""
    years = sorted(ctx.model.activity, key=lambda y: y.year)
    threshold = Fraction(str(ctx.param(CID, "activity", "more_than", default="80/100")))
    n_years = int(str(ctx.param(CID, "activity", "years", default=3)))
    strict = ctx.param(CID, "activity", "more_than") is not None
    if not years:
        return make_verdict(
            ctx,
            CID,
            "unknown",
            [msg("the model has no activity figures (turnover by year)")],
            [],
            [],
        )
    used = years[-n_years:]
    total = sum(y.total for y in used)
    controlling = sum(y.with_controlling for y in used)
    share = Fraction(controlling, total) if total else Fraction(0)
    ok = share > threshold if strict else share >= threshold
    bases: list[Basis] = []
    elements = []
    for y in used:
        yb = []
        if y.provenance.assumption:
            yb.append(
                Basis(
                    "assumption",
                    f"activity.{y.year}",
                    "",
                    y.provenance.assumption,
                    y.provenance.source or "",
                )
            )
        bases += yb
        y_share = Fraction(y.with_controlling, y.total) if y.total else Fraction(0)
        elements.append(
            Element(
                str(y.year),
                "satisfied" if (y.total and y_share > threshold) else "not_satisfied",
                (
                    msg(
                        "{year}: {part} of {total} ({pct})",
                        year=y.year,
                        part=Money(y.with_controlling),
                        total=Money(y.total),
                        pct=pct(y_share),
                    ),
                ),
                tuple(yb),
            )
        )
    projection = bool(ctx.param(CID, "activity", "projection_allowed_if_no_history"))
    if len(used) < n_years and projection:
        bases.append(
            Basis(
                "projection",
                "activity",
                "",
                N_("fewer years than the law asks: a credible projection is needed"),
                ctx.section(CID),
            )
        )
    verdict = grade("direct", bases) if ok else "not_satisfied"
    if len(used) < n_years and not projection:
        verdict = "unknown"
    reasons = [
        msg(
            "average over {years}: {share} of turnover with the controlling authorities; "
            "the rule is {cmp} {threshold}",
            years=f"{used[0].year}–{used[-1].year}" if len(used) > 1 else str(used[0].year),
            share=pct(share),
            cmp=Term("more than" if strict else "at least"),
            threshold=pct(threshold),
        )
    ]
    return make_verdict(
        ctx,
        CID,
        verdict,
        reasons,
        bases,
        elements,
        extra_sources=[years[0].provenance.source or ""],
    )
