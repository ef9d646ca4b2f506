"""The benchmark harness: configs, solver configurations, the results store and the runner.

``neuralmip bench CONFIG.toml --out DIR`` is :func:`run_benchmark` on a :class:`BenchConfig`
loaded by :func:`load_bench_config`; ``neuralmip report DIR`` is
:func:`experiments.report.write_report`.
"""

from experiments.bench.config import (
    BenchConfig,
    BenchConfigError,
    FileInstanceSet,
    GeneratedInstanceSet,
    load_bench_config,
    parse_bench_config,
)
from experiments.bench.configurations import (
    FULL_STRONG_BRANCHING_PARAMS,
    HighsConfiguration,
    ParamSetting,
    ScipConfiguration,
    SolverConfiguration,
    SolveRequest,
    SolveResult,
)
from experiments.bench.runner import BenchError, BenchSummary, RunJob, run_benchmark, run_job
from experiments.bench.store import RESULTS_FILE, ResultStore

__all__ = [
    "BenchConfig",
    "BenchConfigError",
    "BenchError",
    "BenchSummary",
    "FULL_STRONG_BRANCHING_PARAMS",
    "FileInstanceSet",
    "GeneratedInstanceSet",
    "HighsConfiguration",
    "ParamSetting",
    "RESULTS_FILE",
    "ResultStore",
    "RunJob",
    "ScipConfiguration",
    "SolveRequest",
    "SolveResult",
    "SolverConfiguration",
    "load_bench_config",
    "parse_bench_config",
    "run_benchmark",
    "run_job",
]
