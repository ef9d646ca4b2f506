"""Limits: ``solve --time-limit T`` returns within T + 1 s in every mode.

Each solve runs in a subprocess through :mod:`tests.robustness.solve_mode` (the ``solve`` code
path with the mode's plugins); the figure checked is the call's own wall time (reading, plugins,
solve, writing), the interpreter's and torch's start-up excluded. markshare1 cannot be solved in
T; a generated Medium set cover keeps diving sub-MIPs busy when the limit comes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from instances.generators import preset
from instances.generators.writing import write_instance
from tests.robustness.modes import MODES, SolveMode, mode_params
from tests.robustness.subprocesses import last_json, run_solve_mode

LIMIT = 2.0
SLACK = 1.0

#: The default run covers the plain solve and both plugins together; the slow run every mode.
_QUICK = {"default", "learned[random]"}


def _quick_or_slow(params: list) -> list:
    return [
        p
        if p.id in _QUICK
        else pytest.param(*p.values, id=p.id, marks=[*p.marks, pytest.mark.slow])
        for p in params
    ]


def _check(mode: SolveMode, instance: Path, *options: str) -> dict:
    done = run_solve_mode(mode.name, instance, "--time-limit", str(LIMIT), *options)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    record = last_json(done.stdout)
    assert record["status"] == "timelimit", record
    assert record["call_seconds"] <= LIMIT + SLACK, record
    return record


@pytest.fixture(scope="module")
def markshare1(shared_dir: Path) -> Path:
    return shared_dir / "instances" / "miplib" / "markshare1.mps"


@pytest.fixture(scope="module")
def medium_setcover(tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = preset("setcover", "medium").generate(11)
    path = write_instance(model, tmp_path_factory.mktemp("medium") / "setcover-medium.mps")
    model.freeProb()
    return path


@pytest.mark.parametrize("mode", _quick_or_slow(mode_params()))
def test_time_limit_on_markshare1(mode: SolveMode, markshare1: Path) -> None:
    _check(mode, markshare1)


@pytest.mark.slow
@pytest.mark.parametrize("mode", mode_params())
def test_time_limit_on_a_medium_instance(mode: SolveMode, medium_setcover: Path) -> None:
    _check(mode, medium_setcover)


_STALL_MODES = [p for p in mode_params(learned_only=True) if "random" in p.id]


@pytest.mark.slow
@pytest.mark.parametrize("mode", _STALL_MODES)
def test_time_limit_with_a_stalled_inference_call(mode: SolveMode, markshare1: Path) -> None:
    # Every inference call sleeps past the limit: the call is in flight when the limit comes.
    # Both plugins bound each call by the solve's remaining time (gnn.bounded), so it is not
    # waited for.
    _check(mode, markshare1, "--stall", str(LIMIT + 3.0))


def test_modes_are_defined_once() -> None:
    assert MODES[0].name == "default" and not MODES[0].learned
    assert len({mode.name for mode in MODES}) == len(MODES)
