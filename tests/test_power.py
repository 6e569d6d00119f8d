"""Tests of govmodel.power: textbook values, properties, brute force, estimates."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel.power as power
from govmodel.power import (
    IntersectionGame,
    PredicateGame,
    VetoWeightedGame,
    WeightedGame,
    brute_force,
    kernels,
    power_indices,
    quota_for,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------------
# quota_for: exact boundaries


@pytest.mark.parametrize(
    ("total", "fraction", "strict", "expected"),
    [
        (100000, Fraction(1, 2), True, 50001),  # more than half
        (100000, Fraction(1, 2), False, 50000),  # at least half
        (100000, Fraction(2, 3), False, 66667),  # 66666.67 -> 66667
        (100000, Fraction(2, 3), True, 66667),
        (100000, Fraction(1, 10), False, 10000),  # exactly 10000 meets "at least"
        (100000, Fraction(1, 10), True, 10001),  # but not "more than"
        (3, Fraction(2, 3), False, 2),
        (3, Fraction(2, 3), True, 3),
        (99, Fraction(2, 3), False, 66),
        (100, Fraction(2, 3), False, 67),
        (7, Fraction(0), True, 1),
        (7, Fraction(1), False, 7),
        (0, Fraction(1, 2), True, 1),
    ],
)
def test_quota_for_boundaries(total: int, fraction: Fraction, strict: bool, expected: int) -> None:
    assert quota_for(total, fraction, strict) == expected


@given(st.integers(0, 10**6), st.fractions(0, 1), st.booleans())
def test_quota_for_is_the_smallest_such_integer(total: int, f: Fraction, strict: bool) -> None:
    q = quota_for(total, f, strict)

    def ok(w: int) -> bool:
        return w > f * total if strict else w >= f * total

    assert ok(q)
    assert not ok(q - 1)


def test_quota_for_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        quota_for(-1, Fraction(1, 2), True)
    with pytest.raises(ValueError):
        quota_for(10, Fraction(-1, 2), True)
    with pytest.raises(TypeError):
        quota_for(10.0, Fraction(1, 2), True)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# validation


def test_games_validate() -> None:
    with pytest.raises(ValueError):
        WeightedGame((1, -2), 1)
    with pytest.raises(ValueError):
        WeightedGame((1, 2), 0)
    with pytest.raises(TypeError):
        WeightedGame((1, 2.5), 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        WeightedGame((1, True), 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        WeightedGame((), 1)
    with pytest.raises(ValueError):
        VetoWeightedGame((1, 2), 2, frozenset({2}))
    with pytest.raises(ValueError):
        IntersectionGame((WeightedGame((1, 2), 2), WeightedGame((1, 2, 3), 2)))
    with pytest.raises(ValueError):
        PredicateGame(0, lambda m: True)
    with pytest.raises(ValueError):
        power_indices(WeightedGame((1, 2), 2), indices=("penrose",))
    assert WeightedGame([3, 4], 5).weights == (3, 4)  # sequences are frozen to tuples


# --------------------------------------------------------------------------------------------
# published examples


def _third(n: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(1, n) for _ in range(n))


def test_49_48_3() -> None:
    # [51; 49, 48, 3]: any two of the three form a majority, so all three are symmetric
    # (Felsenthal & Machover, The Measurement of Voting Power, 1998, the standard example that
    # weight is not power).
    r = power_indices(WeightedGame((49, 48, 3), 51))
    assert r.exact
    assert r.swings == (2, 2, 2)
    assert r.banzhaf_raw == (Fraction(1, 2),) * 3
    assert r.banzhaf == _third(3)
    assert r.shapley_shubik == _third(3)


EEC_1958 = WeightedGame((4, 4, 4, 2, 2, 1), 12)  # France, Germany, Italy, Belgium, NL, Lux.


def test_eec_council_1958() -> None:
    # Council of Ministers of the EEC, 1958-1972, qualified majority 12 of 17 votes.
    # Felsenthal & Machover (1998), section 2.3 / Table 2.3: Luxembourg is a dummy; Banzhaf
    # swings 10, 10, 10, 6, 6, 0 (normalised 5/21, 5/21, 5/21, 1/7, 1/7, 0);
    # Shapley-Shubik 14/60, 14/60, 14/60, 9/60, 9/60, 0.
    r = power_indices(EEC_1958)
    assert r.swings == (10, 10, 10, 6, 6, 0)
    assert r.banzhaf_raw == tuple(Fraction(s, 32) for s in (10, 10, 10, 6, 6, 0))
    assert r.banzhaf == (Fraction(5, 21),) * 3 + (Fraction(1, 7),) * 2 + (Fraction(0),)
    assert r.shapley_shubik == (Fraction(7, 30),) * 3 + (Fraction(3, 20),) * 2 + (Fraction(0),)


UNSC_WEIGHTED = WeightedGame((7,) * 5 + (1,) * 10, 39)
UNSC_VETO = VetoWeightedGame((1,) * 15, 9, frozenset(range(5)))


@pytest.mark.parametrize("game", [UNSC_WEIGHTED, UNSC_VETO], ids=["weighted", "veto"])
def test_un_security_council(game: WeightedGame | VetoWeightedGame) -> None:
    # UN Security Council since 1965: 9 of 15 votes including all 5 permanent members, as the
    # weighted game [39; 7,7,7,7,7,1,...,1] or as a veto game. Shapley & Shubik (1954) and
    # Felsenthal & Machover (1998), section 2.3: SS of a permanent member 421/2145 (~0.1963),
    # of a non-permanent one 4/2145; Banzhaf swings 848 and 84 (normalised ~0.1669, ~0.0165).
    r = power_indices(game)
    assert r.shapley_shubik == (Fraction(421, 2145),) * 5 + (Fraction(4, 2145),) * 10
    assert abs(float(r.shapley_shubik[0]) - 0.1963) < 5e-5
    assert r.swings == (848,) * 5 + (84,) * 10
    assert r.banzhaf == (Fraction(848, 5080),) * 5 + (Fraction(84, 5080),) * 10


def test_veto_game_small() -> None:
    # [2; 1, 1, 1] with player 0 holding a veto: winning coalitions {0,1}, {0,2}, {0,1,2}.
    # Player 0 swings for {1}, {2}, {1,2}; players 1 and 2 only for {0}. By hand: Banzhaf
    # 3/5, 1/5, 1/5; Shapley-Shubik 2/3, 1/6, 1/6 (0 is pivotal in 4 of the 6 orders).
    r = power_indices(VetoWeightedGame((1, 1, 1), 2, frozenset({0})))
    assert r.swings == (3, 1, 1)
    assert r.banzhaf == (Fraction(3, 5), Fraction(1, 5), Fraction(1, 5))
    assert r.shapley_shubik == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))


def test_dictator_and_unanimity() -> None:
    r = power_indices(WeightedGame((5, 1, 1), 5))
    assert r.banzhaf == (Fraction(1), Fraction(0), Fraction(0))
    assert r.shapley_shubik == (Fraction(1), Fraction(0), Fraction(0))
    r = power_indices(WeightedGame((1, 2, 3), 6))  # unanimity: everybody is needed
    assert r.swings == (1, 1, 1)
    assert r.shapley_shubik == _third(3)


def test_grand_coalition_losing_gives_zeros() -> None:
    r = power_indices(WeightedGame((1, 2), 4))
    assert r.swings == (0, 0)
    assert r.banzhaf == (Fraction(0), Fraction(0))
    assert r.shapley_shubik == (Fraction(0), Fraction(0))


def test_intersection_of_votes_and_capital() -> None:
    # Two share classes: A has 10 votes per share, B none. Votes (30, 0, 20), capital (3, 4, 2).
    # Two thirds of votes AND two thirds of capital (aksjeloven § 5-18 with all present):
    # votes need 34 of 50 -> players 0 and 2 both; capital needs 6 of 9 -> 0+1, 1+2 or all.
    # Winning: {0,1,2} only ({0,2} has capital 5). So all three are needed.
    votes = WeightedGame((30, 0, 20), quota_for(50, Fraction(2, 3), False))
    capital = WeightedGame((3, 4, 2), quota_for(9, Fraction(2, 3), False))
    r = power_indices(IntersectionGame((votes, capital)))
    assert r.exact
    assert r.swings == (1, 1, 1)
    assert r.shapley_shubik == _third(3)
    _same(r, brute_force(IntersectionGame((votes, capital))))


def test_indices_selection() -> None:
    r = power_indices(EEC_1958, indices=("banzhaf",))
    assert r.shapley_shubik is None and r.swings == (10, 10, 10, 6, 6, 0)
    r = power_indices(EEC_1958, indices=("shapley_shubik",))
    assert r.banzhaf is None and r.swings is None
    assert r.shapley_shubik[5] == 0


def test_predicate_game_exact_by_enumeration() -> None:
    g = PredicateGame(6, EEC_1958.wins)
    r = power_indices(g)
    assert r.exact
    assert r.swings == (10, 10, 10, 6, 6, 0)
    assert r.shapley_shubik == power_indices(EEC_1958).shapley_shubik


def test_brute_force_refuses_large_games() -> None:
    with pytest.raises(ValueError):
        brute_force(WeightedGame((1,) * 21, 11))


# --------------------------------------------------------------------------------------------
# properties (hypothesis) and agreement with brute force

weights_st = st.lists(st.one_of(st.integers(0, 12), st.integers(0, 400)), min_size=1, max_size=12)


@st.composite
def weighted_games(draw: st.DrawFn) -> WeightedGame:
    w = draw(weights_st)
    q = draw(st.integers(1, max(1, sum(w) + 1)))
    return WeightedGame(tuple(w), q)


@st.composite
def veto_games(draw: st.DrawFn) -> VetoWeightedGame:
    g = draw(weighted_games())
    vet = draw(st.sets(st.integers(0, g.n - 1), max_size=3))
    return VetoWeightedGame(g.weights, g.quota, frozenset(vet))


@st.composite
def intersection_games(draw: st.DrawFn) -> IntersectionGame:
    # small enough for the exact multi-dimensional table (at most 48**3 cells x 9 sizes)
    n = draw(st.integers(1, 8))
    comps = []
    for _ in range(draw(st.integers(1, 3))):
        w = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
        comps.append(WeightedGame(tuple(w), draw(st.integers(1, sum(w) + 1))))
    return IntersectionGame(tuple(comps))


def _same(a: power.PowerResult, b: power.PowerResult) -> None:
    assert a.swings == b.swings
    assert a.banzhaf_raw == b.banzhaf_raw
    assert a.banzhaf == b.banzhaf
    assert a.shapley_shubik == b.shapley_shubik


@FAST
@given(weighted_games())
def test_weighted_equals_brute_force(g: WeightedGame) -> None:
    r = power_indices(g)
    assert r.exact
    _same(r, brute_force(g))


@FAST
@given(veto_games())
def test_veto_equals_brute_force(g: VetoWeightedGame) -> None:
    _same(power_indices(g), brute_force(g))


@FAST
@given(intersection_games())
def test_intersection_equals_brute_force(g: IntersectionGame) -> None:
    r = power_indices(g)
    assert r.exact
    _same(r, brute_force(g))


@FAST
@given(weighted_games())
def test_banzhaf_only_path_equals_full_path(g: WeightedGame) -> None:
    assert power_indices(g, indices=("banzhaf",)).swings == power_indices(g).swings


@FAST
@given(weighted_games())
def test_sums_dummies_symmetry_monotonicity(g: WeightedGame) -> None:
    r = power_indices(g)
    if sum(r.swings) > 0:
        assert sum(r.banzhaf) == 1
    if g.total >= g.quota:
        assert sum(r.shapley_shubik) == 1
    else:
        assert all(v == 0 for v in r.shapley_shubik)
    bf = brute_force(g)  # dummies: players that never swing get exactly 0 in both indices
    for i in range(g.n):
        if bf.swings[i] == 0:
            assert r.banzhaf[i] == 0 and r.shapley_shubik[i] == 0
        if g.weights[i] == 0:
            assert r.swings[i] == 0
    for i in range(g.n):
        for j in range(g.n):
            if g.weights[i] == g.weights[j]:  # symmetric players
                assert r.swings[i] == r.swings[j]
                assert r.shapley_shubik[i] == r.shapley_shubik[j]
            if g.weights[i] > g.weights[j]:  # more weight never gives less power
                assert r.swings[i] >= r.swings[j]
                assert r.shapley_shubik[i] >= r.shapley_shubik[j]


@FAST
@given(weighted_games(), st.integers(1, 5))
def test_scaling_weights_and_quota_keeps_power(g: WeightedGame, k: int) -> None:
    scaled = WeightedGame(tuple(k * w for w in g.weights), k * g.quota)
    _same(power_indices(scaled), power_indices(g))


@pytest.mark.parametrize(
    "rest, K",
    [
        ([0, 1, 2, 2, 3, 5, 8, 13, 21, 34], 150),
        ([1, 1, 1, 2, 2, 3, 4, 7, 7, 9, 11], 55),
        ([1, 1, 2, 3, 5, 8, 13], 20),
    ],
)
def test_wavefronts_of_any_width_agree_with_enumeration(rest: list[int], K: int) -> None:
    # the size-resolved table sweeps its rows with blocks of players at once (a wavefront):
    # every block width, including blocks wider than the table and ones that leave a
    # remainder, must give the counts of listing every subset
    S = max(s for s in range(len(rest) + 1) if sum(rest[:s]) <= K)
    needs = sorted({(0, K)} | {(e, h) for e in set(rest) for h in (K, K // 2)})
    want = {(e, h): _table_by_enumeration(rest, e, h, S) for e, h in needs}
    for wavefront in (1, 2, 3, 5, 64):
        got = kernels._dsums_2d(rest, K, S, needs, [1 << 64], block=wavefront)
        assert {nd: [int(x) for x in got[nd][0]] for nd in needs} == want, wavefront


def _reference_counts(weights: list[int], quota: int) -> list[list[int]]:
    """Textbook O(n^2 W) per-player DP with Python integers, counts by size (independent)."""
    out = []
    n = len(weights)
    for i in range(n):
        table = [[0] * n for _ in range(quota)]  # table[k][s], k < quota
        table[0][0] = 1
        for j, w in enumerate(weights):
            if j == i:
                continue
            for k in range(quota - 1, w - 1, -1):
                row, src = table[k], table[k - w]
                for s in range(n - 1, 0, -1):
                    row[s] += src[s - 1]
        lo = max(0, quota - weights[i])
        out.append([sum(table[k][s] for k in range(lo, quota)) for s in range(n)])
    return out


def test_mid_size_game_against_reference_dp() -> None:
    # 40 players: far beyond brute force; the largest player is split off as a pivot
    weights = [97, 51, 40, 33] + [(7 * i) % 23 + 1 for i in range(36)]
    quota = sum(weights) // 2 + 1
    r = power_indices(WeightedGame(tuple(weights), quota))
    ref = _reference_counts(weights, quota)
    n = len(weights)
    assert r.swings == tuple(sum(v) for v in ref)
    fact = math.factorial
    assert r.shapley_shubik == tuple(
        Fraction(sum(c * fact(s) * fact(n - 1 - s) for s, c in enumerate(v)), fact(n)) for v in ref
    )
    assert r.banzhaf_raw[0] == Fraction(r.swings[0], 2 ** (n - 1))


def _reference_by_size(weights: list[int], quota: int) -> list[list[int]]:
    """Swing counts by coalition size, player by player: the textbook dynamic programme over
    the other players with Python integers (sizes packed into one integer per weight, ``n``
    bits a size: no count of ``n - 1`` players reaches ``2**n``), independent of the kernels'
    tables, moduli and reductions."""
    n = len(weights)
    field = n
    mask = (1 << field) - 1
    by_weight: dict[int, list[int]] = {}
    out = []
    for i, wi in enumerate(weights):
        if wi not in by_weight:
            table = [0] * quota  # table[k]: Σ_s count(k, s) · 2**(field·s), weights below quota
            table[0] = 1
            for j, w in enumerate(weights):
                if j == i:
                    continue
                for k in range(quota - 1, w - 1, -1):
                    table[k] += table[k - w] << field
            window = sum(table[max(0, quota - wi) :])
            by_weight[wi] = [(window >> (field * s)) & mask for s in range(n)]
        out.append(by_weight[wi])
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 7), min_size=66, max_size=90).filter(lambda w: sum(w) > 0),
    st.floats(0.05, 0.95),
)
def test_counts_beyond_64_bits_by_size_agree_with_reference(
    weights: list[int], frac: float
) -> None:
    # more than 64 players: counts exceed 2**64, so the 2**64 lane and the 63-bit prime lanes
    # are combined by the Chinese remainder theorem; every residue is reduced after each
    # addition (narrow wavefronts: the lane-by-lane test below)
    quota = max(1, int(sum(weights) * frac))
    r = power_indices(WeightedGame(tuple(weights), quota))
    ref = _reference_by_size(weights, quota)
    n = len(weights)
    assert r.swings == tuple(sum(v) for v in ref)
    fact = math.factorial
    assert r.shapley_shubik == tuple(
        Fraction(sum(c * fact(s) * fact(n - 1 - s) for s, c in enumerate(v)), fact(n)) for v in ref
    )


def test_reference_game_beyond_64_bits_really_needs_several_lanes() -> None:
    # the property above is only a test of the lanes if some counts exceed 2**64
    weights = [(5 * i) % 7 + 1 for i in range(80)]
    quota = sum(weights) // 2 + 1
    ref = _reference_by_size(weights, quota)
    assert max(max(v) for v in ref) >= 1 << 70
    r = power_indices(WeightedGame(tuple(weights), quota))
    assert r.swings == tuple(sum(v) for v in ref)


def _table_by_enumeration(rest: list[int], e: int, h: int, S: int) -> list[int]:
    """Subsets of ``rest`` minus one player of weight ``e`` (none if ``e == 0``), by size
    ``s <= S``, with weight ``<= h``: every subset listed."""
    others = list(rest)
    if e:
        others.remove(e)
    counts = [0] * (S + 1)
    for mask in range(1 << len(others)):
        members = [x for i, x in enumerate(others) if mask >> i & 1]
        if sum(members) <= h and len(members) <= S:
            counts[len(members)] += 1
    return counts


_LARGEST_PRIME_BELOW_2_63 = (1 << 63) - 25


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=11),
    st.integers(0, 60),
    st.sampled_from([None, 1, 2, 3, 5]),
)
def test_size_table_lane_by_lane_and_its_crt_match_enumeration(
    weights: list[int], K: int, wavefront: int | None
) -> None:
    # the compiled size-resolved table and its alternating sums, modulo each modulus on its
    # own (2**64, the largest prime below 2**63, and small primes, which wrap on almost every
    # addition), against listing every subset; then the Chinese remainder theorem over the
    # small primes alone recovers the integers
    from govmodel.power.modular import _crt

    rest = sorted(weights)
    # as the engine sizes it: the most players that fit below K (no more: the alternating sums
    # derived from others leave size S out, where nothing fits)
    S = max(s for s in range(len(rest) + 1) if sum(rest[:s]) <= K)
    needs = sorted({(0, K)} | {(e, h) for e in set(rest) for h in (K, K // 2) if h >= 0})
    small = [251, 241, 239, 233]  # product above 2**31 > every count of 11 players
    moduli = [1 << 64, _LARGEST_PRIME_BELOW_2_63, *small]
    got = kernels._dsums_2d(rest, K, S, needs, moduli, block=wavefront)
    for e, h in needs:
        want = _table_by_enumeration(rest, e, h, S)
        for lane, m in enumerate(moduli):
            assert [int(x) for x in got[(e, h)][lane]] == [c % m for c in want]
        assert _crt(got[(e, h)][2:], small) == want


def test_lanes_at_the_edge_of_their_bound() -> None:
    # 137 players: 2**64 and one prime below 2**63 cover 127 bits, not the 137 the engine
    # asks for, so it takes a third lane; the largest count, C(136, 68) ≈ 2**132, needs all
    # three. Equal weights: a player swings exactly for the coalitions of size quota - 1.
    from govmodel.power.modular import SIZES, _primes_for_bits

    n, quota = 137, 69
    moduli = _primes_for_bits(n, SIZES)
    assert len(moduli) == 3
    assert math.comb(n - 1, quota - 1) > moduli[0] * moduli[1]
    r = power_indices(WeightedGame((1,) * n, quota))
    assert r.swings == (math.comb(n - 1, quota - 1),) * n
    assert r.shapley_shubik == (Fraction(1, n),) * n
    # unequal weights, beyond 2**127, against the textbook programme in Python integers
    weights = [1 + (i * 7) % 3 for i in range(n)]
    q = sum(weights) // 2 + 1
    ref = _reference_by_size(weights, q)
    assert max(max(v) for v in ref) > moduli[0] * moduli[1]
    got = power_indices(WeightedGame(tuple(weights), q))
    assert got.swings == tuple(sum(v) for v in ref)
    fact = math.factorial
    assert got.shapley_shubik == tuple(
        Fraction(sum(c * fact(s) * fact(n - 1 - s) for s, c in enumerate(v)), fact(n)) for v in ref
    )


def test_the_compiled_table_works_where_numba_cannot_cache() -> None:
    # numba refuses cache=True when it finds no place to keep a function's machine code (no
    # writable directory beside its source nor a per-user cache directory; here: a function
    # with no source file at all); the table's loops then compile in each process instead
    import numba

    from govmodel.power import sizetable

    code = compile("def twice_plus_one(x):\n    return 2 * x + 1\n", "<no file>", "exec")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    f = namespace["twice_plus_one"]
    with pytest.raises(RuntimeError, match="cannot cache"):  # the refusal is real
        numba.njit(cache=True)(f)
    compiled = sizetable._compiled(f)
    assert compiled(20) == 41
    assert compiled.signatures  # compiled by numba, not the Python function itself


def test_only_the_size_resolved_table_imports_the_compiler() -> None:
    # numba (the compiled Shapley–Shubik table) costs start-up time: exact Banzhaf does not
    # import it, exact Shapley–Shubik does
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from govmodel.power import WeightedGame, power_indices\n"
        "g = WeightedGame((5, 3, 3, 2, 1), 8)\n"
        "power_indices(g, indices=('banzhaf',))\n"
        "print('numba' in sys.modules)\n"
        "power_indices(g, indices=('shapley_shubik',))\n"
        "print('numba' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]


def test_big_weights_use_threads_and_agree() -> None:
    g = WeightedGame((5000, 3000, 2999, 1234, 1000, 777, 500, 400, 321, 100, 77, 3), 7000)
    _same(power_indices(g), brute_force(g))


# --------------------------------------------------------------------------------------------
# Monte Carlo estimates


MID = WeightedGame(tuple([12, 9, 7, 7, 5] + [3] * 8 + [2] * 6 + [1] * 6), 40)  # 25 players


def _mid_as_predicate() -> PredicateGame:
    return PredicateGame(MID.n, MID.wins)  # n = 25 > 20: estimated


def test_estimate_is_marked_and_deterministic() -> None:
    a = power_indices(_mid_as_predicate(), samples=1500, seed=7)
    b = power_indices(_mid_as_predicate(), samples=1500, seed=7)
    c = power_indices(_mid_as_predicate(), samples=1500, seed=8)
    assert not a.exact and a.samples == 1500 and a.seed == 7
    assert "Monte Carlo" in a.method.render(str)
    assert a == b
    assert a.shapley_shubik != c.shapley_shubik
    assert sum(a.shapley_shubik) == 1  # exactly one pivot per sampled order


def test_estimate_intervals_contain_exact_values() -> None:
    exact = power_indices(MID)
    est = power_indices(_mid_as_predicate(), samples=1500, seed=7)
    for i in range(MID.n):
        assert abs(float(est.banzhaf_raw[i] - exact.banzhaf_raw[i])) <= est.banzhaf_raw_halfwidth[i]
        assert (
            abs(float(est.shapley_shubik[i] - exact.shapley_shubik[i]))
            <= est.shapley_shubik_halfwidth[i]
        )


def test_estimate_interval_coverage_over_seeds() -> None:
    # the per-player 95 % intervals should cover the exact value about 95 % of the time
    exact = power_indices(MID)
    hits = total = 0
    for seed in range(6):
        est = power_indices(_mid_as_predicate(), samples=600, seed=seed)
        for i in range(MID.n):
            total += 2
            hits += (
                abs(float(est.banzhaf_raw[i] - exact.banzhaf_raw[i]))
                <= est.banzhaf_raw_halfwidth[i]
            )
            hits += (
                abs(float(est.shapley_shubik[i] - exact.shapley_shubik[i]))
                <= est.shapley_shubik_halfwidth[i]
            )
    assert hits / total >= 0.9


def test_vectorised_estimate_for_large_intersection() -> None:
    # an intersection game with a huge state space is estimated, vectorised over samples
    n = 30
    g1 = WeightedGame(tuple(1000 + 37 * i for i in range(n)), 20000)
    g2 = WeightedGame(tuple(1000 + 37 * (n - i) for i in range(n)), 20000)
    r = power_indices(IntersectionGame((g1, g2)), samples=2000, seed=3)
    assert not r.exact and r.samples == 2000
    assert all(h > 0 for h in r.shapley_shubik_halfwidth)
    assert sum(r.shapley_shubik) == 1


def test_huge_weights_fall_back_to_an_estimate() -> None:
    # weights in the tens of millions: the exact tables would not fit, so the result says so
    weights = tuple(10_000_019 + 7_919 * i * i for i in range(30))
    g = WeightedGame(weights, sum(weights) // 2 + 1)
    r = power_indices(g, samples=400, seed=1)
    assert not r.exact
    assert "would need" in r.method.render(str)
    assert sum(r.shapley_shubik) == 1
    # heavy players that never fit under the table bound are skipped, not mis-counted
    h = WeightedGame((10**9 + 7, 10**9 + 9, 3 * 10**8 + 1, 12345, 999_999_937), 1_500_000_000)
    _same(power_indices(h), brute_force(h))


# --------------------------------------------------------------------------------------------
# the command: every decision of an organ, organs nobody votes in


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    from govmodel.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


MODELS = Path(__file__).resolve().parent.parent / "models"


def test_power_without_decision_computes_every_decision_of_the_organ(capsys):
    import json

    code, out, _ = _cli(capsys, "power", str(MODELS / "ownership_b.yaml"), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    from govmodel.load import load_model

    organ = load_model(MODELS / "ownership_b.yaml").organs["generalforsamling"]
    assert [d["decision"] for d in doc["decisions"]] == [d.id for d in organ.decisions]
    assert all(d["exact"] for d in doc["decisions"])


def test_an_organ_with_decisions_but_no_seats_is_a_located_error(capsys, tmp_path):
    import shutil

    shutil.copytree(MODELS / "common", tmp_path / "common")
    text = (MODELS / "ownership_b.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - id: styre\n",
        "  - id: tomt\n    name: Tomt råd\n    kind: representation_council\n    source: test\n"
        "    decisions:\n      - id: advise\n        name: Gi råd\n        source: test\n"
        '        rule: {quota: {base: votes_cast, more_than: "1/2"}}\n  - id: styre\n',
        1,
    )
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    code, _, err = _cli(capsys, "power", str(model), "--organ", "tomt")
    assert code == 2 and "Traceback" not in err
    # refused at load time (govmodel check catches it too), located at the organ
    assert f"{model}:" in err and "organ tomt has decisions but no seats" in err
    code, _, _ = _cli(capsys, "power", str(model), "--organ", "generalforsamling")
    assert code == 2  # the model as a whole is invalid: check refuses what power cannot analyse


@FAST
@given(weighted_games(), st.lists(st.integers(1, 60), min_size=1, max_size=4))
def test_one_table_for_several_quotas_and_dual_games(g: WeightedGame, quotas: list[int]) -> None:
    from govmodel.power.games import canonical
    from govmodel.power.weighted import exact_weighted_many

    many = exact_weighted_many(g.weights, quotas, True, True)
    for q in quotas:
        alone = brute_force(WeightedGame(g.weights, q))
        _same(many[q], alone)
        c = canonical(WeightedGame(g.weights, q))
        _same(brute_force(c), alone)  # a game and its dual have the same indices


# --------------------------------------------------------------------------------------------
# structure with many owners: nothing dropped, the summary says what is listed


def _owners_model(tmp_path: Path, n: int, private_share: int | None = None):
    import importlib.util

    from govmodel.load import load_model

    spec = importlib.util.spec_from_file_location(
        "owners300", Path(__file__).resolve().parent.parent / "bench" / "owners300.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = mod.model_text(n)
    if private_share is not None:
        import re

        text = re.sub(
            r"holder: privat, shares: \d+", f"holder: privat, shares: {private_share}", text
        )
        total = sum(1 + (7 * i) % 23 for i in range(1, n + 1)) + private_share
        text = re.sub(r"share_capital: \d+", f"share_capital: {total}", text)
    path = tmp_path / "owners.yaml"
    path.write_text(text, encoding="utf-8")
    return load_model(path)


def test_structure_considers_every_owner_and_says_what_it_lists(tmp_path):
    from govmodel.power.structure import decision_structure, units
    from govmodel.power.voting import present_players, weighted_form

    m = _owners_model(tmp_path, 40)
    assert len(units(m)) == 41  # 40 kommuner and the private owner: none dropped
    ds = decision_structure(m, "generalforsamling", "ordinary")
    s = ds.summary
    assert s is not None and s.units == 41 and s.listed_up_to >= 2
    wf = weighted_form(
        m.decision("generalforsamling", "ordinary").rule, present_players(m, "generalforsamling")
    )
    w = dict(zip(wf.player_ids, wf.weights, strict=True))
    # the fewest units that pass: they do, and no set of one unit fewer can (the largest can't)
    k = len(s.fewest_to_pass)
    assert sum(w[u] for u in s.fewest_to_pass) >= wf.quota
    assert sum(sorted(w.values(), reverse=True)[: k - 1]) < wf.quota
    # every listed minimal winning set wins and loses without any one of its units
    for c in ds.minimal_winning_direct:
        assert sum(w[u] for u in c) >= wf.quota
        assert all(sum(w[u] for u in c if u != v) < wf.quota for v in c)
    assert "41 units" in s.describe("en") and "41 enheter" in s.describe("nb")


def test_structure_summary_follows_the_input(tmp_path):
    from govmodel.power.structure import decision_structure

    small = decision_structure(_owners_model(tmp_path, 40, 10), "generalforsamling", "articles")
    big = decision_structure(_owners_model(tmp_path, 40, 400), "generalforsamling", "articles")
    assert ("privat",) not in small.minimal_blocking_direct
    assert ("privat",) in big.minimal_blocking_direct  # now holds more than a third
    assert big.summary.fewest_to_block == ("privat",)


def test_structure_authorities_are_the_criteria_authorities(tmp_path):
    from govmodel.analysis.criteria import evaluate

    m = _owners_model(tmp_path, 40)
    ev = evaluate(m)
    assert set(ev.authorities) == set(m.contracting_authorities())
    by = {d.decision: d for d in ev.decisions}
    assert by["ordinary"].authorities_can_force is not None  # 40 authorities hold ~90 %


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=30), st.integers(0, 300))
def test_plan_counts_the_region_the_size_kernel_updates(weights: list[int], K: int) -> None:
    # the plan's cost of the size-resolved table (it chooses how many heavy players to split
    # off by it) must be the kernel's work: player t (ascending, weight w) updates row
    # s <= min(t, S) from the sum of the s - 1 smallest weights plus w (below it the shifted
    # row s - 1 is empty) to the sum of the s largest so far, capped at K
    rest = sorted(weights)
    S = len(rest)
    acc = 0
    for j, w in enumerate(rest):
        acc += w
        if acc > K:
            S = j
            break
    expected = len(rest)  # one unit per stage, as the plan counts
    for t in range(1, len(rest) + 1):
        if rest[t - 1] > K:
            continue
        first = rest[:t]
        for s in range(1, min(t, S) + 1):
            lo, hi = sum(rest[: s - 1]) + rest[t - 1], min(sum(sorted(first)[-s:]), K)
            expected += max(0, hi - lo + 1)
    from govmodel.power import plan

    assert plan._region_2d(rest, K, S) == expected
    # a few stages at a time: the chunks add up to the same count
    assert plan._region_2d(rest, K, S, cells=7) == expected


def test_plan_splits_off_a_second_player_when_it_shrinks_the_table() -> None:
    # model A's two-thirds rule: with KS alone split off the table must reach weight 33 266
    # (the middle of the others' weight); splitting off Oslo too brings it to 26 880 for about
    # 10 % less work, and the plan sees it. The ordinary resolution (window at weight 16 600)
    # gains nothing from it and keeps one pivot.
    from govmodel.load import load_model
    from govmodel.power.decision import _game_of

    root = Path(__file__).resolve().parent.parent
    game = _game_of(
        load_model(root / "models" / "ownership_a.yaml"), "generalforsamling", "ordinary"
    )
    assert game is not None and sum(game.weights) == 100_000
    w = list(game.weights)
    pos = sorted(w, reverse=True)

    from govmodel.power.plan import _plan

    def choice(q: int) -> tuple[int, int]:
        queries = sorted({(x, h) for x in set(w) for h in (q - 1, q - x - 1)})
        p = _plan(pos, queries, True)
        return len(p.pivots), p.K

    assert choice(66_667) == (2, 26_880)
    assert choice(50_001) == (1, 16_600)
