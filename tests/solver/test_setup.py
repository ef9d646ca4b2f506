"""``solver.setup``: one solve set-up, preset -> parameters -> seed -> limits -> plugins."""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator

import pyscipopt
import pytest

from solver.settings import LITERATURE, SEED_PARAMS, ParamSetting, ScipParamError
from solver.setup import LearnedSetup, SolveSetup, configure_model
from solver.solution import SolveResult, finite_or_none


@pytest.fixture
def model() -> Iterator[pyscipopt.Model]:
    model = pyscipopt.Model()
    model.hideOutput()
    x = model.addVar(vtype="I", ub=3)
    model.addCons(x >= 1)
    model.setObjective(x)
    yield model
    model.freeProb()


def test_parameters_win_over_the_preset_and_seeds_and_limits_are_set(
    model: pyscipopt.Model,
) -> None:
    setup = SolveSetup(
        preset=LITERATURE,
        heuristics=ParamSetting.OFF,
        scip_params={"separating/maxrounds": 3},
        seed=7,
        permute_variables=True,
        time_limit=30.0,
        gap=0.05,
    )
    configured = configure_model(model, setup)
    assert configured.learned is None and configured.plugins is None
    assert model.getParam("separating/maxrounds") == 3  # the parameter, not the preset's 0
    assert model.getParam("presolving/maxrestarts") == 0  # the preset's
    assert model.getParam("heuristics/rounding/freq") == -1  # heuristics off
    assert all(model.getParam(name) == 7 for name in SEED_PARAMS)
    assert model.getParam("randomization/permutevars") is True
    assert model.getParam("limits/time") == pytest.approx(30.0)
    assert model.getParam("limits/gap") == pytest.approx(0.05)


def test_the_time_limit_is_charged_from_started(model: pyscipopt.Model) -> None:
    seen = []
    configure_model(
        model,
        SolveSetup(time_limit=10.0),
        started=time.monotonic() - 4.0,
        plugins=lambda m: seen.append(m.getParam("limits/time")),
    )
    assert seen[0] <= 6.0
    assert 5.0 <= model.getParam("limits/time") <= 6.0


def test_without_started_the_limit_is_scips_clock_alone(model: pyscipopt.Model) -> None:
    configure_model(model, SolveSetup(time_limit=10.0))
    assert model.getParam("limits/time") == pytest.approx(10.0)


def test_a_spent_limit_leaves_zero_seconds(model: pyscipopt.Model) -> None:
    configure_model(model, SolveSetup(time_limit=1.0), started=time.monotonic() - 5.0)
    assert model.getParam("limits/time") == 0.0
    model.optimize()
    assert model.getStatus() == "timelimit"


def test_plugins_come_after_the_settings(model: pyscipopt.Model) -> None:
    def plugins(m: pyscipopt.Model) -> str:
        assert m.getParam("randomization/lpseed") == 3
        return "kept"

    assert configure_model(model, SolveSetup(seed=3), plugins=plugins).plugins == "kept"


def test_a_bad_parameter_is_one_clear_error(model: pyscipopt.Model) -> None:
    with pytest.raises(ScipParamError, match="separating/maxround"):
        configure_model(model, SolveSetup(scip_params={"separating/maxround": 0}))


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"time_limit": 0.0}, "time limit"), ({"time_limit": float("nan")}, "time limit"),
     ({"gap": -0.1}, "gap")],
)  # fmt: skip
def test_bad_limits_are_refused(fields: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SolveSetup(**fields)


def test_setups_are_frozen_and_pickle() -> None:
    setup = SolveSetup(
        preset=LITERATURE,
        scip_params={"limits/nodes": 10},
        learned=LearnedSetup(model_path="setcover", branching_params={"shortlist_size": 4}),
    )
    assert pickle.loads(pickle.dumps(setup)) == setup
    with pytest.raises(TypeError):
        setup.scip_params["limits/nodes"] = 1  # type: ignore[index]


def test_one_result_type_and_one_finiteness_rule() -> None:
    assert [finite_or_none(v) for v in (None, float("inf"), 1e20, -1e20, 2.5)] == [
        None,
        None,
        None,
        None,
        2.5,
    ]
    result = SolveResult(status="error", error="why")
    assert result.to_dict()["error"] == "why" and not result.has_solution
