"""The fit's baseline: SCIP's default on the validation instances, each case reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from experiments.fit.baseline import (
    CAP_FACTOR,
    MIN_CAP,
    Baseline,
    BaselineRun,
    classify_baseline,
    run_baseline,
)
from instances.generators import generate_instances, preset

INFEASIBLE_LP = """Minimize
 obj: x
Subject To
 c1: x + y >= 3
Bounds
 0 <= x <= 1
 0 <= y <= 1
General
 x y
End
"""


def _run(time: float, status: str = "optimal", nodes: int = 10) -> BaselineRun:
    return BaselineRun(time=time, status=status, nodes=nodes, primal_integral=0.1 * time)


def test_each_case_is_sorted_and_reported() -> None:
    runs = {
        Path("a.mps"): _run(2.0),
        Path("b.mps"): _run(0.1, nodes=1),
        Path("c.mps"): _run(0.2, status="infeasible"),
        Path("d.mps"): _run(10.0, status="timelimit"),
        Path("e.mps"): _run(10.0, status="error", nodes=0),
    }
    lines: list[str] = []
    baseline = classify_baseline(runs, cap=10.0, log=lines.append)
    assert baseline.usable == (Path("a.mps"), Path("b.mps"))
    assert baseline.root_solved == (Path("b.mps"),)
    assert baseline.infeasible == (Path("c.mps"),)
    assert baseline.too_hard == (Path("d.mps"),)
    assert baseline.failed == (Path("e.mps"),)
    assert baseline.time_cap == pytest.approx(CAP_FACTOR * 2.0)
    assert baseline.branching_can_help
    text = "\n".join(lines)
    for name, what in [("b", "root"), ("c", "infeasible"), ("d", "too hard"), ("e", "failed")]:
        assert any(f"{name}.mps" in line and what in line for line in lines), text
    assert Baseline.from_json(baseline.to_json()) == baseline


def test_too_hard_instances_are_kept_at_the_cap_when_nothing_else_is_left() -> None:
    runs = {Path("a.mps"): _run(5.0, "timelimit"), Path("b.mps"): _run(5.0, "timelimit")}
    lines: list[str] = []
    baseline = classify_baseline(runs, cap=5.0, log=lines.append)
    assert baseline.usable == (Path("a.mps"), Path("b.mps"))
    assert baseline.time_cap == 5.0
    assert any("kept, counted at the cap" in line for line in lines)


def test_root_solved_only_means_branching_cannot_help() -> None:
    baseline = classify_baseline({Path("a.mps"): _run(0.01, nodes=1)}, cap=5.0)
    assert not baseline.branching_can_help
    assert baseline.time_cap == MIN_CAP


def test_scip_default_on_real_instances(tmp_path: Path) -> None:
    easy = generate_instances("setcover", preset("setcover", "tiny"), 1, 0, tmp_path)[0]
    infeasible = tmp_path / "infeasible.lp"
    infeasible.write_text(INFEASIBLE_LP)
    lines: list[str] = []
    baseline = run_baseline([easy, infeasible], 5.0, seed=0, log=lines.append)
    assert baseline.runs[easy].status == "optimal"
    assert baseline.runs[easy].objective is not None
    assert baseline.runs[easy].primal_integral >= 0
    assert baseline.infeasible == (infeasible,)
    assert baseline.usable == (easy,)
    assert any("infeasible.lp" in line for line in lines)
