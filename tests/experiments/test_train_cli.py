"""``neuralmip train``'s command line: options both kinds share state each kind's default."""

from __future__ import annotations

import dataclasses

import pytest

from experiments.cli import main
from experiments.train_branching import TrainBranchingConfig
from experiments.train_diving import TrainDivingConfig


def test_help_states_each_kinds_default_for_shared_options(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    branching = {f.name: f.default for f in dataclasses.fields(TrainBranchingConfig)}
    diving = {f.name: f.default for f in dataclasses.fields(TrainDivingConfig)}
    assert branching["max_epochs"] != diving["max_epochs"], "the test needs a default that differs"
    section = text.split("both kinds:")[1]
    assert (
        f"--max-epochs N, --epochs N upper bound on epochs (branching: default "
        f"{branching['max_epochs']}; diving: default {diving['max_epochs']})" in section
    )
