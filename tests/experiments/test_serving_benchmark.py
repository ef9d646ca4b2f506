"""Smoke tests of ``python -m experiments.studies.serving_benchmark`` (the benchmark itself is not a test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from experiments.studies.serving_benchmark import main


def test_bad_counts_exit_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--workers", "0", "--output", str(tmp_path / "out.json")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "--workers" in error
    assert not (tmp_path / "out.json").exists()


@pytest.mark.slow
def test_tiny_end_to_end_run_writes_its_report(tmp_path: Path) -> None:
    output = tmp_path / "serving.json"
    argv = [
        "--workers",
        "1",
        "--backends",
        "threads",
        "--node-limit",
        "5",
        "--set-cover",
        "60",
        "120",
        "0.05",
    ]
    argv += ["--skip", "throughput", "race", "--output", str(output)]
    assert main(argv) == 0
    report = json.loads(output.read_text())
    assert report["command"] == ["python", "-m", "experiments.studies.serving_benchmark", *argv]
    assert report["config"]["workers"] == [1] and report["versions"]["torch"]
    modes = {row["mode"] for row in report["end_to_end"]["summary"]}
    assert {"independent_cpu", "shared_cpu"} <= modes
