"""A long fuzzing run of the loader and the scenario parser (kept out of the default run).

Run it with a time budget in seconds (docs/security.md records a run)::

    GOVMODEL_FUZZ_SECONDS=660 nice -n 19 uv run pytest tests/test_loader_fuzz.py -q -p no:randomly

Until the time is up it draws mutants of the test models and scenario — raw-text edits, structural
edits and hostile tokens (terminal escapes, YAML 1.1 scalars, huge numbers, tags, aliases, paths
of devices) — and loads each one. Anything other than a :class:`~govmodel.errors.ModelError`
whose every problem is located in a real file fails the test (hypothesis shrinks and prints it).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_hostile import hostile_mutation
from test_loader_properties import (
    BASES,
    SCENARIO,
    SMALL,
    load_and_check,
    structure_mutation,
    text_mutation,
)

SECONDS = float(os.environ.get("GOVMODEL_FUZZ_SECONDS", "0") or 0)

pytestmark = pytest.mark.skipif(
    SECONDS <= 0, reason="a long fuzzing run; set GOVMODEL_FUZZ_SECONDS to run it"
)

SOURCES = {**BASES, "scenario": SCENARIO}


def _mutant(kind: str, text: str) -> st.SearchStrategy[bytes]:
    if kind == "text":
        return text_mutation(text)
    if kind == "structure":
        return structure_mutation(text).map(lambda s: s.encode("utf-8"))
    return hostile_mutation(text)


@st.composite
def case(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(sorted(SOURCES)))
    kind = draw(st.sampled_from(["text", "structure", "hostile"]))
    data = draw(_mutant(kind, SOURCES[source]))
    if draw(st.integers(0, 4)) == 0:  # now and then, two kinds of damage together
        other = draw(st.sampled_from(["text", "hostile"]))
        data = draw(_mutant(other, data.decode("utf-8", "replace")))
    return source, data


def test_fuzz_loader_and_scenario_parser(tmp_path: Path) -> None:
    end = time.monotonic() + SECONDS
    rounds = {"n": 0, "examples": 0}

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(c=case())
    def one(c: tuple[str, bytes]) -> None:
        rounds["examples"] += 1
        source, data = c
        f = tmp_path / ("fuzz_scenario.yaml" if source == "scenario" else "fuzz_model.yaml")
        f.write_bytes(data)
        if source == "scenario":
            load_and_check(SMALL, scenario=f)
        else:
            load_and_check(f)

    while time.monotonic() < end:
        one()
        rounds["n"] += 1
    print(f"fuzz: {rounds['examples']} examples in {rounds['n']} rounds of {SECONDS:.0f} s")
