"""Find a family's instances: read and validate each, drop duplicates, measure the spread.

Every file is read and validated with :func:`instances.reading.read_instance`; one that cannot
be used (unreadable, not a problem, nonlinear, or without integer variables: nothing to branch
on) is skipped and listed. Files with the same contents (the SHA-256 of their decompressed
bytes) are duplicates: the first by name is kept, the others listed and dropped. The spread of
the instances' profiles (:mod:`instances.profile`) tells a family of one structure from a mix;
a wide one is warned about.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from experiments.fit.config import FitError

__all__ = [
    "INSTANCE_SUFFIXES",
    "WIDE_FRACTION_RANGE",
    "WIDE_LOG_RANGE",
    "InstanceCatalog",
    "ProfileSpread",
    "content_hash",
    "discover_instances",
    "instance_files",
]

#: File names a folder's instances end with.
INSTANCE_SUFFIXES = (".mps", ".mps.gz", ".lp", ".lp.gz", ".cip", ".cip.gz")

#: A fraction feature of the profile whose range over the instances is wider than this marks
#: a family of mixed structure.
WIDE_FRACTION_RANGE = 0.5

#: Same for the logarithmic feature (the coefficient range, in decades).
WIDE_LOG_RANGE = 3.0


def content_hash(path: Path) -> str:
    """SHA-256 of a file's decompressed bytes (a ``.gz`` file hashes as its contents)."""
    digest = hashlib.sha256()
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def instance_files(paths: Sequence[Path]) -> list[Path]:
    """The files ``paths`` name: files as given, a folder's instance files at any depth.

    Raises
    ------
    FitError
        For a path that does not exist, or a folder without any instance file.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            found = sorted(
                item
                for item in path.rglob("*")
                if item.is_file()
                and item.name.lower().endswith(INSTANCE_SUFFIXES)
                and not any(part.startswith(".") for part in item.relative_to(path).parts)
            )
            if not found:
                raise FitError(
                    f"{path}: folder holds no instance files ({', '.join(INSTANCE_SUFFIXES)})"
                )
            files.extend(found)
        else:
            raise FitError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


@dataclass(frozen=True)
class ProfileSpread:
    """The range of the instances' profiles: per feature, minimum, median and maximum."""

    features: Mapping[str, tuple[float, float, float]]
    """``feature name -> (min, median, max)`` over the instances."""
    wide: tuple[str, ...]
    """Features whose range marks a mix of structures (:data:`WIDE_FRACTION_RANGE`)."""

    @classmethod
    def of(cls, profiles: Sequence[np.ndarray]) -> ProfileSpread:
        """The spread of ``profiles`` (one row per instance, :class:`ProfileFeature` columns)."""
        from instances.profile import ProfileFeature

        table = np.asarray(profiles, dtype=float).reshape(len(profiles), len(ProfileFeature))
        features, wide = {}, []
        for feature in ProfileFeature:
            column = table[:, feature.value]
            low, median, high = (
                float(np.min(column)),
                float(np.median(column)),
                float(np.max(column)),
            )
            features[feature.name.lower()] = (low, median, high)
            limit = (
                WIDE_LOG_RANGE
                if feature is ProfileFeature.COEFFICIENT_RANGE
                else WIDE_FRACTION_RANGE
            )
            if high - low > limit:
                wide.append(feature.name.lower())
        return cls(features, tuple(wide))

    def describe_wide(self) -> str:
        """One line naming the wide features and their ranges (empty when none is wide)."""
        return ", ".join(
            f"{name} {self.features[name][0]:.2f}..{self.features[name][2]:.2f}"
            for name in self.wide
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"features": {k: list(v) for k, v in self.features.items()}, "wide": list(self.wide)}

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> ProfileSpread:
        """The spread :meth:`to_json` wrote."""
        features = {
            k: (float(v[0]), float(v[1]), float(v[2])) for k, v in record["features"].items()
        }
        return cls(features, tuple(record["wide"]))


