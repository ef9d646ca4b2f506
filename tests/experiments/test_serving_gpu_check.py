"""The one-shot GPU check, on its CPU path with tiny sizes (the device run must work first time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_gpu_check_script_runs_every_section_and_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.run(
        ["bash", str(ROOT / "experiments" / "studies" / "gpu_check.sh"), str(out), "--tiny", "--workers", "2"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "PYTHON": sys.executable},
    )  # fmt: skip
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    report = json.loads((out / "gpu_check.json").read_text())
    assert report["errors"] == [] and report["skipped"] == []
    models = {point["model"] for point in report["throughput"]}
    assert len(models) == 2  # the GCNN and the shipped hybrid's encoder
    modes = {(row["model"], row["mode"]) for row in report["end_to_end"]}
    assert len(modes) == 4 and all(row["branched"] > 0 for row in report["end_to_end"])
    shared = [row for row in report["end_to_end"] if row["server"] is not None]
    assert all(row["server"]["n_requests"] > 0 and row["fallbacks"] == 0 for row in shared)
    # Section 3 runs every requester count once with the passes in the loop, once in a thread.
    points = [(row["forward_thread"], row["requesters"]) for row in report["server_vs_raw"]]
    assert points == [(False, 1), (False, 4), (True, 1), (True, 4)]
    assert all(row["forward_mean_ms"] > 0 for row in report["server_vs_raw"])
    markdown = (out / "gpu_check.md").read_text()
    assert "## Targets" in markdown and "nodes/s shared / independent" in markdown
    assert (out / "gpu_check.log").stat().st_size > 0
    assert sorted(p.name for p in out.iterdir()) == [
        "gpu_check.json",
        "gpu_check.log",
        "gpu_check.md",
    ]
