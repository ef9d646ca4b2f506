"""Real MIPLIB instances: ``solve_instance`` finds the same optimum as plain PySCIPOpt.

The instances are those SCIP 10 solves to optimality within 60 s on this machine kind (see
``shared/instances/README.md``); those taking more than about a second on a loaded 2-core machine
run only with ``pytest -m slow`` (timtab1 alone took 443 s with two solves on a machine
loaded 5x over, hence their longer timeout).
"""

from __future__ import annotations

from pathlib import Path

import pyscipopt
import pytest

from solver.settings import LITERATURE
from solver.solution import solve_instance

FAST = [
    "3015",
    "bell5",
    "egout",
    "flugpl",
    "gesa2",
    "gr4x6",
    "gt2",
    "lseu",
    "modglob",
    "p0548",
    "rgn",
    "sp150x300d",
]
SLOW = ["dcmulti", "neos-911880", "noswot", "pp08a", "timtab1", "vpm2"]


def _plain_pyscipopt(path: Path) -> tuple[str, float]:
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(path))
    model.optimize()
    outcome = (model.getStatus(), model.getObjVal())
    model.freeProb()
    return outcome


@pytest.mark.parametrize(
    "name",
    [
        *FAST,
        *(pytest.param(name, marks=[pytest.mark.slow, pytest.mark.timeout(1800)]) for name in SLOW),
    ],
)
def test_same_optimum_as_plain_pyscipopt(name: str, shared_dir: Path) -> None:
    path = shared_dir / "instances" / "miplib" / f"{name}.mps"
    result = solve_instance(path, seed=0)
    status, objective = _plain_pyscipopt(path)
    assert status == result.status == "optimal"
    assert result.objective == pytest.approx(objective, rel=1e-6, abs=1e-9)
    assert result.dual_bound == pytest.approx(objective, rel=1e-6, abs=1e-9)
    assert result.gap == pytest.approx(0.0, abs=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("name", FAST)
def test_literature_preset_same_optimum(name: str, shared_dir: Path) -> None:
    path = shared_dir / "instances" / "miplib" / f"{name}.mps"
    result = solve_instance(path, preset=LITERATURE, seed=1)
    status, objective = _plain_pyscipopt(path)
    assert status == result.status == "optimal"
    assert result.objective == pytest.approx(objective, rel=1e-6, abs=1e-9)
