"""Composite rules (head count, one weight, vetoes, all/any): exact indices against independent
references — enumeration of every coalition, the rule engine's own ``passes``, and published
values (UN Security Council)."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.power.brute import brute_force
from govmodel.power.composite import exact_composite, reduce_to_one_weight
from govmodel.power.games import Atom, CompositeGame, PredicateGame, WeightedGame, quota_for
from govmodel.power.indices import power_indices
from govmodel.power.voting import Player, composite_form, passes
from govmodel.rules import AllOf, AnyOf, Approvers, Count, Quota, Unanimity

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _formulas(natoms: int) -> st.SearchStrategy:
    leaf = st.integers(0, natoms - 1).map(lambda i: ("atom", i))
    return st.recursive(
        leaf,
        lambda kids: st.tuples(
            st.sampled_from(["all", "any"]), st.lists(kids, min_size=1, max_size=3).map(tuple)
        ),
        max_leaves=5,
    )


@st.composite
def count_and_weight_games(draw, max_n: int = 12) -> CompositeGame:
    """A head count, one weight vector (and a multiple of it), any all/any formula, vetoes."""
    n = draw(st.integers(1, max_n))
    w = tuple(draw(st.lists(st.integers(0, 12), min_size=n, max_size=n)))
    atoms = (
        Atom((1,) * n, draw(st.integers(0, n + 1))),
        Atom(w, draw(st.integers(0, sum(w) + 1))),
        Atom(tuple(3 * x for x in w), draw(st.integers(0, 3 * sum(w) + 1))),
        Atom((1,) * n, draw(st.integers(0, n + 1))),
    )
    vet = frozenset(draw(st.lists(st.integers(0, n - 1), max_size=2)))
    return CompositeGame(n, atoms, draw(_formulas(len(atoms))), vet)


def _same(a, b) -> None:
    assert a.exact and b.exact
    assert a.swings == b.swings
    assert a.banzhaf == b.banzhaf and a.banzhaf_raw == b.banzhaf_raw
    assert a.shapley_shubik == b.shapley_shubik


@FAST
@given(count_and_weight_games())
def test_both_exact_engines_match_enumeration(g: CompositeGame) -> None:
    ref = brute_force(g)
    for engine in ("mitm", "gf"):
        r = exact_composite(g, True, True, engine)
        assert r is not None
        _same(r, ref)


@FAST
@given(st.data())
def test_two_different_weights_are_exact_by_enumeration(data) -> None:
    n = data.draw(st.integers(1, 10))
    a = tuple(data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    b = tuple(data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    g = CompositeGame(
        n,
        (Atom(a, data.draw(st.integers(1, sum(a) + 1))), Atom(b, data.draw(st.integers(1, 50)))),
        data.draw(_formulas(2)),
    )
    r = power_indices(g)
    ref = brute_force(PredicateGame(n, g.wins))  # the slow, obviously-correct path
    _same(r, ref)


def test_un_security_council_published_values() -> None:
    # 5 permanent members with a veto, 10 elected; 9 votes needed (UN Charter art. 27 (3)).
    # Shapley & Shubik (1954): permanent 421/2145, elected 4/2145; Banzhaf counts 848 and 84.
    g = CompositeGame(15, (Atom((1,) * 15, 9),), ("atom", 0), frozenset(range(5)))
    r = power_indices(g)
    assert r.exact
    assert r.shapley_shubik[0] == Fraction(421, 2145) and r.shapley_shubik[14] == Fraction(4, 2145)
    assert r.swings[0] == 848 and r.swings[14] == 84
    # changing the input changes the result: without vetoes all 15 members are equal
    r2 = power_indices(CompositeGame(15, (Atom((1,) * 15, 9),), ("atom", 0)))
    assert set(r2.shapley_shubik) == {Fraction(1, 15)}


# EU member states' populations (Eurostat, 1 January 2023, thousands; rounded): the Council's
# qualified majority (TEU art. 16 (4)): 55 % of the members (15 of 27) representing 65 % of the
# population, or any coalition that leaves fewer than 4 members outside (no blocking minority).
EU27 = (84359, 68173, 58997, 48059, 36754, 19055, 17811, 11743, 10828, 10552, 10440, 10511, 9600,
        9104, 6448, 5933, 5564, 5457, 5402, 4109, 2857, 1883, 1695, 1366, 921, 661, 542)  # fmt: skip


def _eu_council(pop: tuple[int, ...]) -> CompositeGame:
    n = len(pop)
    q = quota_for(sum(pop), Fraction(65, 100), strict=False)
    return CompositeGame(
        n,
        (Atom((1,) * n, 15), Atom(pop, q), Atom((1,) * n, n - 3)),
        ("any", (("all", (("atom", 0), ("atom", 1))), ("atom", 2))),
    )


def test_eu_council_double_majority_is_exact_and_fast() -> None:
    g = _eu_council(EU27)
    assert reduce_to_one_weight(g) is not None
    t = time.process_time()
    r = power_indices(g)
    assert time.process_time() - t < 5  # generous: the bench measures; this only guards blow-ups
    assert r.exact and sum(r.shapley_shubik) == 1 and sum(r.banzhaf) == 1
    ss = r.shapley_shubik
    order = sorted(range(len(EU27)), key=lambda i: -EU27[i])
    assert all(ss[i] >= ss[j] for i, j in zip(order, order[1:], strict=False))  # larger, more
    # the other exact engine (generating function over the population table) agrees
    small = _eu_council(tuple(p // 100 for p in EU27))
    _same(exact_composite(small, True, True, "mitm"), exact_composite(small, True, True, "gf"))


@st.composite
def rules_and_players(draw):
    n = draw(st.integers(1, 9))
    votes = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    capital = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    ps = tuple(
        Player(f"p{i}", f"P{i}", Fraction(v), c, f"a{i}", chair=(i == 0))
        for i, (v, c) in enumerate(zip(votes, capital, strict=True))
    )
    fraction = st.fractions(min_value=0, max_value=1, max_denominator=7)
    leaf = st.one_of(
        st.builds(
            Quota,
            st.sampled_from(["votes_cast", "capital_represented", "seats_present"]),
            fraction,
            st.booleans(),
        ),
        st.builds(Count, st.integers(0, n + 1), st.booleans()),
        st.just(Unanimity("present")),
        st.builds(lambda i: Approvers((f"a{i}",)), st.integers(0, n - 1)),
        st.just(Approvers(("chair",))),
    )
    rule = draw(
        st.recursive(
            leaf,
            lambda kids: st.one_of(
                st.lists(kids, min_size=1, max_size=3).map(lambda k: AllOf(tuple(k))),
                st.lists(kids, min_size=1, max_size=3).map(lambda k: AnyOf(tuple(k))),
            ),
            max_leaves=4,
        )
    )
    return rule, ps


@FAST
@given(rules_and_players())
def test_composite_form_decides_exactly_as_the_rule_engine(case) -> None:
    rule, ps = case
    g = composite_form(rule, ps)
    assert g is not None
    ids = [p.id for p in ps]
    present = frozenset(ids)
    for mask in range(1 << len(ps)):
        yes = frozenset(ids[i] for i in range(len(ps)) if mask >> i & 1)
        assert g.wins(mask) == passes(rule, ps, yes, present), (rule, mask)


def test_a_two_weight_rule_above_enumeration_size_is_an_estimate_with_intervals() -> None:
    n = 24
    a = tuple(range(1, n + 1))
    b = tuple(reversed(a))
    g = CompositeGame(n, (Atom(a, 200), Atom(b, 200)), ("all", (("atom", 0), ("atom", 1))))
    r = power_indices(g, samples=400)
    assert not r.exact and "two different weights" in r.method.render(str)
    assert r.banzhaf_raw_halfwidth is not None and r.shapley_shubik_halfwidth is not None
    assert all(h > 0 for h in r.shapley_shubik_halfwidth)


@pytest.mark.parametrize("engine", ["mitm", "gf"])
def test_vetoers_and_zero_weights(engine: str) -> None:
    g = CompositeGame(
        6,
        (Atom((0, 0, 3, 2, 1, 0), 4), Atom((1,) * 6, 3)),
        ("any", (("atom", 0), ("atom", 1))),
        frozenset({5}),
    )
    _same(exact_composite(g, True, True, engine), brute_force(g))


def test_generating_function_engine_at_scale_agrees_with_the_weighted_kernel() -> None:
    # a head count that every coalition meets leaves the weighted game: both paths must agree
    n = 60
    w = tuple(1 + (7 * i) % 23 for i in range(n))
    q = sum(w) // 2 + 1
    g = CompositeGame(n, (Atom(w, q), Atom((1,) * n, 0)), ("all", (("atom", 0), ("atom", 1))))
    _same(exact_composite(g, True, True, "gf"), power_indices(WeightedGame(w, q)))
    # and a real head-count condition changes the result
    h = CompositeGame(n, (Atom(w, q), Atom((1,) * n, 40)), ("all", (("atom", 0), ("atom", 1))))
    assert (
        exact_composite(h, True, True, "gf").shapley_shubik
        != power_indices(WeightedGame(w, q)).shapley_shubik
    )
