"""solver.ecole's root names, data-function composition, scip.Model and instance generators."""

from __future__ import annotations

import copy
import pickle

import pyscipopt
import pytest

from instances.errors import InstanceError
from instances.generators import SetCover
from solver import ecole
from solver.ecole import data
from solver.settings import ScipParamError

SMALL_SET_COVER = {"n_rows": 60, "n_cols": 120, "density": 0.1}


# -- seeding and random generators ----------------------------------------------------------


def test_random_generator_is_reproducible_and_in_range() -> None:
    a, b = ecole.RandomGenerator(7), ecole.RandomGenerator(7)
    draws = [a() for _ in range(50)]
    assert draws == [b() for _ in range(50)]
    assert all(ecole.RandomGenerator.min_seed <= d <= ecole.RandomGenerator.max_seed for d in draws)
    assert len(set(draws)) > 45
    assert ecole.RandomGenerator(8)() != ecole.RandomGenerator(7)()


def test_random_generator_equality_copy_pickle_and_discard() -> None:
    a = ecole.RandomGenerator(3)
    a()
    b = copy.copy(a)
    c = pickle.loads(pickle.dumps(a))
    assert a == b == c
    expected = a()
    assert b() == expected and c() == expected
    d = ecole.RandomGenerator(3)
    d.discard(2)
    e = ecole.RandomGenerator(3)
    e(), e()
    assert d == e and d() == e()
    with pytest.raises(ValueError):
        ecole.RandomGenerator(-1)


def test_global_seed_makes_spawned_generators_reproducible() -> None:
    ecole.seed(123)
    first = [ecole.spawn_random_generator()() for _ in range(3)]
    ecole.seed(123)
    again = [ecole.spawn_random_generator()() for _ in range(3)]
    assert first == again
    assert len(set(first)) == 3  # spawning advances the global source


def test_default_marker_and_old_names() -> None:
    assert ecole.Default == "default" and ecole.Default == ecole.Default
    assert ecole.Default != "something"
    assert ecole.RandomEngine is ecole.RandomGenerator
    assert ecole.instances is ecole.instance


# -- data function composition -------------------------------------------------------------


class _Counter:
    """A data function counting its calls (a real function of the protocol, not a mock)."""

    def __init__(self) -> None:
        self.resets = 0
        self.extracts = 0

    def before_reset(self, model: object) -> None:
        self.resets += 1

    def extract(self, model: object, done: bool) -> int:
        self.extracts += 1
        return self.extracts


def test_parse_composes_tuples_lists_dicts_constants_and_none() -> None:
    counter = _Counter()
    function = data.parse({"a": (counter, None, 2.5), "b": [counter]}, None)
    function.before_reset(None)
    assert counter.resets == 2
    assert function.extract(None, False) == {"a": (1, None, 2.5), "b": [2]}


def test_parse_default_needs_a_default_and_rejects_other_objects() -> None:
    counter = _Counter()
    assert data.parse("default", counter) is counter
    assert data.parse(ecole.Default, counter) is counter
    with pytest.raises(ValueError, match="default"):
        data.parse("default", None)
    with pytest.raises(ValueError, match="unknown data function"):
        data.parse("NodeBipartite", counter)
    with pytest.raises(TypeError, match="not a data function"):
        data.parse(object(), counter)


# -- scip.Model ----------------------------------------------------------------------------


def test_model_round_trips_files_and_pyscipopt(tmp_path) -> None:
    source = SetCover(**SMALL_SET_COVER).generate(0)
    model = ecole.scip.Model.from_pyscipopt(source)
    assert model.as_pyscipopt() is source
    assert model.stage == ecole.scip.Stage.Problem
    path = tmp_path / "instance.lp"
    model.write_problem(path)
    again = ecole.scip.Model.from_file(path)
    assert again.as_pyscipopt().getNVars() == 120
    assert again.as_pyscipopt().getNConss() == 60
    copied = again.copy_orig()
    assert copied != again and copied.as_pyscipopt().getNVars() == 120
    for m in (model, again, copied):
        m.free()
    with pytest.raises(ecole.scip.ScipError, match="freed"):
        model.as_pyscipopt()


def test_model_parameters_and_solving() -> None:
    model = ecole.scip.Model.from_pyscipopt(SetCover(**SMALL_SET_COVER).generate(1))
    model.set_param("limits/time", 30.0)
    model.set_params({"separating/maxrounds": 0, "branching/scorefunc": "s"})
    assert model.get_param("limits/time") == 30.0
    assert model.get_params()["branching/scorefunc"] == "s"
    with pytest.raises(ScipParamError, match="limits/tim"):
        model.set_param("limits/tim", 1.0)
    assert not model.is_solved
    model.solve()
    assert model.is_solved
    assert model.primal_bound == pytest.approx(model.dual_bound)
    model.free()


