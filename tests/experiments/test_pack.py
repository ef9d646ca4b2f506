"""``neuralmip pack``: model sets made and edited from checkpoints, read back as a solve reads
them; bad input is one line, exit 2, and leaves the set as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyscipopt
import pytest
import torch

from experiments.cli import EXIT_BAD_INPUT, EXIT_OK, main
from gnn.checkpoint import save_checkpoint
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.models import HybridPolicy
from instances.generators import generate_instances, preset
from solver.modelset import read_model_set
from solver.plugins import SHIPPED_MODELS_DIR, include_learned_plugins

SHIPPED = SHIPPED_MODELS_DIR / "setcover"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pack(*args: object) -> int:
    return main(["pack", *map(str, args)])


@pytest.fixture()
def packed(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    code = _pack(
        folder,
        "--branching", SHIPPED / "branching.pt",
        "--scip-param", "presolving/maxrestarts=0",
        "--branching-param", "max_depth=4",
        "--why", "branching=0.8 of the default on validation",
    )  # fmt: skip
    assert code == EXIT_OK
    return folder


def test_a_new_set_holds_the_checkpoint_its_settings_and_its_domain(packed: Path, capsys):
    assert _pack(packed) == EXIT_OK  # nothing given: the set rewritten as it is
    assert capsys.readouterr().out.splitlines()[1].split() == [
        "branching:", "branching.pt,", "enabled,", "settings:", "max_depth=4",
    ]  # fmt: skip
    models = read_model_set(packed)
    assert models.name == "mine" and models.diving is None
    assert dict(models.scip_params) == {"presolving/maxrestarts": 0}
    branching = models.branching
    assert branching.enabled and branching.why == "0.8 of the default on validation"
    assert dict(branching.settings) == {"max_depth": 4}
    assert _sha(branching.path) == _sha(SHIPPED / "branching.pt")
    assert (packed / "branching.json").read_text() == (SHIPPED / "branching.json").read_text()
    assert branching.domain == read_model_set(SHIPPED).branching.domain
    assert models.provenance["command"].startswith("neuralmip pack ")


def test_a_solve_runs_under_the_packed_settings(packed: Path, tmp_path: Path):
    (instance,) = generate_instances("setcover", preset("setcover", "tiny"), 1, 0, tmp_path)
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(instance))
    plugins = include_learned_plugins(model, model_path=packed, check_domain=False)
    assert plugins.branching is not None and plugins.diving is None
    assert plugins.branching.config.max_depth == 4
    assert model.getParam("presolving/maxrestarts") == 0


def test_an_edit_keeps_what_it_does_not_name(packed: Path):
    before = read_model_set(packed)
    assert _pack(packed, "--diving", SHIPPED / "diving.pt", "--disable", "diving") == EXIT_OK
    after = read_model_set(packed)
    assert not after.diving.enabled and after.diving.domain is not None
    assert after.branching == before.branching and after.scip_params == before.scip_params
    # A new branching checkpoint replaces the file and keeps the component's settings and why;
    # a record of the old checkpoint does not survive a checkpoint that has none.
    other = packed.parent / "other.pt"
    shutil.copy2(SHIPPED_MODELS_DIR / "cauctions" / "branching.pt", other)
    assert _pack(packed, "--branching", other, "--branching-param", "deep_rule=pscost") == 0
    again = read_model_set(packed)
    assert _sha(again.branching.path) == _sha(other)
    assert not (packed / "branching.json").exists()
    assert dict(again.branching.settings) == {"max_depth": 4, "deep_rule": "pscost"}
    assert again.branching.why == before.branching.why
    assert again.branching.domain == read_model_set(other).branching.domain


def test_repacking_a_shipped_set_changes_only_its_provenance(tmp_path: Path):
    for name in ("setcover", "indset"):
        copy = tmp_path / name
        shutil.copytree(SHIPPED_MODELS_DIR / name, copy)
        assert _pack(copy) == EXIT_OK
        before, after = read_model_set(SHIPPED_MODELS_DIR / name), read_model_set(copy)
        assert after.name == before.name and after.scip_params == before.scip_params
        for old, new in zip(before.components(), after.components(), strict=True):
            assert (new.kind, new.enabled, new.why) == (old.kind, old.enabled, old.why)
            assert new.settings == old.settings and new.domain == old.domain
            assert _sha(new.path) == _sha(old.path)


def _undomained_checkpoint(path: Path) -> Path:
    torch.manual_seed(0)
    return save_checkpoint(
        path,
        HybridPolicy(embedding_size=8, hidden_size=4),
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
        command="neuralmip train",
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--diving", SHIPPED / "branching.pt"], "holds a branching model, not a diving model"),
        (["--branching", "missing.pt"], "missing.pt: no such checkpoint"),
        (["--branching-param", "max_dept=4"], "unknown branching settings max_dept"),
        (["--branching-param", "max_depth=deep"], "bad branching settings"),
        (["--scip-param", "presolving/maxrestart=0"], "did you mean 'presolving/maxrestarts'"),
        (["--diving-param", "refine_calls=2"], "holds no diving model"),
        (["--why", "cuts=x"], "the kind is branching or diving"),
        (["--enable", "branching", "--disable", "branching"], "both name branching"),
        (["--branching", "UNDOMAINED"], "records no training domain; record it with"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_set_unchanged(packed, capsys, args, says):
    args = [
        _undomained_checkpoint(packed.parent / "raw.pt") if a == "UNDOMAINED" else a for a in args
    ]
    files = {path.name: _sha(path) for path in packed.iterdir()}
    capsys.readouterr()
    assert _pack(packed, *args) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err and err.startswith("neuralmip pack:")
    assert {path.name: _sha(path) for path in packed.iterdir()} == files


def test_a_folder_without_a_set_needs_a_checkpoint(tmp_path: Path, capsys):
    assert _pack(tmp_path / "empty") == EXIT_BAD_INPUT
    assert "holds no model set (modelset.toml)" in capsys.readouterr().err
    assert not (tmp_path / "empty").exists()
    record = tmp_path / "file"
    record.write_text(json.dumps({}))
    assert _pack(record, "--branching", SHIPPED / "branching.pt") == EXIT_BAD_INPUT
    assert "is a file, not a model set folder" in capsys.readouterr().err
