"""Settings given to one solve: ``--scip-param``, ``--branching-param``, ``--diving-param``,
and their order against a model set's own SCIP settings."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from instances.reading import list_examples, read_instance
from solver.cli import EXIT_BAD_INPUT, main
from solver.modelset import read_model_set, write_manifest
from solver.plugins import SHIPPED_MODELS_DIR
from solver.settings import parse_setting_value, parse_settings
from solver.setup import LearnedSetup, SolveSetup, configure_model

SETCOVER = list_examples()["setcover"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("3", 3),
        ("0.5", 0.5),
        ("[0.9, 0.7]", [0.9, 0.7]),
        ("pscost", "pscost"),
        ('"a b"', "a b"),
    ],
)
def test_a_setting_is_read_as_a_toml_literal_or_text(text: str, value: object) -> None:
    assert parse_setting_value(text) == value


def test_settings_need_name_equals_value() -> None:
    assert parse_settings(["max_depth=4", " deep_rule = pscost "], "--x") == {
        "max_depth": 4,
        "deep_rule": "pscost",
    }
    with pytest.raises(ValueError, match="--x expects NAME=VALUE"):
        parse_settings(["max_depth"], "--x")


def _setcover_set(tmp_path: Path, **changes: object) -> Path:
    """A copy of the shipped set cover set with ``changes`` to its :class:`ModelSet` fields."""
    folder = tmp_path / "set"
    shutil.copytree(SHIPPED_MODELS_DIR / "setcover", folder)
    write_manifest(folder, dataclasses.replace(read_model_set(folder), **changes))
    return folder


def _configured(tmp_path: Path, setup: SolveSetup):
    model = read_instance(SETCOVER)
    model.hideOutput()
    return model, configure_model(model, setup)


def test_rule_and_dive_settings_go_on_top_of_the_model_sets(tmp_path: Path) -> None:
    models = read_model_set(SHIPPED_MODELS_DIR / "setcover")
    # The shipped set runs without diving: a copy with it enabled.
    folder = _setcover_set(tmp_path, diving=dataclasses.replace(models.diving, enabled=True))
    learned = LearnedSetup(
        model_path=str(folder),
        branching_params={"max_depth": 2, "deep_rule": "pscost"},
        diving_params={"refine_calls": 1},
    )
    model, configured = _configured(tmp_path, SolveSetup(learned=learned))
    try:
        assert configured.learned is not None
        assert configured.learned.branching.config.max_depth == 2
        assert configured.learned.diving.config.refine_calls == 1
    finally:
        model.freeProb()


def test_the_callers_scip_params_win_over_the_model_sets(tmp_path: Path) -> None:
    params = {"separating/maxrounds": 0, "presolving/maxrestarts": 0}
    folder = _setcover_set(tmp_path, scip_params=params)
    setup = SolveSetup(
        scip_params={"separating/maxrounds": 5},
        seed=7,
        learned=LearnedSetup(model_path=str(folder)),
    )
    model, configured = _configured(tmp_path, setup)
    try:
        assert configured.learned.scip_params["separating/maxrounds"] == 0
        assert model.getParam("separating/maxrounds") == 5  # the caller's
        assert model.getParam("presolving/maxrestarts") == 0  # the set's
        assert model.getParam("randomization/randomseedshift") == 7
    finally:
        model.freeProb()


@pytest.mark.parametrize(
    "args",
    [
        ["--branching-param", "max_depth=4"],  # without --learned
        ["--learned", "--diving-param", "refine_calls"],  # no value
        ["--scip-param", "limits/nodes"],
    ],
)
def test_malformed_settings_are_usage_errors(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["setcover", *args])
    assert exit_info.value.code == EXIT_BAD_INPUT


def test_an_unknown_rule_setting_is_bad_input_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["setcover", "--learned", "--quiet", "--branching-param", "max_dept=4"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT
    assert len(err) == 1 and "max_dept" in err[0]


def test_a_scip_param_reaches_the_solve(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["setcover", "--json", "--scip-param", "limits/nodes=1"])
    out = capsys.readouterr().out
    assert code == 0 and '"status": "nodelimit"' in out
