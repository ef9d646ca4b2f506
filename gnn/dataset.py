"""Strong branching samples on disk, and the torch ``Dataset`` that trains on them.

One compressed ``.npz`` file per instance holds all of that instance's samples, beside a
``.json`` file of metadata (instance, seed, versions, config, command, counts). The ``.json`` is
written last, so its presence marks the pair complete; both are written atomically (temporary
file, then ``os.replace``), so an interrupted run leaves no half file.

Layout of the ``.npz`` (``N`` samples, ``S`` distinct graph structures, ragged arrays
concatenated with ``*_offsets`` of length ``N + 1`` or ``S + 1``):

- per sample: ``node_numbers``, ``depths``, ``lp_objectives``, ``expert_indices``,
  ``structure_ids``;
- node features: ``variable_features`` (sum V, Fv) with ``variable_offsets``,
  ``constraint_features`` (sum C, Fc) with ``constraint_offsets``;
- candidates: ``candidates`` (variable rows), ``candidate_scores``, ``down_gains``,
  ``up_gains``, ``down_infeasible``, ``up_infeasible``, ``candidate_scored`` (absent from
  files written before labels could skip candidates: all scored), all (sum K,) with
  ``candidate_offsets``;
- structures: ``structure_edge_index`` (2, sum E) and ``structure_edge_features`` (sum E, Fe)
  with ``structure_edge_offsets``. The edges (rows, columns, normalised coefficients) change
  only when the LP's rows change (cuts), so nodes with the same edges share one structure,
  keyed by a hash of the edge arrays.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.utils.data import Dataset

from gnn.data import BipartiteData, to_data
from gnn.graph import BipartiteGraph

logger = logging.getLogger(__name__)

__all__ = [
    "FORMAT_VERSION",
    "BranchingSample",
    "BranchingData",
    "BranchingDataset",
    "write_samples",
    "read_samples",
    "read_metadata",
    "recorded_instance",
    "metadata_path",
    "is_complete",
    "sample_files",
    "write_json_atomic",
    "check_samples_file",
]

#: What reading a damaged samples file can raise (truncated or altered zip, bad JSON, missing
#: arrays, inconsistent offsets).
_CORRUPT_FILE_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()

#: Version of the on-disk layout; bumped on any incompatible change.
FORMAT_VERSION = 1


@dataclass(frozen=True, eq=False)
class BranchingSample:
    """One node at which the expert branched: its observation, candidates and their scores.

    Attributes
    ----------
    graph : gnn.graph.BipartiteGraph
        The node's observation; variable rows in LP column order.
    candidates : numpy.ndarray
        ``(K,)`` int64 rows of ``graph.variable_features`` that are branching candidates.
    candidate_scores : numpy.ndarray
        ``(K,)`` float64 strong branching scores (higher is better).
    expert_index : int
        Position in ``candidates`` of the expert's choice (its best score).
    node_number, depth : int
        SCIP's node number and the node's depth.
    lp_objective : float
        The node's LP objective value (transformed problem).
    down_gains, up_gains : numpy.ndarray
        ``(K,)`` float64 dual bound gains of the two children (0 where unusable).
    down_infeasible, up_infeasible : numpy.ndarray
        ``(K,)`` bool: the child is infeasible or cut off.
    candidate_scored : numpy.ndarray or None
        ``(K,)`` bool: the candidate was strong-branched; one that was not has NaN score and
        gains. None (the default): every candidate was.
    """

    graph: BipartiteGraph
    candidates: np.ndarray
    candidate_scores: np.ndarray
    expert_index: int
    node_number: int
    depth: int
    lp_objective: float
    down_gains: np.ndarray
    up_gains: np.ndarray
    down_infeasible: np.ndarray
    up_infeasible: np.ndarray
    candidate_scored: np.ndarray | None = None


class BranchingData(BipartiteData):
    """A :class:`~gnn.data.BipartiteData` with a branching target.

    Extra fields: ``candidates`` (K,) long (offset by the variable count when batched, as in
    the parent class), ``candidate_scores`` (K,) float32 and ``expert_index`` (a scalar: the
    position in the graph's own ``candidates`` of the expert's choice). PyG would offset every
    field whose name contains ``index`` by the node count; ``expert_index`` is a position within
    its graph, so it is never offset (batched, it becomes a ``(B,)`` tensor).
    """

    def __inc__(self, key: str, value: Any, *args: Any, **kwargs: Any) -> Any:
        if key == "expert_index":
            return 0
        return super().__inc__(key, value, *args, **kwargs)


def metadata_path(samples_path: str | Path) -> Path:
    """The metadata file beside a samples file (``x.npz`` -> ``x.json``)."""
    return Path(samples_path).with_suffix(".json")


def is_complete(samples_path: str | Path) -> bool:
    """Whether both the samples file and its metadata (written last) exist."""
    path = Path(samples_path)
    return path.is_file() and metadata_path(path).is_file()


def _replace_atomically(path: Path, write: Any) -> None:
    """Write through ``write(file_object)`` to a temporary file beside ``path``, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes files private; give normal rights
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json_atomic(path: str | Path, document: Mapping[str, Any]) -> None:
    """Write ``document`` as indented JSON to ``path`` atomically."""
    text = json.dumps(document, indent=2, sort_keys=True, default=str) + "\n"
    _replace_atomically(Path(path), lambda handle: handle.write(text.encode()))