def test_model_from_a_bad_file_is_one_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.mps"
    bad.write_text("this is not an MPS file\n")
    with pytest.raises(InstanceError, match="bad.mps"):
        ecole.scip.Model.from_file(bad)


# -- instance generators -------------------------------------------------------------------


GENERATOR_DEFAULTS = {
    ecole.instance.SetCoverGenerator: {
        "n_rows": 500,
        "n_cols": 1000,
        "density": 0.05,
        "max_coef": 100,
    },
    ecole.instance.CombinatorialAuctionGenerator: {
        "n_items": 100,
        "n_bids": 500,
        "min_value": 1,
        "max_value": 100,
        "value_deviation": 0.5,
        "add_item_prob": 0.9,
        "max_n_sub_bids": 5,
        "additivity": 0.2,
        "budget_factor": 1.5,
        "resale_factor": 0.5,
        "integers": False,
        "warnings": False,
    },
    ecole.instance.CapacitatedFacilityLocationGenerator: {
        "n_customers": 100,
        "n_facilities": 100,
        "continuous_assignment": True,
        "ratio": 5.0,
    },
    ecole.instance.IndependentSetGenerator: {
        "n_nodes": 500,
        "edge_probability": 0.25,
        "affinity": 4,
        "graph_type": "barabasi_albert",
    },
}


@pytest.mark.parametrize("generator_class", list(GENERATOR_DEFAULTS))
def test_generators_have_ecoles_parameter_names_and_defaults(generator_class: type) -> None:
    generator = generator_class()
    for name, value in GENERATOR_DEFAULTS[generator_class].items():
        assert getattr(generator, name) == value


SMALL = {
    ecole.instance.SetCoverGenerator: SMALL_SET_COVER,
    ecole.instance.CombinatorialAuctionGenerator: {"n_items": 20, "n_bids": 40},
    ecole.instance.CapacitatedFacilityLocationGenerator: {"n_customers": 10, "n_facilities": 5},
    ecole.instance.IndependentSetGenerator: {"n_nodes": 40, "affinity": 3},
}


def _problem_text(model: ecole.scip.Model, path) -> str:
    model.write_problem(path)
    return path.read_text()


@pytest.mark.parametrize("generator_class", list(SMALL))
def test_generators_are_seeded_infinite_iterators_of_models(
    generator_class: type, tmp_path
) -> None:
    a = generator_class(**SMALL[generator_class])
    b = generator_class(**SMALL[generator_class])
    a.seed(809)
    b.seed(809)
    first_a, second_a = next(a), next(a)
    first_b = next(iter(b))
    assert isinstance(first_a, ecole.scip.Model)
    assert isinstance(first_a.as_pyscipopt(), pyscipopt.Model)
    text = _problem_text(first_a, tmp_path / "a.lp")
    assert text == _problem_text(first_b, tmp_path / "b.lp")
    assert text != _problem_text(second_a, tmp_path / "c.lp")


def test_generators_share_the_project_generators_code(tmp_path) -> None:
    generator = ecole.instance.SetCoverGenerator(**SMALL_SET_COVER)
    generator.seed(5)
    seed = ecole.RandomGenerator(5)()
    expected = SetCover(**SMALL_SET_COVER).generate(seed)
    assert _problem_text(next(generator), tmp_path / "a.lp") == _problem_text(
        ecole.scip.Model(expected), tmp_path / "b.lp"
    )


def test_generate_instance_and_old_keywords() -> None:
    rng = ecole.RandomGenerator(1)
    model = ecole.instance.SetCoverGenerator.generate_instance(60, 120, 0.1, rng=rng)
    assert model.as_pyscipopt().getNVars() == 120
    generator = ecole.instance.SetCoverGenerator(
        n_rows=60, n_cols=100, density=0.1, random_engine=ecole.RandomEngine(2)
    )
    assert next(generator).as_pyscipopt().getNConss() == 60
    with pytest.raises(TypeError):
        ecole.instance.SetCoverGenerator(n_row=10)
    with pytest.raises(ValueError):
        ecole.instance.SetCoverGenerator(density=2.0)


def test_write_problem_writes_a_file_scip_reads(tmp_path) -> None:
    generator = ecole.instance.IndependentSetGenerator(n_nodes=30, affinity=2)
    path = tmp_path / "folder" / "indset.mps"
    next(generator).write_problem(path)
    reread = ecole.scip.Model.from_file(path)
    assert reread.as_pyscipopt().getNVars() == 30
    # Before solving, the bounds are SCIP's infinities (and reading them must not crash).
    # Independent set maximises: the primal bound starts at minus infinity.
    assert reread.as_pyscipopt().getObjectiveSense() == "maximize"
    assert -reread.primal_bound == reread.dual_bound == reread.as_pyscipopt().infinity()
