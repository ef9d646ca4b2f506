"""Model set folders: the manifest format, loose checkpoints, planning without torch."""

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gnn.checkpoint_info import checkpoint_kind, read_checkpoint_info
from instances.generators import preset
from solver.modelset import MANIFEST_NAME, LearnedModelError, read_model_set, write_manifest
from solver.plugins import (
    SHIPPED_MODELS_DIR,
    include_learned_plugins,
    plan_model_set,
    resolve_model_set,
    shipped_model_sets,
)

REPO = Path(__file__).resolve().parents[2]


def _copy_set(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copytree(SHIPPED_MODELS_DIR / name, target)
    return target


def test_a_manifest_reads_back_what_was_written(tmp_path: Path) -> None:
    folder = _copy_set("setcover", tmp_path)
    shipped = read_model_set(folder)
    changed = dataclasses.replace(
        shipped,
        scip_params={"separating/maxroundsroot": 5, "presolving/maxrestarts": 0},
        diving=dataclasses.replace(shipped.diving, enabled=False, why="costs time here"),
    )
    write_manifest(folder, changed, header="a test set")
    back = read_model_set(folder)
    assert back == changed
    assert (folder / MANIFEST_NAME).read_text().startswith("# a test set\n")


def test_a_disabled_component_is_declined_with_its_reason(tmp_path: Path) -> None:
    folder = _copy_set("setcover", tmp_path)
    models = read_model_set(folder)
    write_manifest(
        folder,
        dataclasses.replace(
            models, diving=dataclasses.replace(models.diving, enabled=False, why="no gain")
        ),
    )
    plugins = include_learned_plugins(preset("setcover", "tiny").generate(3), model_path=folder)
    assert plugins.branching is not None and plugins.diving is None
    assert plugins.declined == {"diving": "disabled in setcover: no gain"}


def test_the_sets_scip_parameters_are_applied(tmp_path: Path) -> None:
    folder = _copy_set("cauctions", tmp_path)
    models = read_model_set(folder)
    write_manifest(folder, dataclasses.replace(models, scip_params={"separating/maxroundsroot": 3}))
    model = preset("cauctions", "tiny").generate(3)
    include_learned_plugins(model, model_path=folder, diving=False)
    assert model.getParam("separating/maxroundsroot") == 3


def test_loose_checkpoints_are_classified_by_content_not_name(tmp_path: Path) -> None:
    shipped = resolve_model_set("indset")
    shutil.copy(shipped.branching.path, tmp_path / "indset.pt")
    shutil.copy(shipped.diving.path, tmp_path / "whatever-name.pt")
    models = resolve_model_set(tmp_path)
    assert models.branching.path.name == "indset.pt"
    assert models.diving.path.name == "whatever-name.pt"
    assert models.branching.domain == shipped.branching.domain
    plugins = include_learned_plugins(preset("indset", "tiny").generate(3), model_path=tmp_path)
    assert plugins.branching is not None and plugins.diving is not None
    shutil.copy(shipped.branching.path, tmp_path / "another.pt")
    with pytest.raises(LearnedModelError, match="several branching checkpoints"):
        resolve_model_set(tmp_path)


def test_checkpoint_metadata_is_read_without_the_weights() -> None:
    for name, models in shipped_model_sets().items():
        for component in models.components():
            info = read_checkpoint_info(component.path)
            assert "state_dict" not in info
            assert checkpoint_kind(info) == component.kind, name
            assert info["domain"] == component.domain.to_dict()


def test_shipped_metadata_names_no_machine_paths() -> None:
    for folder in SHIPPED_MODELS_DIR.iterdir():
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix in (".json", ".toml"):
                text = path.read_text()
            elif path.suffix == ".pt":
                text = json.dumps(read_checkpoint_info(path))
            else:
                continue
            for machine_path in ("/work/", "/tmp/", "/root/", "/home/"):
                assert machine_path not in text, (path, machine_path)


def test_package_data_ships_every_model_set_file() -> None:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    globs = pyproject["tool"]["setuptools"]["package-data"]["solver"]
    shipped = {
        path
        for path in SHIPPED_MODELS_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    matched = {path for pattern in globs for path in SHIPPED_MODELS_DIR.parent.glob(pattern)}
    assert shipped and shipped <= matched


def test_planning_imports_no_torch() -> None:
    code = (
        "import sys\n"
        "from instances.generators import preset\n"
        "from solver.plugins import plan_model_set\n"
        "models, declined = plan_model_set(preset('indset', 'tiny').generate(1))\n"
        "assert models.name == 'indset' and declined == {}, (models, declined)\n"
        "models, declined = plan_model_set(preset('setcover', 'tiny').generate(1), 'indset')\n"
        "assert set(declined) == {'branching', 'diving'}, declined\n"
        "print('torch' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_plan_names_the_components_that_apply() -> None:
    models, declined = plan_model_set(preset("facilities", "tiny").generate(1), diving=False)
    assert models.name == "facilities" and declined == {}


def test_a_broken_manifest_is_one_clear_line(tmp_path: Path) -> None:
    folder = _copy_set("indset", tmp_path)
    (folder / "diving.pt").unlink()
    with pytest.raises(LearnedModelError, match=r"\[diving\] checkpoint diving.pt is missing"):
        resolve_model_set(folder)
    (folder / MANIFEST_NAME).write_text('format = "neuralmip-modelset"\nformat_version = 99\n')
    with pytest.raises(LearnedModelError, match="format version 99 is not supported"):
        resolve_model_set(folder)
    (folder / MANIFEST_NAME).write_text("not = [toml")
    with pytest.raises(LearnedModelError, match="not a readable model set manifest") as caught:
        resolve_model_set(folder)
    assert "\n" not in str(caught.value)
