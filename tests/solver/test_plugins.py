import gc
import logging
import shutil
import weakref
from pathlib import Path

import pyscipopt
import pytest
import torch

from instances.generators import SetCover, preset
from solver.plugins import (
    DEFAULT_MODEL_SET,
    LearnedModelError,
    include_learned_plugins,
    match_model_set,
    resolve_model_set,
    shipped_model_sets,
)


def _instance(seed: int = 5):
    model = SetCover(n_rows=80, n_cols=160, density=0.08).generate(seed)
    model.hideOutput()
    # Make the tree non-trivial so that the branching rule is asked.
    model.setParam("presolving/maxrounds", 0)
    model.setParam("separating/maxrounds", 0)
    model.setParam("separating/maxroundsroot", 0)
    return model


@pytest.fixture
def both_components(tmp_path: Path) -> Path:
    """The shipped set cover set with both components enabled (it ships without diving)."""
    folder = tmp_path / "setcover"
    shutil.copytree(resolve_model_set("setcover").branching.path.parent, folder)
    manifest = folder / "modelset.toml"
    manifest.write_text(manifest.read_text().replace("enabled = false", "enabled = true"))
    return folder


def test_the_default_shipped_set_has_both_components():
    sets = shipped_model_sets()
    assert DEFAULT_MODEL_SET in sets
    default = resolve_model_set(None)
    assert default.branching is not None and default.branching.path.is_file()
    assert default.diving is not None and default.diving.path.is_file()


def test_learned_plugins_reach_the_same_optimum_as_scip(both_components: Path):
    reference = _instance()
    reference.optimize()
    learned = _instance()
    plugins = include_learned_plugins(learned, model_path=both_components)
    learned.optimize()
    assert learned.getStatus() == reference.getStatus() == "optimal"
    assert learned.getObjVal() == pytest.approx(reference.getObjVal(), rel=1e-9)
    assert plugins.branching is not None and plugins.diving is not None
    assert plugins.diving.stats.n_calls >= 1


def test_the_learned_rule_branches_and_keeps_the_optimum():
    reference = _instance()
    reference.optimize()
    learned = _instance()
    plugins = include_learned_plugins(learned, diving=False)
    learned.optimize()
    assert learned.getObjVal() == pytest.approx(reference.getObjVal(), rel=1e-9)
    assert plugins.branching.n_branched > 0
    assert plugins.branching.n_fallbacks == 0


def test_components_can_be_left_out(both_components: Path):
    model = _instance()
    plugins = include_learned_plugins(model, branching=False, model_path=both_components)
    assert plugins.branching is None and plugins.diving is not None
    assert include_learned_plugins(_instance(), branching=False, diving=False).branching is None


def test_one_checkpoint_file_drives_only_its_component():
    shipped = resolve_model_set(None)
    plugins = include_learned_plugins(_instance(), model_path=shipped.diving.path)
    assert plugins.branching is None and plugins.diving is not None
    plugins = include_learned_plugins(_instance(), model_path=shipped.branching.path)
    assert plugins.branching is not None and plugins.diving is None


@pytest.mark.parametrize("content", [b"", b"not a checkpoint at all", b"PK\x03\x04truncated"])
def test_bad_model_files_fail_at_load_time_with_one_line(tmp_path, content):
    bad = tmp_path / "model.pt"
    bad.write_bytes(content)
    with pytest.raises(LearnedModelError) as caught:
        include_learned_plugins(_instance(), model_path=bad)
    message = str(caught.value)
    assert "\n" not in message and str(bad) in message


def test_unknown_model_name_lists_the_shipped_sets(tmp_path):
    with pytest.raises(LearnedModelError, match="shipped: .*setcover"):
        include_learned_plugins(_instance(), model_path="no-such-model")
    with pytest.raises(LearnedModelError, match="holds no modelset.toml and no checkpoint"):
        include_learned_plugins(_instance(), model_path=tmp_path)


def test_plugins_are_freed_with_their_model(both_components: Path):
    model = _instance()
    plugins = include_learned_plugins(model, model_path=both_components)
    model.optimize()
    rule, heuristic = weakref.ref(plugins.branching), weakref.ref(plugins.diving)
    del plugins
    model.free()
    del model
    gc.collect()
    assert rule() is None and heuristic() is None


def test_torch_runs_one_thread_unless_told_otherwise():
    import torch

    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        include_learned_plugins(
            _instance(), diving=False, torch_threads=None
        ).branching.model.free()
        assert torch.get_num_threads() == 2
        include_learned_plugins(_instance(), diving=False).branching.model.free()
        assert torch.get_num_threads() == 1
        with pytest.raises(ValueError, match="torch_threads"):
            include_learned_plugins(_instance(), torch_threads=0)
    finally:
        torch.set_num_threads(before)


# --- training domains --------------------------------------------------------------------


