"""``neuralmip domain``: record a training domain in checkpoints that lack one.

``neuralmip train`` records the domain of the instances a model was trained on in every
checkpoint it writes (:mod:`experiments.domain`). This command fits one for a checkpoint that
has none, or whose instances have moved, leaving its weights and provenance as they are, and
writes it into the checkpoint's ``.json`` record too::

    neuralmip domain models/branching-setcover.pt --instances data/setcover
    neuralmip domain models/diving-setcover.pt --data data/sols/setcover
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from experiments.cli import EXIT_BAD_INPUT, EXIT_OK, recorded_command

if TYPE_CHECKING:
    from gnn.domain import ModelDomain

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``domain`` sub-command."""
    from experiments.domain import DEFAULT_DOMAIN_INSTANCES

    parser = subparsers.add_parser(
        "domain",
        help="fit and record a checkpoint's training domain",
        description="Fit the training domain (the range of instance profiles a model may be "
        "used on) and record it in each checkpoint and its .json record. The instances are "
        "those given with --instances, else the ones the data files of --data record, else "
        "the .mps/.lp files of each data folder's instances/ subfolder.",
    )
    parser.add_argument("checkpoints", nargs="+", type=Path, help="checkpoint files (.pt)")
    parser.add_argument(
        "--instances", nargs="+", type=Path, default=(), metavar="PATH",
        help="instance files or folders the models were trained on",
    )  # fmt: skip
    parser.add_argument(
        "--data", nargs="+", type=Path, default=(), metavar="PATH",
        help="data folders or files the models were trained on",
    )  # fmt: skip
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_DOMAIN_INSTANCES,
        help="instances to profile at most (default: %(default)s)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fit the domain and record it in every checkpoint; exit 2 on bad input."""
    import gnn.diving  # noqa: F401  (registers the diving model class with the loader)
    from experiments.domain import data_records, training_domain
    from gnn.checkpoint import CheckpointError, set_checkpoint_domain

    if not args.instances and not args.data:
        print("neuralmip domain: give --instances or --data", file=sys.stderr)
        return EXIT_BAD_INPUT
    domain = training_domain(
        tuple(args.data), data_records(args.data), tuple(args.instances), args.limit
    )
    if domain is None:
        named = ", ".join(map(str, (*args.instances, *args.data)))
        print(f"neuralmip domain: {named}: no readable instance files", file=sys.stderr)
        return EXIT_BAD_INPUT
    command = " ".join(recorded_command(args))
    for checkpoint in args.checkpoints:
        try:
            set_checkpoint_domain(checkpoint, domain)
        except CheckpointError as error:
            print(f"neuralmip domain: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        sidecar = checkpoint.with_suffix(".json")
        if sidecar.is_file():
            record = json.loads(sidecar.read_text())
            record["domain"] = {**domain.to_dict(), "command": command}
            sidecar.write_text(json.dumps(record, indent=2) + "\n")
        manifest = _update_manifest(checkpoint, domain)
        where = f" and {manifest}" if manifest is not None else ""
        print(f"{checkpoint}{where}: domain of {domain.source}")
    return EXIT_OK


def _update_manifest(checkpoint: Path, domain: ModelDomain) -> Path | None:
    """Record ``domain`` in the manifest of the model set ``checkpoint`` belongs to, if it is one
    of a set's (the manifest is what deciding whether a set applies reads); None otherwise."""
    from solver.modelset import MANIFEST_NAME, read_model_set, write_manifest

    folder = checkpoint.parent
    if not (folder / MANIFEST_NAME).is_file():
        return None
    model_set = read_model_set(folder)
    changed = {
        component.kind: dataclasses.replace(component, domain=domain)
        for component in model_set.components()
        if component.path.resolve() == checkpoint.resolve()
    }
    if not changed:
        return None
    header = f"neuralmip model set '{model_set.name}' (format: solver/modelset.py)."
    return write_manifest(folder, dataclasses.replace(model_set, **changed), header=header)
