"""Discovery of a family's instances: bad files skipped and listed, duplicates dropped, spread."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from experiments.fit.config import FitError
from experiments.fit.discover import content_hash, discover_instances, instance_files
from instances.generators import generate_instances, preset


def _batch(folder: Path, class_name: str = "setcover", count: int = 3, seed: int = 0) -> list[Path]:
    return generate_instances(class_name, preset(class_name, "tiny"), count, seed, folder)


def _lines() -> tuple[list[str], Callable[[str], None]]:
    lines: list[str] = []
    return lines, lines.append


def test_empty_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not an instance")
    with pytest.raises(FitError, match=f"{tmp_path}: folder holds no instance files"):
        instance_files([tmp_path])
    with pytest.raises(FitError, match="no such file or folder"):
        instance_files([tmp_path / "missing"])


def test_bad_files_are_skipped_and_listed(tmp_path: Path) -> None:
    good = _batch(tmp_path / "family")
    (tmp_path / "family" / "broken.mps").write_text("this is not an MPS file\n")
    (tmp_path / "family" / "empty.lp").write_text("")
    (tmp_path / "family" / "relaxation.lp").write_text(
        "Minimize\n obj: x + y\nSubject To\n c1: x + y >= 1\nEnd\n"
    )
    lines, log = _lines()
    catalog = discover_instances([tmp_path / "family"], log)
    assert sorted(catalog.instances) == sorted(good)
    skipped = dict(catalog.skipped)
    assert set(skipped) == {
        str(tmp_path / "family" / n) for n in ("broken.mps", "empty.lp", "relaxation.lp")
    }
    assert "no integer variables" in skipped[str(tmp_path / "family" / "relaxation.lp")]
    assert "the file is empty" in skipped[str(tmp_path / "family" / "empty.lp")]
    assert sum(line.startswith("skipped ") for line in lines) == 3


def test_duplicates_are_dropped_by_contents_even_compressed(tmp_path: Path) -> None:
    first, *_ = _batch(tmp_path / "family")
    copy = tmp_path / "family" / "z-copy.mps"  # after the original by name
    shutil.copy(first, copy)
    packed = tmp_path / "other" / "packed.mps.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(first.read_bytes()))
    assert content_hash(packed) == content_hash(first)
    lines, log = _lines()
    catalog = discover_instances([tmp_path / "family", packed], log)
    assert len(catalog.instances) == 3
    assert {dropped for dropped, _ in catalog.duplicates} == {str(copy), str(packed)}
    assert all(kept == str(first) for _, kept in catalog.duplicates)
    assert sum(line.startswith("dropped ") for line in lines) == 2


def test_nothing_usable_lists_why(tmp_path: Path) -> None:
    (tmp_path / "broken.mps").write_text("garbage\n")
    with pytest.raises(FitError, match=r"no usable instance\n  skipped .*broken.mps"):
        discover_instances([tmp_path])


def test_same_names_in_two_folders_are_refused(tmp_path: Path) -> None:
    first, *_ = _batch(tmp_path / "a", seed=0)
    other = _batch(tmp_path / "src", seed=1)[0]
    (tmp_path / "b").mkdir()
    shutil.copy(other, tmp_path / "b" / first.name)
    with pytest.raises(FitError, match="have the same name"):
        discover_instances([tmp_path / "a", tmp_path / "b"])


def test_a_mixed_family_is_warned_about(tmp_path: Path) -> None:
    _batch(tmp_path / "cover", "setcover", count=2)
    _batch(tmp_path / "facilities", "facilities", count=2)
    lines, log = _lines()
    catalog = discover_instances([tmp_path], log)
    assert catalog.spread.wide
    assert any("differ widely in structure" in line for line in lines)
    lines, log = _lines()
    assert not discover_instances([tmp_path / "cover"], log).spread.wide
    assert not any("differ widely" in line for line in lines)
