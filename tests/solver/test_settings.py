"""SCIP seeding, presets and validated parameters: read every parameter back from SCIP."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyscipopt
import pytest

from solver.settings import (
    DEFAULT,
    LITERATURE,
    MAX_SEED,
    PRESETS,
    SEED_PARAMS,
    ScipParamError,
    ScipPreset,
    apply_scip_params,
    seed_scip,
)


def _quiet_model() -> pyscipopt.Model:
    model = pyscipopt.Model()
    model.hideOutput()
    return model


def _knapsacks(model: pyscipopt.Model, rng: np.random.Generator) -> None:
    """A small multi-dimensional knapsack that needs some branching."""
    n_items, n_dims = 40, 4
    weights = rng.integers(5, 40, size=(n_dims, n_items))
    values = rng.integers(10, 60, size=n_items)
    x = [model.addVar(f"x{i}", vtype="B", obj=float(values[i])) for i in range(n_items)]
    for d in range(n_dims):
        capacity = float(weights[d].sum() // 3)
        model.addCons(
            pyscipopt.quicksum(float(weights[d, i]) * x[i] for i in range(n_items)) <= capacity
        )
    model.setMaximize()


@pytest.mark.parametrize("seed", [0, 1, 12345, MAX_SEED])
def test_seed_sets_every_seed_param(seed: int) -> None:
    model = _quiet_model()
    seed_scip(model, seed)
    assert {name: model.getParam(name) for name in SEED_PARAMS} == dict.fromkeys(SEED_PARAMS, seed)


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 1.5, True, "3"])
def test_seed_out_of_range_is_refused(seed: object) -> None:
    with pytest.raises(ValueError, match="seed must be an integer"):
        seed_scip(_quiet_model(), seed)  # type: ignore[arg-type]


def test_same_seed_same_search() -> None:
    runs = []
    for _ in range(2):
        model = _quiet_model()
        _knapsacks(model, np.random.default_rng(7))
        seed_scip(model, 3)
        model.optimize()
        runs.append(
            (model.getStatus(), model.getObjVal(), model.getNNodes(), model.getNLPIterations())
        )
        model.freeProb()
    assert runs[0] == runs[1]
    assert runs[0][0] == "optimal"


def test_default_preset_changes_nothing() -> None:
    fresh, configured = _quiet_model(), _quiet_model()
    DEFAULT.apply(configured)
    assert configured.getParams() == fresh.getParams()


def test_literature_preset_reads_back() -> None:
    model = _quiet_model()
    default_root_rounds = model.getParam("separating/maxroundsroot")
    LITERATURE.apply(model)
    assert model.getParam("separating/maxrounds") == 0
    assert model.getParam("presolving/maxrestarts") == 0
    assert model.getParam("separating/maxroundsroot") == default_root_rounds


def test_presets_are_frozen_and_named() -> None:
    assert dict(PRESETS) == {"default": DEFAULT, "literature": LITERATURE}
    with pytest.raises(TypeError):
        LITERATURE.params["separating/maxrounds"] = 5  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        LITERATURE.name = "other"  # type: ignore[misc]
    source = {"limits/nodes": 10}
    preset = ScipPreset("custom", "ten nodes", source)
    source["limits/nodes"] = 20
    assert preset.params["limits/nodes"] == 10
    assert hash(preset) == hash(ScipPreset("custom", "ten nodes", {"limits/nodes": 10}))


def test_apply_params_of_every_type_reads_back() -> None:
    model = _quiet_model()
    params = {
        "limits/time": 12.5,
        "limits/gap": 0,  # an int is a fine real
        "limits/nodes": 1000,
        "branching/preferbinary": True,
        "nodeselection/childsel": "d",
        "lp/initalgorithm": "p",
    }
    apply_scip_params(model, params)
    assert {name: model.getParam(name) for name in params} == params


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(
        ScipParamError, match=r"unknown SCIP parameter 'limits/tme' \(did you mean 'limits/time'"
    ):
        apply_scip_params(_quiet_model(), {"limits/tme": 1.0})


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("limits/time", "10", "is not a number"),
        ("limits/time", float("nan"), "is not a number"),
        ("limits/nodes", 1.5, "is not an integer"),
        ("limits/nodes", True, "is not an integer"),
        ("branching/preferbinary", 1, "is not a bool"),
        ("nodeselection/childsel", 1, "is not a string"),
    ],
)
def test_wrong_type_is_refused_before_anything_is_set(name: str, value: object, words: str) -> None:
    model = _quiet_model()
    with pytest.raises(ScipParamError, match=words):
        apply_scip_params(model, {"limits/memory": 100.0, name: value})
    assert model.getParam("limits/memory") != 100.0


def test_out_of_range_quotes_scip(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ScipParamError, match=r"'limits/time': -1 rejected: .*range \[0,1e\+20\]"):
        apply_scip_params(_quiet_model(), {"limits/time": -1})
    with pytest.raises(ScipParamError, match="randomization/lpseed"):
        apply_scip_params(_quiet_model(), {"randomization/lpseed": 2**40})
    assert "ERROR" not in capfd.readouterr().err
