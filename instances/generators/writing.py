"""Writing generated instances: deterministic MPS files, batches and their ``manifest.json``.

A batch is ``count`` instances of one class and parameter set from one master seed. Instance
``i`` is sampled with its own seed, ``instance_seed(master_seed, i)``, derived by
:class:`numpy.random.SeedSequence` with spawn key ``(i,)``, so any instance can be regenerated
alone: ``params.generate(instance_seed(master_seed, i))``. Files are named
``{class}_{label}_seed{master_seed}_{i:05d}.mps``. Re-running a batch keeps files that already
hold the right bytes, so a killed run resumes and a larger ``count`` extends a batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import sys
import uuid
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt

from instances.generators.common import InstanceParams
from instances.generators.registry import generator_class, preset_level_of

__all__ = [
    "MANIFEST_NAME",
    "BatchMismatchError",
    "generate_instances",
    "instance_file_name",
    "instance_seed",
    "library_versions",
    "params_label",
    "sha256_of",
    "write_instance",
]

MANIFEST_NAME = "manifest.json"
_MANIFEST_FORMAT = "neuralmip-instances/1"


class BatchMismatchError(ValueError):
    """The output folder already holds a batch of another class, parameter set or seed."""


def write_instance(model: pyscipopt.Model, path: str | os.PathLike[str]) -> Path:
    """Write ``model``'s original problem to ``path`` (format from the extension, e.g. ``.mps``).

    The file appears atomically (written beside it, then renamed), so a killed run never leaves
    a truncated instance. SCIP's writers are deterministic: the same model gives the same bytes.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(path)
    try:
        model.writeProblem(str(temporary), trans=False, genericnames=False, verbose=False)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _temporary_beside(path: Path) -> Path:
    """A fresh hidden name beside ``path`` with the same suffixes (SCIP picks its writer by them).

    The file is not created here, so it gets the usual permissions when written (``mkstemp``
    would make it private to this user).
    """
    return path.with_name(
        f".{path.stem}.{os.getpid()}.{uuid.uuid4().hex[:12]}{''.join(path.suffixes)}"
    )


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def instance_seed(master_seed: int, index: int) -> int:
    """Seed of instance ``index`` of a batch: ``SeedSequence(master_seed, spawn_key=(index,))``.

    The same as the ``index``-th child of ``SeedSequence(master_seed).spawn(n)`` for any
    ``n > index``, so it does not depend on the batch size.
    """
    if master_seed < 0 or index < 0:
        raise ValueError(f"seeds and indices must be >= 0, got {master_seed} and {index}")
    child = np.random.SeedSequence(master_seed, spawn_key=(index,))
    return int(child.generate_state(1, dtype=np.uint64)[0])


