"""Compare solver configurations with SCIP's default through the bench harness; the test stage.

:func:`run_comparison` runs SCIP's default and a few other configurations on the same
instances and seed in one benchmark folder (:func:`experiments.bench.run_benchmark`), and
reduces its rows (:func:`experiments.report.compute_run_metrics`) to one :class:`Comparison` per
configuration: the 1-shifted geometric mean of solving time (a run unsolved at the time limit
counts as the limit) and of the primal integral, each beside SCIP default's on the same runs.
Tuning (:mod:`experiments.fit.tuning`) and the test stage both use it.

:func:`evaluate_test` is the test stage: on the test instances, which no choice of the fit ever
saw, SCIP's default against the written model set as ``solve X --learned --model MODELSET``
runs it (both components requested, the set's own SCIP parameters and settings), and against
the set's SCIP parameters alone (``settings-only``) when it has any. A benchmark folder that
already holds the same runs is continued, so a resumed fit does not solve them again.
"""

from __future__ import annotations

import dataclasses
import math
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from experiments.metrics import shifted_geometric_mean
from solver.modelset import read_model_set

if TYPE_CHECKING:
    from experiments.bench import ScipConfiguration
    from experiments.report import RunMetrics

__all__ = [
    "DEFAULT_NAME",
    "LEARNED_NAME",
    "RUN_OVERHEAD_SECONDS",
    "SETTINGS_ONLY_NAME",
    "Comparison",
    "TestResult",
    "evaluate_test",
    "model_set_configurations",
    "pooled_comparisons",
    "run_comparison",
    "runs_within",
]

#: The name of SCIP's default configuration in every comparison.
DEFAULT_NAME = "scip-default"
#: The test stage's name for the model set as ``solve --learned --model MODELSET`` runs it.
LEARNED_NAME = "learned"
#: The test stage's name for the model set's SCIP parameters without its models.
SETTINGS_ONLY_NAME = "settings-only"
#: Seconds a run costs beyond its solve (a forked worker, reading the instance, the plugins'
#: set-up), used to plan how many runs fit a budget.
RUN_OVERHEAD_SECONDS = 1.0


@dataclass(frozen=True)
class Comparison:
    """One configuration against SCIP's default on the same instances and seed.

    Figures are over the runs where neither failed (error or crashed run); ``None`` when there
    is none.
    """

    name: str
    """The configuration's name."""
    runs: int
    """Runs compared (instance x seed pairs where SCIP's default did not fail)."""
    solved: int
    """Of those, runs this configuration solved."""
    errors: int
    """Of those, runs where this configuration failed (left out of the figures)."""
    time: float | None
    """1-shifted geometric mean of its solving time, seconds (unsolved: the time limit)."""
    default_time: float | None
    """The same figure for SCIP's default on the same runs."""
    primal_integral: float | None
    """1-shifted geometric mean of its primal integral (gap x seconds)."""
    default_primal_integral: float | None
    """The same figure for SCIP's default on the same runs."""
    primal_dual_integral: float | None = None
    """1-shifted geometric mean of its primal-dual integral (gap x seconds): the progress of a
    run that the time limit stopped, where times tie."""
    default_primal_dual_integral: float | None = None
    """The same figure for SCIP's default on the same runs."""
    branching_runs: int = 0
    """Runs in which a learned branching rule was included."""
    diving_runs: int = 0
    """Runs in which neural diving was included."""
    default_solved: int | None = None
    """Of ``runs``, those SCIP's default solved (None in records written before it was kept)."""

    @property
    def time_ratio(self) -> float | None:
        """Its time over SCIP default's (below 1: faster); None without figures."""
        return _ratio(self.time, self.default_time)

    @property
    def primal_integral_ratio(self) -> float | None:
        """Its primal integral over SCIP default's (below 1: better solutions sooner)."""
        return _ratio(self.primal_integral, self.default_primal_integral)

    @property
    def primal_dual_integral_ratio(self) -> float | None:
        """Its primal-dual integral over SCIP default's (below 1: closes the gap sooner)."""
        return _ratio(self.primal_dual_integral, self.default_primal_dual_integral)

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Comparison:
        """The comparison :meth:`to_json` recorded."""
        return cls(**record)


def _ratio(value: float | None, base: float | None) -> float | None:
    """``value / base``; a base of 0 gives 1.0 when the value is 0 too, else infinity."""
    if value is None or base is None:
        return None
    if base <= 0:
        return 1.0 if value <= 0 else math.inf
    return value / base


