"""Pausing Python's cyclic garbage collector while many long-lived objects are made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector; restore it afterwards.

    A run builds a few hundred thousand small objects (a 20,000-entry bibliography has some
    110,000 fields) and frees them by reference counting; meanwhile the collector would walk
    that growing heap again and again, which costs a third of the time of loading and checking
    a large bibliography. When the run is over, what it made is moved straight to the oldest
    generation (``gc.freeze`` then ``gc.unfreeze``) instead of being walked once more at the
    next allocation; the next full collection frees any cycles among it (unless the host
    process keeps frozen objects of its own, which are left as they are). A run pauses it
    (``pipeline.run``), and so does the loader while it reads a bibliography; a pause inside
    another changes nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
