"""The report: tables, per-run metrics and plots from a hand-made results folder."""

from __future__ import annotations

import csv
import json
import math
import statistics
from pathlib import Path

import pytest

from experiments.bench.store import RESULTS_FILE, ResultStore
from experiments.cli import main
from experiments.report import write_report


def _row(instance: str, configuration: str, status: str, time: float | None, nodes: int | None,
         objective: float | None, primal: list) -> dict:  # fmt: skip
    return {
        "instance_set": "s",
        "instance": instance,
        "configuration": configuration,
        "seed": 0,
        "status": status,
        "solving_time": time,
        "nodes": nodes,
        "objective": objective,
        "sense": "minimize",
        "time_limit": 10.0,
        "primal_trajectory": primal,
        "dual_trajectory": [],
        "error": "LearnedModelError: no model" if status == "error" else None,
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    config = {
        "name": "hand-made",
        "time_limit": 10.0,
        "seeds": [0],
        "settings": "default",
        "baseline": "a",
        "instance_sets": [{"kind": "files", "name": "s", "patterns": []}],
        "configurations": [
            {"solver": "scip", "name": "a"},
            {"solver": "scip", "name": "b"},
            {"solver": "scip", "name": "learned"},
        ],
        "known_optima": {"inst2": 50.0},
    }
    (tmp_path / "config.json").write_text(json.dumps(config))
    store = ResultStore(tmp_path / RESULTS_FILE)
    for row in (
        _row("inst1", "a", "optimal", 1.0, 10, 100.0, [[0.5, 110.0], [1.0, 100.0]]),
        _row("inst1", "b", "optimal", 3.0, 40, 100.0, [[2.0, 100.0]]),
        _row("inst2", "a", "timelimit", 10.0, 500, 55.0, [[1.0, 60.0], [4.0, 55.0]]),
        _row("inst2", "b", "optimal", 7.0, 90, 50.0, [[6.0, 50.0]]),
        _row("inst1", "learned", "error", None, None, None, []),
        _row("inst2", "learned", "error", None, None, None, []),
    ):
        store.append(row)
    return tmp_path


def test_run_metrics_by_hand(folder: Path) -> None:
    write_report(folder)
    with (folder / "runs.csv").open() as stream:
        runs = {(r["instance"], r["configuration"]): r for r in csv.DictReader(stream)}
    # a on inst1 (reference: best run, 100): gap 1 on [0, 0.5), 10/110 on [0.5, 1)
    assert float(runs[("inst1", "a")]["primal_integral"]) == pytest.approx(0.5 + 0.5 * 10 / 110)
    # a on inst2 (reference: known optimum 50): 1 s at 1, 3 s at 10/60, 6 s at 5/55
    assert float(runs[("inst2", "a")]["primal_integral"]) == pytest.approx(
        1 + 3 * 10 / 60 + 6 * 5 / 55
    )
    assert float(runs[("inst2", "a")]["time"]) == pytest.approx(10.0)
    assert float(runs[("inst2", "a")]["time_to_first_solution"]) == pytest.approx(1.0)
    assert float(runs[("inst1", "a")]["time_to_1pct_gap"]) == pytest.approx(1.0)
    assert runs[("inst1", "learned")]["primal_integral"] == ""


def test_summary_table_by_hand(folder: Path) -> None:
    report = write_report(folder).read_text()
    rows = _table_rows(report)
    a, b, learned = rows["a (baseline)"], rows["b"], rows["learned"]
    # runs, solved, failed
    assert a[:3] == ["2", "1", "0"] and b[:3] == ["2", "2", "0"] and learned[:3] == ["2", "0", "2"]
    # 1-shifted geometric mean: a: sqrt(2 * 11) - 1, b: sqrt(4 * 8) - 1
    assert float(a[3]) == pytest.approx(math.sqrt(22) - 1, abs=0.01)
    assert float(b[3]) == pytest.approx(math.sqrt(32) - 1, abs=0.01)
    assert float(b[4]) == pytest.approx((math.sqrt(32) - 1) / (math.sqrt(22) - 1), abs=0.01)
    # nodes only on inst1, the one pair a and b both solved (learned failed everywhere)
    assert float(a[5]) == pytest.approx(10.0) and float(b[5]) == pytest.approx(40.0)
    # wins: a fastest on inst1, b the only solver of inst2
    assert a[7] == "1" and b[7] == "1"
    # primal integrals, compared by their 1-shifted geometric mean (Nair et al.)
    integrals_a = (0.5 + 0.5 * 10 / 110, 1 + 3 * 10 / 60 + 6 * 5 / 55)
    sgm_a = math.sqrt((integrals_a[0] + 1) * (integrals_a[1] + 1)) - 1
    sgm_b = math.sqrt((2 + 1) * (6 + 1)) - 1
    assert float(a[8]) == pytest.approx(sgm_a, abs=0.01)
    assert float(b[8]) == pytest.approx(sgm_b, abs=0.01)
    assert float(b[9]) == pytest.approx(sgm_b / sgm_a, abs=0.01)
    # time to a 1 % gap: a at 1 s on inst1, never on inst2 (10 s); b at 2 s and 6 s
    assert float(a[11]) == pytest.approx(math.sqrt(2 * 11) - 1, abs=0.01)
    assert float(b[11]) == pytest.approx(math.sqrt(3 * 7) - 1, abs=0.01)
    assert float(b[12]) == pytest.approx((math.sqrt(21) - 1) / (math.sqrt(22) - 1), abs=0.005)
    # no learned plugin ran in a or b: no cost to report
    assert a[13] == a[14] == b[13] == b[14] == "-"
    assert "LearnedModelError: no model" in report
    for name in ("profile-s.png", "primal-gap-s.png"):
        assert (folder / name).stat().st_size > 1000
        assert f"({name})" in report


def test_report_command(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", str(folder), "--out", str(tmp_path / "elsewhere")]) == 0
    assert (tmp_path / "elsewhere" / "report.md").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty" in err[0] and "config.json" in err[0]


@pytest.mark.parametrize(("loads", "loaded"), [((1.0, 2.4, 2.0), False), ((1.0, 3.5), True)])
def test_the_load_over_the_runs_is_reported(
    tmp_path: Path, loads: tuple[float, ...], loaded: bool
) -> None:
    _versus_baseline(tmp_path, "b")
    (tmp_path / "sessions.jsonl").write_text(json.dumps({"cpus": 2}) + "\n")
    store = ResultStore(tmp_path / RESULTS_FILE)
    for index, load in enumerate(loads):
        for configuration in ("a", "b"):
            row = _row(f"inst{index}", configuration, "optimal", 1.0, 1, 1.0, [[0.5, 1.0]])
            store.append({**row, "load_average": load})
    report = write_report(tmp_path).read_text()
    assert f"median {statistics.median(loads):.1f}, max {max(loads):.1f}" in report
    assert ("Loaded machine" in report) == loaded


def test_a_partial_last_line_is_skipped_and_the_next_row_is_kept(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / RESULTS_FILE)
    store.append(_row("inst1", "a", "optimal", 1.0, 1, 1.0, []))
    with store.path.open("a") as stream:
        stream.write('{"instance_set": "s", "inst')  # a writer killed mid-line
    store.append(_row("inst2", "a", "optimal", 1.0, 1, 1.0, []))
    assert [row["instance"] for row in store.records()] == ["inst1", "inst2"]


def _table_rows(report: str) -> dict[str, list[str]]:
    """The report's table rows: the first cell (the configuration) to the other cells."""
    return {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in report.splitlines() if line.startswith("| ") and "|---" not in line}  # fmt: skip


def _versus_baseline(folder: Path, name: str) -> None:
    """A config.json in ``folder``: configuration ``name`` against baseline ``a``."""
    config = {
        "name": name, "time_limit": 10.0, "seeds": [0], "settings": "default",
        "baseline": "a", "instance_sets": [{"kind": "files", "name": "s", "patterns": []}],
        "configurations": [{"solver": "scip", "name": "a"}, {"solver": "scip", "name": name}],
    }  # fmt: skip
    (folder / "config.json").write_text(json.dumps(config))


def test_learned_plugins_cost_is_reported_apart(tmp_path: Path) -> None:
    _versus_baseline(tmp_path, "both")
    store = ResultStore(tmp_path / RESULTS_FILE)
    store.append(_row("inst1", "a", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]]))
    store.append(_row("inst2", "a", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]]))
    for instance, branched in (("inst1", 100), ("inst2", 300)):
        row = _row(instance, "both", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]])
        row["inference"] = {"mode": "local", "branched": branched, "rule_seconds": branched / 1e3}
        row["heuristic"] = {"total_seconds": 0.5}
        store.append(row)
    report = write_report(tmp_path).read_text()
    rows = _table_rows(report)
    both = rows["both"]
    # own time: (0.1 + 0.5 + 0.3 + 0.5) / 2 runs; per node: 0.4 s over 400 branched nodes
    assert float(both[13]) == pytest.approx(0.7, abs=0.005)
    assert float(both[14]) == pytest.approx(1.0, abs=0.005)
    assert both[15] == "-"  # no first node recorded
    assert rows["a (baseline)"][13] == "-"


