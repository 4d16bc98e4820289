"""Shared fixtures. `shared` is the project's sibling data folder, present in CI only."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from parley.config import Dictionaries

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled dictionaries go to a fresh folder, never the user's own cache."""
    os.environ["PARLEY_CACHE_DIR"] = tempfile.mkdtemp(prefix="parley-test-cache-")


@pytest.fixture(scope="session")
def dictionaries() -> Dictionaries:
    """The bundled default dictionaries, loaded once for the whole test session."""
    return Dictionaries.load()


@pytest.fixture
def shared() -> Path:
    """`../shared`, or a skip with the reason when this clone has none (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data folder exists only in CI")
    return SHARED


def load_tool(name: str) -> ModuleType:
    """A script of `tools/` (not a package) as a module, to test what it computes."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
