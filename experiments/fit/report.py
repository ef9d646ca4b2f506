"""The fit's report: ``MODELSET/report.md`` with plots, and ``MODELSET/fit/manifest.json``.

The report says what the fit saw and decided: data and split sizes, the spread of the
instances' profiles, the training metrics (from the checkpoints' recorded history), the tuning
rounds and every candidate's figures, the gate's decisions with their reasons, the test-set
comparison (SCIP's default against the set as ``solve --learned --model MODELSET`` runs it, and
against its SCIP settings alone) and the time each stage took. The manifest records the
command, seed, versions and timings.

:func:`write_fit_report` reads the context (``out``, ``work``, ``split``, ``baseline``,
``catalog``: the discovered instances, what was left out and the profiles' spread,
``checkpoints``, ``config``, ``command``) and these entries of ``results``, each of which may
be missing (a stage that has not run):

- ``"collect_branching"``: the branching collection's outputs (its passes);
- ``"tune"``: the :class:`experiments.fit.tuning.TuningResult`;
- ``"gate"``: the :class:`experiments.fit.gate.GateDecision`;
- ``"test"``: the :class:`experiments.fit.evaluate.TestResult`;
- ``"timings"``: seconds per stage, by stage name;
- ``"budget"``: ``{"total_s": ..., "spent_s": ...}``, the fit's budget and what it spent.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from experiments.fit.evaluate import DEFAULT_NAME, LEARNED_NAME, SETTINGS_ONLY_NAME, TestResult
from experiments.fit.gate import BRANCHING_MAX_TIME_RATIO, GateDecision, describe_candidate
from experiments.fit.tuning import TuningResult
from experiments.fit.write import fit_provenance

__all__ = ["REPORT_NAME", "write_fit_report"]

#: The report's file name inside the model set.
REPORT_NAME = "report.md"
#: Files left out by discovery that the report lists by name (the rest are counted).
_LISTED = 20


def _number(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def write_fit_report(ctx: Any, results: Mapping[str, Any]) -> Path:
    """Write ``ctx.out / "report.md"``, its plots and ``ctx.work / "manifest.json"``.

    Parameters
    ----------
    ctx
        The fit's context (see the module docstring for the attributes read).
    results
        The stages' results (see the module docstring for the entries read).

    Returns
    -------
    Path
        The report.
    """
    import matplotlib

    matplotlib.use("Agg")
    tuning: TuningResult | None = results.get("tune")
    decision: GateDecision | None = results.get("gate")
    test: TestResult | None = results.get("test")
    timings = {str(stage): float(seconds) for stage, seconds in results.get("timings", {}).items()}
    lines = [f"# Model set `{ctx.out.name}`, fitted by `neuralmip fit`", ""]
    lines += _headline(decision, test)
    lines += _data_section(ctx)
    lines += _collection_lines(results.get("collect_branching"))
    lines += _training_section(ctx)
    lines += _tuning_section(ctx, tuning)
    lines += _gate_section(decision)
    lines += _test_section(ctx, test, decision)
    lines += _timings_section(timings, results.get("budget"))
    path = ctx.out / REPORT_NAME
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    _write_manifest(ctx, timings, tuning, test)
    return path


def _headline(decision: GateDecision | None, test: TestResult | None) -> list[str]:
    """The decision and the test result in two lines."""
    lines = []
    if decision is not None:
        lines.append(f"Gate: {decision.reason}.")
    learned = test.comparison(LEARNED_NAME) if test is not None else None
    if learned is not None and learned.time_ratio is not None:
        lines.append(
            f"On {test.instances} held-out test instances, `solve --learned --model` with this set "
            f"took {learned.time_ratio:.2f} of SCIP's default time (1-shifted geometric mean)."
        )
    return [*lines, ""] if lines else []


def _data_section(ctx: Any) -> list[str]:
    """Data and split sizes (with a plot), what discovery left out, the profile spread."""
    import matplotlib.pyplot as plt

    split = {name: len(getattr(ctx.split, name)) for name in ("train", "valid", "test")}
    lines = ["## Data", ""]
    rows = [[name, count] for name, count in split.items()]
    if ctx.baseline is not None:
        rows.append(["valid, usable for tuning", len(ctx.baseline.usable)])
    lines += _table(["split", "instances"], rows)
    if ctx.baseline is not None:
        lines += _baseline_lines(ctx.baseline)
    catalog = ctx.catalog
    sizes = list(catalog.sizes.values()) if catalog is not None else []
    figure, axes = plt.subplots(1, 2 if sizes else 1, figsize=(8 if sizes else 4, 3))
    axes = _as_list(axes)
    axes[0].bar(list(split), list(split.values()), color="tab:blue")
    axes[0].set_ylabel("instances")
    axes[0].set_title("split sizes")
    if sizes:
        axes[1].scatter(*zip(*sizes, strict=True), s=12)
        axes[1].set_xlabel("variables")
        axes[1].set_ylabel("constraints")
        axes[1].set_title("instance sizes")
    _save(figure, ctx.out / "data.png")
    lines += ["![data](data.png)", ""]
    return lines + (_catalog_lines(catalog) if catalog is not None else [])


def _collection_lines(collection: Mapping[str, Any] | None) -> list[str]:
    """The branching collection's passes: record probability, seed and samples of each."""
    if not collection or not collection.get("passes"):
        return []
    lines = [
        f"Branching samples, by collection pass over the {collection['n_instances']} training "
        f"instances ({collection['time_limit']:.1f} s a solve at most):",
        "",
    ]
    rows = [
        [p["index"], p["record_prob"], p["seed"], p["n_samples"], len(p["failures"])]
        for p in collection["passes"]
    ]
    rows.append(["all", "", "", collection["n_samples"], len(collection["failures"])])
    return lines + _table(["pass", "record probability", "seed", "samples", "failed"], rows)


