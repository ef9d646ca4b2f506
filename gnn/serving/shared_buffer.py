"""A growable request buffer in shared memory, written by one client and read by the server.

A file under ``/dev/shm`` (memory, not disk, on Linux; the system's temporary folder elsewhere)
mapped by both processes. The client owns it and unlinks it on close; the server unlinks it
when the client's connection breaks, so a killed client leaves nothing behind. Plain files are
used rather than :class:`multiprocessing.shared_memory.SharedMemory`, whose resource tracker
(Python < 3.13) also claims segments that another process merely attaches to.
"""

from __future__ import annotations

import mmap
import os
import tempfile
from collections.abc import Sequence

import numpy as np

__all__ = ["ArrayLayout", "SharedRequestBuffer", "read_arrays", "unlink_quietly"]

#: ``(dtype string, shape, byte offset)`` of each array in a buffer.
ArrayLayout = tuple[tuple[str, tuple[int, ...], int], ...]

_ALIGNMENT = 64
_SHARED_MEMORY_DIR = "/dev/shm"


def _buffer_dir() -> str:
    if os.path.isdir(_SHARED_MEMORY_DIR) and os.access(_SHARED_MEMORY_DIR, os.W_OK):
        return _SHARED_MEMORY_DIR
    return tempfile.gettempdir()


def _aligned(n: int) -> int:
    return (n + _ALIGNMENT - 1) // _ALIGNMENT * _ALIGNMENT


def unlink_quietly(path: str) -> None:
    """Remove ``path`` if it still exists."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class SharedRequestBuffer:
    """The client's side: a mapped file that grows (as a new file) when a request needs more.

    Parameters
    ----------
    capacity
        Initial size in bytes.
    """

    def __init__(self, capacity: int = 1 << 20) -> None:
        self._map: mmap.mmap | None = None
        self.path = ""
        self._allocate(capacity)

    def _allocate(self, capacity: int) -> None:
        self.close()
        fd, self.path = tempfile.mkstemp(prefix="neuralmip-request-", dir=_buffer_dir())
        try:
            os.ftruncate(fd, capacity)
            self._map = mmap.mmap(fd, capacity)
        finally:
            os.close(fd)
        self.capacity = capacity

    def renew(self) -> None:
        """Switch to a fresh file (after a timeout, the server may still be reading this one)."""
        self._allocate(self.capacity)

    def write(self, arrays: Sequence[np.ndarray]) -> ArrayLayout:
        """Copy ``arrays`` into the buffer; returns where each one lies."""
        layout = []
        offset = 0
        for array in arrays:
            layout.append((array.dtype.str, tuple(array.shape), offset))
            offset = _aligned(offset + array.nbytes)
        if offset > self.capacity:
            self._allocate(max(offset, 2 * self.capacity))
        assert self._map is not None
        for array, (dtype, shape, start) in zip(arrays, layout, strict=True):
            np.ndarray(shape, dtype=dtype, buffer=self._map, offset=start)[...] = array
        return tuple(layout)

    def close(self) -> None:
        """Unmap and unlink the file (idempotent)."""
        if self._map is not None:
            self._map.close()
            self._map = None
            unlink_quietly(self.path)


def read_arrays(buffer: mmap.mmap, layout: ArrayLayout) -> list[np.ndarray]:
    """The server's side: private copies of the arrays described by ``layout``."""
    return [
        np.ndarray(shape, dtype=dtype, buffer=buffer, offset=offset).copy()
        for dtype, shape, offset in layout
    ]
