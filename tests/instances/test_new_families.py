"""Tests of the families without shipped models: bin packing, p-median, lot sizing, GAP, MKP.

Determinism, presets, feasibility of the Tiny instances, each family's structure (checked on the
optimal solution of a Tiny instance), registration with ``neuralmip generate``, and that no
shipped model set claims them.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pyscipopt
import pytest

from experiments.cli import main
from instances.generators import (
    GENERATORS,
    LEVELS,
    MANIFEST_NAME,
    PRESETS,
    InstanceParams,
    preset,
    sha256_of,
    write_instance,
)
from instances.generators.binpacking import BinPacking
from instances.generators.gap import GeneralizedAssignment
from instances.generators.lotsizing import CapacitatedLotSizing
from instances.generators.mknapsack import MultidimensionalKnapsack
from instances.generators.packing import first_fit_decreasing
from instances.generators.pmedian import CapacitatedPMedian

FAMILIES = {
    "binpacking": BinPacking,
    "pmedian": CapacitatedPMedian,
    "lotsizing": CapacitatedLotSizing,
    "gap": GeneralizedAssignment,
    "mknapsack": MultidimensionalKnapsack,
}


def _written_hash(params: InstanceParams, seed: int, path) -> str:
    model = params.generate(seed)
    try:
        write_instance(model, path)
    finally:
        model.freeProb()
    return sha256_of(path)


def _solve(model: pyscipopt.Model) -> dict[str, float]:
    """Solve ``model`` to optimality (or fail) and return the optimal values by variable name."""
    model.hideOutput()
    model.setParam("limits/time", 60)
    model.optimize()
    assert model.getStatus() == "optimal"
    solution = model.getBestSol()
    values = {var.name: model.getSolVal(solution, var) for var in model.getVars()}
    model.freeProb()
    return values


def _rounded(values: dict[str, float], prefix: str, shape: tuple[int, ...]) -> np.ndarray:
    """The values of the variables ``{prefix}_{i}[_{j}]`` as an integer array of ``shape``."""
    array = np.zeros(shape, dtype=np.int64)
    for index in np.ndindex(*shape):
        name = "_".join([prefix, *map(str, index)])
        array[index] = round(values[name])
    return array


# --- registry and presets -------------------------------------------------------------------


@pytest.mark.parametrize("name, cls", FAMILIES.items())
def test_families_are_registered_with_every_preset_level(name, cls):
    assert GENERATORS[name] is cls
    assert tuple(PRESETS[name]) == LEVELS
    for params in PRESETS[name].values():
        assert isinstance(params, cls) and isinstance(params, InstanceParams)
        assert dataclasses.replace(params) == params  # the preset passes its own validation
        with pytest.raises(dataclasses.FrozenInstanceError):
            params.n_items = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: BinPacking(n_items=0), "n_items"),
        (lambda: BinPacking(min_weight=60, max_weight=50), "min_weight"),
        (lambda: BinPacking(max_weight=100, min_capacity=80), "every item fits"),
        (lambda: BinPacking(capacity_ratio=0.9), "capacity_ratio"),
        (lambda: BinPacking(cost_noise=1.0), "cost_noise"),
        (lambda: CapacitatedPMedian(n_customers=4, n_medians=5), "n_medians"),
        (lambda: CapacitatedPMedian(capacity_ratio=0.5), "capacity_ratio"),
        (lambda: CapacitatedPMedian(max_demand=0), "max_demand"),
        (lambda: CapacitatedLotSizing(n_periods=0), "n_periods"),
        (lambda: CapacitatedLotSizing(capacity_ratio=0), "capacity_ratio"),
        (lambda: CapacitatedLotSizing(min_setup_cost=5, max_setup_cost=4), "setup_cost"),
        (lambda: CapacitatedLotSizing(overtime_cost=-1), "overtime_cost"),
        (lambda: GeneralizedAssignment(n_agents=0), "n_agents"),
        (lambda: GeneralizedAssignment(gap_type="E"), "gap_type"),  # type: ignore[arg-type]
        (lambda: GeneralizedAssignment(capacity_ratio=0), "capacity_ratio"),
        (lambda: MultidimensionalKnapsack(n_constraints=0), "n_constraints"),
        (lambda: MultidimensionalKnapsack(tightness=1.0), "tightness"),
    ],
)
def test_invalid_parameters_are_rejected(make, match):
    with pytest.raises(ValueError, match=match):
        make()


# --- determinism and feasibility ------------------------------------------------------------


@pytest.mark.parametrize("name", FAMILIES)
def test_same_seed_gives_byte_identical_files_and_other_seeds_differ(name, tmp_path):
    params = preset(name, "tiny")
    first = _written_hash(params, 7, tmp_path / "a.mps")
    assert _written_hash(params, 7, tmp_path / "b.mps") == first
    assert _written_hash(params, 8, tmp_path / "c.mps") != first


@pytest.mark.parametrize("name", FAMILIES)
def test_tiny_instances_are_feasible_and_bounded(name):
    for seed in range(3):
        assert _solve(preset(name, "tiny").generate(seed))


@pytest.mark.parametrize("name", FAMILIES)
def test_no_shipped_model_set_claims_the_family(name):
    from solver.plugins import match_model_set

    model = preset(name, "tiny").generate(0)
    models, reason = match_model_set(model)
    model.freeProb()
    assert models is None
    assert "no shipped model" in reason


def test_generate_command_writes_a_family_batch_and_its_manifest(tmp_path):
    out = tmp_path / "bp"
    args = ["generate", "binpacking", "--preset", "tiny", "--count", "2", "--seed", "3"]
    assert main([*args, "--out", str(out)]) == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["class"] == "binpacking"
    assert manifest["generator"] == "instances.generators.binpacking.BinPacking"
    assert manifest["parameters"] == dataclasses.asdict(preset("binpacking", "tiny"))
    files = sorted(out.glob("*.mps"))
    assert [f.name for f in files] == [f"binpacking_tiny_seed3_{i:05d}.mps" for i in range(2)]
    assert main([*args, "--out", str(out)]) == 0  # the same batch again: kept as it is


# --- structure ------------------------------------------------------------------------------


def test_first_fit_decreasing_packs_within_capacities_or_says_it_cannot():
    sizes = np.array([5, 4, 3, 3, 2])
    assignment = first_fit_decreasing(sizes, np.array([6, 6, 6]))
    assert assignment is not None
    loads = np.bincount(assignment, weights=sizes, minlength=3)
    assert (loads <= 6).all() and loads.sum() == sizes.sum()
    assert first_fit_decreasing(sizes, np.array([8, 8])) is None  # 17 units in 16
    # Bin-dependent sizes: each item goes where it is lightest among the bins with room.
    per_bin = np.array([[9, 1], [1, 9], [2, 3]])
    assert first_fit_decreasing(per_bin, np.array([3, 3])).tolist() == [1, 0, 0]


def test_bin_packing_optimum_packs_every_item_once_within_bought_capacity():
    params = preset("binpacking", "tiny")
    data = params.sample_data(4)
    assert data.capacities.sum() >= params.capacity_ratio * data.weights.sum()
    assert first_fit_decreasing(data.weights, data.capacities) is not None
    assert (np.abs(data.costs / data.capacities - 1) <= params.cost_noise + 0.01).all()
    n_bins = len(data.capacities)
    values = _solve(params.generate(4))
    x = _rounded(values, "x", (params.n_items, n_bins))
    y = _rounded(values, "y", (n_bins,))
    assert (x.sum(axis=1) == 1).all()
    assert (data.weights @ x <= data.capacities * y).all()


def test_p_median_optimum_opens_p_medians_and_serves_everyone_within_capacity():
    params = preset("pmedian", "tiny")
    data = params.sample_data(2)
    assert data.capacity * params.n_medians >= params.capacity_ratio * data.demands.sum()
    assert (np.diag(data.distances) == 0).all() and (data.distances == data.distances.T).all()
    n = params.n_customers
    values = _solve(params.generate(2))
    x = _rounded(values, "x", (n, n))
    y = _rounded(values, "y", (n,))
    assert y.sum() == params.n_medians
    assert (x.sum(axis=1) == 1).all()
    assert (data.demands @ x <= data.capacity * y).all()


def test_lot_sizing_optimum_meets_demand_and_produces_only_after_a_setup():
    params = preset("lotsizing", "tiny")
    data = params.sample_data(1)
    shape = (params.n_items, params.n_periods)
    assert data.demands.shape == shape
    values = _solve(params.generate(1))
    production = np.array(
        [[values[f"x_{i}_{t}"] for t in range(shape[1])] for i in range(shape[0])]
    )
    setups = _rounded(values, "y", shape)
    overtime = np.array([values[f"o_{t}"] for t in range(shape[1])])
    cumulative_gap = np.cumsum(production, axis=1) - np.cumsum(data.demands, axis=1)
    assert (cumulative_gap >= -1e-6).all()  # no backlog: stock never negative
    assert np.allclose(production[setups == 0], 0.0, atol=1e-6)
    used = production.sum(axis=0) + data.setup_times @ setups
    assert (used <= data.capacity + overtime + 1e-6).all()


@pytest.mark.parametrize("gap_type", ["C", "D"])
def test_gap_optimum_assigns_every_job_once_within_agent_capacities(gap_type):
    params = dataclasses.replace(preset("gap", "tiny"), gap_type=gap_type)
    data = params.sample_data(6)
    if gap_type == "D":
        assert (np.abs(data.costs - (111 - data.weights)) <= 10).all()
    else:
        assert data.weights.min() >= 5 and data.weights.max() <= 25
    values = _solve(params.generate(6))
    x = _rounded(values, "x", (params.n_agents, params.n_jobs))
    assert (x.sum(axis=0) == 1).all()
    assert ((x * data.weights.T).sum(axis=1) <= data.capacities).all()


def test_multidimensional_knapsack_optimum_fits_every_knapsack():
    params = preset("mknapsack", "tiny")
    data = params.sample_data(3)
    assert data.weights.shape == (params.n_constraints, params.n_items)
    assert data.capacities.tolist() == [int(params.tightness * row.sum()) for row in data.weights]
    mean_weights = data.weights.mean(axis=0)
    assert ((data.profits >= mean_weights - 1) & (data.profits <= mean_weights + 501)).all()
    values = _solve(params.generate(3))
    x = _rounded(values, "x", (params.n_items,))
    assert (data.weights @ x <= data.capacities).all()
    assert x.any()  # with a quarter of each row's weight, some items fit
