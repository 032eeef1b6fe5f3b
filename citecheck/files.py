"""Writing files safely.

:func:`write_atomically` writes the whole text to a temporary file beside the target, flushes it
to disk and renames it over the target, so a reader sees the old file or the new one, never half
of either, and a failure midway leaves the old file as it was. Reports, exports and rewritten
manuscripts all go through it. :func:`refuse_overwrite` is the one guard that keeps a command
from writing onto its inputs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Container
from pathlib import Path

from citecheck.errors import OutputError

__all__ = ["refuse_overwrite", "write_atomically"]


def write_atomically(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines written as given), atomically.

    The new file gets the permissions a newly created file gets (``0o666`` minus the umask).
    OSError propagates; the target is then unchanged and no temporary file is left behind.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="\n", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
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