def _structure_key(graph: BipartiteGraph) -> str:
    digest = hashlib.sha1()
    for array in (graph.edge_index, graph.edge_features):
        contiguous = np.ascontiguousarray(array)
        digest.update(str((contiguous.dtype.str, contiguous.shape)).encode())
        digest.update(contiguous.tobytes())
    digest.update(str(graph.n_constraints).encode())
    return digest.hexdigest()


def _offsets(lengths: Iterable[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(np.fromiter(lengths, dtype=np.int64))]).astype(np.int64)


def _stack(arrays: Sequence[np.ndarray], width: int, dtype: Any) -> np.ndarray:
    if not arrays:
        return np.zeros((0, width), dtype=dtype)
    return np.concatenate([np.asarray(a, dtype=dtype).reshape(-1, width) for a in arrays])


def _scored_mask(sample: BranchingSample) -> np.ndarray:
    """The sample's ``candidate_scored``, all True where it is None."""
    if sample.candidate_scored is None:
        return np.ones(len(sample.candidates), dtype=bool)
    return np.asarray(sample.candidate_scored, dtype=bool).reshape(-1)


def _pack(samples: Sequence[BranchingSample]) -> dict[str, np.ndarray]:
    """Pack samples into the flat arrays of the file layout."""
    structure_ids: dict[str, int] = {}
    structures: list[BipartiteGraph] = []
    sample_structures = []
    for sample in samples:
        key = _structure_key(sample.graph)
        if key not in structure_ids:
            structure_ids[key] = len(structures)
            structures.append(sample.graph)
        sample_structures.append(structure_ids[key])
    graphs = [s.graph for s in samples]
    fv = graphs[0].variable_features.shape[1] if graphs else 0
    fc = graphs[0].constraint_features.shape[1] if graphs else 0
    fe = graphs[0].edge_features.shape[1] if graphs else 0

    def candidate_field(name: str, dtype: Any) -> np.ndarray:
        return (
            np.concatenate([np.asarray(getattr(s, name), dtype=dtype).reshape(-1) for s in samples])
            if samples
            else np.zeros(0, dtype=dtype)
        )

    return {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int64),
        "node_numbers": np.array([s.node_number for s in samples], dtype=np.int64),
        "depths": np.array([s.depth for s in samples], dtype=np.int64),
        "lp_objectives": np.array([s.lp_objective for s in samples], dtype=np.float64),
        "expert_indices": np.array([s.expert_index for s in samples], dtype=np.int64),
        "structure_ids": np.array(sample_structures, dtype=np.int64),
        "variable_offsets": _offsets(g.n_variables for g in graphs),
        "variable_features": _stack([g.variable_features for g in graphs], fv, np.float32),
        "constraint_offsets": _offsets(g.n_constraints for g in graphs),
        "constraint_features": _stack([g.constraint_features for g in graphs], fc, np.float32),
        "candidate_offsets": _offsets(len(s.candidates) for s in samples),
        "candidates": candidate_field("candidates", np.int32),
        "candidate_scores": candidate_field("candidate_scores", np.float64),
        "down_gains": candidate_field("down_gains", np.float64),
        "up_gains": candidate_field("up_gains", np.float64),
        "down_infeasible": candidate_field("down_infeasible", bool),
        "up_infeasible": candidate_field("up_infeasible", bool),
        "candidate_scored": (
            np.concatenate([_scored_mask(s) for s in samples]) if samples else np.zeros(0, bool)
        ),
        "structure_edge_offsets": _offsets(g.n_edges for g in structures),
        "structure_edge_index": (
            np.concatenate([np.asarray(g.edge_index, dtype=np.int32) for g in structures], axis=1)
            if structures
            else np.zeros((2, 0), dtype=np.int32)
        ),
        "structure_edge_features": _stack([g.edge_features for g in structures], fe, np.float32),
    }