def test_the_first_branched_node_is_reported_apart(tmp_path: Path) -> None:
    _versus_baseline(tmp_path, "hybrid")
    store = ResultStore(tmp_path / RESULTS_FILE)
    for instance, first in (("inst1", 0.05), ("inst2", 0.15)):
        store.append(_row(instance, "a", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]]))
        row = _row(instance, "hybrid", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]])
        # 51 nodes: the encoder's first node, then 50 at 1 ms each
        row["inference"] = {"mode": "local", "branched": 51, "rule_seconds": first + 0.05,
                            "first_node_seconds": first}  # fmt: skip
        store.append(row)
    report = write_report(tmp_path).read_text()
    rows = _table_rows(report)
    assert float(rows["hybrid"][14]) == pytest.approx(1.0, abs=0.005)
    assert float(rows["hybrid"][15]) == pytest.approx(100.0, abs=0.05)


def test_nodes_a_shortlist_reduced_count_as_decided_nodes(tmp_path: Path) -> None:
    _versus_baseline(tmp_path, "shortlist")
    store = ResultStore(tmp_path / RESULTS_FILE)
    store.append(_row("inst1", "a", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]]))
    row = _row("inst1", "shortlist", "optimal", 2.0, 10, 100.0, [[1.0, 100.0]])
    # 41 decisions (the first, then 30 branchings and 10 reductions at 2 ms each)
    row["inference"] = {"mode": "local", "branched": 31, "reduced": 10,
                        "rule_seconds": 0.01 + 0.08, "first_node_seconds": 0.01}  # fmt: skip
    store.append(row)
    rows = _table_rows(write_report(tmp_path).read_text())
    assert float(rows["shortlist"][14]) == pytest.approx(2.0, abs=0.005)


def test_a_recorded_program_path_is_shown_by_its_name() -> None:
    from experiments.report import shown_command

    assert shown_command(["/opt/venv/bin/neuralmip", "bench", "a.toml"]) == "neuralmip bench a.toml"
    assert shown_command(["neuralmip", "bench"]) == "neuralmip bench" and shown_command([]) == ""
