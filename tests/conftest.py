"""Shared fixtures: paths to the repository's corpus and gold, and to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"
SHARED = ROOT.parent / "shared"
SEED = "000_d6907cdbbd74cdf0"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS / f"{SEED}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the clone; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside this clone")
    return SHARED