def write_samples(
    path: str | Path, samples: Sequence[BranchingSample], metadata: Mapping[str, Any]
) -> dict[str, Any]:
    """Write ``samples`` to ``path`` (``.npz``) and ``metadata`` beside it, atomically.

    Parameters
    ----------
    path
        Target ``.npz`` file; the metadata goes to :func:`metadata_path` of it.
    samples
        The samples of one instance (possibly none: the file then records that none were found).
    metadata
        JSON-serialisable description (instance, seed, versions, config, command...); the sample
        and structure counts and the format version are added.

    Returns
    -------
    dict
        The metadata as written.
    """
    path = Path(path)
    arrays = _pack(samples)
    _replace_atomically(path, lambda handle: np.savez_compressed(handle, **arrays))
    document = dict(metadata)
    document.update(
        format_version=FORMAT_VERSION,
        n_samples=len(samples),
        n_structures=int(len(arrays["structure_edge_offsets"]) - 1),
        samples_file=path.name,
        samples_bytes=path.stat().st_size,
    )
    write_json_atomic(metadata_path(path), document)
    return document


def read_metadata(samples_path: str | Path) -> dict[str, Any]:
    """Read the metadata beside a samples file."""
    return json.loads(metadata_path(samples_path).read_text())


def recorded_instance(samples_path: str | Path) -> str:
    """The instance a samples file was recorded from: its ``instance_sha256``, or the file's
    own path when its metadata records none or cannot be read."""
    try:
        return str(read_metadata(samples_path).get("instance_sha256") or samples_path)
    except (OSError, ValueError):
        return str(samples_path)


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    version = int(arrays.get("format_version", np.array(-1)))
    if version != FORMAT_VERSION:
        raise ValueError(f"{path}: samples format version {version}, expected {FORMAT_VERSION}")
    return arrays


def _check_offsets(arrays: Mapping[str, np.ndarray], name: str, n: int, total: int) -> None:
    offsets = arrays[name]
    if offsets.shape != (n + 1,) or offsets[0] != 0 or np.any(np.diff(offsets) < 0):
        raise ValueError(f"{name} do not describe {n} consecutive ranges")
    if offsets[-1] != total:
        raise ValueError(f"{name} end at {offsets[-1]}, the arrays hold {total}")


def check_samples_file(path: str | Path) -> int:
    """Read one samples file whole and check it is consistent; returns its sample count.

    Checks: the archive decompresses, its format version, the metadata's sample count, every
    offset array against the arrays it indexes, and that each sample's expert choice is one of
    its scored candidates with a finite score.

    Raises
    ------
    ValueError, OSError, KeyError, EOFError, zipfile.BadZipFile, zlib.error
        If the file is damaged (the message says how).
    """
    return len(_checked_arrays(Path(path))["node_numbers"])