def _baseline_lines(baseline: Any) -> list[str]:
    """The time limit the baseline set, and the validation instances it set apart."""
    lines = [f"Time limit per validation and test solve: {baseline.time_cap:.1f} s.", ""]
    kinds = {
        "root_solved": "solved at the root by SCIP's default (no branching to learn; kept)",
        "infeasible": "infeasible (left out)",
        "too_hard": "unsolved within the baseline's limit (out of tuning unless nothing else is)",
        "failed": "failed under SCIP's default (left out)",
    }
    for name, what in kinds.items():
        paths = getattr(baseline, name)
        if paths:
            names = ", ".join(Path(path).name for path in paths[:_LISTED])
            more = f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else ""
            lines += [f"- {len(paths)} {what}: {names}{more}"]
    return [*lines, ""]


def _catalog_lines(catalog: Any) -> list[str]:
    """What discovery left out, and the spread of the instances' profiles."""
    lines = [f"{len(catalog.instances)} usable instances.", ""]
    left_out = [f"- skipped {path}: {why}" for path, why in catalog.skipped]
    left_out += [
        f"- duplicate {dropped} (same as {kept}): dropped" for dropped, kept in catalog.duplicates
    ]
    if left_out:
        lines += ["Left out:", "", *left_out[:_LISTED], ""]
        if len(left_out) > _LISTED:
            lines += [f"... and {len(left_out) - _LISTED} more.", ""]
    spread = catalog.spread
    lines += ["### Profile spread", ""]
    if spread.wide:
        lines += [f"Warning: the instances differ widely in {', '.join(spread.wide)}.", ""]
    rows = [
        [name, *(_number(value) for value in values), "wide" if name in spread.wide else ""]
        for name, values in spread.features.items()
    ]
    return lines + _table(["feature", "min", "median", "max", ""], rows)


