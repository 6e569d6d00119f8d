"""Shared test helpers: repository paths and running the CLI in-process."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# Exact power results are cached on disk between runs; tests use a private, fresh cache so they
# never read results computed by an older version and never write to the user's cache.
os.environ["GOVMODEL_CACHE_DIR"] = tempfile.mkdtemp(prefix="govmodel-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
TESTS = ROOT / "tests"
SMALL_MODEL = TESTS / "data" / "small_model.yaml"


@pytest.fixture(scope="session")
def model_a():
    """Model A as shipped, loaded once per test process (a Model is immutable: tests share it)."""
    from govmodel.load import load_model

    return load_model(MODELS / "ownership_a.yaml")


@pytest.fixture(scope="session")
def model_b():
    """Model B as shipped, loaded once per test process."""
    from govmodel.load import load_model

    return load_model(MODELS / "ownership_b.yaml")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``govmodel ARGS...`` in-process; returns the exit code and captured stdout/stderr."""
    from govmodel.cli import main

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return run