def _foreign_instance():
    """A small knapsack-and-flow MIP with general integers: like no generated class."""
    model = pyscipopt.Model()
    model.hideOutput()
    amounts = [model.addVar(f"n{i}", vtype="I", ub=9, obj=-(i + 1)) for i in range(6)]
    flows = [model.addVar(f"f{i}", vtype="C", ub=4) for i in range(6)]
    model.addCons(pyscipopt.quicksum((i + 3) * n for i, n in enumerate(amounts)) <= 40)
    for n, f in zip(amounts, flows, strict=True):
        model.addCons(f == 0.5 * n)
    return model


@pytest.mark.parametrize("class_name", ["setcover", "cauctions", "facilities", "indset"])
def test_each_class_gets_its_own_shipped_set(class_name: str) -> None:
    model = preset(class_name, "tiny").generate(11)
    models, reason = match_model_set(model)
    assert models is not None and models.name == class_name and reason == ""
    plugins = include_learned_plugins(model)
    assert plugins.model_set == class_name
    for kind in ("branching", "diving"):
        if models.component(kind).enabled:
            assert getattr(plugins, kind) is not None and kind not in plugins.declined
        else:
            assert getattr(plugins, kind) is None
            assert plugins.declined[kind].startswith(f"disabled in {class_name}: ")


def test_an_instance_unlike_every_class_is_left_to_scip(caplog) -> None:
    reference = _foreign_instance()
    reference.optimize()
    model = _foreign_instance()
    with caplog.at_level(logging.WARNING, logger="solver.plugins"):
        plugins = include_learned_plugins(model)
    assert plugins.branching is None and plugins.diving is None and plugins.model_set is None
    assert set(plugins.declined) == {"branching", "diving"}
    assert "no shipped model was trained on instances like this one" in plugins.describe()
    assert len(caplog.records) == 2
    model.optimize()
    assert model.getObjVal() == pytest.approx(reference.getObjVal())


def test_a_named_model_is_left_out_outside_its_domain_unless_forced(
    both_components: Path,
) -> None:
    plugins = include_learned_plugins(_foreign_instance(), model_path=both_components)
    assert plugins.branching is None and plugins.diving is None
    assert (
        "setcover/branching.pt was trained on instances unlike this one"
        in (plugins.declined["branching"])
    )
    assert "binary variables 0.00 outside [1.00, 1.00]" in plugins.declined["branching"]
    forced = include_learned_plugins(
        _foreign_instance(), model_path=both_components, check_domain=False
    )
    assert forced.branching is not None and forced.diving is not None
    assert forced.declined == {} and forced.describe() == "setcover: branching, diving"


def test_a_checkpoint_without_a_domain_is_refused_unless_forced(tmp_path) -> None:
    shipped = resolve_model_set("setcover").branching.path
    payload = torch.load(shipped, weights_only=True)
    payload["domain"] = None
    bare = tmp_path / "bare.pt"
    torch.save(payload, bare)
    with pytest.raises(LearnedModelError, match="records no training domain") as caught:
        include_learned_plugins(_foreign_instance(), model_path=bare)
    message = str(caught.value)
    assert "\n" not in message and "--any-instance" in message and "neuralmip domain" in message
    plugins = include_learned_plugins(_foreign_instance(), model_path=bare, check_domain=False)
    assert plugins.branching is not None and plugins.declined == {}


# --- per-set settings --------------------------------------------------------------------


def test_shipped_sets_use_the_settings_their_manifest_gives() -> None:
    from solver.branching import BranchingRuleConfig
    from solver.diving import NeuralDivingConfig

    sets = shipped_model_sets()
    assert set(sets) == {"setcover", "cauctions", "facilities", "indset"}
    assert sets["setcover"].branching.settings == {"max_depth": 4, "deep_rule": "pscost"}
    assert sets["facilities"].diving.settings == {"refine_calls": 3}
    assert sets["cauctions"].branching.settings == {} == sets["indset"].diving.settings
    configs = {"branching": BranchingRuleConfig, "diving": NeuralDivingConfig}
    for name, models in sets.items():
        model = preset(name, "tiny").generate(2)
        plugins = include_learned_plugins(model)
        assert plugins.model_set == name
        assert {key: model.getParam(key) for key in models.scip_params} == models.scip_params
        for kind, config in configs.items():
            component, included = models.component(kind), getattr(plugins, kind)
            if component.enabled:
                assert included.config == config(**component.settings)
            else:
                assert included is None and kind in plugins.declined


def test_a_checkpoint_of_ones_own_gets_the_default_settings(tmp_path) -> None:
    from solver.branching import BranchingRuleConfig
    from solver.diving import NeuralDivingConfig

    own = tmp_path / "mine.pt"
    own.write_bytes(resolve_model_set("facilities").branching.path.read_bytes())
    facility = preset("facilities", "tiny").generate(2)
    assert include_learned_plugins(facility, model_path=own).branching.config == (
        BranchingRuleConfig()
    )
    own.write_bytes(resolve_model_set("setcover").diving.path.read_bytes())
    assert include_learned_plugins(_instance(), model_path=own).diving.config == (
        NeuralDivingConfig()
    )


