"""Tests of the instance generators: determinism, published sizes, solvability, batch writing."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from pathlib import Path

import numpy as np
import pyscipopt
import pytest

from instances.generators import (
    GENERATORS,
    LEVELS,
    MANIFEST_NAME,
    PRESETS,
    BatchMismatchError,
    CapacitatedFacilityLocation,
    CombinatorialAuction,
    IndependentSet,
    InstanceParams,
    SetCover,
    generate_instances,
    instance_seed,
    override_params,
    preset,
    sha256_of,
    write_instance,
)
from instances.generators.indset import greedy_clique_partition

CLASS_NAMES = sorted(GENERATORS)


def _written_hash(params: InstanceParams, seed: int, path) -> str:
    model = params.generate(seed)
    try:
        write_instance(model, path)
    finally:
        model.freeProb()
    return sha256_of(path)


def _coefficients(model: pyscipopt.Model) -> dict[str, dict[str, float]]:
    """Constraint name -> {variable name: coefficient} for a model of linear constraints."""
    return {cons.name: model.getValsLinear(cons) for cons in model.getConss()}


# --- registry and presets -------------------------------------------------------------------


def test_every_class_has_every_level_and_is_a_frozen_generator():
    assert {"setcover", "cauctions", "facilities", "indset"} <= set(GENERATORS)
    for name, cls in GENERATORS.items():
        assert tuple(PRESETS[name]) == LEVELS
        for params in PRESETS[name].values():
            assert isinstance(params, cls)
            assert isinstance(params, InstanceParams)
            with pytest.raises(dataclasses.FrozenInstanceError):
                params.n_rows = 1  # type: ignore[misc]


def test_preset_rejects_unknown_names_and_lists_valid_ones():
    with pytest.raises(ValueError, match="setcover, cauctions, facilities, indset"):
        preset("knapsack", "easy")
    with pytest.raises(ValueError, match="tiny, easy, medium, hard"):
        preset("setcover", "extreme")


def test_preset_parameters_are_those_of_gasse_et_al():
    assert [(p.n_rows, p.n_cols, p.density) for p in PRESETS["setcover"].values()][1:] == [
        (500, 1000, 0.05),
        (1000, 1000, 0.05),
        (2000, 1000, 0.05),
    ]
    assert [(p.n_items, p.n_bids) for p in PRESETS["cauctions"].values()][1:] == [
        (100, 500),
        (200, 1000),
        (300, 1500),
    ]
    assert [(p.n_customers, p.n_facilities, p.ratio) for p in PRESETS["facilities"].values()][
        1:
    ] == [(100, 100, 5.0), (200, 100, 5.0), (400, 100, 5.0)]
    assert [(p.n_nodes, p.affinity, p.graph_type) for p in PRESETS["indset"].values()][1:] == [
        (500, 4, "barabasi_albert"),
        (1000, 4, "barabasi_albert"),
        (1500, 4, "barabasi_albert"),
    ]


@pytest.mark.parametrize("level", ["easy", "medium", "hard"])
def test_generated_sizes_match_the_published_ones(level):
    """Count rows and columns of generated models (not solved)."""
    sc = PRESETS["setcover"][level]
    model = sc.generate(0)
    assert (model.getNVars(), model.getNConss()) == (sc.n_cols, sc.n_rows)
    assert sum(len(c) for c in _coefficients(model).values()) == int(sc.n_rows * sc.n_cols * 0.05)
    model.freeProb()

    ca = PRESETS["cauctions"][level]
    model = ca.generate(0)
    assert model.getNVars() == ca.n_bids
    real_items = [c.name for c in model.getConss() if int(c.name[4:]) < ca.n_items]
    assert 0.9 * ca.n_items <= len(real_items) <= ca.n_items
    model.freeProb()

    fl = PRESETS["facilities"][level]
    model = fl.generate(0)
    n_c, n_f = fl.n_customers, fl.n_facilities
    assert model.getNVars() == n_c * n_f + n_f
    assert model.getNConss() == n_c + n_f + 1 + n_c * n_f
    model.freeProb()

    ind = PRESETS["indset"][level]
    model = ind.generate(0)
    assert model.getNVars() == ind.n_nodes
    model.freeProb()


# --- determinism ----------------------------------------------------------------------------


@pytest.mark.parametrize("class_name", CLASS_NAMES)
def test_same_seed_gives_byte_identical_files_and_other_seeds_differ(class_name, tmp_path):
    params = preset(class_name, "tiny")
    first = _written_hash(params, 7, tmp_path / "a.mps")
    again = _written_hash(params, 7, tmp_path / "b.mps")
    other = _written_hash(params, 8, tmp_path / "c.mps")
    assert first == again
    assert first != other


@pytest.mark.parametrize("class_name", CLASS_NAMES)
def test_a_generator_argument_is_consumed_so_successive_instances_differ(class_name, tmp_path):
    params = preset(class_name, "tiny")
    rng = np.random.default_rng(3)
    assert _written_hash(params, rng, tmp_path / "a.mps") != _written_hash(
        params, rng, tmp_path / "b.mps"
    )
    assert _written_hash(params, np.random.default_rng(3), tmp_path / "c.mps") == sha256_of(
        tmp_path / "a.mps"
    )


# --- solvability ----------------------------------------------------------------------------


def _solve(model: pyscipopt.Model, time_limit: float) -> tuple[str, float]:
    model.hideOutput()
    model.setParam("limits/time", time_limit)
    started = time.perf_counter()
    model.optimize()
    elapsed = time.perf_counter() - started
    status = model.getStatus()
    model.freeProb()
    return status, elapsed


@pytest.mark.parametrize("class_name", CLASS_NAMES)
def test_tiny_instances_solve_to_optimality(class_name):
    for seed in range(2):
        status, _ = _solve(preset(class_name, "tiny").generate(seed), time_limit=60)
        assert status == "optimal"


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("class_name", CLASS_NAMES)
def test_easy_instances_solve_within_minutes(class_name):
    status, elapsed = _solve(preset(class_name, "easy").generate(0), time_limit=300)
    print(f"{class_name} easy seed 0: {status} in {elapsed:.1f} s")
    assert status == "optimal"


# --- class-specific structure ---------------------------------------------------------------


def test_set_cover_covers_every_row_and_uses_every_column_twice():
    params = SetCover(n_rows=40, n_cols=90, density=0.1)
    rows_of_col, costs = params.sample_matrix(1)
    assert all(rows.size >= 2 and np.unique(rows).size == rows.size for rows in rows_of_col)
    assert np.unique(np.concatenate(rows_of_col)).size == params.n_rows
    assert sum(rows.size for rows in rows_of_col) == params.n_nonzeros
    assert costs.min() >= 1 and costs.max() <= params.max_coef


def test_set_cover_rejects_a_density_too_low_to_cover():
    with pytest.raises(ValueError, match="nonzeros"):
        SetCover(n_rows=100, n_cols=100, density=0.005)


def test_auction_bids_of_one_bidder_share_a_dummy_item():
    params = CombinatorialAuction(n_items=15, n_bids=80)
    bids, n_dummy = params.sample_bids(2)
    assert len(bids) == params.n_bids
    assert n_dummy > 0
    dummies = [items[-1] for items, _ in bids if items[-1] >= params.n_items]
    assert set(dummies) == set(range(params.n_items, params.n_items + n_dummy))
    for items, price in bids:
        real = [item for item in items if item < params.n_items]
        assert real == sorted(set(real)) and price >= 0
        assert sum(item >= params.n_items for item in items) <= 1


def test_auction_integer_prices_are_integral():
    bids, _ = CombinatorialAuction(n_items=10, n_bids=30, integers=True).sample_bids(0)
    assert all(float(price).is_integer() for _, price in bids)


@pytest.mark.parametrize("n_customers, n_facilities", [(12, 12), (13, 8), (8, 13)])
def test_facility_capacity_rows_hold_customer_demands_even_when_square(n_customers, n_facilities):
    """ecole's generator broke on n_customers == n_facilities; here a square instance is built
    right: capacity_j holds d_i on x_i_j (customer demands, not facility-indexed values)."""
    params = CapacitatedFacilityLocation(n_customers=n_customers, n_facilities=n_facilities)
    data = params.sample_data(5)
    assert data.transport_costs.shape == (n_customers, n_facilities)
    model = params.generate(5)
    coefficients = _coefficients(model)
    for j in range(n_facilities):
        row = coefficients[f"capacity_{j}"]
        assert [row[f"x_{i}_{j}"] for i in range(n_customers)] == data.demands.tolist()
        assert row[f"y_{j}"] == -data.capacities[j]
    objective = {v.name: v.getObj() for v in model.getVars()}
    assert objective["x_1_0"] == pytest.approx(data.transport_costs[1, 0])
    assert all(len(coefficients[f"demand_{i}"]) == n_facilities for i in range(n_customers))
    model.freeProb()
    status, _ = _solve(params.generate(5), time_limit=60)
    assert status == "optimal"


def test_facility_assignment_can_be_binary():
    model = CapacitatedFacilityLocation(
        n_customers=5, n_facilities=4, continuous_assignment=False
    ).generate(0)
    assert {v.vtype() for v in model.getVars()} == {"BINARY"}
    model.freeProb()


def test_greedy_clique_partition_on_a_known_graph():
    # A triangle 0-1-2 with a pendant 3 on node 2, and an isolated node 4.
    edges = np.array([[0, 1], [0, 2], [1, 2], [2, 3]])
    assert greedy_clique_partition(5, edges) == [[0, 1, 2], [3], [4]]


@pytest.mark.parametrize(
    "params",
    [
        IndependentSet(n_nodes=50, affinity=3),
        IndependentSet(n_nodes=40, graph_type="erdos_renyi", edge_probability=0.1),
    ],
)
def test_independent_set_constraints_forbid_exactly_the_edges(params):
    edges = {tuple(e) for e in params.sample_edges(11).tolist()}
    model = params.generate(11)
    groups = [sorted(int(name[1:]) for name in row) for row in _coefficients(model).values()]
    covered_pairs = {(u, v) for group in groups for u in group for v in group if u < v}
    assert covered_pairs == edges  # every edge forbidden, and no non-edge (each group is a clique)
    assert set().union(*map(set, groups)) == set(range(params.n_nodes))
    model.freeProb()
    status, _ = _solve(params.generate(11), time_limit=60)
    assert status == "optimal"


def test_barabasi_albert_graph_has_affinity_edges_per_new_node():
    edges = IndependentSet(n_nodes=30, affinity=4).sample_edges(0)
    assert edges.shape == (4 + (30 - 5) * 4, 2)
    assert len({tuple(e) for e in edges.tolist()}) == len(edges)
    assert (edges[:, 0] < edges[:, 1]).all()


def test_invalid_parameters_are_rejected():
    with pytest.raises(ValueError, match="graph_type"):
        IndependentSet(graph_type="watts_strogatz")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="affinity"):
        IndependentSet(n_nodes=4, affinity=4)
    with pytest.raises(ValueError, match="add_item_prob"):
        CombinatorialAuction(add_item_prob=1.5)
    with pytest.raises(ValueError, match="ratio"):
        CapacitatedFacilityLocation(ratio=0)


# --- parameter overrides --------------------------------------------------------------------


def test_override_params_converts_text_to_field_types():
    params = override_params(
        preset("facilities", "tiny"),
        {"n_customers": "7", "ratio": "2.5", "continuous_assignment": "false"},
    )
    assert (params.n_customers, params.ratio, params.continuous_assignment) == (7, 2.5, False)
    assert (
        override_params(preset("indset", "tiny"), {"graph_type": "erdos_renyi"}).graph_type
        == "erdos_renyi"
    )
    with pytest.raises(ValueError, match="no parameter 'rows'.*n_rows"):
        override_params(preset("setcover", "tiny"), {"rows": "5"})
    with pytest.raises(ValueError, match="must be an integer"):
        override_params(preset("setcover", "tiny"), {"n_rows": "many"})
    with pytest.raises(ValueError, match="graph_type"):
        override_params(preset("indset", "tiny"), {"graph_type": "grid"})


# --- batches --------------------------------------------------------------------------------


def test_instance_seed_does_not_depend_on_the_batch_size():
    children = np.random.SeedSequence(42).spawn(5)
    assert instance_seed(42, 3) == int(children[3].generate_state(1, dtype=np.uint64)[0])
    assert len({instance_seed(42, i) for i in range(5)}) == 5


def test_generate_instances_writes_files_and_a_manifest(tmp_path):
    params = preset("setcover", "tiny")
    paths = generate_instances("setcover", params, 3, 42, tmp_path, command=["test"])
    assert [p.name for p in paths] == [f"setcover_tiny_seed42_{i:05d}.mps" for i in range(3)]
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert manifest["class"] == "setcover"
    assert manifest["parameters"] == dataclasses.asdict(params)
    assert manifest["master_seed"] == 42
    assert manifest["command"] == ["test"]
    assert {"numpy", "pyscipopt", "scip", "python"} <= set(manifest["library_versions"])
    for record, path in zip(manifest["instances"], paths, strict=True):
        assert record["file"] == path.name
        assert record["sha256"] == sha256_of(path)
        assert record["seed"] == instance_seed(42, record["index"])
    # Instance 2 is reproducible alone from its recorded seed.
    assert _written_hash(
        params, manifest["instances"][2]["seed"], tmp_path / "alone.mps"
    ) == sha256_of(paths[2])


def test_generate_instances_is_idempotent_and_extends_a_batch(tmp_path):
    params = preset("indset", "tiny")
    first = generate_instances("indset", params, 2, 0, tmp_path, command=["test"])
    stamps = [p.stat().st_mtime_ns for p in first]
    hashes = [sha256_of(p) for p in first]
    more = generate_instances("indset", params, 3, 0, tmp_path, command=["test"])
    assert more[:2] == first
    assert [p.stat().st_mtime_ns for p in first] == stamps
    assert [sha256_of(p) for p in first] == hashes
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert [r["index"] for r in manifest["instances"]] == [0, 1, 2]
    # A damaged file is rewritten with the right bytes.
    first[0].write_text("garbage")
    generate_instances("indset", params, 3, 0, tmp_path, command=["test"])
    assert sha256_of(first[0]) == hashes[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary leftovers


def test_generate_instances_refuses_to_mix_batches(tmp_path):
    generate_instances("setcover", preset("setcover", "tiny"), 1, 0, tmp_path, command=["test"])
    with pytest.raises(BatchMismatchError, match="another batch"):
        generate_instances("setcover", preset("setcover", "tiny"), 1, 1, tmp_path, command=["test"])


def test_custom_parameters_get_a_label_that_names_them(tmp_path):
    params = dataclasses.replace(preset("cauctions", "tiny"), n_bids=40)
    (path,) = generate_instances("cauctions", params, 1, 0, tmp_path, command=["test"])
    assert re.fullmatch(r"cauctions_custom-[0-9a-f]{8}_seed0_00000\.mps", path.name)
    with pytest.raises(ValueError, match="needs SetCover parameters"):
        generate_instances("setcover", params, 1, 0, tmp_path / "other")


# --- the shipped example --------------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "instances" / "examples" / "setcover.mps"
EXAMPLE_SHA256 = "e9a1e7845909e2ce0ffd0c9a908c9bbfc5b615fffb2730b894db254a8a9e46b5"


def test_shipped_example_is_a_300_by_500_set_cover():
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(EXAMPLE))
    assert (model.getNVars(), model.getNConss()) == (500, 300)
    assert sum(len(c) for c in _coefficients(model).values()) == 7500
    model.freeProb()


@pytest.mark.skipif(np.__version__ != "2.4.6", reason="the example was drawn with numpy 2.4.6")
def test_shipped_example_is_what_the_recorded_command_makes(tmp_path):
    """instances/examples/README.md: SetCover(300, 500) with the seed of instance 0 of seed 0."""
    assert sha256_of(EXAMPLE) == EXAMPLE_SHA256
    params = SetCover(n_rows=300, n_cols=500, density=0.05)
    assert _written_hash(params, instance_seed(0, 0), tmp_path / "example.mps") == EXAMPLE_SHA256
