"""The fit's report: what it saw, tuned, decided and measured, with plots and a manifest."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest

from experiments.fit.evaluate import Comparison, TestResult, evaluate_test
from experiments.fit.gate import gate
from experiments.fit.report import write_fit_report
from experiments.fit.tuning import Evaluation, TuningResult, TuningRound, candidate_list, tune
from experiments.fit.write import write_model_set
from gnn.checkpoint import load_checkpoint
from solver.modelset import read_model_set
from solver.plugins import SHIPPED_MODELS_DIR

SHIPPED = SHIPPED_MODELS_DIR / "setcover"


def _comparison(name: str, time: float, integral: float = 2.0) -> Comparison:
    return Comparison(name, 4, 4, 0, time, 10.0, integral, 4.0, branching_runs=4, default_solved=3)


def _tuning() -> TuningResult:
    pool = candidate_list(["branching", "diving"])
    figures = {
        "settings/root-cuts": 9.2,
        "branching/depth-4/root-cuts": 8.1,
        "diving/dive/default": 11.0,
    }
    evaluations = tuple(Evaluation(n, 0, _comparison(n, t)) for n, t in figures.items())
    rounds = (TuningRound(0, 4, 5.0, tuple(figures), 12.5),)
    return TuningResult(tuple(pool), rounds, evaluations, 12.5)


def test_the_report_says_what_was_tuned_decided_and_measured(tmp_path: Path):
    out = tmp_path / "family"
    (out / "fit").mkdir(parents=True)
    instances = tuple(Path(f"i{index}.mps") for index in range(10))
    ctx = types.SimpleNamespace(
        config=types.SimpleNamespace(seed=3, workers=1, ray=None),
        out=out,
        work=out / "fit",
        split=types.SimpleNamespace(train=instances[:6], valid=instances[6:8], test=instances[8:]),
        baseline=types.SimpleNamespace(
            time_cap=5.0,
            usable=instances[6:8],
            root_solved=(instances[7],),
            infeasible=(),
            too_hard=(),
            failed=(Path("bad.mps"),),
        ),
        catalog=types.SimpleNamespace(
            instances=instances,
            sizes={str(path): (100 + index, 50) for index, path in enumerate(instances)},
            skipped=(("broken.mps", "not a MIP"),),
            duplicates=(("copy.mps", "i0.mps"),),
            spread=types.SimpleNamespace(
                features={"set_cover_rows": (1.0, 1.0, 1.0), "coefficient_range": (0.0, 1.0, 3.0)},
                wide=("coefficient_range",),
            ),
        ),
        command="neuralmip fit instances --out family --seed 3",
        checkpoints={"branching": SHIPPED / "branching.pt", "diving": SHIPPED / "diving.pt"},
        log=lambda line: None,
    )
    tuning = _tuning()
    decision = gate(tuning)
    test = TestResult(
        2,
        5.0,
        3,
        (_comparison("learned", 7.0), _comparison("settings-only", 9.0)),
        "fit/test",
        4.0,
    )
    results = {
        "tune": tuning,
        "gate": decision,
        "test": test,
        "collect_branching": {
            "n_instances": 6,
            "n_samples": 130,
            "time_limit": 2.0,
            "failures": ["i1.mps: boom"],
            "passes": [
                {"index": 0, "record_prob": 1.0, "seed": 3, "n_samples": 100, "failures": []},
                {
                    "index": 1,
                    "record_prob": 0.25,
                    "seed": 77,
                    "n_samples": 30,
                    "failures": ["i1.mps: boom"],
                },
            ],
        },
        "timings": {"baseline": 10.0, "tune": 12.5},
        "budget": {"total_s": 60.0, "spent_s": 31.0},
    }
    path = write_fit_report(ctx, results)
    text = path.read_text()
    assert path == out / "report.md"
    assert "took 0.70 of SCIP's default time" in text  # the headline: the test set
    assert decision.branching.why in text and decision.diving.why in text
    assert "| settings-only | 4 | 4 | 0 | 9.00 | 0.90 |" in text
    assert "| scip-default | 4 | 3 | 0 | 10.00 | 1.00 |" in text
    assert "| 1 | 0.25 | 77 | 30 | 1 |" in text and "| all |  |  | 130 | 1 |" in text
    assert "| train | 6 |" in text and "| test | 2 |" in text
    assert "| set_cover_rows | 1.00 | 1.00 | 1.00 |  |" in text
    assert "| coefficient_range | 0.00 | 1.00 | 3.00 | wide |" in text
    assert "differ widely in coefficient_range" in text
    assert "- skipped broken.mps: not a MIP" in text and "- duplicate copy.mps" in text
    assert "Budget: 31 s spent of 60 s." in text
    assert "- 1 solved at the root by SCIP's default" in text and "i7.mps" in text
    assert "- 1 failed under SCIP's default (left out): bad.mps" in text
    shipped_top1 = load_checkpoint(SHIPPED / "branching.pt").metadata["metrics"]["valid"]["top1"]
    assert f"| valid top1 | {shipped_top1:.3f} |" in text  # the checkpoint's training metrics
    assert "| tune | 12.5 |" in text and "| total | 22.5 |" in text
    for plot in ("data.png", "training.png", "tuning.png", "test.png"):
        assert (out / plot).stat().st_size > 0, plot
        assert f"]({plot})" in text
    manifest = json.loads((out / "fit" / "manifest.json").read_text())
    assert manifest["seed"] == 3
    assert manifest["command"] == "neuralmip fit instances --out family --seed 3"
    assert manifest["timings"] == {"baseline": 10.0, "tune": 12.5}
    assert {"commit", "versions"} <= set(manifest["environment"])


def test_a_report_before_the_late_stages_says_they_did_not_run(tmp_path: Path):
    out = tmp_path / "family"
    (out / "fit").mkdir(parents=True)
    ctx = types.SimpleNamespace(
        config=types.SimpleNamespace(seed=0, workers=1, ray=None),
        out=out,
        work=out / "fit",
        split=types.SimpleNamespace(train=(), valid=(), test=()),
        baseline=None,
        catalog=None,
        command="neuralmip fit instances --out family",
        checkpoints={},
        log=lambda line: None,
    )
    text = write_fit_report(ctx, {}).read_text()
    assert "No model was trained." in text
    assert text.count("Not run.") == 3


@pytest.mark.slow
def test_tune_gate_write_test_and_report_on_tiny_instances(tmp_path: Path):
    """The late stages end to end, every candidate, on tiny set cover instances (the shipped
    set cover models stand in for trained ones)."""
    from instances.generators import generate_instances, preset

    instances = generate_instances("setcover", preset("setcover", "tiny"), 6, 0, tmp_path / "i")
    out = tmp_path / "family"
    (out / "fit").mkdir(parents=True)
    ctx = types.SimpleNamespace(
        config=types.SimpleNamespace(seed=0, workers=2, ray=None),
        out=out,
        work=out / "fit",
        split=types.SimpleNamespace(train=instances[:2], valid=instances[2:], test=instances[2:]),
        baseline=types.SimpleNamespace(
            time_cap=5.0,
            usable=tuple(instances[2:]),
            root_solved=tuple(instances[2:]),
            infeasible=(),
            too_hard=(),
            failed=(),
        ),
        catalog=None,
        command="neuralmip fit instances --out family",
        checkpoints={"branching": SHIPPED / "branching.pt", "diving": SHIPPED / "diving.pt"},
        log=lambda line: None,
    )
    tuning = tune(ctx, seconds=300.0)
    assert tuning.note == "" and len(tuning.rounds) >= 2
    decision = gate(tuning)
    write_model_set(ctx, decision)
    test = evaluate_test(ctx, seconds=300.0)
    results = {"tune": tuning, "gate": decision, "test": test}
    text = write_fit_report(ctx, results).read_text()
    assert decision.reason in text
    models = read_model_set(out)
    assert models.branching.enabled is decision.branching.enabled
    assert models.diving.enabled is decision.diving.enabled
