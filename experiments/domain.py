"""A model's training domain (:mod:`gnn.domain`), fitted on the instances its data came from.

``neuralmip train`` records a domain in every checkpoint it writes; ``neuralmip domain`` fits
one for an existing checkpoint. The instances are found, in this order:

1. the files or folders given with ``--instances``;
2. the instance files the samples record (every samples file names the instance it was
   collected from, and its SHA-256: a file that changed since is left out);
3. the ``instances/`` subfolder of each data folder (where ``neuralmip collect --generate``
   writes them), or the data folder itself.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from gnn.domain import ModelDomain
from instances.generators import sha256_of

__all__ = [
    "DEFAULT_DOMAIN_INSTANCES",
    "INSTANCE_SUFFIXES",
    "data_records",
    "domain_of_files",
    "instance_files",
    "instance_reference",
    "recorded_instances",
    "training_domain",
]

logger = logging.getLogger(__name__)

#: Instances profiled per fit: the generated classes' profiles barely vary, so a few dozen
#: give the range; reading thousands would only cost time.
DEFAULT_DOMAIN_INSTANCES = 50

#: The file names read as instances when a folder is given.
INSTANCE_SUFFIXES = (".mps", ".mps.gz", ".lp", ".lp.gz")


def instance_files(paths: Iterable[str | Path]) -> list[Path]:
    """Instance files of ``paths``: files as given; for a folder, the instance files of its
    ``instances/`` subfolder when there is one, else its own (sorted by name)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_file():
            files.append(path)
            continue
        source = path / "instances" if (path / "instances").is_dir() else path
        if source.is_dir():
            files.extend(
                item
                for item in sorted(source.iterdir())
                if item.is_file() and item.name.endswith(INSTANCE_SUFFIXES)
            )
    return files


def instance_reference(instance: str | Path, recorded_in: str | Path) -> str:
    """``instance`` as the file ``recorded_in`` (a samples or solutions file) names it: its
    path relative to that file's folder, so that a data folder moved with its ``instances/``
    still finds them and no record names one machine's folders."""
    return os.path.relpath(Path(instance).resolve(), Path(recorded_in).resolve().parent)


def recorded_instances(records: Iterable[tuple[Path, dict]]) -> list[Path]:
    """The instance files that samples record, where they still exist unchanged.

    Parameters
    ----------
    records
        ``(samples file, its metadata)`` pairs; the metadata's ``instance`` names the instance
        file (as :func:`instance_reference` writes it, relative to the samples file's folder;
        absolute or relative to the working folder in older records) and ``instance_sha256``
        its contents.
    """
    found: dict[Path, Path] = {}
    for samples, metadata in records:
        recorded = metadata.get("instance")
        if not recorded:
            continue
        candidates = [Path(recorded)]
        if not Path(recorded).is_absolute():
            candidates.insert(0, samples.parent / recorded)
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            continue
        expected = metadata.get("instance_sha256")
        if expected and sha256_of(path) != expected:
            logger.warning("%s: changed since %s was collected; left out", path, samples)
            continue
        found.setdefault(path.resolve(), path)
    return list(found.values())


def data_records(paths: Iterable[str | Path]) -> list[tuple[Path, dict]]:
    """``(data file, metadata)`` of the collected ``.npz`` files in ``paths`` (files or
    folders): a branching samples file's ``.json`` beside it, a solutions file's own
    ``metadata``; files without readable metadata are left out."""
    import numpy as np

    records = []
    for path in map(Path, paths):
        for file in sorted(path.glob("*.npz")) if path.is_dir() else [path]:
            try:
                if file.with_suffix(".json").is_file():
                    metadata = json.loads(file.with_suffix(".json").read_text())
                else:
                    with np.load(file, allow_pickle=False) as data:
                        metadata = json.loads(str(data["metadata"]))
            except (OSError, KeyError, ValueError):
                continue
            if isinstance(metadata, dict):
                records.append((file, metadata))
    return records


def domain_of_files(
    files: Sequence[Path], source: str, limit: int = DEFAULT_DOMAIN_INSTANCES
) -> ModelDomain | None:
    """The domain of the first ``limit`` readable ``files`` (None: none could be read)."""
    from instances.errors import InstanceError
    from instances.profile import instance_profile
    from instances.reading import read_instance

    profiles = []
    for path in files[:limit]:
        try:
            model = read_instance(path)
        except InstanceError as error:  # a damaged file must not cost the trained model
            logger.warning("%s; left out of the domain", error)
            continue
        profiles.append(instance_profile(model))
        model.freeProb()
    if not profiles:
        return None
    return ModelDomain.fit(profiles, source=f"{len(profiles)} instances of {source}")


def training_domain(
    data: Sequence[Path],
    records: Iterable[tuple[Path, dict]] = (),
    instances: Sequence[Path] = (),
    limit: int = DEFAULT_DOMAIN_INSTANCES,
) -> ModelDomain | None:
    """The domain of a model trained on ``data`` (see the module docstring for the order).

    Parameters
    ----------
    data
        The data folders or files the model was trained on.
    records
        ``(samples file, metadata)`` of the training data (see :func:`recorded_instances`).
    instances
        Instance files or folders given explicitly; when given, only they are used.
    limit
        Instances profiled at most.

    Returns
    -------
    ModelDomain or None
        None when no instance could be found or read.
    """
    if instances:
        return domain_of_files(instance_files(instances), _names(instances), limit)
    recorded = recorded_instances(records)
    if recorded:
        folders = sorted({_shown(path.parent) for path in recorded})
        return domain_of_files(recorded, ", ".join(folders), limit)
    return domain_of_files(instance_files(data), _names(data), limit)


def _names(paths: Sequence[Path]) -> str:
    return ", ".join(_shown(Path(path)) for path in paths)


def _shown(path: Path) -> str:
    """``path`` as a domain's source records it: relative to the working folder when inside it
    (an absolute path names one machine's folders)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