def test_overrides_change_only_their_fields_of_the_sets_settings(both_components: Path) -> None:
    import dataclasses

    instance = preset("setcover", "tiny").generate(2)
    shipped = include_learned_plugins(instance, model_path=both_components)
    branching_overrides = {"shortlist_size": 4, "shortlist_reductions": True}
    diving_overrides = {"coverages": (0.9, 0.7), "submip_node_limit": 50}
    plugins = include_learned_plugins(
        preset("setcover", "tiny").generate(2),
        model_path=both_components,
        branching_overrides=branching_overrides,
        diving_overrides=diving_overrides,
    )
    assert plugins.branching.config == dataclasses.replace(
        shipped.branching.config, **branching_overrides
    )
    assert plugins.diving.config == dataclasses.replace(shipped.diving.config, **diving_overrides)
    with pytest.raises(LearnedModelError, match="unknown branching settings no_such_field"):
        include_learned_plugins(_instance(), branching_overrides={"no_such_field": 1})


def test_an_instance_that_cannot_be_profiled_is_left_to_scip(monkeypatch) -> None:
    import instances.profile

    def broken(model):
        raise RuntimeError("odd model")

    monkeypatch.setattr(instances.profile, "instance_profile", broken)
    for spec in (None, "setcover"):
        plugins = include_learned_plugins(_instance(), model_path=spec)
        assert plugins.branching is None and plugins.diving is None
        assert "could not be profiled (RuntimeError: odd model)" in plugins.declined["branching"]


@pytest.fixture
def settings_alone(tmp_path: Path) -> Path:
    """The shipped set cover set with both components disabled, as a fit writes a set whose
    SCIP settings paid and whose models did not (settings: no restarts, cuts at the root only)."""
    folder = tmp_path / "settings-alone"
    shutil.copytree(resolve_model_set("setcover").branching.path.parent, folder)
    manifest = folder / "modelset.toml"
    manifest.write_text(manifest.read_text().replace("enabled = true", "enabled = false"))
    return folder


def test_a_set_that_disables_its_models_applies_its_settings_inside_its_domain(
    settings_alone: Path,
) -> None:
    model = SetCover(n_rows=80, n_cols=160, density=0.08).generate(5)
    model.hideOutput()
    plugins = include_learned_plugins(model, model_path=settings_alone)
    assert plugins.branching is None and plugins.diving is None
    assert plugins.model_set == "setcover" and "settings" not in plugins.declined
    assert dict(plugins.scip_params) == {"separating/maxrounds": 0, "presolving/maxrestarts": 0}
    assert model.getParam("separating/maxrounds") == 0
    assert model.getParam("presolving/maxrestarts") == 0
    assert plugins.describe().startswith(
        "setcover: its SCIP settings alone (separating/maxrounds = 0, presolving/maxrestarts = 0)"
        "; branching declined: disabled in"
    )


def test_a_set_that_disables_its_models_leaves_a_foreign_instance_alone(
    settings_alone: Path,
) -> None:
    model = _foreign_instance()
    plugins = include_learned_plugins(model, model_path=settings_alone)
    assert plugins.model_set is None and not plugins.scip_params
    assert "setcover was fitted on instances unlike this one" in plugins.declined["settings"]
    assert model.getParam("separating/maxrounds") == -1
    assert model.getParam("presolving/maxrestarts") == -1
    forced = _foreign_instance()
    plugins = include_learned_plugins(forced, model_path=settings_alone, check_domain=False)
    assert plugins.model_set == "setcover" and forced.getParam("presolving/maxrestarts") == 0


def test_settings_go_with_components_declined_by_their_domain(both_components: Path) -> None:
    model = _foreign_instance()
    plugins = include_learned_plugins(model, model_path=both_components)
    assert set(plugins.declined) == {"branching", "diving"} and not plugins.scip_params
    assert model.getParam("presolving/maxrestarts") == -1


def test_a_rule_above_its_max_variables_is_declined_in_the_summary_and_branches_nowhere() -> None:
    # The shipped independent set set caps its rule (trained at 500 variables) at 750.
    assert shipped_model_sets()["indset"].branching.settings["max_variables"] == 750
    instance = preset("indset", "tiny").generate(2)
    instance.hideOutput()
    plugins = include_learned_plugins(
        instance, diving=False, branching_overrides={"max_variables": 1}
    )
    assert plugins.describe() == "indset: branching"  # before the solve nothing is known
    instance.optimize()
    assert instance.getStatus() == "optimal"
    assert plugins.branching.n_branched == 0
    n_variables = instance.getNVars()
    assert plugins.describe() == (
        "indset: its SCIP settings alone (separating/maxrounds = 0, presolving/maxrestarts = 0); "
        f"branching declined: the presolved problem has {n_variables} variables, more than the "
        "rule's max_variables (1)"
    )
