"""Interrupt Python code that runs past a time limit (SIGALRM, on the main thread, POSIX).

``with time_limit(seconds): ...`` raises :class:`TimeLimitExceeded` inside the block when it
overruns.  It is a BaseException, so the ``except Exception`` guards around rules and readers
do not swallow it, and the alarm repeats every second in case a plugin's bare ``except`` does.
Where no alarm can be set (Windows, a thread other than the main one) the block runs
unlimited; code stuck in C never reaches a signal handler either, which is why
:mod:`gip_lint.engine.parallel` also ends stuck workers from the parent.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

_REPEAT_SECONDS = 1.0


class TimeLimitExceeded(BaseException):
    """The file's time is up (raised by the alarm in the code that was running)."""


_armed = False


def _expire(signum, frame) -> None:
    if _armed:  # an alarm delivered just after the block ended is ignored
        raise TimeLimitExceeded()


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    global _armed
    if not seconds or not available():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        _armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        if previous is not None:  # None: a handler set from C, which Python cannot put back
            signal.signal(signal.SIGALRM, previous)
