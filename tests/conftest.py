"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _stalled_calls_end_with_their_test() -> Iterator[None]:
    """Let inference calls that a test left stalled (on purpose) return before the next test.

    A plugin's stalled call runs on until it returns (:mod:`gnn.bounded`); a test that counts
    threads or memory must not see one that an earlier test left behind end under it.
    """
    yield
    bounded = sys.modules.get("gnn.bounded")  # only where a test has used it
    if bounded is not None and not bounded.wait_for_stalled_calls(60.0):
        pytest.fail("an inference call was still running 60 s after its test ended")


@pytest.fixture
def one_torch_thread() -> Iterator[None]:
    """One intra-op torch thread for the test, the previous count restored after it.

    The tests' tensors are tiny: a second thread only spins (and, on a shared machine, waits).
    torch is imported only by the tests that ask for this.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
