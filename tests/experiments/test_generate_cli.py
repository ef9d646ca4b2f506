"""Tests of ``neuralmip generate``: a subprocess smoke test and its bad-input contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from experiments.cli import main
from instances.generators import MANIFEST_NAME, sha256_of


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "experiments.cli", "generate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_generate_subprocess_writes_instances_and_is_rerunnable(tmp_path):
    out = tmp_path / "sc"
    args = ("setcover", "--preset", "tiny", "--count", "2", "--seed", "5", "--out", str(out))
    result = _run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    files = sorted(out.glob("*.mps"))
    assert [f.name for f in files] == [
        "setcover_tiny_seed5_00000.mps",
        "setcover_tiny_seed5_00001.mps",
    ]
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["command"] == ["neuralmip", "generate", *args]
    assert [r["sha256"] for r in manifest["instances"]] == [sha256_of(f) for f in files]

    again = _run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert json.loads((out / MANIFEST_NAME).read_text())["instances"] == manifest["instances"]


def test_generate_param_override_changes_the_instance(tmp_path, capsys):
    assert (
        main(
            [
                "generate",
                "facilities",
                "--preset",
                "tiny",
                "--param",
                "n_customers=4",
                "--param",
                "continuous_assignment=no",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert manifest["parameters"]["n_customers"] == 4
    assert manifest["parameters"]["continuous_assignment"] is False
    assert manifest["label"].startswith("custom-")
    assert "wrote 1 facilities instance(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["knapsack"], "unknown instance class 'knapsack'"),
        (["setcover", "--preset", "huge"], "unknown preset 'huge'"),
        (["setcover", "--param", "n_rowz=5"], "no parameter 'n_rowz'"),
        (["setcover", "--param", "n_rows"], "NAME=VALUE"),
        (["setcover", "--param", "density=lots"], "must be a number"),
        (["setcover", "--param", "density=0.0001"], "nonzeros"),
        (["setcover", "--count", "0"], "--count must be >= 1"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(args, message, tmp_path, capsys):
    assert main(["generate", *args, "--out", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], captured.err
    assert lines[0].startswith("neuralmip generate: ")
    assert not (tmp_path / "out" / MANIFEST_NAME).exists()


def test_bad_class_in_a_subprocess_has_no_traceback(tmp_path):
    result = _run_cli("knapsack", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert (
        "Traceback" not in result.stderr
        and "setcover, cauctions, facilities, indset" in result.stderr
    )
