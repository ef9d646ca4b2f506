"""Turn a benchmark folder into ``report.md``, ``runs.csv`` and PNG plots.

Per instance set and configuration the report gives: runs, solved runs, error runs, the
1-shifted geometric mean solving time (unsolved runs count at the time limit, as in Gasse et al.
2019; error and crashed runs are left out), the geometric mean of nodes on the (instance, seed)
pairs every configuration solved, wins (fastest among those that solved a pair; ties all win),
mean primal and primal-dual integrals, and each figure's ratio to the baseline configuration.

The reference objective of an instance is its known optimum from the config's ``known_optima``
table when there is one, else the best objective over all runs of that instance
(:mod:`experiments.metrics` gives the definitions). Plots: a performance profile and the mean
primal gap over time, per instance set.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from experiments.bench.store import RESULTS_FILE, ResultStore
from experiments.metrics import (
    gap_curve,
    geometric_mean,
    performance_profile,
    primal_dual_integral,
    primal_integral,
    shifted_geometric_mean,
    time_to_gap,
)

__all__ = [
    "RunMetrics",
    "ReportError",
    "compute_run_metrics",
    "reference_objectives",
    "write_report",
]

#: Statuses that count as solved (proved optimal, or proved to have no optimum).
SOLVED_STATUSES = frozenset(
    {"optimal", "infeasible", "unbounded", "inforunbd", "unboundedorinfeasible"}
)
#: Statuses of runs that produced no solver result.
FAILED_STATUSES = frozenset({"error", "crashed"})


class ReportError(ValueError):
    """The folder holds no usable benchmark; ``str()`` is one line."""


@dataclass(frozen=True)
class RunMetrics:
    """Derived figures of one run."""

    instance_set: str
    instance: str
    configuration: str
    seed: int
    status: str
    solved: bool
    """Status in :data:`SOLVED_STATUSES`."""
    failed: bool
    """Status ``error`` or ``crashed``."""
    time: float
    """Solving time, the time limit when unsolved."""
    nodes: int | None
    objective: float | None
    reference: float | None
    """Reference objective of the instance."""
    primal_integral: float | None
    primal_dual_integral: float | None
    time_to_first_solution: float | None
    time_to_1pct_gap: float | None
    time_limit: float
    error: str | None
    branching_seconds: float | None = None
    """Observation and inference time of the learned branching rule; None without it."""
    branched_nodes: int | None = None
    """Nodes the learned branching rule decided: branched on, or (with a shortlist's
    reductions) cut off or tightened and solved again; None without it."""
    first_node_seconds: float | None = None
    """The rule's time at its first node (a hybrid policy's encoder runs there); None when not
    recorded."""
    diving_seconds: float | None = None
    """Neural diving's own time (extraction, inference, sub-MIPs); None without it."""

    @property
    def learned_seconds(self) -> float | None:
        """Time the learned plugins spent; None without any."""
        parts = [p for p in (self.branching_seconds, self.diving_seconds) if p is not None]
        return sum(parts) if parts else None


def _optional(record: Mapping[str, Any] | None, key: str, kind: type) -> Any:
    value = (record or {}).get(key)
    return None if value is None else kind(value)


def _points(row: Mapping[str, Any], key: str) -> list[tuple[float, float]]:
    return [(float(t), float(v)) for t, v in row.get(key) or ()]


def reference_objectives(
    rows: Sequence[Mapping[str, Any]], known_optima: Mapping[str, float]
) -> dict[tuple[str, str], float | None]:
    """Reference objective per ``(instance_set, instance)``: known optimum, else best found."""
    best: dict[tuple[str, str], float | None] = {}
    for row in rows:
        key = (row["instance_set"], row["instance"])
        best.setdefault(key, None)
        if row["instance"] in known_optima:
            best[key] = float(known_optima[row["instance"]])
            continue
        value = row.get("objective")
        if value is None or not math.isfinite(value):
            continue
        current = best[key]
        better = min if row.get("sense", "minimize") == "minimize" else max
        best[key] = value if current is None else better(current, value)
    return best


