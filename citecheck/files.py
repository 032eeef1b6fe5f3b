"""Writing files safely.

:func:`write_atomically` writes the whole text to a temporary file beside the target, flushes it
to disk and renames it over the target, so a reader sees the old file or the new one, never half
of either, and a failure midway leaves the old file as it was. Reports, exports and rewritten
manuscripts all go through it. :func:`refuse_overwrite` is the one guard that keeps a command
from writing onto its inputs.

:func:`replace_in_place` rewrites a file the user asked to have rewritten (``export
--in-place``): the new text goes to a file beside the target that carries the target's mode,
owner and group, and ``rename(2)`` puts it in the target's place, which POSIX makes atomic: at
every moment the path names either the old file or the whole new one. The temporary file has no
name while it is written (Linux ``O_TMPFILE``), so a ``kill -9`` then leaves nothing; it gets a
name only for the instant between ``link`` and ``rename``. Where ``O_TMPFILE`` is missing, a
named temporary file is removed on SIGINT, SIGTERM and SIGHUP (``kill -9`` cannot be caught).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Callable, Container, Iterator
from pathlib import Path
from typing import TextIO

from citecheck.errors import OutputError

__all__ = ["refuse_overwrite", "replace_in_place", "write_atomically"]


_WRITE_CHUNK = 1 << 20  # characters encoded and written at a time


def write_atomically(path: str | Path, text: str | Callable[[TextIO], object]) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines written as given), atomically; ``text``
    may be a function that writes it to the file it is given, a piece at a time (a large report
    is then never held whole).

    The new file gets the permissions a newly created file gets (``0o666`` minus the umask).
    OSError propagates; the target is then unchanged and no temporary file is left behind.
    """
    import tempfile  # imported when a file is written, not by every run

    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="\n", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            if callable(text):
                text(handle)
            else:
                for start in range(0, len(text), _WRITE_CHUNK):  # a 100 MB report is not encoded whole at once
                    handle.write(text[start : start + _WRITE_CHUNK])
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)
        os.replace(handle.name, target)
    except BaseException:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        raise


def refuse_overwrite(target: Path, inputs: Container[Path], refusal: str, *, folder: str | None = None) -> None:
    """Raise :class:`OutputError` with ``refusal`` when ``target`` resolves to one of ``inputs``
    (resolved paths), and with ``folder`` (when given) when ``target`` is a folder.

    Every command that writes a file asks this first: an input is never overwritten unless the
    user asked for it by name (``export --in-place``).
    """
    if target.resolve() in inputs:
        raise OutputError(refusal)
    if folder is not None and target.is_dir():
        raise OutputError(folder)


def replace_in_place(path: str | Path, text: str, shown: str, *, force: bool = False) -> None:
    """Replace the existing file ``path`` with ``text`` (UTF-8) atomically, keeping its mode and,
    where permitted, its owner and group (see the module docstring).

    Without ``force`` a read-only file and a file another user owns are refused, as is anything
    but a regular file. Raises :class:`~citecheck.errors.OutputError`, naming the file as
    ``shown``; the target is then unchanged and nothing is left beside it.
    """
    target = Path(path)
    try:
        info = target.stat()
    except OSError as error:
        raise OutputError(f"cannot rewrite {shown}: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"refusing to rewrite {shown}: it is not a regular file")
    if not force and not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"refusing to rewrite {shown}: it is read-only (give --force to rewrite it anyway)")
    if not force and hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise OutputError(
            f"refusing to rewrite {shown}: it belongs to another user (uid {info.st_uid}); give --force to rewrite it"
        )
    try:
        _replace(target, text.encode("utf-8"), info)
    except OSError as error:
        raise OutputError(f"cannot rewrite {shown}: {error.strerror or error}") from None


def _replace(target: Path, data: bytes, info: os.stat_result) -> None:
    folder = target.parent
    try:
        handle = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # not Linux, or a file system without unnamed files
        _replace_named(target, data, info)
        return
    name = f".{target.name}.{os.urandom(4).hex()}.tmp"
    place = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _fill(handle, data, info)
        try:
            # linkat(2) with AT_SYMLINK_FOLLOW (Python uses it when a dir_fd is given): the
            # unnamed file gets a name; plain link(2) would refuse the /proc link.
            os.link(f"/proc/self/fd/{handle}", name, dst_dir_fd=place, follow_symlinks=True)
        except OSError:  # no /proc to name it through
            _replace_named(target, data, info)
            return
        try:
            os.replace(name, target.name, src_dir_fd=place, dst_dir_fd=place)
        except BaseException:
            _remove(folder / name)
            raise
        os.fsync(place)
    finally:
        os.close(handle)
        os.close(place)


def _replace_named(target: Path, data: bytes, info: os.stat_result) -> None:
    import tempfile

    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with _removed_on_signal(name):
        try:
            try:
                _fill(handle, data, info)
            finally:
                os.close(handle)
            os.replace(name, target)
        except BaseException:
            _remove(name)
            raise
    _sync_folder(target.parent)


def _fill(handle: int, data: bytes, info: os.stat_result) -> None:
    """Write ``data`` to the open file and give it the mode, owner and group of ``info``."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]
    for owner, group in ((info.st_uid, info.st_gid), (-1, info.st_gid)):
        try:
            os.fchown(handle, owner, group)
            break
        except OSError:  # only root may give a file away; a member may still set the group
            continue
    os.fchmod(handle, stat.S_IMODE(info.st_mode))
    os.fsync(handle)


def _remove(name: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder (where the platform allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # type: ignore[attr-defined]
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def _removed_on_signal(name: str) -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP first remove ``name``, then act as before."""
    wanted = [getattr(signal, sig) for sig in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, sig)]
    previous = {}

    def cleanup(number: int, frame: object) -> None:
        _remove(name)
        signal.signal(number, previous[number])
        os.kill(os.getpid(), number)

    try:
        for number in wanted:
            previous[number] = signal.signal(number, cleanup)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