def _checked_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of the samples file at ``path``, checked as :func:`check_samples_file` says."""
    arrays = _load_arrays(path)
    n = len(arrays["node_numbers"])
    recorded = read_metadata(path).get("n_samples")
    if recorded != n:
        raise ValueError(f"{path}: {n} samples, the metadata says {recorded}")
    n_structures = len(arrays["structure_edge_offsets"]) - 1
    _check_offsets(arrays, "variable_offsets", n, len(arrays["variable_features"]))
    _check_offsets(arrays, "constraint_offsets", n, len(arrays["constraint_features"]))
    _check_offsets(arrays, "candidate_offsets", n, len(arrays["candidates"]))
    _check_offsets(
        arrays, "structure_edge_offsets", n_structures, arrays["structure_edge_index"].shape[1]
    )
    for name in ("expert_indices", "structure_ids", "depths", "lp_objectives"):
        if arrays[name].shape != (n,):
            raise ValueError(f"{path}: {name} has shape {arrays[name].shape}, expected ({n},)")
    if n and not (
        0 <= arrays["structure_ids"].min() <= arrays["structure_ids"].max() < n_structures
    ):
        raise ValueError(f"{path}: structure ids outside 0..{n_structures - 1}")
    starts = arrays["candidate_offsets"][:-1]
    sizes = np.diff(arrays["candidate_offsets"])
    experts = arrays["expert_indices"]
    if np.any((experts < 0) | (experts >= sizes)):
        raise ValueError(f"{path}: an expert choice lies outside its sample's candidates")
    chosen = starts + experts
    scored = arrays.get("candidate_scored", np.ones(len(arrays["candidates"]), dtype=bool))
    if n and not (scored[chosen].all() and np.isfinite(arrays["candidate_scores"][chosen]).all()):
        raise ValueError(f"{path}: an expert choice has no finite strong branching score")
    return arrays


def _unpack(arrays: Mapping[str, np.ndarray], i: int) -> BranchingSample:
    """Sample ``i`` of the packed arrays."""
    v0, v1 = arrays["variable_offsets"][i : i + 2]
    c0, c1 = arrays["constraint_offsets"][i : i + 2]
    k0, k1 = arrays["candidate_offsets"][i : i + 2]
    s = int(arrays["structure_ids"][i])
    e0, e1 = arrays["structure_edge_offsets"][s : s + 2]
    graph = BipartiteGraph(
        constraint_features=arrays["constraint_features"][c0:c1],
        edge_index=arrays["structure_edge_index"][:, e0:e1].astype(np.int64),
        edge_features=arrays["structure_edge_features"][e0:e1],
        variable_features=arrays["variable_features"][v0:v1],
    )
    return BranchingSample(
        graph=graph,
        candidates=arrays["candidates"][k0:k1].astype(np.int64),
        candidate_scores=arrays["candidate_scores"][k0:k1],
        expert_index=int(arrays["expert_indices"][i]),
        node_number=int(arrays["node_numbers"][i]),
        depth=int(arrays["depths"][i]),
        lp_objective=float(arrays["lp_objectives"][i]),
        down_gains=arrays["down_gains"][k0:k1],
        up_gains=arrays["up_gains"][k0:k1],
        down_infeasible=arrays["down_infeasible"][k0:k1],
        up_infeasible=arrays["up_infeasible"][k0:k1],
        candidate_scored=(
            arrays["candidate_scored"][k0:k1]
            if "candidate_scored" in arrays  # files from before pre-selection: all scored
            else np.ones(k1 - k0, dtype=bool)
        ),
    )


def read_samples(path: str | Path) -> list[BranchingSample]:
    """Read every sample of one samples file, in recorded order."""
    arrays = _load_arrays(Path(path))
    return [_unpack(arrays, i) for i in range(len(arrays["node_numbers"]))]


def sample_files(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Complete samples files among ``paths``; a directory stands for its complete ``*.npz``.

    Raises
    ------
    FileNotFoundError
        If a path does not exist, or a named file has no metadata beside it (incomplete).
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    files: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            files.extend(p for p in sorted(path.glob("*.npz")) if is_complete(p))
        elif is_complete(path):
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: not a complete samples file (.npz with .json beside)")
    return files


class BranchingDataset(Dataset):
    """Strong branching samples as :class:`BranchingData` graphs for training.

    Parameters
    ----------
    paths
        Samples files or directories of them (see :func:`sample_files`).
    cache_files
        How many decoded files to keep in memory (least recently used are dropped); None keeps
        all, which suits shuffled training on datasets that fit in memory.

    Attributes
    ----------
    files : list of pathlib.Path
        The samples files read.
    skipped : list of (pathlib.Path, str)
        Damaged files left out, with the reason (:func:`check_samples_file`); each is also
        logged as a warning. Every file is read once whole at construction to check it.

    Notes
    -----
    Each item has ``constraint_features``, ``edge_index``, ``edge_attr``, ``variable_features``
    (float32 / long), ``candidates`` (K,) long, ``candidate_scores`` (K,) float32 and
    ``expert_index`` (scalar long). Batch with ``torch_geometric.loader.DataLoader(...,
    follow_batch=["candidates"])`` to get ``candidates_batch``, the graph of each candidate.
    """

    def __init__(self, paths: str | Path | Iterable[str | Path], cache_files: int | None = None):
        self.files: list[Path] = []
        self.skipped: list[tuple[Path, str]] = []
        self.cache_files = cache_files
        self._cache: OrderedDict[int, dict[str, np.ndarray]] = OrderedDict()
        counts = []
        for path in sample_files(paths):
            try:
                arrays = _checked_arrays(Path(path))
            except _CORRUPT_FILE_ERRORS as error:
                logger.warning("%s: damaged samples file skipped (%s)", path, error)
                self.skipped.append((path, str(error)))
                continue
            if cache_files is None:  # every file is kept anyway: keep the one just checked
                self._cache[len(self.files)] = arrays
            counts.append(len(arrays["node_numbers"]))
            self.files.append(path)
        self._file_of = np.repeat(np.arange(len(self.files)), counts)
        self._position_in_file = np.concatenate(
            [np.arange(n) for n in counts] if counts else [np.zeros(0, dtype=np.int64)]
        ).astype(np.int64)

    def __len__(self) -> int:
        return int(self._file_of.shape[0])

    def _arrays(self, file_index: int) -> dict[str, np.ndarray]:
        if file_index in self._cache:
            self._cache.move_to_end(file_index)
            return self._cache[file_index]
        arrays = _load_arrays(self.files[file_index])
        self._cache[file_index] = arrays
        if self.cache_files is not None:
            while len(self._cache) > max(self.cache_files, 1):
                self._cache.popitem(last=False)
        return arrays

    def file_of(self, index: int) -> int:
        """The position in :attr:`files` of the file sample ``index`` comes from (one solve)."""
        return int(self._file_of[index])

    def sample(self, index: int) -> BranchingSample:
        """The raw sample ``index`` (numpy arrays, all recorded fields)."""
        if not -len(self) <= index < len(self):
            raise IndexError(f"sample {index} out of range for {len(self)} samples")
        index %= len(self)
        file_index = int(self._file_of[index])
        return _unpack(self._arrays(file_index), int(self._position_in_file[index]))

    def __getitem__(self, index: int) -> BranchingData:
        sample = self.sample(index)
        data = to_data(
            sample.graph,
            candidates=torch.from_numpy(sample.candidates.astype(np.int64)),
            candidate_scores=torch.from_numpy(sample.candidate_scores.astype(np.float32)),
            expert_index=torch.tensor(sample.expert_index, dtype=torch.long),
        )
        return BranchingData(**{key: data[key] for key in data.keys()})