def compute_run_metrics(
    rows: Sequence[Mapping[str, Any]], known_optima: Mapping[str, float]
) -> list[RunMetrics]:
    """Derive :class:`RunMetrics` for every row."""
    references = reference_objectives(rows, known_optima)
    metrics = []
    for row in rows:
        status = str(row.get("status"))
        failed = status in FAILED_STATUSES
        solved = status in SOLVED_STATUSES
        limit = float(row.get("time_limit") or 0.0)
        reference = references[(row["instance_set"], row["instance"])]
        primal = _points(row, "primal_trajectory")
        dual = _points(row, "dual_trajectory")
        solving_time = row.get("solving_time")
        time = min(float(solving_time), limit) if solved and solving_time is not None else limit
        metrics.append(
            RunMetrics(
                instance_set=row["instance_set"],
                instance=row["instance"],
                configuration=row["configuration"],
                seed=int(row["seed"]),
                status=status,
                solved=solved,
                failed=failed,
                time=time,
                nodes=row.get("nodes"),
                objective=row.get("objective"),
                reference=reference,
                primal_integral=None if failed else primal_integral(primal, reference, limit),
                primal_dual_integral=None if failed else primal_dual_integral(primal, dual, limit),
                time_to_first_solution=None if failed else time_to_gap(primal, None, 1.0),
                time_to_1pct_gap=None if failed else time_to_gap(primal, reference, 0.01),
                time_limit=limit,
                error=row.get("error"),
                branching_seconds=_optional(row.get("inference"), "rule_seconds", float),
                branched_nodes=_decided_nodes(row.get("inference")),
                first_node_seconds=_optional(row.get("inference"), "first_node_seconds", float),
                diving_seconds=_optional(row.get("heuristic"), "total_seconds", float),
            )
        )
    return metrics


