"""The benchmark config: a TOML file parsed once into frozen dataclasses.

Format (all keys but ``instance_sets`` and ``configurations`` optional)::

    name = "smoke"
    time_limit = 10.0             # seconds per run (an instance set may set its own)
    seeds = [0, 1]                # solver seeds; every instance runs once per seed
    settings = "default"          # SCIP settings preset, a name in solver.settings.PRESETS
    baseline = "scip-default"     # configuration the report's ratios divide by
    workers = 2                   # default for --workers
    retries = 0                   # extra attempts for a run whose worker died
    inference = "auto"            # learned networks: "shared" server, "local" per worker, or
                                  # "auto" (shared when CUDA is available); see bench.inference

    [[instance_sets]]             # generated: instances.generators presets
    name = "setcover-easy"
    generator = "setcover"
    level = "easy"
    seed = 100000                 # master seed of the batch (held-out: >= 100000)
    count = 5
    params = { n_rows = 400 }     # optional overrides of the preset's fields
    time_limit = 30.0             # optional: this set's own limit

    [[instance_sets]]             # files: paths or globs, relative to this file
    name = "miplib"
    files = ["../instances/miplib/*.mps"]

    [[configurations]]
    name = "scip-default"
    solver = "scip"               # or "highs"; see experiments.bench.configurations
    scip_params = { "branching/fullstrong/priority" = 536870911 }
    learned_branching = false
    neural_diving = false
    heuristics = "aggressive"     # optional SCIP meta setting for heuristics
    branching_rule = "largest-objective"  # optional non-learned rule (solver.baseline_rules)
    # with learned_branching = true: solver.branching.BranchingRuleConfig fields on top of the
    # model set's (its modelset.toml), e.g.
    # branching_params = { shortlist_size = 4, shortlist_reductions = true }
    # with neural_diving = true: solver.diving.NeuralDivingConfig fields, e.g.
    # diving_params = { coverages = [0.9, 0.7], max_total_seconds = 0.5 }

    [[configurations]]
    name = "highs"
    solver = "highs"
    options = { mip_rel_gap = 0.0, threads = 1 }

    [known_optima]                # reference objectives by instance name (file stem)
    egout = 568.1007
"""

from __future__ import annotations

import dataclasses
import glob
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from experiments.bench.configurations import CONFIGURATION_TYPES, SolverConfiguration
from experiments.bench.inference import InferenceMode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "BenchConfigError",
    "BenchConfig",
    "GeneratedInstanceSet",
    "FileInstanceSet",
    "InstanceSet",
    "load_bench_config",
    "parse_bench_config",
]


class BenchConfigError(ValueError):
    """A benchmark config is unusable; ``str()`` is one line naming the file and the problem."""


