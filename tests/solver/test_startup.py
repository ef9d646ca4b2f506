"""``solve`` starts fast and keeps its time limit: torch is imported only when a learned model
applies, torch alone (no PyG, no torch._dynamo) when one does, and ``--time-limit`` counts from
the process's start. Bounds are generous (a busy 2-core machine);
``python -m experiments.studies.startup_benchmark`` measures the targets."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import instances
from experiments.studies.startup_benchmark import Case, run_case
from solver.time_budget import process_start, seconds_left

#: A busy machine may take several times the targets (0.5 s without a model, 1.5 s with one).
NO_MODEL_STARTUP_BOUND = 3.0
MODEL_STARTUP_BOUND = 10.0


_TORCH = ("torch", "torch_geometric", "torch._dynamo")


def _python(code: str, timeout: float = 120) -> str:
    """Run ``code`` in a fresh interpreter; return its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _loaded_after(code: str) -> list[str]:
    """Which of torch, torch_geometric and torch._dynamo ``code`` leaves imported."""
    report = (
        f"import json, sys\nprint(json.dumps(sorted(m for m in {_TORCH!r} if m in sys.modules)))"
    )
    out = _python(f"{code}\n{report}")
    return json.loads(out.strip().splitlines()[-1])


def _solve_in_process(*args: str) -> str:
    return f"from solver.cli import main\nmain({list(args)!r})"


def test_importing_the_solve_path_imports_no_torch() -> None:
    modules = [
        "solver",
        "solver.cli",
        "solver.racing",
        "solver.settings",
        "solver.setup",
        "solver.solution",
        "solver.time_budget",
        *(info.name for info in pkgutil.walk_packages(instances.__path__, "instances.")),
    ]
    assert _loaded_after("\n".join(f"import {name}" for name in modules)) == []


def test_a_plain_solve_imports_no_torch(shared_dir: Path) -> None:
    instance = shared_dir / "instances" / "miplib" / "egout.mps"
    assert _loaded_after(_solve_in_process(str(instance), "--quiet")) == []


def test_learned_solve_imports_no_torch_when_no_model_applies(shared_dir: Path) -> None:
    instance = shared_dir / "instances" / "miplib" / "b-ball.mps"
    args = (str(instance), "--learned", "--quiet", "--time-limit", "2")
    assert _loaded_after(_solve_in_process(*args)) == []


def test_learned_solve_imports_torch_alone() -> None:
    # Scoring needs torch; PyG (and torch._dynamo, which it imports) is for training.
    loaded = _loaded_after(_solve_in_process("setcover", "--learned", "--quiet"))
    assert loaded == ["torch"]


def test_process_start_is_before_now_and_near_the_first_import() -> None:
    # This process started before the test ran, and before solver.time_budget was imported.
    assert process_start() <= time.monotonic()
    assert seconds_left(10.0, time.monotonic()) == pytest.approx(10.0, abs=0.5)
    assert seconds_left(1.0, time.monotonic() - 5) == 0.0


def test_a_fresh_process_counts_from_its_own_start() -> None:
    out = _python(
        "import time\nfrom solver.time_budget import process_start\n"
        "print(time.monotonic() - process_start())"
    )
    age = float(out)
    assert 0.0 < age < 30.0  # the interpreter's start and the imports: charged, bounded


def test_learned_solve_without_a_model_starts_solving_soon(shared_dir: Path) -> None:
    instance = shared_dir / "instances" / "miplib" / "b-ball.mps"
    run = run_case(Case("no model", (str(instance), "--learned", "--time-limit", "2")))
    assert run.learned_plugins is not None and run.learned_plugins.startswith("none")
    assert run.startup_seconds <= NO_MODEL_STARTUP_BOUND


def test_learned_solve_with_a_model_starts_solving_soon() -> None:
    run = run_case(Case("model", ("setcover", "--learned")))
    assert run.learned_plugins is not None and run.learned_plugins.startswith("setcover:")
    assert 0 < run.startup_seconds <= MODEL_STARTUP_BOUND


@pytest.mark.parametrize("workers", ["1", "2"])
def test_time_limit_bounds_the_whole_command_with_model_loading(
    shared_dir: Path, workers: str
) -> None:
    # The set cover models forced on markshare1: torch and both models load before SCIP's
    # solve, and the search does not end before the limit.
    instance = shared_dir / "instances" / "miplib" / "markshare1.mps"
    limit = 8.0
    args = ("--learned", "--model", "setcover", "--any-instance", "--workers", workers)
    run = run_case(Case("limited", (str(instance), *args, "--time-limit", str(limit))))
    assert run.status == "timelimit"
    # Start-up is charged to the limit: SCIP gets what is left of it.
    assert run.startup_seconds > 0
    assert run.startup_seconds + run.solve_seconds <= limit + 1.0
    # The process's exit comes on top (generous here).
    assert run.wall_seconds <= limit + 3.0