def _format(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or base is None or math.isnan(value) or math.isnan(base) or base == 0:
        return "-"
    return f"{value / base:.2f}"


def _set_table(
    runs: list[RunMetrics], configurations: list[str], baseline: str
) -> tuple[list[str], dict[str, dict[str, float | None]]]:
    """The Markdown lines of one instance set's summary table, and its figures."""
    by_config: dict[str, list[RunMetrics]] = {name: [] for name in configurations}
    for run in runs:
        by_config.setdefault(run.configuration, []).append(run)
    pairs = sorted({(run.instance, run.seed) for run in runs})
    lookup = {(run.configuration, run.instance, run.seed): run for run in runs}
    # A configuration whose every run failed (no learned model yet) would leave no common pair.
    active = [c for c in configurations if any(not run.failed for run in by_config.get(c, []))]
    common = [
        pair
        for pair in pairs
        if all((c, *pair) in lookup and lookup[(c, *pair)].solved for c in active)
    ]
    wins = _wins(pairs, lookup, configurations)
    figures = {
        name: _figures(
            config_runs,
            [lookup[(name, *pair)] for pair in common if (name, *pair) in lookup],
            wins[name],
        )
        for name, config_runs in by_config.items()
    }
    lines = _summary_lines(figures, baseline)
    lines.append("")
    lines.append(
        f"{len(pairs)} (instance, seed) pairs; {len(common)} solved by every configuration "
        "with any run that did not fail (the node means use only those)."
    )
    return lines, figures


_RunKey = tuple[str, str, int]


def _wins(
    pairs: list[tuple[str, int]], lookup: Mapping[_RunKey, RunMetrics], configurations: list[str]
) -> dict[str, int]:
    """Per configuration, the pairs where it was fastest among the configurations that solved
    them (ties count for each)."""
    wins: dict[str, int] = defaultdict(int)
    for pair in pairs:
        solved = [
            lookup[(c, *pair)]
            for c in configurations
            if (c, *pair) in lookup and lookup[(c, *pair)].solved
        ]
        if solved:
            fastest = min(run.time for run in solved)
            for run in solved:
                if run.time <= fastest:
                    wins[run.configuration] += 1
    return wins


def _figures(
    config_runs: list[RunMetrics], common_runs: list[RunMetrics], wins: int
) -> dict[str, float | None]:
    """One configuration's figures: its runs, and its runs on the pairs all solved."""
    usable = [run for run in config_runs if not run.failed]
    common_nodes = [float(run.nodes or 0) for run in common_runs if run.nodes]

    def sgm(values: list[float]) -> float | None:
        return shifted_geometric_mean(values) if usable else None

    return {
        "runs": len(config_runs),
        "solved": sum(run.solved for run in config_runs),
        "failed": sum(run.failed for run in config_runs),
        "time": sgm([run.time for run in usable]),
        "nodes": geometric_mean(common_nodes) if common_nodes else None,
        "wins": wins,
        # Nair et al. compare primal integrals by their shifted geometric mean
        "primal_integral": sgm([run.primal_integral or 0.0 for run in usable]),
        # runs that never reach a 1 % gap count at the time limit
        "gap1": sgm(
            [
                run.time_limit if run.time_to_1pct_gap is None else run.time_to_1pct_gap
                for run in usable
            ]
        ),
        "primal_dual_integral": _mean_or_none([run.primal_dual_integral for run in usable]),
        "learned_seconds": _mean_or_none(
            [run.learned_seconds for run in usable if run.learned_seconds is not None]
        ),
        "per_node_ms": _per_node_ms(usable),
        "first_node_ms": _first_node_ms(usable),
    }


def _summary_lines(figures: Mapping[str, Mapping[str, Any]], baseline: str) -> list[str]:
    """The summary table: one row per configuration, ratios to the baseline's figures."""
    base = figures.get(baseline, {})
    lines = [
        "| configuration | runs | solved | failed | time (1-sgm, s) | ratio | nodes (gm, common) "
        "| ratio | wins | primal integral (1-sgm) | ratio | primal-dual integral (mean) "
        "| time to 1 % gap (1-sgm, s) | ratio | learned plugins' own time (mean s) "
        "| learned branching per node (ms) | its first node (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figure in figures.items():
        lines.append(
            f"| {name}{' (baseline)' if name == baseline else ''} | {figure['runs']} | {figure['solved']} "
            f"| {figure['failed']} | {_format(figure['time'])} | {_ratio(figure['time'], base.get('time'))} "
            f"| {_format(figure['nodes'], 1)} | {_ratio(figure['nodes'], base.get('nodes'))} "
            f"| {figure['wins']} | {_format(figure['primal_integral'])} "
            f"| {_ratio(figure['primal_integral'], base.get('primal_integral'))} "
            f"| {_format(figure['primal_dual_integral'])} | {_format(figure['gap1'])} "
            f"| {_ratio(figure['gap1'], base.get('gap1'))} "
            f"| {_format(figure['learned_seconds'])} | {_format(figure['per_node_ms'])} "
            f"| {_format(figure['first_node_ms'])} |"
        )
    return lines


def _mean_or_none(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _decided_nodes(inference: Mapping[str, Any] | None) -> int | None:
    """Branched plus reduced nodes of a run's ``inference`` record (None without ``branched``):
    each was one observation and one inference."""
    branched = _optional(inference, "branched", int)
    if branched is None:
        return None
    return branched + (_optional(inference, "reduced", int) or 0)


def _per_node_ms(runs: list[RunMetrics]) -> float | None:
    """Learned branching's observation + inference milliseconds per decided node, pooled; the
    first node of each run is left out where recorded (see :func:`_first_node_ms`)."""
    seconds, nodes = 0.0, 0
    for run in runs:
        if not run.branched_nodes:
            continue
        first = run.first_node_seconds
        if first is None:
            seconds, nodes = seconds + (run.branching_seconds or 0.0), nodes + run.branched_nodes
        elif run.branched_nodes > 1:
            seconds += (run.branching_seconds or 0.0) - first
            nodes += run.branched_nodes - 1
    return 1e3 * seconds / nodes if nodes else None


def _first_node_ms(runs: list[RunMetrics]) -> float | None:
    """Mean milliseconds of the rule's first node, where a hybrid runs its encoder."""
    firsts = [run.first_node_seconds for run in runs if run.first_node_seconds is not None]
    return 1e3 * float(np.mean(firsts)) if firsts else None


def _instance_table(runs: list[RunMetrics], configurations: list[str]) -> list[str]:
    """Per-instance lines: status and time (seed-averaged when several seeds)."""
    cells: dict[str, dict[str, list[RunMetrics]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        cells[run.instance][run.configuration].append(run)
    lines = [
        "| instance | reference | " + " | ".join(configurations) + " |",
        "|---|---:|" + "---|" * len(configurations),
    ]
    for instance in sorted(cells):
        reference = next((run.reference for c in cells[instance].values() for run in c), None)
        row = [instance, _format(reference, 4) if reference is not None else "-"]
        for name in configurations:
            config_runs = cells[instance].get(name, [])
            if not config_runs:
                row.append("-")
                continue
            statuses = sorted({run.status for run in config_runs})
            times = [run.time for run in config_runs if not run.failed]
            objectives = [run.objective for run in config_runs if run.objective is not None]
            text = "/".join(statuses)
            if times:
                text += f" {np.mean(times):.2f}s"
            if objectives:
                text += f" obj {objectives[0]:.6g}"
            row.append(text)
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _plots(
    runs: list[RunMetrics],
    rows: list[Mapping[str, Any]],
    configurations: list[str],
    set_name: str,
    time_limit: float,
    out_dir: Path,
) -> list[str]:
    """Write the set's performance profile and primal gap plot; return their file names."""
    import matplotlib

    matplotlib.use("Agg")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in set_name)
    names = [f"profile-{safe}.png", f"primal-gap-{safe}.png"]
    _profile_plot(runs, configurations, set_name, out_dir / names[0])
    _gap_plot(runs, rows, configurations, set_name, time_limit, out_dir / names[1])
    return names


def _profile_plot(
    runs: list[RunMetrics], configurations: list[str], set_name: str, path: Path
) -> None:
    """Performance profile: the fraction of (instance, seed) pairs each configuration solved
    within tau times the fastest configuration's time."""
    import matplotlib.pyplot as plt

    pairs = sorted({(run.instance, run.seed) for run in runs})
    lookup = {(run.configuration, run.instance, run.seed): run for run in runs}
    times = {
        name: [
            lookup[(name, *pair)].time
            if (name, *pair) in lookup and lookup[(name, *pair)].solved
            else math.inf
            for pair in pairs
        ]
        for name in configurations
    }
    taus = np.logspace(0, 3, 200)
    profile = performance_profile(times, taus)
    figure, axes = plt.subplots(figsize=(6, 4))
    for name, fractions in profile.items():
        axes.step(taus, fractions, where="post", label=name)
    axes.set_xscale("log")
    axes.set_xlabel("time ratio to the fastest configuration (tau)")
    axes.set_ylabel("fraction of runs solved within tau")
    _finish_plot(figure, axes, f"Performance profile: {set_name}", path)


def _gap_plot(
    runs: list[RunMetrics],
    rows: list[Mapping[str, Any]],
    configurations: list[str],
    set_name: str,
    time_limit: float,
    path: Path,
) -> None:
    """Each configuration's mean primal gap over time, on the runs that did not fail."""
    import matplotlib.pyplot as plt

    grid = np.linspace(0.0, time_limit, 400)
    references = {(run.instance, run.seed, run.configuration): run.reference for run in runs}
    figure, axes = plt.subplots(figsize=(6, 4))
    for name in configurations:
        curves = [
            gap_curve(
                _points(row, "primal_trajectory"),
                references[(row["instance"], int(row["seed"]), name)],
                grid,
            )
            for row in rows
            if row["configuration"] == name
            and row["instance_set"] == set_name
            and row.get("status") not in FAILED_STATUSES
        ]
        if curves:
            axes.plot(grid, np.mean(curves, axis=0), label=name)
    axes.set_xlabel("time (s)")
    axes.set_ylabel("mean primal gap")
    _finish_plot(figure, axes, f"Primal gap over time: {set_name}", path)


def _finish_plot(figure: Any, axes: Any, title: str, path: Path) -> None:
    """Y axis over [0, 1.02], title, legend; save to ``path`` and close the figure."""
    import matplotlib.pyplot as plt

    axes.set_ylim(0, 1.02)
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


#: Load beyond this many times the CPU count marks a run as measured on a loaded machine.
LOADED_MACHINE_FACTOR = 1.25


def _load_lines(rows: Sequence[Mapping[str, Any]], cpus: int | None) -> list[str]:
    """The load over the runs, and a warning when it went beyond the machine's CPUs."""
    loads = [float(row["load_average"]) for row in rows if row.get("load_average") is not None]
    if not loads:
        return []
    lines = [
        f"- load average (1 min) as the runs ended: median {float(np.median(loads)):.1f}, "
        f"max {max(loads):.1f}"
    ]
    if cpus and max(loads) > LOADED_MACHINE_FACTOR * cpus:
        lines.append(
            f"- **Loaded machine**: the load went beyond the {cpus} CPUs during this run. Times,"
            " even on SCIP's CPU clock, can grow when cores are shared: compare them only within"
            " this run."
        )
    return lines


def _read_sessions(folder: Path) -> list[dict[str, Any]]:
    path = folder / "sessions.jsonl"
    if not path.exists():
        return []
    sessions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            sessions.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return sessions


def _write_csv(metrics: list[RunMetrics], path: Path) -> None:
    fields = list(RunMetrics.__dataclass_fields__)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(fields)
        for run in metrics:
            writer.writerow([getattr(run, field) for field in fields])


def write_report(
    folder: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Write ``report.md``, ``runs.csv`` and the plots for the benchmark in ``folder``.

    Parameters
    ----------
    folder
        A benchmark folder (``config.json`` and ``results.jsonl``).
    out_dir
        Where to write; default ``folder``.

    Returns
    -------
    pathlib.Path
        The report file.

    Raises
    ------
    ReportError
        When ``folder`` has no ``config.json`` or no results.
    """
    folder = Path(folder)
    out = Path(out_dir) if out_dir is not None else folder
    config, rows = _read_benchmark(folder)
    out.mkdir(parents=True, exist_ok=True)
    configurations = [c["name"] for c in config["configurations"]]
    baseline = config.get("baseline") or configurations[0]
    metrics = compute_run_metrics(rows, config.get("known_optima", {}))
    _write_csv(metrics, out / "runs.csv")
    sessions = _read_sessions(folder)
    report_command = f"neuralmip report {folder}" + (f" --out {out}" if out != folder else "")
    lines = _header_lines(config, baseline, sessions, report_command)
    lines += _environment_lines(sessions, rows)
    lines += _configuration_lines(config)
    for instance_set in config["instance_sets"]:
        lines += _set_section(instance_set, config, metrics, rows, baseline, out)
    lines += _DEFINITIONS
    report = out / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    return report


def _read_benchmark(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The benchmark's config and the latest row of each run (a :class:`ReportError` when
    either is missing)."""
    config_path = folder / "config.json"
    if not config_path.exists():
        raise ReportError(
            f"{folder}: no config.json; is it a benchmark folder (neuralmip bench --out)?"
        )
    config = json.loads(config_path.read_text(encoding="utf-8"))
    rows = list(ResultStore(folder / RESULTS_FILE).latest().values())
    if not rows:
        raise ReportError(f"{folder}: no results in {RESULTS_FILE}")
    return config, rows


def _header_lines(
    config: Mapping[str, Any],
    baseline: str,
    sessions: list[dict[str, Any]],
    report_command: str,
) -> list[str]:
    """Title, the benchmark's settings, and the commands that made it and this report."""
    lines = [f"# Benchmark report: {config['name']}", ""]
    lines += [
        f"Time limit {config['time_limit']} s per run unless a set says otherwise; seeds {config['seeds']}; SCIP settings preset "
        f"`{config['settings']}`; baseline `{baseline}`. Times are solver-reported seconds.",
        "",
        "## Commands",
        "",
    ]
    for session in sessions:
        lines.append(
            f"- `{shown_command(session.get('command', []))}` ({session.get('started_at')}, "
            f"{session.get('executor')} x{session.get('parallelism')})"
        )
    return lines + [f"- report: `{report_command}`", ""]


def shown_command(command: Sequence[str]) -> str:
    """A recorded command line as a report shows it: the program by its name, not the path it
    was found at on one machine (``/usr/bin/neuralmip bench ...`` -> ``neuralmip bench ...``)."""
    if not command:
        return ""
    return " ".join([Path(command[0]).name, *command[1:]])


def _environment_lines(sessions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[str]:
    """Host, versions, calibration, the harness's overhead and the machine's load."""
    lines = ["## Environment", ""]
    if sessions:
        last = sessions[-1]
        versions = ", ".join(f"{k} {v}" for k, v in last.get("versions", {}).items())
        lines.append(
            f"- host `{last.get('host')}` ({last.get('platform')}, {last.get('cpus')} CPUs"
            + (
                f", load average {last['load_average'][0]:.1f} at start)"
                if last.get("load_average")
                else ")"
            )
        )
        lines.append(f"- SCIP {last.get('scip')}, Python {last.get('python')}; {versions}")
        lines.append(f"- git commit `{last.get('git_commit')}`")
        for session in sessions:
            calibration = session.get("calibration")
            if calibration:
                lines.append(
                    f"- calibration ({session.get('started_at')}): {calibration['instance']} solved "
                    f"in {calibration['solving_time']:.2f} s, {calibration['nodes']} nodes"
                )
    overheads = [
        float(row["harness_elapsed"]) - float(row["solve_wall_time"])
        for row in rows
        if row.get("harness_elapsed") is not None and row.get("solve_wall_time") is not None
    ]
    if overheads:
        lines.append(
            f"- harness overhead per run (worker start to result, minus the solve): mean "
            f"{1000 * float(np.mean(overheads)):.0f} ms, max {1000 * max(overheads):.0f} ms"
        )
    lines += _load_lines(rows, sessions[-1].get("cpus") if sessions else None)
    return lines + [""]


def _configuration_lines(config: Mapping[str, Any]) -> list[str]:
    """Each configuration as the benchmark resolved it."""
    lines = ["## Configurations", ""]
    for description in config["configurations"]:
        lines.append(f"- `{description['name']}`: `{json.dumps(description, sort_keys=True)}`")
    return lines + [""]


def _set_section(
    instance_set: Mapping[str, Any],
    config: Mapping[str, Any],
    metrics: list[RunMetrics],
    rows: list[dict[str, Any]],
    baseline: str,
    out: Path,
) -> list[str]:
    """One instance set's section: summary table, plots, per-instance table, failures."""
    set_name = instance_set["name"]
    runs = [run for run in metrics if run.instance_set == set_name]
    if not runs:
        return []
    configurations = [c["name"] for c in config["configurations"]]
    set_rows = [row for row in rows if row["instance_set"] == set_name]
    set_limit = instance_set.get("time_limit") or config["time_limit"]
    lines = [
        f"## {set_name}",
        "",
        f"Time limit {set_limit} s. `{json.dumps(instance_set, sort_keys=True)}`",
        "",
    ]
    table, _ = _set_table(runs, configurations, baseline)
    lines += table + [""]
    plots = _plots(runs, set_rows, configurations, set_name, float(set_limit), out)
    lines += [f"![{name}]({name})" for name in plots]
    lines += ["", "<details><summary>Per instance (status, mean time, objective)</summary>", ""]
    lines += _instance_table(runs, configurations)
    lines += ["", "</details>", ""]
    errors = sorted(
        {f"{run.configuration}: {run.error}" for run in runs if run.failed and run.error}
    )
    if errors:
        lines += ["Failed runs:", ""] + [f"- {error}" for error in errors] + [""]
    return lines


#: The report's last section: how each figure is computed.
_DEFINITIONS = [
    "## Definitions",
    "",
    "- time: 1-shifted geometric mean of solving time over runs that did not fail; an unsolved "
    "run counts at the time limit.",
    "- nodes: geometric mean over (instance, seed) pairs every configuration solved.",
    "- wins: pairs where the configuration was fastest among those that solved it.",
    "- primal integral: integral over [0, time limit] of the primal gap "
    "|p - r| / max(|p|, |r|) (1 without a solution, or when signs differ) against the "
    "reference r: the known optimum when given, else the best objective of any run "
    "(Berthold 2013; Nair et al. 2020). Primal-dual integral: the same with the dual bound "
    "in place of r. Time to 1 % gap: first time the primal gap is at most 0.01 (the time "
    "limit when never). Per-run figures are in `runs.csv`.",
    "",
]