@dataclass(frozen=True)
class GeneratedInstanceSet:
    """Instances made by ``instances.generators`` from a preset and a master seed."""

    name: str
    """Name of the set in tables and in the results."""
    generator: str
    """Instance class name: ``setcover``, ``cauctions``, ``facilities`` or ``indset``."""
    level: str
    """Preset level: ``tiny``, ``easy``, ``medium`` or ``hard``."""
    seed: int
    """Master seed of the batch; instance ``i`` uses a seed derived from it and ``i``."""
    count: int
    """Number of instances."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Overrides of the preset's fields."""
    time_limit: float | None = None
    """Seconds per run on this set; ``None`` uses the benchmark's ``time_limit``."""
    model: str | None = None
    """Learned models that configurations without their own ``model_path`` use on this set: a
    shipped model set name (e.g. the set's class, ``facilities``), a folder or a checkpoint;
    ``None``: the default shipped set."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle: rebuild from a plain dict.
        return (
            type(self),
            (self.name, self.generator, self.level, self.seed, self.count, dict(self.params),
             self.time_limit, self.model),
        )  # fmt: skip

    def materialize(self, out_dir: Path) -> list[Path]:
        """Generate (or reuse) the instance files under ``out_dir / name``."""
        from instances.generators import generate_instances, override_params, preset

        params = preset(self.generator, self.level)
        if self.params:
            params = override_params(
                params, {key: str(value) for key, value in self.params.items()}
            )
        return generate_instances(
            self.generator, params, self.count, self.seed, out_dir / self.name
        )

    def describe(self) -> dict[str, Any]:
        return {
            "kind": "generated",
            "name": self.name,
            "generator": self.generator,
            "level": self.level,
            "seed": self.seed,
            "count": self.count,
            "params": dict(self.params),
            "time_limit": self.time_limit,
            "model": self.model,
        }


@dataclass(frozen=True)
class FileInstanceSet:
    """Instance files given by paths or glob patterns."""

    name: str
    """Name of the set in tables and in the results."""
    patterns: tuple[str, ...]
    """Absolute paths or globs (relative ones were resolved against the config's folder)."""
    time_limit: float | None = None
    """Seconds per run on this set; ``None`` uses the benchmark's ``time_limit``."""
    model: str | None = None
    """Learned models that configurations without their own ``model_path`` use on this set: a
    shipped model set name (e.g. the set's class, ``facilities``), a folder or a checkpoint;
    ``None``: the default shipped set."""

    def materialize(self, out_dir: Path) -> list[Path]:
        """Expand the patterns, sorted and without duplicates; ``out_dir`` is not used."""
        del out_dir
        found: dict[Path, None] = {}
        for pattern in self.patterns:
            for match in sorted(glob.glob(pattern)):
                found.setdefault(Path(match).resolve(), None)
        return list(found)

    def describe(self) -> dict[str, Any]:
        return {
            "kind": "files",
            "name": self.name,
            "patterns": list(self.patterns),
            "time_limit": self.time_limit,
            "model": self.model,
        }


InstanceSet = GeneratedInstanceSet | FileInstanceSet


@dataclass(frozen=True)
class BenchConfig:
    """A resolved benchmark config."""

    name: str
    """Name of the benchmark (report title)."""
    instance_sets: tuple[InstanceSet, ...]
    """What to solve."""
    configurations: tuple[SolverConfiguration, ...]
    """How to solve it; names are unique."""
    seeds: tuple[int, ...] = (0,)
    """Solver seeds; each instance runs once per seed and configuration."""
    time_limit: float = 60.0
    """Seconds per run."""
    settings: str = "default"
    """SCIP settings preset name (``solver.settings.PRESETS``)."""
    baseline: str | None = None
    """Configuration the report's ratios divide by; default the first one."""
    workers: int = 1
    """Parallel runs when the command line does not say."""
    retries: int = 0
    """Extra attempts for a run whose worker died."""
    known_optima: Mapping[str, float] = field(default_factory=dict)
    """Reference objectives by instance name (file stem); others use the best run."""
    inference: InferenceMode = InferenceMode.AUTO
    """Where learned configurations run their networks when the command line does not say
    (:mod:`experiments.bench.inference`)."""
    source: str | None = None
    """The TOML file this was read from."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "known_optima", MappingProxyType(dict(self.known_optima)))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle: rebuild from a plain dict.
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        values["known_optima"] = dict(self.known_optima)
        return (_rebuild_config, (values,))

    @property
    def baseline_name(self) -> str:
        """The baseline configuration's name."""
        return self.baseline if self.baseline is not None else self.configurations[0].name

    def to_json(self) -> dict[str, Any]:
        """The resolved config as JSON-serialisable data (written beside the results)."""
        return {
            "name": self.name,
            "source": self.source,
            "time_limit": self.time_limit,
            "seeds": list(self.seeds),
            "settings": self.settings,
            "baseline": self.baseline_name,
            "workers": self.workers,
            "retries": self.retries,
            "inference": self.inference.value,
            "instance_sets": [instance_set.describe() for instance_set in self.instance_sets],
            "configurations": [configuration.describe() for configuration in self.configurations],
            "known_optima": dict(self.known_optima),
        }


def _rebuild_config(values: dict[str, Any]) -> BenchConfig:
    return BenchConfig(**values)


_TOP_KEYS = {
    "name", "time_limit", "seeds", "settings", "baseline", "workers", "retries",
    "instance_sets", "configurations", "known_optima", "inference",
}  # fmt: skip


def _inference_mode(value: Any) -> InferenceMode:
    try:
        return InferenceMode(str(value))
    except ValueError:
        choices = ", ".join(mode.value for mode in InferenceMode)
        raise ValueError(f"inference must be one of: {choices}; got {value!r}") from None


def _seeds(value: Any) -> tuple[int, ...]:
    if isinstance(value, Mapping):  # {start = 0, count = 5}
        return tuple(range(int(value["start"]), int(value["start"]) + int(value["count"])))
    if isinstance(value, int):
        return (value,)
    return tuple(int(seed) for seed in value)


def _positive(value: Any, what: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError(f"{what} must be > 0, got {value!r}")
    return number


def _instance_set(table: Mapping[str, Any], base: Path) -> InstanceSet:
    name = str(table["name"])
    limit = table.get("time_limit")
    time_limit = None if limit is None else _positive(limit, f"instance set {name!r}: time_limit")
    model = None if table.get("model") is None else str(table["model"])
    if "files" in table:
        files = table["files"]
        patterns = [files] if isinstance(files, str) else list(files)
        resolved = tuple(
            os.path.normpath(os.path.join(base, os.path.expanduser(str(p)))) for p in patterns
        )
        return FileInstanceSet(name=name, patterns=resolved, time_limit=time_limit, model=model)
    if "generator" in table:
        from instances.generators import preset

        generator, level = str(table["generator"]), str(table.get("level", "easy"))
        preset(generator, level)  # fails here, with the valid names, rather than mid-run
        return GeneratedInstanceSet(
            name=name,
            generator=generator,
            level=level,
            seed=int(table.get("seed", 100000)),
            count=int(table.get("count", 1)),
            params=dict(table.get("params", {})),
            time_limit=time_limit,
            model=model,
        )
    raise ValueError(f"instance set {name!r} needs either 'files' or 'generator'")


def _configuration(table: Mapping[str, Any]) -> SolverConfiguration:
    solver = str(table.get("solver", "scip"))
    if solver not in CONFIGURATION_TYPES:
        raise ValueError(
            f"configuration {table.get('name')!r}: unknown solver {solver!r}; "
            f"expected one of: {', '.join(CONFIGURATION_TYPES)}"
        )
    rest = {key: value for key, value in table.items() if key != "solver"}
    return CONFIGURATION_TYPES[solver].from_table(rest)


def parse_bench_config(
    data: Mapping[str, Any], base: Path, source: str | None = None
) -> BenchConfig:
    """Build a :class:`BenchConfig` from parsed TOML data.

    Parameters
    ----------
    data
        The TOML document.
    base
        Folder against which relative instance paths are resolved.
    source
        Where the data came from, recorded in the resolved config.

    Raises
    ------
    ValueError, KeyError, TypeError
        For missing or invalid entries (:func:`load_bench_config` turns them into one line).
    """
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(_TOP_KEYS))}"
        )
    instance_sets = tuple(_instance_set(table, base) for table in data.get("instance_sets", []))
    configurations = tuple(_configuration(table) for table in data.get("configurations", []))
    if not instance_sets:
        raise ValueError("no [[instance_sets]]")
    if not configurations:
        raise ValueError("no [[configurations]]")
    for kind, names in (
        ("instance set", [s.name for s in instance_sets]),
        ("configuration", [c.name for c in configurations]),
    ):
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate {kind} name(s): {', '.join(duplicates)}")
    baseline = data.get("baseline")
    if baseline is not None and baseline not in {c.name for c in configurations}:
        raise ValueError(f"baseline {baseline!r} is not a configuration name")
    settings = str(data.get("settings", "default"))
    from solver.settings import PRESETS

    if settings not in PRESETS:
        raise ValueError(
            f"unknown settings preset {settings!r}; expected one of: {', '.join(PRESETS)}"
        )
    time_limit = _positive(data.get("time_limit", 60.0), "time_limit")
    return BenchConfig(
        name=str(data.get("name", "benchmark")),
        instance_sets=instance_sets,
        configurations=configurations,
        seeds=_seeds(data.get("seeds", [0])),
        time_limit=time_limit,
        settings=settings,
        baseline=baseline,
        workers=int(data.get("workers", 1)),
        retries=int(data.get("retries", 0)),
        known_optima={str(k): float(v) for k, v in data.get("known_optima", {}).items()},
        inference=_inference_mode(data.get("inference", InferenceMode.AUTO.value)),
        source=source,
    )


def load_bench_config(path: str | os.PathLike[str]) -> BenchConfig:
    """Read and resolve a benchmark TOML file.

    Raises
    ------
    BenchConfigError
        One line, ``"PATH: what is wrong"``, for a missing file, bad TOML or a bad entry.
    """
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except OSError as err:
        raise BenchConfigError(f"{path}: cannot read it ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise BenchConfigError(f"{path}: not valid TOML ({err})") from None
    try:
        return parse_bench_config(data, path.resolve().parent, source=str(path))
    except (ValueError, KeyError, TypeError) as err:
        message = f"missing key {err}" if isinstance(err, KeyError) else str(err)
        raise BenchConfigError(f"{path}: {message}") from None
