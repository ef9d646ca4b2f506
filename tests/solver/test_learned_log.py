"""With learned plugins the user's SCIP log stays intact (the sub-MIPs' own logs stay hidden)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from instances.generators import preset
from solver.diving import NeuralDivingConfig, include_neural_diving

REPO = Path(__file__).resolve().parents[2]

#: Lines SCIP prints at the end of every solve that shows its log.
END_OF_SOLVE = ("SCIP Status", "Solving Time", "Solving Nodes", "Primal Bound", "Dual Bound")


class _DiveEverything:
    """A diving predictor that is sure of value 1 for every variable (the sub-MIPs run)."""

    def predict(self, graph):
        n = graph.variable_features.shape[0]
        return np.ones(n), np.ones(n)


def test_a_sub_mip_leaves_the_main_log_on(capfd: pytest.CaptureFixture[str]) -> None:
    model = preset("setcover", "tiny").generate(4)
    heuristic = include_neural_diving(model, _DiveEverything(), config=NeuralDivingConfig())
    model.optimize()
    assert heuristic.stats.n_submips >= 1
    log = capfd.readouterr().out
    for line in END_OF_SOLVE:
        assert line in log, line


def _solve_log(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "solver.cli", "setcover", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=True,
    )
    return done.stdout


def test_solve_learned_prints_scips_whole_log() -> None:
    # The set cover set runs without diving: force a set with both components onto it.
    plain, learned = _solve_log(), _solve_log("--learned", "--model", "indset", "--any-instance")
    assert "learned    : indset: branching, diving" in learned
    for line in ("presolving:", "Presolving Time", *END_OF_SOLVE):
        assert line in plain and line in learned, line
    node_log = [line for line in learned.splitlines() if line.count("|") > 10]
    assert len(node_log) > 3  # the table goes on after its first line
