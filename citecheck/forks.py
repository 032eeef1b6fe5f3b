"""Work on one large document shared out over processes forked from the one that read it.

A forked process starts with the reading process's memory (the document, its notes, the
compiled patterns), so that only the part's number goes out and only its result comes back:
pickling a 10 MB book's document took longer than reading its notes in two halves saved.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from citecheck.errors import CitecheckError

__all__ = ["can_fork", "in_parts"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether worker processes may be forked from this one: on Linux, while it runs one thread
    (forking a process with threads, the progress bar's, can copy a lock another thread holds)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def in_parts(work: Callable[[int, int], T], parts: int) -> list[T]:
    """``[work(0, parts), work(1, parts), …]``: part 0 in this process while the others run in
    processes forked from it, each sending its result back through a pipe. With one part, or
    where :func:`can_fork` says no, every part runs here, one after another: the result is the
    same; so it is in a worker of a pool (a daemon process, which may start none). A forked process
    that stops before it sends its result (killed, out of memory, an error it printed) stops the
    run with a :class:`CitecheckError`; when this process fails (or is interrupted), the others are
    stopped."""
    if parts <= 1 or not can_fork():
        return [work(part, parts) for part in range(parts)]
    import multiprocessing  # the pool's libraries: imported by a run with --jobs only

    if multiprocessing.current_process().daemon:
        return [work(part, parts) for part in range(parts)]
    context = multiprocessing.get_context("fork")
    started: list[tuple[Any, Any]] = []
    for part in range(1, parts):
        receiver, sender = context.Pipe(duplex=False)
        receivers = [receiver, *(earlier for _, earlier in started)]
        process = context.Process(target=_send, args=(work, part, parts, sender, receivers), daemon=True)
        process.start()  # flushes standard output first, so the copy has nothing of it to write again
        sender.close()
        started.append((process, receiver))
    try:
        results = [work(0, parts)]
        for process, receiver in started:
            try:
                results.append(receiver.recv())
            except EOFError:
                raise CitecheckError(
                    "a --jobs worker process stopped before it finished (killed, out of memory, or the error "
                    "above); run again with --jobs 1"
                ) from None
    except BaseException:
        for process, _ in started:
            process.terminate()  # its part is not wanted any more
        raise
    finally:
        for process, receiver in started:
            receiver.close()
            process.join()
    return results


def _send(work: Callable[[int, int], Any], part: int, parts: int, sender: Any, receivers: list[Any]) -> None:
    """In a forked process: close the copies of the reading ends it was born with (so that a
    reader that stops reading ends a send at once), then work and send the result."""
    for receiver in receivers:
        receiver.close()
    sender.send(work(part, parts))
    sender.close()
