"""Fit a model's training domain (:mod:`gnn.domain`) on the instances of its training data.

``neuralmip train`` records the domain in every checkpoint it writes. This command adds one to
a checkpoint trained before checkpoints carried their domain, leaving its weights and provenance
as they are, and writes it into the checkpoint's ``.json`` sidecar too::

    python -m experiments.fit_domain solver/models/branching-setcover-hybrid.pt \\
        --data /work/data/branching/setcover

The instances are the ``.mps`` files of each data folder's ``instances/`` subfolder (where
``neuralmip collect`` writes them), or of the folder itself.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from gnn.domain import ModelDomain

__all__ = ["DEFAULT_DOMAIN_INSTANCES", "domain_of_folders", "instance_files", "main"]

logger = logging.getLogger(__name__)

#: Instances profiled per fit: the generated classes' profiles barely vary, so a few dozen
#: give the range; reading thousands would only cost time.
DEFAULT_DOMAIN_INSTANCES = 50

_INSTANCE_SUFFIXES = (".mps", ".mps.gz", ".lp", ".lp.gz")


def instance_files(folders: Iterable[str | Path]) -> list[Path]:
    """The instance files of each folder's ``instances/`` subfolder (else the folder's own)."""
    files: list[Path] = []
    for folder in map(Path, folders):
        source = folder / "instances" if (folder / "instances").is_dir() else folder
        if not source.is_dir():
            continue
        files.extend(
            path
            for path in sorted(source.iterdir())
            if path.is_file() and path.name.endswith(_INSTANCE_SUFFIXES)
        )
    return files


def domain_of_folders(
    folders: Sequence[str | Path], limit: int = DEFAULT_DOMAIN_INSTANCES
) -> ModelDomain | None:
    """The domain of the first ``limit`` instances found in ``folders`` (None: no instances)."""
    from instances.errors import InstanceError
    from instances.profile import instance_profile
    from instances.reading import read_instance

    profiles = []
    for path in instance_files(folders)[:limit]:
        try:
            model = read_instance(path)
        except InstanceError as error:  # a damaged file must not cost the trained model
            logger.warning("%s; left out of the domain", error)
            continue
        profiles.append(instance_profile(model))
        model.freeProb()
    if not profiles:
        return None
    source = f"{len(profiles)} instances of {', '.join(str(Path(f)) for f in folders)}"
    return ModelDomain.fit(profiles, source=source)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; exit 2 on a bad checkpoint or a folder without instances."""
    import gnn.diving  # noqa: F401  (registers the diving model class with the loader)
    from gnn.checkpoint import CheckpointError, set_checkpoint_domain

    parser = argparse.ArgumentParser(
        prog="python -m experiments.fit_domain", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "checkpoints", nargs="+", type=Path, help="checkpoint files (.pt) to update"
    )
    parser.add_argument(
        "--data",
        nargs="+",
        required=True,
        type=Path,
        help="the data folders the checkpoints were trained on",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_DOMAIN_INSTANCES,
        help="instances to profile (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    domain = domain_of_folders(args.data, args.limit)
    if domain is None:
        print(f"fit_domain: {', '.join(map(str, args.data))}: no instance files", file=sys.stderr)
        return 2
    command = "python -m experiments.fit_domain " + " ".join(sys.argv[1:] if argv is None else argv)
    for checkpoint in args.checkpoints:
        try:
            set_checkpoint_domain(checkpoint, domain)
        except CheckpointError as error:
            print(f"fit_domain: {error}", file=sys.stderr)
            return 2
        sidecar = checkpoint.with_suffix(".json")
        if sidecar.is_file():
            record = json.loads(sidecar.read_text())
            record["domain"] = {**domain.to_dict(), "command": command}
            sidecar.write_text(json.dumps(record, indent=2) + "\n")
        print(f"{checkpoint}: domain of {domain.source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