@dataclass(frozen=True)
class InstanceCatalog:
    """The usable instances of a family, and what was left out of it and why."""

    instances: tuple[Path, ...]
    """The usable, distinct instances, sorted."""
    hashes: Mapping[str, str]
    """``instance path -> content hash`` of :attr:`instances`."""
    sizes: Mapping[str, tuple[int, int]]
    """``instance path -> (variables, constraints)`` of :attr:`instances`."""
    spread: ProfileSpread
    """The spread of their profiles."""
    skipped: tuple[tuple[str, str], ...] = ()
    """``(path, why)`` of the files that cannot be used."""
    duplicates: tuple[tuple[str, str], ...] = field(default=())
    """``(dropped path, the kept path with the same contents)``."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for the fit's state)."""
        return {
            "instances": [str(path) for path in self.instances],
            "hashes": dict(self.hashes),
            "sizes": {k: list(v) for k, v in self.sizes.items()},
            "spread": self.spread.to_json(),
            "skipped": [list(item) for item in self.skipped],
            "duplicates": [list(item) for item in self.duplicates],
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> InstanceCatalog:
        """The catalog :meth:`to_json` wrote."""
        return cls(
            instances=tuple(Path(path) for path in record["instances"]),
            hashes=dict(record["hashes"]),
            sizes={k: (int(v[0]), int(v[1])) for k, v in record["sizes"].items()},
            spread=ProfileSpread.from_json(record["spread"]),
            skipped=tuple((a, b) for a, b in record["skipped"]),
            duplicates=tuple((a, b) for a, b in record["duplicates"]),
        )


def _read(path: Path) -> tuple[np.ndarray, tuple[int, int]]:
    """Profile and size of one instance (an ``InstanceError`` when it cannot be used)."""
    from instances.errors import InstanceError
    from instances.profile import instance_profile
    from instances.reading import read_instance

    model = read_instance(path, require_linear=True)
    try:
        if all(var.vtype() == "CONTINUOUS" for var in model.getVars()):
            raise InstanceError(
                path, "no integer variables: a linear program, nothing to branch on"
            )
        return instance_profile(model), (model.getNVars(), model.getNConss())
    finally:
        model.freeProb()


def discover_instances(
    paths: Sequence[Path], log: Callable[[str], None] = lambda line: None
) -> InstanceCatalog:
    """Read every instance file ``paths`` name and keep the usable, distinct ones.

    Parameters
    ----------
    paths
        Instance files or folders (searched at any depth for :data:`INSTANCE_SUFFIXES`).
    log
        Receives one line per skipped file, per duplicate, and a warning for a wide spread.

    Raises
    ------
    FitError
        No path given, a path missing, no usable instance, or two usable instances whose
        names (without suffixes) are the same (their data files would collide).
    """
    from instances.errors import InstanceError

    if not paths:
        raise FitError("no instance files or folders given")
    kept: dict[str, Path] = {}
    skipped, duplicates, profiles, sizes = [], [], [], {}
    for path in instance_files(paths):
        try:
            digest = content_hash(path)
            profile, size = _read(path)
        except (InstanceError, OSError, EOFError) as error:
            why = error.problem if isinstance(error, InstanceError) else str(error)
            skipped.append((str(path), why))
            log(f"skipped {path}: {why}")
            continue
        if digest in kept:
            duplicates.append((str(path), str(kept[digest])))
            log(f"dropped {path}: same contents as {kept[digest]}")
            continue
        kept[digest] = path
        profiles.append(profile)
        sizes[str(path)] = size
    if not kept:
        raise FitError(_nothing_usable(paths, skipped, duplicates))
    _check_names(kept.values())
    spread = ProfileSpread.of(profiles)
    if spread.wide:
        log(
            f"warning: the instances differ widely in structure ({spread.describe_wide()}); "
            "one model set may not suit them all"
        )
    order = sorted(kept.items(), key=lambda item: str(item[1]))
    return InstanceCatalog(
        instances=tuple(path for _, path in order),
        hashes={str(path): digest for digest, path in order},
        sizes=sizes,
        spread=spread,
        skipped=tuple(skipped),
        duplicates=tuple(duplicates),
    )


def _nothing_usable(
    paths: Sequence[Path], skipped: Iterable[tuple[str, str]], duplicates: Iterable[tuple[str, str]]
) -> str:
    named = ", ".join(map(str, paths))
    lines = [f"{named}: no usable instance"]
    lines += [f"  skipped {path}: {why}" for path, why in skipped]
    lines += [f"  duplicate {path} of {kept}" for path, kept in duplicates]
    return "\n".join(lines)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".mps", ".lp", ".cip"):
        name = name.removesuffix(suffix)
    return name


def _check_names(paths: Iterable[Path]) -> None:
    """Refuse two instances whose names without suffixes are the same (FitError)."""
    seen: dict[str, Path] = {}
    for path in paths:
        other = seen.setdefault(_stem(path), path)
        if other != path:
            raise FitError(
                f"{other} and {path} have the same name; the fit names its data after the "
                "instances: rename one"
            )