@dataclass(frozen=True)
class TestResult:
    """The test stage: SCIP's default against the written model set, on the test instances."""

    __test__ = False  # not a pytest test class

    instances: int
    """Test instances solved (fewer than the split holds when the budget did not allow all)."""
    time_limit: float
    """Seconds per run."""
    seed: int
    """The solver seed of every run."""
    comparisons: tuple[Comparison, ...]
    """``learned`` and (when the set has SCIP parameters) ``settings-only`` against SCIP's
    default."""
    folder: str
    """The benchmark folder, relative to the model set."""
    seconds: float
    """Wall-clock seconds the stage took."""
    note: str = ""
    """What limited the stage, if anything (e.g. the budget); empty otherwise."""

    def comparison(self, name: str) -> Comparison | None:
        """The comparison of configuration ``name``, or None."""
        return next((c for c in self.comparisons if c.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        record = dataclasses.asdict(self)
        record["comparisons"] = [c.to_json() for c in self.comparisons]
        return record

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> TestResult:
        """The result :meth:`to_json` recorded."""
        values = dict(record)
        values["comparisons"] = tuple(Comparison.from_json(c) for c in record["comparisons"])
        return cls(**values)


def runs_within(seconds: float, configurations: int, time_limit: float, workers: int) -> int:
    """How many instances ``configurations`` runs each, at ``time_limit`` at worst, fit in
    ``seconds`` on ``workers`` parallel workers (0: none)."""
    per_instance = configurations * (time_limit + RUN_OVERHEAD_SECONDS) / max(workers, 1)
    return max(0, int(seconds // per_instance))


def run_comparison(
    folder: Path,
    instances: Sequence[Path],
    configurations: Sequence[ScipConfiguration],
    *,
    time_limit: float,
    seed: int,
    workers: int = 1,
    ray: str | None = None,
) -> dict[str, Comparison]:
    """Run SCIP's default and ``configurations`` on ``instances`` and compare each with it.

    Parameters
    ----------
    folder
        The benchmark folder; one holding the same benchmark is continued, one holding
        another is replaced.
    instances
        Instance files (files of the same name in different folders are linked under
        distinct names beside ``folder``, as the benchmark tells instances apart by name).
    configurations
        The configurations to compare (none named :data:`DEFAULT_NAME`).
    time_limit
        Seconds per run.
    seed
        The solver seed of every run.
    workers
        Runs at once.
    ray
        A Ray address to run on (None: local processes).

    Returns
    -------
    dict
        A :class:`Comparison` per configuration name.
    """
    from experiments.bench import BenchConfig, FileInstanceSet, ScipConfiguration
    from experiments.bench.inference import InferenceMode

    renamed = folder.with_name(f"{folder.name}-instances")
    files = tuple(str(path) for path in _distinct_names(instances, renamed))
    config = BenchConfig(
        name=folder.name,
        instance_sets=(FileInstanceSet("instances", files),),
        configurations=(ScipConfiguration(DEFAULT_NAME), *configurations),
        seeds=(seed,),
        time_limit=float(time_limit),
        baseline=DEFAULT_NAME,
        workers=workers,
        inference=InferenceMode.LOCAL,  # as `solve --learned` runs: the network in the solve
    )
    _preload_models(configurations)
    _run_or_continue(config, folder, workers, ray)
    return pooled_comparisons([folder], [c.name for c in configurations])


def _distinct_names(instances: Sequence[Path], folder: Path) -> list[Path]:
    """``instances``, or, when two share a name, hard links to them (copies across file
    systems) in ``folder``, named ``0001-NAME``, ``0002-NAME``, ... in ``instances``' order."""
    from experiments.bench.runner import instance_name

    names = [instance_name(Path(path)) for path in instances]
    if len(set(names)) == len(names):
        return list(instances)
    folder.mkdir(parents=True, exist_ok=True)
    linked = []
    for index, path in enumerate(instances, start=1):
        link = folder / f"{index:04d}-{Path(path).name}"
        if not link.exists():
            try:
                os.link(path, link)
            except OSError:
                shutil.copy2(path, link)
        linked.append(link)
    return linked


def _preload_models(configurations: Sequence[ScipConfiguration]) -> None:
    """Load the learned configurations' networks here, so that forked workers inherit them
    instead of each importing torch and reading the checkpoints again."""
    from solver.plugins import load_model_set

    for path in {c.model_path for c in configurations if c.model_path is not None}:
        load_model_set(path)


def _run_or_continue(config: Any, folder: Path, workers: int, ray: str | None) -> None:
    """Run ``config`` in ``folder``, continuing its runs there when it holds the same
    benchmark (another benchmark's runs are removed first)."""
    from experiments.bench import BenchError, run_benchmark
    from experiments.executors import make_executor

    with make_executor(workers=workers, ray_address=ray) as executor:
        options = {"progress": False, "calibration": False}
        try:
            run_benchmark(config, folder, executor, resume=folder.exists(), **options)
        except BenchError:
            if not folder.exists():
                raise
            shutil.rmtree(folder)  # a benchmark planned otherwise (another budget, say)
            run_benchmark(config, folder, executor, **options)


def pooled_comparisons(folders: Sequence[Path], names: Sequence[str]) -> dict[str, Comparison]:
    """A :class:`Comparison` per configuration of ``names`` over the runs of ``folders``
    (benchmarks :func:`run_comparison` ran, e.g. the same instances with other seeds): each
    run is compared with SCIP's default run of the same folder, instance and seed."""
    from experiments.bench import RESULTS_FILE, ResultStore
    from experiments.report import compute_run_metrics

    rows = []
    for index, folder in enumerate(folders):
        for row in ResultStore(folder / RESULTS_FILE).latest().values():
            rows.append({**row, "instance": f"{index}:{row['instance']}"})
    runs = {(m.configuration, m.instance, m.seed): m for m in compute_run_metrics(rows, {})}
    pairs = [
        (instance, seed)
        for configuration, instance, seed in sorted(runs)
        if configuration == DEFAULT_NAME and not runs[(configuration, instance, seed)].failed
    ]
    defaults = [runs[(DEFAULT_NAME, *pair)] for pair in pairs]
    return {
        name: _comparison(name, defaults, [runs.get((name, *pair)) for pair in pairs], rows)
        for name in names
    }


def _comparison(
    name: str,
    defaults: list[RunMetrics],
    candidates: list[RunMetrics | None],
    rows: list[dict[str, Any]],
) -> Comparison:
    """``name``'s figures against SCIP's default, on the pairs where neither failed."""
    kept = [
        (default, run)
        for default, run in zip(defaults, candidates, strict=True)
        if run is not None and not run.failed
    ]
    mine = [row for row in rows if row["configuration"] == name]

    def sgm(values: list[float]) -> float | None:
        return shifted_geometric_mean(values) if values else None

    return Comparison(
        name=name,
        runs=len(defaults),
        solved=sum(run.solved for _, run in kept),
        errors=len(defaults) - len(kept),
        time=sgm([run.time for _, run in kept]),
        default_time=sgm([default.time for default, _ in kept]),
        primal_integral=sgm([run.primal_integral or 0.0 for _, run in kept]),
        default_primal_integral=sgm([default.primal_integral or 0.0 for default, _ in kept]),
        primal_dual_integral=sgm([run.primal_dual_integral or 0.0 for _, run in kept]),
        default_primal_dual_integral=sgm(
            [default.primal_dual_integral or 0.0 for default, _ in kept]
        ),
        branching_runs=sum(row.get("inference") is not None for row in mine),
        diving_runs=sum(row.get("heuristic") is not None for row in mine),
        default_solved=sum(default.solved for default in defaults),
    )


def model_set_configurations(model_set: Path) -> list[ScipConfiguration]:
    """The configurations the test stage compares with SCIP's default: the model set as
    ``solve --learned --model MODELSET`` runs it, and its SCIP parameters alone (when it has
    some and enables a component: a set that enables none runs its parameters alone)."""
    from experiments.bench import ScipConfiguration

    learned = ScipConfiguration(
        LEARNED_NAME, learned_branching=True, neural_diving=True, model_path=str(model_set)
    )
    models = read_model_set(model_set)
    scip_params = dict(models.scip_params)
    if not scip_params or not any(c.enabled for c in models.components()):
        return [learned]
    return [learned, ScipConfiguration(SETTINGS_ONLY_NAME, scip_params=scip_params)]


def evaluate_test(ctx: Any, seconds: float) -> TestResult:
    """SCIP's default against the written model set on the test instances, within ``seconds``.

    Parameters
    ----------
    ctx
        The fit's context (:class:`experiments.fit.context.FitContext`): the model set is
        ``ctx.out`` (written by :func:`experiments.fit.write.write_model_set`), the instances
        ``ctx.split.test``, the time limit ``ctx.baseline.time_cap``, the seed
        ``ctx.config.seed``, the workers ``ctx.config.workers`` (and ``ctx.config.ray``).
    seconds
        The stage's budget: as many test instances as fit it at the time limit are solved
        (all of them, when they fit). A set that enables no component and has no SCIP
        parameters is not run: with it, ``--learned`` runs SCIP's default (the result's
        ``note`` says so).

    Returns
    -------
    TestResult
        The comparisons; the benchmark folder is ``ctx.work / "test"``.
    """
    started = time.monotonic()
    configurations = model_set_configurations(ctx.out)
    cap = float(ctx.baseline.time_cap)
    workers = int(ctx.config.workers)
    instances = list(ctx.split.test)
    fit = runs_within(seconds, len(configurations) + 1, cap, workers)
    note = ""
    models = read_model_set(ctx.out)
    if not models.scip_params and not any(c.enabled for c in models.components()):
        note = "the set enables no component: `--learned` with it runs SCIP's default"
        instances = []
    elif fit < len(instances):
        note = f"the budget allowed {fit} of the {len(instances)} test instances"
        instances = instances[:fit]
    folder = ctx.work / "test"
    comparisons: dict[str, Comparison] = {}
    if instances:
        ctx.log(f"test: SCIP default vs the model set on {len(instances)} test instances")
        comparisons = run_comparison(
            folder,
            instances,
            configurations,
            time_limit=cap,
            seed=int(ctx.config.seed),
            workers=workers,
            ray=getattr(ctx.config, "ray", None),
        )
    return TestResult(
        instances=len(instances),
        time_limit=cap,
        seed=int(ctx.config.seed),
        comparisons=tuple(comparisons.values()),
        folder=str(folder.relative_to(ctx.out)),
        seconds=time.monotonic() - started,
        note=note,
    )