def params_label(class_name: str, params: InstanceParams) -> str:
    """Short label of a parameter set: its preset level, or ``custom-`` and a hash of the values."""
    level = preset_level_of(class_name, params)
    if level is not None:
        return level
    text = json.dumps(dataclasses.asdict(params), sort_keys=True)
    return "custom-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def instance_file_name(class_name: str, label: str, master_seed: int, index: int) -> str:
    """File name of instance ``index``: ``{class}_{label}_seed{master_seed}_{index:05d}.mps``."""
    return f"{class_name}_{label}_seed{master_seed}_{index:05d}.mps"


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape a generated file (recorded in every manifest)."""
    versions = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pyscipopt": pyscipopt.__version__,
        "scip": _scip_version(),
    }
    try:
        versions["neuralmip"] = metadata.version("neuralmip")
    except metadata.PackageNotFoundError:
        versions["neuralmip"] = "not installed"
    return versions


def _scip_version() -> str:
    model = pyscipopt.Model()
    try:
        major, minor, patch = (
            model.getMajorVersion(),
            model.getMinorVersion(),
            model.getTechVersion(),
        )
        return f"{major}.{minor}.{patch}"
    except AttributeError:  # older PySCIPOpt: only the float version
        return str(model.version())
    finally:
        model.freeProb()


def generate_instances(
    class_name: str,
    params: InstanceParams,
    count: int,
    seed: int,
    out_dir: str | os.PathLike[str],
    *,
    label: str | None = None,
    command: Sequence[str] | None = None,
) -> list[Path]:
    """Generate ``count`` instances into ``out_dir`` and record them in ``manifest.json``.

    Parameters
    ----------
    class_name
        A class name registered in ``GENERATORS`` (e.g. ``setcover``, ``binpacking``).
    params
        Parameters of that class, e.g. ``preset("setcover", "easy")``.
    count
        Number of instances (indices ``0 .. count - 1``).
    seed
        Master seed of the batch (``>= 0``).
    out_dir
        Output folder, created if needed. It holds one batch; a re-run with the same class,
        parameters and seed keeps the files already right and adds missing ones.
    label
        Label in the file names; default :func:`params_label` (the preset level, or
        ``custom-<hash>``).
    command
        Command line to record; default ``sys.argv``.

    Returns
    -------
    list of pathlib.Path
        The instance files, in index order.

    Raises
    ------
    ValueError
        For an unknown class, parameters of another class, a negative count or seed.
    BatchMismatchError
        If ``out_dir`` already holds a batch of other parameters, class or seed.
    """
    cls = _check_batch(class_name, params, count, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    label = params_label(class_name, params) if label is None else label
    parameters = dataclasses.asdict(params)
    manifest_path = out_dir / MANIFEST_NAME
    known: dict[int, dict[str, Any]] = {}
    if manifest_path.exists():
        known = _read_matching_manifest(manifest_path, class_name, parameters, seed, label)
    records = dict(known)
    paths = [out_dir / instance_file_name(class_name, label, seed, index) for index in range(count)]
    for index, path in enumerate(paths):
        record = known.get(index)
        if record is None or not path.exists() or sha256_of(path) != record["sha256"]:
            records[index] = _write_instance_record(params, seed, index, path)
    manifest = {
        "format": _MANIFEST_FORMAT,
        "class": class_name,
        "generator": f"{cls.__module__}.{cls.__qualname__}",
        "label": label,
        "parameters": parameters,
        "master_seed": seed,
        "seed_derivation": "numpy.random.SeedSequence(master_seed, spawn_key=(index,))"
        ".generate_state(1, dtype=uint64)[0]",
        "count": max(records) + 1 if records else 0,
        "instances": [records[index] for index in sorted(records)],
        "library_versions": library_versions(),
        "command": list(sys.argv if command is None else command),
    }
    _write_json_atomically(manifest_path, manifest)
    return paths


def _check_batch(class_name: str, params: InstanceParams, count: int, seed: int) -> type:
    """The generator class of ``class_name``, once ``params``, ``count`` and ``seed`` fit it
    (a ``ValueError`` otherwise)."""
    cls = generator_class(class_name)
    if not isinstance(params, cls):
        raise ValueError(
            f"{class_name} needs {cls.__name__} parameters, got {type(params).__name__}"
        )
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    return cls


def _write_instance_record(
    params: InstanceParams, seed: int, index: int, path: Path
) -> dict[str, Any]:
    """Generate instance ``index`` of the batch of master seed ``seed`` into ``path``; return
    its manifest record."""
    child_seed = instance_seed(seed, index)
    model = params.generate(child_seed)
    try:
        return {
            "index": index,
            "file": path.name,
            "seed": child_seed,
            "n_variables": model.getNVars(),
            "n_constraints": model.getNConss(),
            "sha256": _write_if_changed(model, path),
        }
    finally:
        model.freeProb()


def _write_if_changed(model: pyscipopt.Model, path: Path) -> str:
    """Write ``model`` to ``path`` unless ``path`` already holds the same bytes; return the hash."""
    temporary = _temporary_beside(path)
    try:
        write_instance(model, temporary)
        digest = sha256_of(temporary)
        if path.exists() and sha256_of(path) == digest:
            return digest  # keep the existing file (and its modification time)
        os.replace(temporary, path)
        return digest
    finally:
        temporary.unlink(missing_ok=True)


def _read_matching_manifest(
    path: Path, class_name: str, parameters: dict[str, Any], seed: int, label: str
) -> dict[int, dict[str, Any]]:
    """Return the instance records of the manifest at ``path`` if it describes the same batch."""
    try:
        manifest = json.loads(path.read_text())
        recorded = (
            manifest["class"],
            manifest["parameters"],
            manifest["master_seed"],
            manifest["label"],
        )
        instances = {int(record["index"]): record for record in manifest["instances"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BatchMismatchError(
            f"{path}: unreadable manifest ({error}); choose an empty folder"
        ) from None
    if recorded != (class_name, parameters, seed, label):
        raise BatchMismatchError(
            f"{path.parent} already holds another batch ({manifest['class']} {manifest['label']}, "
            f"seed {manifest['master_seed']}); choose another output folder"
        )
    return instances


def _write_json_atomically(path: Path, content: dict[str, Any]) -> None:
    temporary = _temporary_beside(path)
    try:
        with open(temporary, "w") as stream:
            json.dump(content, stream, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
