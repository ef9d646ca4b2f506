"""Writing a fitted model set: the shipped sets' format, read by ``solve`` and the plugins."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from experiments.fit.evaluate import LEARNED_NAME, SETTINGS_ONLY_NAME, evaluate_test
from experiments.fit.gate import ComponentDecision, GateDecision
from experiments.fit.write import write_model_set
from solver.modelset import read_model_set
from solver.plugins import SHIPPED_MODELS_DIR

SHIPPED = SHIPPED_MODELS_DIR / "setcover"
REPO = Path(__file__).resolve().parents[2]

DECISION = GateDecision(
    branching=ComponentDecision(
        "branching",
        True,
        "kept: learned to depth 4: 0.81 of SCIP's default time on 6 validation runs",
        {"max_depth": 4, "deep_rule": "pscost"},
        "branching/depth-4/no-restarts",
    ),
    diving=ComponentDecision("diving", False, "left out: the best candidate, the dive: 1.12"),
    scip_params={"presolving/maxrestarts": 0},
    reason="kept branching",
)


@pytest.fixture(scope="module")
def tiny_instances(tmp_path_factory) -> list[Path]:
    from instances.generators import generate_instances, preset

    folder = tmp_path_factory.mktemp("tiny")
    return generate_instances("setcover", preset("setcover", "tiny"), 2, 0, folder)


def fit_context(out: Path, instances: list[Path], checkpoints: dict[str, Path]):
    """A stand-in for the fit's context with the agreed attributes (``instances`` in every
    split)."""
    (out / "fit").mkdir(parents=True, exist_ok=True)
    return types.SimpleNamespace(
        config=types.SimpleNamespace(seed=7, workers=2, ray=None),
        out=out,
        work=out / "fit",
        split=types.SimpleNamespace(
            train=tuple(instances), valid=tuple(instances), test=tuple(instances)
        ),
        baseline=types.SimpleNamespace(time_cap=5.0, usable=tuple(instances)),
        catalog=None,
        command="neuralmip fit instances --out modelset",
        checkpoints=checkpoints,
        log=lambda line: None,
    )


CHECKPOINTS = {"branching": SHIPPED / "branching.pt", "diving": SHIPPED / "diving.pt"}


@pytest.fixture(scope="module")
def written(tmp_path_factory, tiny_instances) -> Path:
    out = tmp_path_factory.mktemp("fitted") / "myfamily"
    ctx = fit_context(out, tiny_instances, CHECKPOINTS)
    assert write_model_set(ctx, DECISION) == out / "modelset.toml"
    return out


def test_the_set_holds_the_gates_decisions_settings_and_domains(written):
    models = read_model_set(written)
    assert models.name == "myfamily"
    assert dict(models.scip_params) == {"presolving/maxrestarts": 0}
    assert models.branching.enabled and models.branching.why == DECISION.branching.why
    assert dict(models.branching.settings) == {"max_depth": 4, "deep_rule": "pscost"}
    assert not models.diving.enabled and models.diving.why == DECISION.diving.why
    assert models.branching.domain is not None and models.diving.domain is not None
    for name in ("branching.pt", "branching.json", "diving.pt", "diving.json"):
        assert (written / name).is_file(), name
    assert models.branching.path == written / "branching.pt"
    assert models.provenance["seed"] == 7
    assert models.provenance["command"] == "neuralmip fit instances --out modelset"
    assert {"created", "commit", "versions"} <= set(models.provenance)


def test_include_learned_plugins_uses_the_set_as_written(written, tiny_instances):
    from instances.reading import read_instance
    from solver.plugins import include_learned_plugins

    model = read_instance(tiny_instances[0])
    try:
        plugins = include_learned_plugins(model, model_path=written)
        assert plugins.branching is not None and plugins.diving is None
        assert plugins.branching.config.max_depth == 4
        assert "disabled in myfamily" in plugins.declined["diving"]
        assert model.getParam("presolving/maxrestarts") == 0
    finally:
        model.freeProb()


def test_solve_learned_model_reads_the_set(written, tiny_instances):
    command = [sys.executable, "-m", "solver.cli", str(tiny_instances[0])]
    command += ["--learned", "--model", str(written)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "myfamily: branching" in done.stdout


def test_a_checkpoint_without_a_domain_gets_the_training_instances(tmp_path, tiny_instances):
    import torch

    bare = tmp_path / "bare.pt"
    payload = torch.load(SHIPPED / "branching.pt", map_location="cpu", weights_only=True)
    payload["domain"] = None
    torch.save(payload, bare)
    out = tmp_path / "fitted"
    ctx = fit_context(out, tiny_instances, {"branching": bare})
    decision = GateDecision(DECISION.branching, ComponentDecision("diving", False, "untrained"))
    write_model_set(ctx, decision)
    models = read_model_set(out)
    assert models.diving is None
    assert models.branching.domain is not None
    assert models.branching.domain.n_instances == len(tiny_instances)


def test_the_test_stage_runs_the_set_as_solve_learned_does(written, tiny_instances):
    ctx = fit_context(written, tiny_instances, CHECKPOINTS)
    result = evaluate_test(ctx, seconds=120.0)
    assert result.instances == 2 and result.note == ""
    learned = result.comparison(LEARNED_NAME)
    assert learned.runs == 2 and learned.errors == 0
    assert learned.branching_runs == 2 and learned.diving_runs == 0  # diving is disabled
    alone = result.comparison(SETTINGS_ONLY_NAME)  # the set's SCIP parameters, no model
    assert alone.branching_runs == 0 and alone.time_ratio is not None
    assert (written / result.folder / "results.jsonl").is_file()


def test_the_test_stage_fits_its_budget_and_skips_a_set_that_adds_nothing(tmp_path, tiny_instances):
    out = tmp_path / "nothing"
    ctx = fit_context(out, tiny_instances, CHECKPOINTS)
    off = ComponentDecision("branching", False, "left out"), ComponentDecision("diving", False, "")
    write_model_set(ctx, GateDecision(*off))
    result = evaluate_test(ctx, seconds=120.0)
    assert result.instances == 0 and "enables no component" in result.note
    write_model_set(ctx, DECISION)
    result = evaluate_test(ctx, seconds=5.0)  # 3 configurations at 5 s: not one instance
    assert result.instances == 0 and "allowed 0 of the 2" in result.note
