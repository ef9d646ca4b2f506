"""Regenerate the committed samples on which the shipped models must agree with their experts.

For each instance class, a few small instances are generated with fixed seeds, then collected
with the project's own pipeline stages: strong branching samples (the branching models' expert,
:func:`experiments.collect_branching.collect_branching`) and solutions (the diving models'
targets, :func:`experiments.collect_solutions.collect_solutions`). The result goes to
``tests/data/agreement/<class>/`` (``instances/``, ``branching/``, ``solutions/``); the tests in
``tests/gnn/test_shipped_agreement.py`` read it. Run from the repository root::

    python -m tests.data.make_agreement_samples

Outputs that exist are kept (the collection stages skip them); ``--clean`` redoes the named
classes from scratch. Instances, observations and labels are deterministic for one SCIP build
(the timings in the metadata are not). Rerun it with ``--clean`` (then retrain the models and
measure them again, see the test module) when the observation features or the experts change on
purpose.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from experiments.collect_branching import CollectBranchingConfig, collect_branching
from experiments.collect_solutions import CollectSolutionsConfig, collect_solutions
from instances.generators import CapacitatedFacilityLocation, InstanceParams, SetCover, preset
from instances.generators.writing import instance_seed, write_instance

#: Where the samples live, relative to the repository root.
DATA_DIR = Path("tests/data/agreement")
#: Master seed of the instances (apart from the models' training seeds).
INSTANCE_SEED = 20_261_206
#: The branching collection: the expert, its seed, and samples recorded per instance.
BRANCHING = CollectBranchingConfig(samples_per_instance=10, time_limit=60.0, seed=0)
#: Seconds per solution collection solve (these instances solve to optimality in far less).
SOLUTIONS_TIME_LIMIT = 30.0


@dataclass(frozen=True)
class ClassSamples:
    """The instances of one class: the ``easy`` preset the models were trained on where its
    files are small enough to commit, otherwise a size between ``tiny`` (which SCIP solves at
    the root: no branching node to record) and ``easy``."""

    params: InstanceParams
    """Generator parameters."""
    n_instances: int
    """Instances whose strong branching nodes are recorded."""
    n_diving_instances: int
    """Of those, the first ones whose solutions are recorded."""


#: What each class's committed samples come from (about 15-30 branching samples a class).
CLASSES: dict[str, ClassSamples] = {
    "setcover": ClassSamples(SetCover(n_rows=250, n_cols=500, density=0.05), 4, 3),
    "cauctions": ClassSamples(preset("cauctions", "easy"), 2, 2),
    "facilities": ClassSamples(
        CapacitatedFacilityLocation(n_customers=50, n_facilities=25, ratio=5.0), 2, 2
    ),
    "indset": ClassSamples(preset("indset", "easy"), 3, 2),
}


def class_dir(class_name: str, root: Path = DATA_DIR) -> Path:
    """The folder of one class's samples."""
    return root / class_name


def make_class(class_name: str, root: Path = DATA_DIR) -> None:
    """Generate one class's instances and collect its branching samples and solutions."""
    spec = CLASSES[class_name]
    folder = class_dir(class_name, root)
    command = ["python", "-m", "tests.data.make_agreement_samples", "--classes", class_name]
    instances = [
        _write_compressed(
            spec.params.generate(instance_seed(INSTANCE_SEED, index)),
            folder / "instances" / f"{class_name}_{index:02d}.mps",
        )
        for index in range(spec.n_instances)
    ]
    collect_branching(instances, folder / "branching", BRANCHING, progress=False, command=command)
    collect_solutions(
        CollectSolutionsConfig(
            out=folder / "solutions",
            instances=tuple(instances[: spec.n_diving_instances]),
            seed=0,
            time_limit=SOLUTIONS_TIME_LIMIT,
            command=tuple(command),
        )
    )


def _write_compressed(model: object, path: Path) -> Path:
    """Write ``model`` to ``path`` and gzip it (no time stamp: the same bytes on every run).

    The strong branching seed of an instance derives from its file's bytes, so they must not
    change from one run to the next.
    """
    written = write_instance(model, path)
    compressed = written.with_name(written.name + ".gz")
    compressed.write_bytes(gzip.compress(written.read_bytes(), mtime=0))
    written.unlink()
    return compressed


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (``--classes``, ``--clean``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", nargs="+", choices=list(CLASSES), default=list(CLASSES))
    parser.add_argument(
        "--clean", action="store_true", help="delete the classes' folders first (a full redo)"
    )
    args = parser.parse_args(argv)
    for class_name in args.classes:
        if args.clean:
            shutil.rmtree(class_dir(class_name), ignore_errors=True)
        make_class(class_name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
