"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Overrides where the shared folder (instances, notes) is looked for.
SHARED_DIR_ENV_VAR = "NEURALMIP_SHARED_DIR"


def locate_shared_dir() -> Path:
    """Where the project's shared folder should be: beside the repository, or as the env says.

    CI runs in a fresh clone with a copy of ``shared/`` beside it (``<clone>/../shared``).
    """
    override = os.environ.get(SHARED_DIR_ENV_VAR)
    if override:
        return Path(override).resolve()
    return (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder (``shared/instances/miplib``, ``shared/instances/bad``, ...).

    Skips the test with the path looked at when the folder is absent.
    """
    path = locate_shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared folder not found at {path} (set {SHARED_DIR_ENV_VAR} to point at it)")
    return path
