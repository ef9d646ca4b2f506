"""The benchmark harness: configs, solver configurations, the results store and the runner.

Learned configurations run their networks in each worker or through one shared inference
server per machine (:mod:`experiments.bench.inference`, ``inference`` in the config).

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
from experiments.bench.inference import INFERENCE_FILE, InferenceMode, SharedInference
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
    "INFERENCE_FILE",
    "InferenceMode",
    "ParamSetting",
    "RESULTS_FILE",
    "ResultStore",
    "RunJob",
    "ScipConfiguration",
    "SharedInference",
    "SolveRequest",
    "SolveResult",
    "SolverConfiguration",
    "load_bench_config",
    "parse_bench_config",
    "run_benchmark",
    "run_job",
]