def _training_section(ctx: Any) -> list[str]:
    """Each checkpoint's training figures and its loss curves (a plot)."""
    import matplotlib.pyplot as plt

    from gnn.checkpoint_info import read_checkpoint_info

    if not ctx.checkpoints:
        return ["## Training", "", "No model was trained.", ""]
    lines = ["## Training", ""]
    figure, axes = plt.subplots(1, len(ctx.checkpoints), figsize=(5 * len(ctx.checkpoints), 3.5))
    for ax, (kind, path) in zip(_as_list(axes), sorted(ctx.checkpoints.items()), strict=True):
        metrics = read_checkpoint_info(path).get("metrics") or {}
        scalars = {k: v for k, v in metrics.items() if isinstance(v, int | float)}
        scalars |= {
            f"valid {k}": v
            for k, v in (metrics.get("valid") or {}).items()
            if isinstance(v, int | float)
        }
        lines += [f"### {kind}", ""]
        lines += _table(
            ["figure", "value"],
            [[k, v if isinstance(v, int) else _number(v, 3)] for k, v in scalars.items()],
        )
        history = metrics.get("history") or []
        for key in ("train_loss", "valid_loss"):
            points = [(h["epoch"], h[key]) for h in history if key in h]
            if points:
                ax.plot(*zip(*points, strict=True), label=key.replace("_", " "))
        ax.set_title(f"{kind}: loss per epoch")
        ax.set_xlabel("epoch")
        ax.legend()
    _save(figure, ctx.out / "training.png")
    return [*lines, "![training](training.png)", ""]


def _as_list(axes: Any) -> list[Any]:
    return list(axes) if hasattr(axes, "__len__") else [axes]


def _tuning_section(ctx: Any, tuning: TuningResult | None) -> list[str]:
    """The rounds of successive halving and every candidate's last figures (a plot)."""
    import matplotlib.pyplot as plt

    if tuning is None:
        return ["## Tuning", "", "Not run.", ""]
    lines = ["## Tuning (validation instances, against SCIP's default)", ""]
    if tuning.note:
        lines += [f"Note: {tuning.note}.", ""]
    seed = ctx.config.seed
    lines += _table(
        ["round", "candidates", "instances", "time limit (s)", "solver seed", "seconds"],
        [
            [
                r.index + 1,
                len(r.candidates),
                r.instances,
                _number(r.time_limit, 1),
                seed if r.seed is None else r.seed,
                _number(r.seconds, 1),
            ]
            for r in tuning.rounds
        ],
    )
    rows, names, ratios = [], [], []
    for candidate in tuning.candidates:
        final = tuning.final(candidate.name)
        if final is None:
            continue
        figures = final.comparison
        rows.append(
            [
                candidate.group,
                describe_candidate(candidate),
                final.round + 1,
                figures.runs,
                _number(figures.time_ratio),
                _number(figures.primal_integral_ratio),
                _number(figures.primal_dual_integral_ratio),
                figures.errors,
            ]
        )
        names.append(candidate.name)
        ratios.append(figures.time_ratio if figures.time_ratio is not None else math.nan)
    lines += [
        "Each candidate's figures in the last round it ran (ratios to SCIP's default; after a "
        "confirmation round, over the runs of both seeds: one run per instance and seed):",
        "",
    ]
    lines += _table(
        [
            "group",
            "candidate",
            "last round",
            "runs",
            "time",
            "primal integral",
            "primal-dual integral",
            "failed",
        ],
        rows,
    )
    if names:
        figure, axes = plt.subplots(figsize=(7, 0.4 * len(names) + 1.2))
        axes.barh(names, ratios, color="tab:orange")
        axes.axvline(1.0, color="black", linewidth=0.8)
        axes.axvline(BRANCHING_MAX_TIME_RATIO, color="tab:green", linestyle="--", linewidth=0.8)
        axes.set_xlabel("time / SCIP default's (last round)")
        axes.invert_yaxis()
        _save(figure, ctx.out / "tuning.png")
        lines += ["![tuning](tuning.png)", ""]
    return lines


def _gate_section(decision: GateDecision | None) -> list[str]:
    """Each component's decision and why; the set's SCIP parameters."""
    if decision is None:
        return ["## Gate", "", "Not run.", ""]
    params = ", ".join(f"`{k} = {v}`" for k, v in decision.scip_params.items()) or "none"
    lines = ["## Gate", "", f"{decision.reason}.", "", f"SCIP parameters of the set: {params}.", ""]
    rows = [
        [choice.kind, "enabled" if choice.enabled else "disabled", choice.why]
        for choice in (decision.branching, decision.diving)
    ]
    return lines + _table(["component", "decision", "why"], rows)


def _test_section(ctx: Any, test: TestResult | None, decision: GateDecision | None) -> list[str]:
    """SCIP's default against the set and its settings alone on the test instances (a plot)."""
    import matplotlib.pyplot as plt

    if test is None:
        return ["## Test", "", "Not run.", ""]
    if not test.comparisons:
        return ["## Test", "", f"Not run: {test.note or 'no test instance'}.", ""]
    lines = [
        "## Test (held-out instances, never used for a choice)",
        "",
        f"{test.instances} instances, {test.time_limit:.1f} s each, seed {test.seed}; "
        f"runs in `{test.folder}`. Runs where SCIP's default failed are left out of every row.",
        "",
    ]
    if test.note:
        lines += [f"Note: {test.note}.", ""]
    if test.comparison(SETTINGS_ONLY_NAME) is None:
        if _settings_alone(decision):
            lines += [
                "The set enables no learned component: `--learned` with it applies its "
                "SCIP settings alone.",
                "",
            ]
        else:
            lines += ["The set runs under SCIP's default settings: what it adds is its models.", ""]
    base = test.comparisons[0]
    solved = "-" if base.default_solved is None else base.default_solved
    default_row = [DEFAULT_NAME, base.runs, solved, 0, _number(base.default_time), "1.00"]
    default_row += [_number(base.default_primal_integral), "1.00", "-"]
    header = ["configuration", "runs", "solved", "failed", "time (s)", "time ratio"]
    header += ["primal integral", "ratio", "runs with learned branching / diving"]
    lines += _table(header, [default_row, *(_test_row(c) for c in test.comparisons)])
    names = [DEFAULT_NAME, *(c.name for c in test.comparisons)]
    values = [1.0, *(c.time_ratio or math.nan for c in test.comparisons)]
    figure, axes = plt.subplots(figsize=(5, 3))
    axes.bar(names, values, color=["tab:gray", *["tab:blue"] * len(test.comparisons)])
    axes.axhline(1.0, color="black", linewidth=0.8)
    axes.set_ylabel("time / SCIP default's")
    _save(figure, ctx.out / "test.png")
    return [*lines, "![test](test.png)", ""]


def _settings_alone(decision: GateDecision | None) -> bool:
    """Whether the gate gave the set SCIP settings and no learned component."""
    if decision is None:
        return False
    return bool(decision.scip_params) and not (
        decision.branching.enabled or decision.diving.enabled
    )


def _test_row(c: Any) -> list[Any]:
    """One configuration's row of the test table."""
    return [
        c.name,
        c.runs,
        c.solved,
        c.errors,
        _number(c.time),
        _number(c.time_ratio),
        _number(c.primal_integral),
        _number(c.primal_integral_ratio),
        f"{c.branching_runs} / {c.diving_runs}",
    ]


def _timings_section(timings: Mapping[str, float], budget: Mapping[str, float] | None) -> list[str]:
    """Seconds per stage, and the budget."""
    lines = ["## Timings", ""]
    if budget is not None:
        lines += [f"Budget: {budget['spent_s']:.0f} s spent of {budget['total_s']:.0f} s.", ""]
    rows = [[stage, _number(seconds, 1)] for stage, seconds in timings.items()]
    if rows:
        lines += _table(["stage", "seconds"], [*rows, ["total", _number(sum(timings.values()), 1)]])
    return lines


def _save(figure: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _write_manifest(
    ctx: Any, timings: Mapping[str, float], tuning: TuningResult | None, test: TestResult | None
) -> Path:
    """``ctx.work / "manifest.json"``: commands, seeds, versions, timings and folders."""
    provenance = fit_provenance(ctx)
    record = {
        "written": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": provenance.pop("command"),
        "seed": provenance.pop("seed"),
        "environment": provenance,
        "timings": dict(timings),
        "tuning_rounds": [] if tuning is None else [r.to_json() for r in tuning.rounds],
        "test_folder": None if test is None else test.folder,
        "checkpoints": {kind: str(path) for kind, path in ctx.checkpoints.items()},
    }
    path = ctx.work / "manifest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    return path
